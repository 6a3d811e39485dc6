/*
 * typecheck.h — type checking of a resolved, ordered graph: every expression gets
 * its type, conditions and gates must be true/false, comparisons must compare
 * like with like. Runs in topological order so a value's type is known
 * before any use of it.
 */
#ifndef TK_TYPECHECK_H
#define TK_TYPECHECK_H

#include "base/diag.h"
#include "lang/graph.h"

/* Errors are reported at the expressions' places in `sources` (per graph
   file); with NULL sources (a loaded .tkc) they are only counted. */
void check_types(tk_graph *graph, const source *const *sources, diag_list *diags);

/* The type of one expression of a finished graph, errors reported. */
value_type check_expression(tk_graph *graph, const gexpr *expr, const source *const *sources,
                            diag_list *diags);

#endif
