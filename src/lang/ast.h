/*
 * ast.h — the syntax tree the parser builds from one rule file. Every node
 * keeps its byte span so later stages (and the evaluator's traces) can point
 * back into the file. The resolver fills the `resolved` fields in place.
 */
#ifndef TK_AST_H
#define TK_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/decimal.h"
#include "base/source.h"
#include "lang/graph.h"
#include "lang/kinds.h"

/* A generic growable list of pointers, kept in the compilation arena. */
typedef struct ast_list {
    void **items;
    size_t count, capacity;
} ast_list;

void ast_list_push(arena *region, ast_list *list, void *item);

/* A text in one or more languages: `"…"` or `ja "…" en "…"`. */
typedef struct ast_text {
    text_variant *variants;
    size_t count;           /* 0: no text given */
    span where;
} ast_text;

/* {=== expressions ===} */

typedef enum expr_kind {
    EXPR_NUMBER,
    EXPR_BOOL,
    EXPR_STRING,            /* a string literal (fact defaults); name holds it */
    EXPR_NAME,              /* fact, value or gate: name or checklist.name */
    EXPR_ITEM,              /* item "id" or item checklist."id": the item's points */
    EXPR_IS,                /* operand is option_key: an item's option or an enum fact */
    EXPR_NOT,
    EXPR_NEGATE,
    EXPR_BINARY,
    EXPR_IF,
    EXPR_AGGREGATE,
    EXPR_GATE,              /* gate name or gate checklist.name: a gate, said so */
    EXPR_STAGE,             /* stage NAME: a stage ladder (in test expectations) */
    EXPR_BAND,              /* band NAME: the band a value falls in (in test expectations) */
    EXPR_CALL,              /* NAME(left) or NAME(left, right): round, floor, ceil, abs */
} expr_kind;

typedef enum selection_kind {
    SELECT_ITEMS,           /* every item of the enclosing checklist */
    SELECT_SECTION,         /* the items of one section, nested sections included */
    SELECT_CHECKLIST,       /* every item of a named checklist */
} selection_kind;

typedef struct ast_expr ast_expr;

typedef struct ast_aggregate {
    const char *function;   /* sum, count, all, any, min, max */
    span function_span;
    element_kind element;
    const char *attribute;  /* for ELEMENT_ATTRIBUTE */
    span attribute_span;
    const char *option_key; /* for ELEMENT_IS */
    span option_span;
    selection_kind selection;
    const char *selection_name;   /* section or checklist name */
    span selection_span;
    ast_expr *unanswered_as;      /* NULL: unanswered items make the result unknown */
} ast_aggregate;

enum { AST_MAX_EXPR_DEPTH = 1000 };  /* deeper trees are refused at parse time */

struct ast_expr {
    expr_kind kind;
    span where;
    unsigned depth;         /* 1 + the deepest operand: later stages recurse this deep */
    const source *file;     /* the file the expression is written in */
    decimal number;         /* EXPR_NUMBER */
    bool boolean;           /* EXPR_BOOL */
    const char *qualifier;  /* EXPR_NAME, EXPR_ITEM: checklist name or NULL */
    const char *name;       /* EXPR_NAME: name; EXPR_ITEM: item id; EXPR_CALL: function */
    span name_span;
    const char *option_key; /* EXPR_IS */
    span option_span;
    binary_op op;
    ast_expr *left, *right, *otherwise;   /* operands; `if left then right else otherwise` */
    ast_aggregate aggregate;
};

/* {=== declarations ===} */

typedef struct ast_alias {
    const char *text;
    span where;
} ast_alias;

typedef struct ast_option {
    const char *key;
    span where;
    decimal points;
    ast_text label;
    ast_list aliases;       /* ast_alias* */
} ast_option;

typedef struct ast_scale {
    const char *name;       /* NULL for an item's inline options */
    span where;
    ast_list options;       /* ast_option* */
    const source *file;
    bool after_syntax_error;   /* options may be missing: no empty-scale report */
} ast_scale;

typedef enum fact_type { FACT_BOOL, FACT_NUMBER, FACT_STRING, FACT_DATE, FACT_ENUM } fact_type;

/* A number fact's bounds: `in LOW .. HIGH` (inclusive) and `whole`. */
typedef struct ast_fact_bounds {
    ast_expr *minimum, *maximum;    /* number literals, or NULL for an open end */
    bool whole;
    span where;
} ast_fact_bounds;

typedef struct ast_fact {
    const char *name;
    span where;
    bool fixed;             /* fixed by a variant: answers cannot change it */
    fact_type type;
    ast_list enum_members;  /* const char* */
    ast_expr *default_value;   /* a literal, or NULL */
    ast_fact_bounds bounds;
    ast_text description;
    const source *file;
} ast_fact;

