/*
 * eval_batch.h — `tenken eval -j N`: answer sets evaluated on N threads that
 * share one compiled graph, with reports and diagnostics in input order.
 */
#ifndef TK_CLI_EVAL_BATCH_H
#define TK_CLI_EVAL_BATCH_H

#include <stdbool.h>
#include <stdio.h>

#include "tenken.h"

typedef struct eval_settings {
    const tk_graph *graph;
    const tk_report_options *report;
    const char *const *required_gates;  /* --require */
    size_t required_count;
    size_t jobs;
} eval_settings;

typedef struct eval_totals {
    size_t sets;            /* answer sets reported so far */
    bool gate_failed;       /* a required gate did not pass */
    bool out_of_memory;     /* a set could not be evaluated or reported: none after it is */
} eval_totals;

/* Check the required gates of one result; each one not passed is written to
   `messages`. */
bool eval_required_gates_pass(const eval_settings *settings, const tk_result *result,
                              FILE *messages);

/* Evaluate every answer set of the reader (which must split, see
   tk_answers_can_split) on settings->jobs threads. Reports go to `out`,
   messages about required gates to stderr, and diagnostics into `diags`, all
   in the order of the input. When memory runs out, the reports stop at the
   last batch done in full and totals->out_of_memory is set. */
void eval_batches(const eval_settings *settings, tk_answer_reader *reader, tk_diags *diags,
                  FILE *out, eval_totals *totals);

#endif
