/*
 * formats.h — the output formats: formats.c's table, a row per
 * tk_report_format with the names --format spells it by and what it
 * writes, and the writers each format's own file (text.c, json.c,
 * csv_report.c, md.c, html.c) gives it. Nothing else in report/ asks which
 * format it writes.
 */
#ifndef TK_REPORT_FORMATS_H
#define TK_REPORT_FORMATS_H

#include "report/coverage_report.h"
#include "report/diff.h"
#include "report/report.h"

enum { FORMAT_NAMES = 3 };

typedef struct report_format {
    tk_report_format format;
    /* As --format spells it: the first is the one the commands list, the
       others are accepted too; NULL after the last. */
    const char *names[FORMAT_NAMES];
    void (*begin)(report_context *report);      /* before the first result; NULL: nothing */
    void (*result)(report_context *report);     /* one result */
    void (*separator)(report_context *report);  /* between two results; NULL: nothing */
    void (*end)(report_context *report);        /* after the last result; NULL: nothing */
    void (*diff)(diff_run *run);                /* pairs of results compared; NULL: none */
    void (*coverage)(const coverage_output *output, FILE *stream);    /* NULL: none */
} report_format;

/* The row that writes `use` for a format: the format's own, or text's when
   the format writes no such thing or is none of the table's. */
const report_format *report_format_for(tk_report_format format, tk_report_use use);

/* {=== text.c ===} */
void text_result(report_context *report);
void text_diff(diff_run *run);
void text_coverage(const coverage_output *output, FILE *stream);

/* {=== json.c: JSON, and JSON Lines (the same on one line) ===} */
void json_result(report_context *report);
void json_line_result(report_context *report);
void json_diff(diff_run *run);
void json_line_diff(diff_run *run);
void json_coverage(const coverage_output *output, FILE *stream);

/* {=== csv_report.c ===} */
void csv_begin(report_context *report);         /* the heading row; needs only the graph */
void csv_result(report_context *report);
void csv_coverage(const coverage_output *output, FILE *stream);

/* {=== md.c ===} */
void md_result(report_context *report);
void md_diff(diff_run *run);
void md_coverage(const coverage_output *output, FILE *stream);

/* {=== html.c ===} */
void html_begin(report_context *report);
void html_result(report_context *report);
void html_end(report_context *report);
void html_diff(diff_run *run);

#endif
