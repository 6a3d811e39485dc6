/*
 * lint.h — warnings about rule files that compile: scales and imports
 * nothing uses, items that can never apply, ids that differ only by full-width and
 * half-width characters, texts missing a language their siblings have.
 */
#ifndef TK_LINT_H
#define TK_LINT_H

#include "lang/ast.h"
#include "lang/graph.h"

struct lowering;

/* Warn, at the places of the lowering's sources, about a graph that
   compiled without errors. */
void lint_graph(const struct lowering *lowering, const ast_module *root);

/* An id with full-width ASCII (U+FF01..U+FF5E) folded to half-width: ids
   that fold to the same text are near-collisions (TK0606). */
const char *lint_fold_width(arena *region, const char *id);

#endif
