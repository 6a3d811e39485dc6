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
    const char *string;
    decimal number;         /* numbers; booleans as 0/1; enum member index */
} eval_value;

typedef struct item_outcome {
    item_state state;
    int option;             /* answered, or not applicable and counted as one: the option
                               index; else -1 */
    size_t reason;          /* excluded: the exclusion; not applicable: the condition */
    size_t expired;         /* an exclusion whose condition holds but whose `until` is
                               before the assessed date, so it lapsed; or NO_INDEX */
    bool expiry_unchecked;  /* excluded until a date, but the answers have no assessed
                               date (YYYY-MM-DD) to measure it against: honoured */
    decimal points;         /* answered: weighted points */
    decimal max;            /* weighted points of the best option */
} item_outcome;

/* Besides items, what a gate that does not pass names (explain.c): a fact,
   a value (let, score, or any compared expression) with its value now, and
   what it needs to be. */
typedef struct gate_cause {
    const gexpr *subject;   /* G_NODE for a fact or value; else the expression compared */
    size_t node;            /* the fact or value, or NO_INDEX */
    eval_value value;       /* the subject's value now */
    binary_op needs;        /* it needs to be `needs bound`, or CAUSE_NO_BOUND */
    eval_value bound;       /* for an enum fact, the member's index as a number */
} gate_cause;

#define CAUSE_NO_BOUND ((binary_op)BINARY_OP_COUNT)

typedef struct gate_outcome {
    tk_gate_status status;
    size_t *blocking;       /* item nodes whose answers make the gate fail; unanswered
                               ones are counted by `unanswered as` against it */
    size_t blocking_count;
    size_t *waiting;        /* item nodes still unanswered whose answers could change it */
    size_t waiting_count;
    gate_cause *causes;     /* facts and values; a failing gate names at least one
                               blocking item or cause */
    size_t cause_count;
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
    ladder_outcome *ladders;   /* per node; meaningful for stage ladders, and for bands
                                  declarations: current is the band the value (in
                                  values) falls in, NO_INDEX while it is unknown or n/a
                                  or when no band holds it */
};

/* tk_evaluate within the call that protects the answers (arena.h): running
   out of memory fails that call. */
tk_result *eval_answers(const tk_graph *graph, const tk_answers *answers);

/* Where a bands declaration's value falls: BAND_PENDING (unknown), BAND_NA,
   BAND_NONE (in no band) or BAND_FIRST + the band's index (graph.h). */
int eval_band(const tk_result *result, size_t node);

/* The score of an xccdf_* aggregate (kinds.h), or with `max of` the model's
   maximum, against the item states of `result` (xccdf.c: the four scoring
   models of XCCDF 1.2, each item a rule and each section a group).
   `unanswered_as` is what an unanswered item counts as: true a pass, false
   a fail, else the score is unknown while an item is unanswered. */
eval_value xccdf_score(const tk_result *result, const gaggregate *aggregate,
                       eval_value unanswered_as);

/* Fill a gate's blocking, waiting and causes from its condition, whose
   status is set (explain.c). */
void explain_gate(tk_result *result, size_t node);

/* Evaluate an expression of the graph against a result (tests, explain.c):
   finished, or evaluated up to the nodes the expression names. */
eval_value eval_expression(const tk_result *result, const gexpr *expr);


#endif
