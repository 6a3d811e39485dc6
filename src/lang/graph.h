/*
 * graph.h — the evaluation graph, the product of compilation and the whole
 * contract between the compiler (src/lang/) and everything after it. Every
 * fact, item, value, gate, stage ladder and bands declaration is a node; nodes are stored in
 * topological order so one pass over the array evaluates an answer set.
 *
 * The graph owns everything it holds: names, texts in every language,
 * labels, reasons, the conditions as written, the test blocks with their
 * places in the rule files. Nothing points into the syntax tree, which the
 * compiler frees once the graph is built; the .tkc format (lang/tkc*.c)
 * writes exactly these records. A graph is immutable once built and may be
 * shared by any number of evaluations at once.
 */
#ifndef TK_GRAPH_H
#define TK_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/decimal.h"
#include "base/strmap.h"
#include "lang/kinds.h"

#define NO_INDEX SIZE_MAX

/* A byte range in a rule file, start inclusive, end exclusive. */
typedef struct span {
    uint32_t start, end;
} span;

/* Where a record was written: a file of graph->files and a span in it. The
   spans are for the compiler's own diagnostics while the sources are loaded;
   a graph loaded from a .tkc file has empty spans. */
typedef struct graph_place {
    uint32_t file;
    span where;
} graph_place;

/* A text in one or more languages: `"…"` or `ja "…" en "…"`. */
typedef struct text_variant {
    const char *lang;       /* "ja", "en", or NULL for a text of any language */
    const char *text;
} text_variant;

typedef struct graph_text {
    const text_variant *variants;
    size_t count;           /* 0: no text given */
} graph_text;

/* The text for a language: the exact language, then a text of any
   language, then the first one given; NULL when there is no text. */
const char *graph_text_pick(const graph_text *text, const char *lang);

/* A list of names: enum members, aliases, tags, variants. */
typedef struct graph_names {
    const char *const *names;
    size_t count;
} graph_names;

typedef enum node_kind {
    NODE_FACT, NODE_ITEM, NODE_VALUE, NODE_GATE, NODE_STAGES, NODE_BANDS
} node_kind;

/* The type of an expression, fixed at compile time. */
typedef enum value_type {
    TYPE_ERROR,     /* already reported; suppresses follow-on errors */
    TYPE_NUMBER,
    TYPE_BOOL,
    TYPE_STRING,
    TYPE_DATE,
    TYPE_ENUM,
} value_type;

/* "a number", "true/false", … as messages say it. */
const char *value_type_name(value_type type);

/* {=== expressions ===} */

typedef enum element_kind {
    ELEMENT_ITEMS,          /* the items themselves: count(items) */
    ELEMENT_ATTRIBUTE,      /* points of items, max of items, weight of items */
    ELEMENT_IS,             /* items is KEY */
} element_kind;

typedef enum gexpr_kind {
    G_NUMBER, G_BOOL, G_STRING,
    G_NODE,         /* the value of a fact, value or gate node */
    G_ITEM_POINTS,  /* weighted points of an item node */
    G_ITEM_IS,      /* an item answered with one option */
    G_FACT_IS,      /* an enum fact equal to one member */
    G_NOT, G_NEGATE, G_BINARY, G_IF, G_AGGREGATE,
    G_CALL,         /* function(left), round(left, right): right the literal count of decimals */
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
    size_t section;         /* `section NAME`: the section of the items' checklist (the
                               root of an XCCDF model's tree); NO_INDEX: a whole checklist */
} gaggregate;

struct gexpr {
    gexpr_kind kind;
    value_type type;        /* set by the type checker */
    graph_place place;
    const graph_names *enum_members;   /* TYPE_ENUM: the members, for names and equality */
    decimal number;
    bool boolean;
    const char *string;
    size_t node;            /* G_NODE, G_ITEM_*, G_FACT_IS */
    int option;             /* G_ITEM_IS option index; G_FACT_IS member index */
    binary_op op;
    number_function function;   /* G_CALL */
    const gexpr *left, *right, *otherwise;
    gaggregate aggregate;
};

