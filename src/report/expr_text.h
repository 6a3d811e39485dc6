/*
 * expr_text.h — an expression of the evaluation graph written back as rule
 * source, for templates and graphs: `not stores_data`, `employees <= 20`,
 * `sum(points of section selection)`. It is rebuilt from the graph, so it
 * reads the same whichever file (a base module or a variant) wrote it.
 */
#ifndef TK_EXPR_TEXT_H
#define TK_EXPR_TEXT_H

#include <stddef.h>

#include "base/arena.h"
#include "lang/graph.h"

/* The expression as tenken source, in `region`. Names of values and items of
   other checklists than `checklist` (NO_INDEX: module level) are qualified. */
const char *expr_text(arena *region, const tk_graph *graph, const gexpr *expr, size_t checklist);

/* A number as rule files write it: 3, 0.5, -1. */
const char *expr_number_text(arena *region, decimal number);

/* A band's bounds as rule files write them: ">= 70 < 100", "< 50"; "" for none. */
const char *band_bounds_text(arena *region, const graph_band *band);

/* A string in double quotes with the language's escapes. */
const char *expr_quote(arena *region, const char *text);

#endif
