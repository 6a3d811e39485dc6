/*
 * resolve.h — name resolution: from the syntax trees of a module set to the
 * nodes of an evaluation graph, every name bound to what it denotes (scale,
 * fact, item, option, section, checklist, value). Expressions are lowered to
 * bound expressions (gexpr); their types are checked later (check.h).
 */
#ifndef TK_RESOLVE_H
#define TK_RESOLVE_H

#include "base/diag.h"
#include "lang/graph.h"
#include "lang/modules.h"

/* Fill graph->nodes (in declaration order), checklists, facts and values. */
void resolve_modules(tk_graph *graph, const module_set *modules, diag_list *diags);

/* Bind an expression at module level in a finished graph (test blocks). */
const gexpr *resolve_expression(tk_graph *graph, const ast_expr *expr, const source *file,
                                diag_list *diags);

#endif
