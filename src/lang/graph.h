/*
 * graph.h — the evaluation graph, the product of compilation. Every fact,
 * item, value and gate is a node; nodes are stored in topological order so
 * one pass over the array evaluates an answer set. A graph is immutable once
 * built and may be shared by any number of evaluations at once.
 */
#ifndef TK_GRAPH_H
#define TK_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "lang/ast.h"
#include "base/strmap.h"

#define NO_INDEX SIZE_MAX

typedef enum node_kind { NODE_FACT, NODE_ITEM, NODE_VALUE, NODE_GATE, NODE_STAGES } node_kind;

/* The type of an expression, fixed at compile time. */
typedef enum value_type {
    TYPE_ERROR,     /* already reported; suppresses follow-on errors */
    TYPE_NUMBER,
    TYPE_BOOL,
    TYPE_STRING,
    TYPE_DATE,
    TYPE_ENUM,
} value_type;

typedef enum aggregate_function {
    AGG_SUM, AGG_COUNT, AGG_ALL, AGG_ANY, AGG_MIN, AGG_MAX,
} aggregate_function;

typedef enum item_attribute { ATTR_POINTS, ATTR_MAX, ATTR_WEIGHT } item_attribute;

typedef enum gexpr_kind {
    G_NUMBER, G_BOOL, G_STRING,
    G_NODE,         /* the value of a fact, value or gate node */
    G_ITEM_POINTS,  /* weighted points of an item node */
    G_ITEM_IS,      /* an item answered with one option */
    G_FACT_IS,      /* an enum fact equal to one member */
    G_NOT, G_NEGATE, G_BINARY, G_IF, G_AGGREGATE,
} gexpr_kind;

typedef struct gexpr gexpr;

typedef struct gaggregate {
    aggregate_function function;
    element_kind element;
    item_attribute attribute;
    size_t *items;          /* item nodes of the selection */
    int *options;           /* ELEMENT_IS: per item, the option index of the key */
    size_t item_count;
    const gexpr *unanswered_as;   /* NULL: unanswered makes the result unknown */
} gaggregate;

struct gexpr {
    gexpr_kind kind;
    value_type type;
    const source *file;     /* where the expression is written (where is a span in it) */
    const ast_list *enum_members;   /* TYPE_ENUM: the members, for names and equality */
    span where;
    double number;
    bool boolean;
    const char *string;
    size_t node;            /* G_NODE, G_ITEM_*, G_FACT_IS */
    int option;             /* G_ITEM_IS option index; G_FACT_IS member index */
    binary_op op;
    const gexpr *left, *right, *otherwise;
    gaggregate aggregate;
};

typedef struct graph_option {
    const char *key;
    double points;
    const ast_text *label;
    const ast_list *aliases;    /* ast_alias* */
    uint32_t label_is_own;      /* bit i: label variant i names this option, not another
                                   (set by graph_index_scale; reports write such labels) */
} graph_option;

typedef struct graph_scale {
    const char *name;           /* NULL for inline options */
    graph_option *options;
    size_t option_count;
    double max_points;          /* the best option's points */
    strmap by_text;             /* key, label or alias -> (option index + 1): answers are
                                   matched in one lookup, the first option's word wins */
} graph_scale;

/* Fill a scale's by_text once its options are set. */
void graph_index_scale(arena *region, graph_scale *scale);

typedef struct graph_exclusion {
    const gexpr *condition;
    const ast_text *reason;
} graph_exclusion;

typedef struct graph_item {
    const ast_item *decl;
    const graph_scale *scale;
    double weight;
    size_t section;             /* index into the checklist's sections, or NO_INDEX */
    graph_exclusion *exclusions;
    size_t exclusion_count;
    const gexpr **only_when;
    size_t only_when_count;
} graph_item;

typedef struct graph_fact {
    const ast_fact *decl;
    value_type type;
    const gexpr *default_value; /* NULL: the fact is unknown unless given */
} graph_fact;

