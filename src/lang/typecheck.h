/*
 * check.h — type checking of a resolved, ordered graph: every expression gets
 * its type, conditions and gates must be true/false, comparisons must compare
 * like with like. Runs in topological order so a value's type is known
 * before any use of it.
 */
#ifndef TK_CHECK_H
#define TK_CHECK_H

#include "base/diag.h"
#include "lang/graph.h"

void check_types(tk_graph *graph, diag_list *diags);

/* The type of one expression of a finished graph, errors reported. */
value_type check_expression(tk_graph *graph, const gexpr *expr, const source *file,
                            diag_list *diags);

#endif
