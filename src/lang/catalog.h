/*
 * catalog.h — frameworks, maps and item references, checked and indexed: the
 * stage after parsing that turns the framework and map declarations of a set
 * of modules into lookup tables, reporting unknown frameworks and control ids
 * (with "did you mean"), duplicate ids, contradicting rows, and maps that
 * leave source controls unmapped. The coverage stage (coverage.h) reads it.
 */
#ifndef TK_CATALOG_H
#define TK_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/ast.h"
#include "base/diag.h"
#include "lang/modules.h"
#include "base/strmap.h"

typedef struct catalog_framework {
    const ast_framework *ast;
    const ast_control **nodes;  /* every node, depth first in source order */
    size_t node_count;
    strmap node_by_id;          /* id → const ast_control* */
    control_kind unit_kind;     /* the kind of node coverage counts */
    bool has_kind[4];           /* per control_kind: whether any node is of it */
} catalog_framework;

/* An item of a checklist that refers to a control. */
typedef struct catalog_ref {
    const ast_item *item;
    const char *checklist;
    const ast_ref *ref;
} catalog_ref;

typedef struct catalog {
    catalog_framework *frameworks;
    size_t framework_count;
    strmap framework_by_id;     /* id → catalog_framework* */
    const ast_map **maps;
    size_t map_count;
    catalog_ref *refs;
    size_t ref_count;
} catalog;

/* Index the frameworks, maps and references of every module in the set and
   report what is wrong with them. Maps of `lint_module` (may be NULL) are
   also checked for source controls they leave unmapped (a warning). */
catalog *catalog_build(arena *region, const module_set *modules, const ast_module *lint_module,
                       diag_list *diags);

const catalog_framework *catalog_find(const catalog *catalogue, const char *id);

/* The same, or NULL with TK0701 and the nearest id: reported at `where` in
   `file`, or, when `option` is not NULL, at that command-line option. */
const catalog_framework *catalog_require(const catalog *catalogue, const char *id,
                                         const source *file, span where, const char *option,
                                         diag_list *diags);
const ast_control *catalog_node(const catalog_framework *framework, const char *id);

/* Whether a node counts in coverage: it is of its framework's unit kind. */
bool catalog_is_unit(const catalog_framework *framework, const ast_control *node);

/* The top-level node (clause) a node sits under, or the node itself. */
const ast_control *catalog_top(const ast_control *node);

#endif