/* A condition or value with its text as written in the rule file, which the
   reports quote ("only when …"). */
typedef struct graph_condition {
    const gexpr *expr;
    const char *written;
} graph_condition;

/* {=== scales ===} */

typedef struct graph_option {
    const char *key;
    decimal points;
    graph_text label;
    graph_names aliases;
    uint32_t label_is_own;      /* bit i: label variant i names this option, not another
                                   (set by graph_index_scale; reports write such labels) */
} graph_option;

typedef struct graph_scale {
    const char *name;           /* NULL for inline options */
    graph_option *options;
    size_t option_count;
    decimal max_points;         /* the best option's points */
    strmap by_text;             /* key, label or alias -> (option index + 1): answers are
                                   matched in one lookup, the first option's word wins */
} graph_scale;

/* What an answer names: an option's index, or one of these. */
enum { ANSWER_NONE = -1, ANSWER_INVALID = -2, ANSWER_AMBIGUOUS = -3 };

/* The option an answer names (key, label, alias, or points when only one
   option has them): its index, ANSWER_INVALID, or ANSWER_AMBIGUOUS when the
   points match several. */
int graph_match_option(const graph_scale *scale, const char *answer);

/* A decimal number as people write it: -12, 3.5; not nan, inf or 0x10. */
bool text_is_decimal(const char *text);

/* Fill a scale's max_points, by_text and label_is_own once its options are set. */
void graph_index_scale(arena *region, graph_scale *scale);

/* {=== node payloads ===} */

typedef struct graph_exclusion {
    graph_condition condition;
    graph_text reason;
    const char *until;          /* the last day it holds (YYYY-MM-DD), or NULL: always */
} graph_exclusion;

/* `ref [RELATION] FRAMEWORK:"id"` on an item: the control the item bears on. */
typedef struct graph_ref {
    relation_kind relation;
    const char *framework;
    const char *control;
} graph_ref;

typedef struct graph_item {
    const graph_scale *scale;
    decimal weight;
    size_t section;             /* index into the checklist's sections, or NO_INDEX */
    graph_text text, label, question, note, source_ref, printed;
    graph_names tags;
    graph_exclusion *exclusions;
    size_t exclusion_count;
    graph_condition *only_when;
    size_t only_when_count;
    int counted_option;         /* not applicable: the option it counts as, or -1 */
    graph_ref *refs;
    size_t ref_count;
} graph_item;

typedef struct graph_fact {
    value_type type;
    bool fixed;                 /* fixed by a variant: answers cannot change it */
    const gexpr *default_value; /* NULL: the fact is unknown unless given */
    graph_text description;
    const gexpr *minimum, *maximum;   /* numbers: `in LOW .. HIGH`, inclusive; NULL: none */
    bool whole;                 /* numbers: whole numbers only */
} graph_fact;

/* Whether a number fits a number fact's range and wholeness. */
bool graph_fact_accepts(const graph_fact *fact, decimal number);

/* What a number fact accepts, for hints: "a whole number in 0 .. 44640"; NULL
   when it has no bounds. */
const char *graph_fact_bounds_text(arena *region, const graph_fact *fact);

typedef enum value_kind { VALUE_LET, VALUE_SCORE, VALUE_GATE } value_kind;

/* How reports write a number value (`shown …`): decimals -1 keeps every
   digit; fewer decimals than the value has round it, marked ≈. */
typedef struct graph_format {
    bool given;
    int decimals;
    bool percent;               /* × 100, then " %" */
    graph_text unit;            /* count 0: none */
    span where;                 /* the clause, for diagnostics (not in .tkc) */
} graph_format;

typedef struct graph_value {
    value_kind kind;
    graph_text title;
    const char *written;        /* the expression as written */
    graph_format format;
} graph_value;

/* One stage of a ladder. During-stages are not on the ladder: they are
   active while the current stage lies between two ladder stages. */
typedef struct graph_stage {
    const char *id;
    graph_text title;
    graph_condition enter_when; /* expr NULL: entered with the stage before it */
    bool is_during;
    size_t during_from, during_to;   /* ladder positions, for during-stages */
} graph_stage;

