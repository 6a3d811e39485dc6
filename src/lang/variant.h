/*
 * variant.h — variants: a checklist derived from another module without
 * copying it. The changes a variant lists are applied to the base module's
 * syntax tree before names are resolved, so a variant compiles to the same
 * kind of graph as a module written out in full.
 */
#ifndef TK_VARIANT_H
#define TK_VARIANT_H

#include "lang/ast.h"
#include "base/diag.h"
#include "lang/modules.h"

/* The variant `name` declared by the root module, or NULL. */
const ast_variant *variant_find(const ast_module *root, const char *name);

/* Apply a variant's changes to its base module (in place: the base is loaded
   for this compilation only) and make it modules[0], named
   ROOT_MODULE.VARIANT. Problems are reported; returns false when the base
   module is missing. */
bool variant_apply(arena *region, module_set *modules, const ast_variant *variant,
                   diag_list *diags);

#endif
