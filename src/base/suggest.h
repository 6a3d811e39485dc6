/*
 * suggest.h — "did you mean": the closest known name to one that is unknown.
 * Full-width digits and letters count as their half-width forms, so "１.1"
 * suggests "1.1" (the seeds mix them).
 */
#ifndef TK_SUGGEST_H
#define TK_SUGGEST_H

#include <stddef.h>

typedef struct suggestion {
    const char *wanted;
    const char *best;       /* NULL until a candidate is close enough */
    size_t best_distance;
} suggestion;

void suggest_begin(suggestion *state, const char *wanted);
void suggest_consider(suggestion *state, const char *candidate);
/* The best candidate, or NULL when none is close. */
const char *suggest_result(const suggestion *state);

#endif