typedef struct graph_stage_start {
    size_t stage;               /* position in the stages array */
    graph_condition condition;
} graph_stage_start;

typedef struct graph_stages {
    graph_text title;
    graph_stage *stages;        /* in source order, during-stages included */
    size_t stage_count;
    graph_stage_start *starts;
    size_t start_count;
} graph_stages;

/* One band: the numbers between its bounds. A missing bound is open. */
typedef struct graph_band {
    const char *id;
    graph_text title;
    bool has_lower, lower_inclusive, has_upper, upper_inclusive;
    decimal lower, upper;
} graph_band;

/* `bands NAME of VALUE`: the value (node->expr) falls in at most one band;
   the bands are written highest first. */
typedef struct graph_bands {
    graph_text title;
    const char *written;        /* the value as written */
    graph_band *bands;
    size_t band_count;
} graph_bands;

/* Whether a number lies in a band. */
bool graph_band_holds(const graph_band *band, decimal number);

typedef struct graph_node {
    node_kind kind;
    const char *name;           /* fact or value name, item id, ladder name */
    size_t checklist;           /* owning checklist, or NO_INDEX for module level */
    value_type type;            /* of a fact, value or gate; items are numbers */
    const graph_names *enum_members;   /* TYPE_ENUM: the members of the enum */
    const gexpr *expr;          /* values and gates */
    graph_item *item;           /* items */
    graph_fact *fact;           /* facts */
    graph_value *value;         /* values and gates: kind, title, text */
    graph_stages *stages;       /* stage ladders */
    graph_bands *bands;         /* bands declarations (the value is expr) */
    graph_place place;
} graph_node;

/* {=== checklists ===} */

/* A checklist's or a section's body in source order: items and sections. */
typedef enum graph_member_kind { G_MEMBER_ITEM, G_MEMBER_SECTION } graph_member_kind;

typedef struct graph_member {
    graph_member_kind kind;
    size_t index;               /* an item node, or a section of the checklist */
} graph_member;

typedef struct graph_section {
    const char *name;
    graph_text title;
    size_t parent;              /* index of the enclosing section, or NO_INDEX */
    decimal weight;             /* `weight N` in its body (default 1): the XCCDF default model's */
    size_t *items;              /* item nodes, nested sections included */
    size_t item_count;
    graph_member *members;
    size_t member_count;
} graph_section;

typedef struct graph_checklist {
    const char *name;
    graph_text title, source_ref;
    const char *scale_name;     /* the default scale, or NULL */
    size_t *items;              /* item nodes in source order */
    size_t item_count;
    graph_section *sections;
    size_t section_count;
    graph_member *members;      /* the top level, in source order */
    size_t member_count;
    size_t *values;             /* value and gate nodes in source order */
    size_t value_count;
    strmap item_by_id;          /* id -> (node index + 1) */
    strmap value_by_name;       /* name -> (node index + 1) */
} graph_checklist;

/* {=== test blocks ===} */

/* `given C.* = A` (GIVEN_ALL_ITEMS, in rule files only) is lowered to one
   GIVEN_ITEM per item of C, in order; later givens win. `given C."ID" =
   unanswered` is GIVEN_NO_ANSWER: the item's answer taken away. */
typedef enum given_kind { GIVEN_FACT, GIVEN_ITEM, GIVEN_NO_ANSWER, GIVEN_ALL_ITEMS } given_kind;

typedef struct graph_given {
    given_kind kind;            /* GIVEN_FACT, GIVEN_ITEM or GIVEN_NO_ANSWER */
    size_t node;                /* the fact or the item */
    const gexpr *value;         /* GIVEN_FACT: a literal */
    int option;                 /* GIVEN_ITEM: the option's index; else ANSWER_NONE */
} graph_given;

/* The kinds of an evaluated value (eval/eval.h): besides numbers, booleans
   and strings, unknown (it waits for answers) and n/a (it cannot be
   computed). Tests expect the last two by name. */
