/*
 * answers.h — one answer set as the evaluator reads it: per node, the option
 * chosen for an item or the value given for a fact, plus the header fields
 * (subject, assessor, date) and each answer's note and evidence.
 */
#ifndef TK_ANSWERS_H
#define TK_ANSWERS_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "graph.h"
#include "source.h"

enum { ANSWER_NONE = -1, ANSWER_INVALID = -2 };

typedef struct fact_value {
    bool given;
    value_type type;
    double number;          /* numbers, booleans (0/1), enum member index */
    const char *string;     /* strings and dates (YYYY-MM-DD) */
} fact_value;

struct tk_answers {
    arena region;
    const tk_graph *graph;
    const char *path;
    size_t document;        /* 1-based position in the stream */
    const char *rules, *subject, *assessed, *assessor;
    int32_t *options;       /* per node: option index, ANSWER_NONE or ANSWER_INVALID */
    const char **raw;       /* per node: the answer as written, for invalid ones */
    bool *given_twice;      /* per node: answered more than once, so invalid */
    const char **notes;     /* per node, or NULL */
    const char **evidence;  /* per node, or NULL */
    fact_value *facts;      /* per node */
};

/* An empty answer set: nothing answered, no fact given. */
struct tk_answers *answers_create(const tk_graph *graph, const char *path, size_t document);

/* The option an answer names (key, label, alias, or points when only one
   option has them): its index, ANSWER_INVALID, or -3 when points match several. */
int answers_match_option(const graph_scale *scale, const char *answer);

#endif
