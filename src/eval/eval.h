/*
 * eval.h — the result of evaluating one answer set against a graph: a value
 * per node, a state per item, a status per gate. Values are three-valued:
 * besides numbers and booleans a value may be unknown (it waits for answers)
 * or n/a (it cannot be computed, as a ratio over no applicable items).
 */
#ifndef TK_EVAL_H
#define TK_EVAL_H

#include "answers/answers.h"
#include "lang/graph.h"
#include "tenken.h"

typedef struct eval_value {
    eval_kind kind;
    double number;          /* numbers; booleans as 0/1; enum member index */
    const char *string;
} eval_value;

typedef struct item_outcome {
    item_state state;
    int option;             /* answered: the option index */
    size_t reason;          /* excluded: the exclusion; not applicable: the condition */
    size_t expired;         /* an exclusion whose condition holds but whose `until` is
                               before the assessed date, so it lapsed; or NO_INDEX */
    bool expiry_unchecked;  /* excluded until a date, but the answers have no assessed
                               date (YYYY-MM-DD) to measure it against: honoured */
    double points;          /* answered: weighted points */
    double max;             /* weighted points of the best option */
} item_outcome;

typedef struct gate_outcome {
    tk_gate_status status;
    size_t *blocking;       /* item nodes answered otherwise */
    size_t blocking_count;
    size_t *waiting;        /* item nodes still unanswered */
    size_t waiting_count;
} gate_outcome;

typedef struct ladder_outcome {
    size_t current;         /* position of the current stage, or NO_INDEX */
    size_t next;            /* the first ladder stage not entered, or NO_INDEX */
    tk_gate_status next_status;   /* why not: its condition is false, or unknown */
    bool *entered;          /* per stage: entered (ladder stages) or active (during) */
} ladder_outcome;

struct tk_result {
    arena region;
    const tk_graph *graph;
    const tk_answers *answers;
    eval_value *values;     /* per node */
    item_outcome *items;    /* per node; meaningful for items */
    gate_outcome *gates;    /* per node; meaningful for gates */
    ladder_outcome *ladders;   /* per node; meaningful for stage ladders */
};

/* tk_evaluate within the call that protects the answers (arena.h): running
   out of memory fails that call. */
tk_result *eval_answers(const tk_graph *graph, const tk_answers *answers);

/* Evaluate an expression of the graph against a finished result (tests). */
eval_value eval_expression(const tk_result *result, const gexpr *expr);


#endif