typedef struct ast_exclusion {
    ast_expr *condition;
    ast_text reason;
    span where;
    const char *until;      /* the last day it holds, YYYY-MM-DD, or NULL */
    span until_span;
} ast_exclusion;

typedef struct ast_section ast_section;
typedef struct ast_checklist ast_checklist;

/* `ref [RELATION] FRAMEWORK:"id"` on an item: the control the item bears on. */
typedef struct ast_ref {
    relation_kind relation; /* RELATION_INTERSECTS when not written */
    const char *framework;
    span framework_span;
    const char *control;
    span control_span;
} ast_ref;

typedef struct ast_item {
    const char *id;
    span where;
    const char *qualifier;  /* in a variant: the checklist of the item changed */
    const source *file;
    ast_text text, label, question, note, source_ref, printed;
    const char *scale_name;
    span scale_span;
    ast_scale *options;     /* inline options, or NULL */
    decimal weight;
    bool has_weight;
    ast_list tags;          /* const char* */
    ast_list exclusions;    /* ast_exclusion* */
    ast_list only_when;     /* ast_expr* */
    const char *counts_as;  /* `otherwise counts as KEY`: the option counted when not
                               applicable, or NULL */
    span counts_as_span;
    const source *counts_as_file;
    ast_list refs;          /* ast_ref* */
    ast_checklist *checklist;   /* resolved */
    size_t node;            /* resolved: index in the graph */
} ast_item;

/* `shown 2 decimals as percent unit "…"` after a value: how reports write it. */
typedef struct ast_format {
    span where;             /* the whole clause */
    int decimals;           /* -1: every digit, as computed */
    bool percent;           /* shown × 100 with % */
    ast_text unit;          /* count 0: none */
} ast_format;

typedef struct ast_value {
    value_kind kind;
    const char *name;
    span where;
    const source *file;
    ast_text title;
    ast_expr *expr;
    ast_checklist *checklist;  /* NULL for module-level values */
    size_t node;
    bool every_section;     /* `score every section NAME`: one value per section */
    bool section_copy;      /* one of those values, made from the one written */
    ast_format *format;     /* NULL: shown as computed */
} ast_value;

/* A member of a checklist or section body, in source order. */
typedef enum ast_member_kind {
    MEMBER_ITEM, MEMBER_SECTION, MEMBER_VALUE, MEMBER_SCALE, MEMBER_SOURCE,
    MEMBER_WEIGHT,
} ast_member_kind;

typedef struct ast_member {
    ast_member_kind kind;
    span where;
    void *node;             /* ast_item*, ast_section*, ast_value*, or NULL */
    const char *name;       /* MEMBER_SCALE: the default scale */
    ast_text text;          /* MEMBER_SOURCE */
    decimal number;         /* MEMBER_WEIGHT: a section's weight */
} ast_member;

struct ast_section {
    const char *name;
    span where;
    ast_text title;
    ast_list members;       /* ast_member* */
};

struct ast_checklist {
    const char *name;
    span where;
    ast_text title;
    ast_list members;       /* ast_member* */
    /* resolved */
    const char *scale_name;
    span scale_span;
    ast_text source_ref;
    ast_list items;         /* ast_item*, in source order */
    ast_list values;        /* ast_value* */
    const source *file;
};

typedef struct ast_import {
    const char *module;
    span where;
    ast_list names;         /* const char*; empty: everything */
    ast_list name_spans;    /* span* */
} ast_import;

/* {=== stages, variants, tests ===} */

typedef struct ast_stage {
    const char *id;
    span where;
    ast_text title;
    ast_expr *enter_when;   /* NULL: entered with the stage before it */
    const char *during_from, *during_to;   /* a stage that runs during others */
    span during_span;
} ast_stage;

typedef struct ast_stage_start {
    const char *stage;      /* the stages up to this one are entered at once … */
    span where;
    ast_expr *condition;    /* … when this holds */
} ast_stage_start;

typedef struct ast_stages {
    const char *name;
    span where;
    ast_text title;
    ast_list stages;        /* ast_stage* */
    ast_list starts;        /* ast_stage_start* */
    const source *file;
    size_t node;
} ast_stages;

/* `>= N`, `> N` (a lower bound) or `<= N`, `< N` (an upper bound) of a band. */
typedef struct ast_bound {
    bool present, inclusive;
    decimal value;
    span where;             /* the operator and the number */
} ast_bound;

typedef struct ast_band {
    const char *id;
    span where;
    ast_text title;
    ast_bound lower, upper;
} ast_band;

