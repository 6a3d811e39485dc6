/*
 * coverage.h — what one framework's controls reach in another through the
 * maps between them (doc/mappings.md has the algebra): per target control
 * `full`, `partial` or `none`, with the source controls it came through; per
 * clause and in all, how many of each. Nothing is inferred from pairs that
 * no map row relates.
 */
#ifndef TK_COVERAGE_H
#define TK_COVERAGE_H

#include "lang/catalog.h"
#include "answers/control_answers.h"

typedef enum coverage_level { COVERAGE_NONE, COVERAGE_PARTIAL, COVERAGE_FULL } coverage_level;

typedef struct coverage_via {
    const char *source_id;
    relation_kind relation;     /* the source's relation to the target */
    control_status status;      /* what the answers say of the source */
    coverage_level gives;
} coverage_via;

typedef struct control_coverage {
    const catalog_control *target;
    coverage_level level;
    bool is_new;                /* a map marks it as having no counterpart */
    coverage_via *via;
    size_t via_count, via_capacity;
} control_coverage;

typedef struct clause_coverage {
    const catalog_control *clause;
    size_t counts[3];           /* per coverage_level */
} clause_coverage;

typedef struct coverage_report {
    const catalog_framework *from, *to;
    const control_answers *answers;     /* NULL: structural reach */
    const catalog_map **maps;               /* the maps used */
    size_t map_count, map_capacity;
    control_coverage *controls;         /* the target's units, in order */
    size_t control_count;
    clause_coverage *clauses;
    size_t clause_count, clause_capacity;
    size_t counts[3];                   /* per coverage_level */
} coverage_report;

/* The coverage of `to` from `from` through every map between the two, read
   in either direction; NULL (reported at `path`) when no map relates them. */
coverage_report *coverage_compute(arena *region, const catalog *catalogue,
                                  const catalog_framework *from, const catalog_framework *to,
                                  const control_answers *answers, const char *path,
                                  diag_list *diags);

/* The same through the maps given (a checklist's references, say). */
coverage_report *coverage_compute_maps(arena *region, const catalog_framework *from,
                                       const catalog_framework *to, const catalog_map **maps,
                                       size_t map_count, const control_answers *answers);

const char *coverage_level_name(coverage_level level);

/* A relation read from the other side: a subset-of b is b superset-of a. */
relation_kind relation_inverse(relation_kind relation);

#endif
