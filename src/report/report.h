/*
 * report.h — what the result renderers share: picking texts in the report's
 * language, quoting a condition from its rule file, and walking a
 * checklist's sections and items in source order.
 */
#ifndef TK_REPORT_H
#define TK_REPORT_H

#include <stdio.h>

#include "src/eval.h"
#include "src/tenken.h"

typedef struct report_context {
    const tk_result *result;
    const tk_graph *graph;
    const tk_report_options *options;
    const char *lang;       /* "ja" or "en" */
    FILE *stream;
    arena scratch;          /* released when the report is done */
} report_context;

/* Print text cut (with …) or padded to exactly `columns` display columns. */
void report_print_cell(FILE *stream, const char *text, size_t columns);

/* A text in the report's language, or `fallback` when there is none. */
const char *report_text(const report_context *report, const ast_text *text, const char *fallback);

/* An expression as written in its rule file, e.g. an exclusion's condition. */
const char *report_expr_text(report_context *report, const gexpr *expr);

/* Why an excluded or not-applicable item does not count. */
const char *report_item_reason(report_context *report, size_t node);

/* The label of the option an item was answered with, in the report's language. */
const char *report_option_label(const report_context *report, size_t node);

/* Points the best option would add over the current answer. */
double report_item_gain(const report_context *report, size_t node);

typedef struct checklist_summary {
    size_t items, applicable, answered, unanswered, excluded, not_applicable, invalid;
} checklist_summary;

checklist_summary report_summarize(const report_context *report, const graph_checklist *checklist);

const char *report_gate_status_name(tk_gate_status status);

/* A gate's name as written outside its checklist: checklist.gate, or gate. */
const char *report_gate_name(report_context *report, size_t node);

/* The gates a condition names, in order, each once; returns how many. */
size_t report_condition_gates(report_context *report, const gexpr *condition, size_t **gates);

void report_json(report_context *report, bool pretty);
void report_text_render(report_context *report);
void report_csv_header(report_context *report);     /* needs only the graph */
void report_csv_row(report_context *report);

#endif