typedef struct ast_bands {
    const char *name;
    span where;
    ast_text title;
    ast_expr *value;        /* the number the bands divide */
    ast_list bands;         /* ast_band*, highest first */
    const source *file;
} ast_bands;

typedef enum change_kind {
    CHANGE_FACT,            /* fact NAME = LITERAL: fix a fact */
    CHANGE_EXCLUDE,         /* exclude C."ID" [when COND] because TEXT */
    CHANGE_INCLUDE,         /* include C."ID": drop its exclusions and conditions */
    CHANGE_ITEM,            /* item C."ID" { fields }: replace or add fields */
    CHANGE_CHECKLIST,       /* checklist C { members }: add members, replace values */
} change_kind;

typedef struct ast_change {
    change_kind kind;
    span where;
    const char *name;       /* fact or checklist name */
    const char *item_id;
    span item_span;
    ast_expr *expr;         /* CHANGE_FACT: the value; CHANGE_EXCLUDE: the condition or NULL */
    ast_text reason;        /* CHANGE_EXCLUDE */
    const char *until;      /* CHANGE_EXCLUDE: the last day it holds, or NULL */
    span until_span;
    ast_item *item;         /* CHANGE_ITEM: the fields given */
    ast_checklist *checklist;   /* CHANGE_CHECKLIST: the members given */
} ast_change;

typedef struct ast_variant {
    const char *name;
    span where;
    const char *base;       /* the module extended */
    span base_span;
    ast_text title;
    ast_list changes;       /* ast_change* */
    const source *file;
} ast_variant;

typedef struct ast_given {
    given_kind kind;
    span where;
    const char *name;       /* fact or checklist */
    const char *item_id;    /* GIVEN_ITEM */
    span item_span;
    ast_expr *value;        /* GIVEN_FACT: a literal */
    const char *answer;     /* items: key, label, alias or points, as answers are read;
                               NULL for `unanswered` */
    span answer_span;
} ast_given;

typedef struct ast_expect {
    span where;
    ast_expr *expr;
    const char *during_stages, *during_id;  /* expect stage S during ID */
    bool has_blocking, has_waiting;
    ast_list blocking, waiting;             /* const char* item ids */
} ast_expect;

typedef struct ast_test {
    const char *name;
    span where;
    const char *variant;    /* NULL: the module itself */
    span variant_span;
    ast_list givens;        /* ast_given* */
    ast_list expects;       /* ast_expect* */
    const source *file;
} ast_test;

/* {=== frameworks and maps ===} */

/* One node of a control catalogue: a clause, objective, control or detailed
   control, with the nodes below it. */
typedef struct ast_control ast_control;
struct ast_control {
    control_kind kind;
    const char *id;
    span where;
    ast_text title, note, source_ref;
    obligation obligation;
    ast_list children;      /* ast_control* */
    const source *file;
};

typedef struct ast_selection_gate {
    selection_rule rule;
    const char *name;
    span where;
    ast_text title;
    control_kind kind, child_kind;
} ast_selection_gate;

typedef struct ast_framework {
    const char *id;
    span where;
    ast_text title, note, source_ref;
    const char *edition;
    span edition_span;
    ast_list nodes;         /* ast_control*, the top level */
    ast_list gates;         /* ast_selection_gate* */
    const source *file;
} ast_framework;

/* `"a" RELATION "b"`, `"a" no-relationship` or `new "b"` in a map. */
typedef struct ast_map_row {
    relation_kind relation;
    const char *source_id;  /* NULL for RELATION_NEW */
    span source_span;
    const char *target_id;  /* NULL for RELATION_NO_RELATIONSHIP */
    span target_span;
    span where;
    ast_text note, source_ref;
} ast_map_row;

typedef struct ast_map {
    const char *from, *to;  /* framework ids */
    span from_span, to_span, where;
    ast_text title, source_ref;
    ast_list rows;          /* ast_map_row* */
    const source *file;
} ast_map;

typedef struct ast_module {
    const source *file;
    int version;
    const char *name;
    span name_span;
    ast_list imports;       /* ast_import* */
    ast_list scales;        /* ast_scale* */
    ast_list facts;         /* ast_fact* */
    ast_list checklists;    /* ast_checklist* */
    ast_list values;        /* ast_value*, module level */
    ast_list stages;        /* ast_stages* */
    ast_list bands;         /* ast_bands* */
    ast_list variants;      /* ast_variant* */
    ast_list tests;         /* ast_test* */
    ast_list frameworks;    /* ast_framework* */
    ast_list maps;          /* ast_map* */
} ast_module;

/* Text for a language: the exact language, then a text of any language,
   then the first one given; NULL when there is no text. */
const char *ast_text_pick(const ast_text *text, const char *lang);

#endif