/* One stage of a ladder. During-stages are not on the ladder: they are
   active while the current stage lies between two ladder stages. */
typedef struct graph_stage {
    const ast_stage *decl;
    const gexpr *enter_when;    /* NULL: entered with the stage before it */
    bool is_during;
    size_t during_from, during_to;   /* ladder positions, for during-stages */
} graph_stage;

typedef struct graph_stage_start {
    size_t stage;               /* position in the stages array */
    const gexpr *condition;
} graph_stage_start;

typedef struct graph_stages {
    const ast_stages *decl;
    graph_stage *stages;        /* in source order, during-stages included */
    size_t stage_count;
    graph_stage_start *starts;
    size_t start_count;
} graph_stages;

typedef struct graph_node {
    node_kind kind;
    const char *name;           /* fact or value name, or item id */
    size_t checklist;           /* owning checklist, or NO_INDEX for module level */
    value_type type;            /* of a fact, value or gate; items are numbers */
    const ast_list *enum_members;   /* TYPE_ENUM: the members of the enum */
    const gexpr *expr;          /* values and gates */
    graph_item *item;           /* items */
    graph_fact *fact;           /* facts */
    graph_stages *stages;       /* stage ladders */
    const ast_value *value_decl;
    const source *file;
    span where;
} graph_node;

typedef struct graph_section {
    const ast_section *decl;
    size_t parent;              /* index of the enclosing section, or NO_INDEX */
    size_t *items;              /* item nodes, nested sections included */
    size_t item_count, item_capacity;
} graph_section;

typedef struct graph_checklist {
    const ast_checklist *decl;
    const char *name;
    size_t *items;              /* item nodes in source order */
    size_t item_count, item_capacity;
    graph_section *sections;
    size_t section_count, section_capacity;
    size_t *values;             /* value and gate nodes in source order */
    size_t value_count, value_capacity;
    strmap item_by_id;          /* id -> (node index + 1) */
    strmap value_by_name;       /* name -> (node index + 1) */
} graph_checklist;

struct tk_graph {
    arena region;               /* owns the graph, the syntax trees and the sources */
    const char *module;
    const char *base_module;    /* for a variant: the module it extends; else NULL */
    const char *variant;        /* the variant compiled, or NULL for the module itself */
    bool precompiled;           /* loaded from a .tkc file (src/tkc.c) */
    graph_node *nodes;          /* topological order */
    size_t node_count;
    graph_checklist *checklists;
    size_t checklist_count;
    size_t *facts;              /* fact nodes, declaration order */
    size_t fact_count;
    size_t *values;             /* module-level value and gate nodes */
    size_t value_count;
    size_t *ladders;            /* stage-ladder nodes, declaration order */
    size_t ladder_count;
    struct graph_test *tests;   /* the test blocks that run against this graph */
    size_t test_count;
    const char *const *variant_names;   /* variants the root module declares */
    size_t variant_count;
    strmap checklist_by_name;   /* name -> (index + 1) */
    strmap fact_by_name;        /* name -> (node index + 1) */
    strmap value_by_name;       /* module-level name -> (node index + 1) */
    strmap ladder_by_name;      /* stage-ladder name -> (node index + 1) */
};

typedef struct tk_graph tk_graph;

/* Map lookups store index + 1 so that 0 (NULL) means absent. */
static inline size_t graph_lookup(const strmap *map, const char *key) {
    void *found = strmap_get(map, key);
    return found ? (size_t)(uintptr_t)found - 1 : NO_INDEX;
}
static inline void *graph_index_value(size_t index) { return (void *)(uintptr_t)(index + 1); }

/* Order the nodes so every node follows what it depends on, renumbering every
   reference; reports each dependency cycle (TK0401). Returns false on a cycle. */
struct diag_list;
bool graph_sort(tk_graph *graph, struct diag_list *diags);

const char *value_type_name(value_type type);

#endif
