/*
 * catalog.h — the control catalogue: frameworks, maps between them and the
 * items' references to their controls, checked and indexed by the front end
 * (catalog.c) and self-contained, as the evaluation graph is: every id,
 * title and note is the catalogue's own copy, so the syntax trees it came
 * from can be freed. The coverage stage (frameworks/) reads it.
 */
#ifndef TK_CATALOG_H
#define TK_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "lang/graph.h"

/* One node of a catalogue: a clause, objective, control or detailed control. */
typedef struct catalog_control catalog_control;
struct catalog_control {
    control_kind kind;
    const char *id;
    graph_text title, note, source_ref;
    obligation obligation;
    const catalog_control *parent;      /* NULL at the top */
    const catalog_control **children;
    size_t child_count;
    size_t depth;                       /* 0 at the top */
};

typedef struct catalog_gate {
    selection_rule rule;
    const char *name;
    graph_text title;
    control_kind kind, child_kind;
} catalog_gate;

typedef struct catalog_framework {
    const char *id;
    graph_text title, note, source_ref;
    const char *edition;
    const catalog_control **nodes;  /* every node, depth first in source order */
    size_t node_count;
    strmap node_by_id;              /* id → const catalog_control* */
    control_kind unit_kind;         /* the kind of node coverage counts */
    bool has_kind[CONTROL_KIND_COUNT];  /* whether any node is of each kind */
    catalog_gate *gates;
    size_t gate_count;
} catalog_framework;

/* `"a" RELATION "b"`, `"a" no-relationship` or `new "b"` in a map. */
typedef struct catalog_row {
    relation_kind relation;
    const char *source_id;          /* NULL for RELATION_NEW */
    const char *target_id;          /* NULL for RELATION_NO_RELATIONSHIP */
    graph_text note, source_ref;
} catalog_row;

typedef struct catalog_map {
    const char *from, *to;          /* framework ids */
    graph_text title, source_ref;
    const char *path;               /* the rule file it is written in */
    unsigned line;
    catalog_row *rows;
    size_t row_count;
} catalog_map;

/* An item's `ref [RELATION] FRAMEWORK:"id"`, and where the item is. */
typedef struct catalog_ref {
    const char *module, *checklist, *item;
    relation_kind relation;
    const char *framework, *control;
} catalog_ref;

/* A module the catalogue was loaded from, by name. */
typedef struct catalog_module {
    const char *name, *path;
} catalog_module;

typedef struct catalog {
    catalog_framework *frameworks;
    size_t framework_count;
    strmap framework_by_id;         /* id → catalog_framework* */
    catalog_map *maps;
    size_t map_count;
    catalog_ref *refs;
    size_t ref_count;
    catalog_module *modules;
    size_t module_count;
} catalog;

/* Load the modules of `files` (and what they import) and build their
   catalogue in `region`; NULL when a file cannot be read or the catalogue
   has errors (reported). The syntax trees are freed before returning. */
catalog *catalog_load(arena *region, const char *const *files, size_t file_count,
                      const char *const *directories, size_t directory_count, diag_list *diags);

const catalog_framework *catalog_find(const catalog *catalogue, const char *id);
/* A module of the catalogue by name, or NULL. */
const catalog_module *catalog_module_named(const catalog *catalogue, const char *name);

/* The same, or NULL with TK0701 and the nearest id: reported at `where` in
   `file`, or, when `option` is not NULL, at that command-line option. */
const catalog_framework *catalog_require(const catalog *catalogue, const char *id,
                                         const source *file, span where, const char *option,
                                         diag_list *diags);
const catalog_control *catalog_node(const catalog_framework *framework, const char *id);

/* Whether a node counts in coverage: it is of its framework's unit kind. */
bool catalog_is_unit(const catalog_framework *framework, const catalog_control *node);

/* The top-level node (clause) a node sits under, or the node itself. */
const catalog_control *catalog_top(const catalog_control *node);

#endif