typedef enum eval_kind { EV_NUMBER, EV_BOOL, EV_STRING, EV_UNKNOWN, EV_NA } eval_kind;

typedef enum graph_expect_kind {
    EXPECT_TRUE,            /* a condition that must hold */
    EXPECT_GATE,            /* gate G is pass|fail|pending [blocking …] [waiting …] */
    EXPECT_STATE,           /* item C."ID" is answered|unanswered|excluded|… */
    EXPECT_VALUE_STATE,     /* VALUE is unknown | n/a */
    EXPECT_STAGE,           /* stage S is ID: the current stage */
    EXPECT_DURING,          /* stage S during ID: an active during-stage */
    EXPECT_BAND,            /* band B is ID | pending | n/a | none */
} graph_expect_kind;

/* EXPECT_BAND's wanted, and the band a result reached (eval.h): */
enum { BAND_PENDING, BAND_NA, BAND_NONE, BAND_FIRST /* + the band's index */ };

typedef struct graph_expect {
    graph_expect_kind kind;
    const char *written;    /* the expectation as written, for failure messages */
    unsigned line, column;  /* where it is written in the test's file */
    const gexpr *expr;      /* EXPECT_TRUE: the condition; EXPECT_VALUE_STATE: the value */
    size_t node;            /* the gate, item or ladder */
    int wanted;             /* gate status, item state, value kind, stage position, or
                               BAND_PENDING … BAND_FIRST + band index;
                               -1 when it could not be resolved (reported) */
    bool has_blocking, has_waiting;
    size_t *blocking, *waiting;     /* item nodes, when the test lists them */
    size_t blocking_count, waiting_count;
} graph_expect;

typedef struct graph_test {
    const char *name;
    uint32_t file;          /* in graph->files */
    unsigned line;
    graph_given *givens;
    size_t given_count;
    graph_expect *expects;
    size_t expect_count;
} graph_test;

/* {=== the graph ===} */

struct tk_graph {
    arena region;               /* owns everything below */
    const char *module;
    const char *base_module;    /* for a variant: the module it extends; else NULL */
    const char *variant;        /* the variant compiled, or NULL for the module itself */
    bool precompiled;           /* loaded from a .tkc file */
    graph_names files;          /* the rule files, as named when compiling; [0] the root */
    graph_node *nodes;          /* topological order */
    size_t node_count;
    graph_scale **scales;       /* every scale the items use, each once */
    size_t scale_count;
    graph_names **enums;        /* every enum member list, each once */
    size_t enum_count;
    graph_checklist *checklists;
    size_t checklist_count;
    size_t *facts;              /* fact nodes, declaration order */
    size_t fact_count;
    size_t *values;             /* module-level value and gate nodes */
    size_t value_count;
    size_t *ladders;            /* stage-ladder nodes, declaration order */
    size_t ladder_count;
    size_t *band_sets;          /* bands nodes, declaration order */
    size_t band_set_count;
    graph_test *tests;          /* the test blocks that run against this graph */
    size_t test_count;
    graph_names variant_names;  /* variants the root module declares */
    strmap checklist_by_name;   /* name -> (index + 1) */
    strmap fact_by_name;        /* name -> (node index + 1) */
    strmap value_by_name;       /* module-level name -> (node index + 1) */
    strmap ladder_by_name;      /* stage-ladder name -> (node index + 1) */
    strmap bands_by_name;       /* bands name -> (node index + 1) */
};

typedef struct tk_graph tk_graph;

/* Map lookups store index + 1 so that 0 (NULL) means absent. */
static inline size_t graph_lookup(const strmap *map, const char *key) {
    void *found = strmap_get(map, key);
    return found ? (size_t)(uintptr_t)found - 1 : NO_INDEX;
}
static inline void *graph_index_value(size_t index) { return (void *)(uintptr_t)(index + 1); }

/* Build every name map (checklists, facts, values, ladders, items of each
   checklist) from the arrays; false when two records share a name. */
bool graph_index_names(tk_graph *graph);

/* Whether text is a calendar date written YYYY-MM-DD. */
bool text_is_date(const char *text);

#endif
