/*
 * kinds.h — the vocabulary the rule language, the evaluation graph, the
 * evaluator and the reports share, each list written once. Every list is an
 * X-macro: X(ENUM_NAME, "word") in order; the enum, its count, the words
 * and the lookup by word all come from the one list (kinds.c), the way
 * base/diag_codes.h lists the diagnostics. The numeric values are written
 * to compiled graphs (.tkc): add new entries at the end of a list.
 */
#ifndef TK_KINDS_H
#define TK_KINDS_H

#include <stdbool.h>
#include <stddef.h>

/* Aggregate functions over the items of a selection: sum(points of items).
   A new one also needs its type rule (lang/typecheck.c) and its evaluation
   (eval/eval.c); doc/hacking.md walks through adding one. */
#define TK_AGGREGATES(X)                                                                   \
    X(AGG_SUM, "sum") X(AGG_COUNT, "count") X(AGG_ALL, "all") X(AGG_ANY, "any")            \
    X(AGG_MIN, "min") X(AGG_MAX, "max")                                                    \
    X(AGG_XCCDF_DEFAULT, "xccdf_default") X(AGG_XCCDF_FLAT, "xccdf_flat")                  \
    X(AGG_XCCDF_FLAT_UNWEIGHTED, "xccdf_flat_unweighted")                                  \
    X(AGG_XCCDF_ABSOLUTE, "xccdf_absolute")

/* What an aggregate reads of each item: points of items, max of items. */
#define TK_ITEM_ATTRIBUTES(X) X(ATTR_POINTS, "points") X(ATTR_MAX, "max") X(ATTR_WEIGHT, "weight")

/* The state every item ends evaluation in (../doc/language.md). */
#define TK_ITEM_STATES(X)                                                                  \
    X(STATE_ANSWERED, "answered") X(STATE_UNANSWERED, "unanswered")                        \
    X(STATE_EXCLUDED, "excluded") X(STATE_NOT_APPLICABLE, "not_applicable")                \
    X(STATE_INVALID, "invalid")

/* Binary operators as the rule language spells them. */
#define TK_BINARY_OPS(X)                                                                   \
    X(OP_OR, "or") X(OP_AND, "and") X(OP_EQ, "==") X(OP_NE, "!=") X(OP_LT, "<")            \
    X(OP_LE, "<=") X(OP_GT, ">") X(OP_GE, ">=") X(OP_ADD, "+") X(OP_SUB, "-")              \
    X(OP_MUL, "*") X(OP_DIV, "/")

/* Functions over one number: round(x, 2), floor(x), ceil(x), abs(x). */
#define TK_NUMBER_FUNCTIONS(X)                                                             \
    X(FN_ROUND, "round") X(FN_FLOOR, "floor") X(FN_CEIL, "ceil") X(FN_ABS, "abs")

/* How a control of one framework relates to a control of another, in
   OSCAL's words (`a subset-of b`: a covers part of what b asks). RELATION_NEW
   marks a target control with no counterpart in the source framework. */
#define TK_RELATIONS(X)                                                                    \
    X(RELATION_EQUIVALENT, "equivalent") X(RELATION_EQUAL, "equal")                        \
    X(RELATION_SUBSET_OF, "subset-of") X(RELATION_SUPERSET_OF, "superset-of")              \
    X(RELATION_INTERSECTS, "intersects") X(RELATION_NO_RELATIONSHIP, "no-relationship")    \
    X(RELATION_NEW, "new")

/* The levels of a control catalogue, from the top. */
#define TK_CONTROL_KINDS(X)                                                                \
    X(KIND_CLAUSE, "clause") X(KIND_OBJECTIVE, "objective") X(KIND_CONTROL, "control")     \
    X(KIND_DETAIL, "detail")

#define TK_KIND_ENUM(name, word) name,
#define TK_KIND_ONE(name, word) +1

typedef enum aggregate_function { TK_AGGREGATES(TK_KIND_ENUM) } aggregate_function;
typedef enum item_attribute { TK_ITEM_ATTRIBUTES(TK_KIND_ENUM) } item_attribute;
typedef enum item_state { TK_ITEM_STATES(TK_KIND_ENUM) } item_state;
typedef enum binary_op { TK_BINARY_OPS(TK_KIND_ENUM) } binary_op;
typedef enum relation_kind { TK_RELATIONS(TK_KIND_ENUM) } relation_kind;
typedef enum control_kind { TK_CONTROL_KINDS(TK_KIND_ENUM) } control_kind;
typedef enum number_function { TK_NUMBER_FUNCTIONS(TK_KIND_ENUM) } number_function;

/* Whether a function is one of XCCDF 1.2's scoring models (eval/xccdf.c). */
static inline bool aggregate_is_xccdf(aggregate_function function) {
    return function == AGG_XCCDF_DEFAULT || function == AGG_XCCDF_FLAT ||
           function == AGG_XCCDF_FLAT_UNWEIGHTED || function == AGG_XCCDF_ABSOLUTE;
}

/* How many entries each list has. */
enum {
    AGGREGATE_FUNCTION_COUNT = 0 TK_AGGREGATES(TK_KIND_ONE),
    ITEM_ATTRIBUTE_COUNT = 0 TK_ITEM_ATTRIBUTES(TK_KIND_ONE),
    ITEM_STATE_COUNT = 0 TK_ITEM_STATES(TK_KIND_ONE),
    BINARY_OP_COUNT = 0 TK_BINARY_OPS(TK_KIND_ONE),
    RELATION_COUNT = 0 TK_RELATIONS(TK_KIND_ONE),
    CONTROL_KIND_COUNT = 0 TK_CONTROL_KINDS(TK_KIND_ONE),
    NUMBER_FUNCTION_COUNT = 0 TK_NUMBER_FUNCTIONS(TK_KIND_ONE),
};

/* Whether a node of a catalogue must be selected. */
typedef enum obligation {
    OBLIGATION_UNSTATED, OBLIGATION_MANDATORY, OBLIGATION_SELECTABLE,
} obligation;

/* A selection rule of a framework, a gate over the answers given for it:
   every KIND applies (or is excluded with a reason); every applied KIND
   selects at least one CHILD_KIND below it; every mandatory node is selected. */
typedef enum selection_rule {
    SELECT_RULE_APPLIES, SELECT_RULE_SELECTS, SELECT_RULE_MANDATORY,
} selection_rule;

/* The word of each: "sum", "answered", "subset-of", "control". */
const char *aggregate_name(aggregate_function function);
const char *item_attribute_name(item_attribute attribute);
const char *item_state_name(item_state state);
const char *binary_op_name(binary_op op);
const char *relation_name(relation_kind relation);
const char *control_kind_name(control_kind kind);
const char *number_function_name(number_function function);

/* The entry a word names: its value, or -1 when it names none. */
int aggregate_by_name(const char *word);
int item_attribute_by_name(const char *word);
int item_state_by_name(const char *word);
int relation_by_name(const char *word);
int control_kind_by_name(const char *word);
int number_function_by_name(const char *word);

/* Every word of a list, for "did you mean" and for listing them in a help. */
extern const char *const aggregate_names[AGGREGATE_FUNCTION_COUNT];
extern const char *const item_attribute_names[ITEM_ATTRIBUTE_COUNT];
extern const char *const item_state_names[ITEM_STATE_COUNT];
extern const char *const relation_names[RELATION_COUNT];
extern const char *const number_function_names[NUMBER_FUNCTION_COUNT];

#endif
