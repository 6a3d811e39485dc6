/*
 * formats.c — the table of output formats: a row per tk_report_format, its
 * names as --format spells them and the writers of its file for results
 * (what comes before the first, each one, between two, after the last),
 * for the diff of pairs of results and for coverage. tk_report and its
 * companions and tk_report_diff (here) and tk_map_write (map_api.c) write
 * what the row says; the commands parse --format and list the names through
 * tk_report_format_by_name and tk_report_format_name.
 */
#include <string.h>

#include "report/formats.h"

/* In the order the commands list the names; text, the default, first. */
static const report_format formats[] = {
    {TK_REPORT_TEXT, {"text"}, NULL, text_result, report_blank_line, NULL, text_diff,
     text_coverage},
    {TK_REPORT_JSON, {"json"}, NULL, json_result, NULL, NULL, json_diff, json_coverage},
    {TK_REPORT_JSONL, {"jsonl"}, NULL, json_line_result, NULL, NULL, json_line_diff, NULL},
    {TK_REPORT_CSV, {"csv"}, csv_begin, csv_result, NULL, NULL, NULL, csv_coverage},
    {TK_REPORT_HTML, {"html"}, html_begin, html_result, NULL, html_end, html_diff, NULL},
    {TK_REPORT_MARKDOWN, {"md", "markdown"}, NULL, md_result, report_blank_line, NULL, md_diff,
     md_coverage},
};

enum { FORMAT_COUNT = sizeof formats / sizeof *formats };
_Static_assert(FORMAT_COUNT == TK_REPORT_HTML + 1, "formats.c: a row for every tk_report_format");

static bool writes(const report_format *format, tk_report_use use) {
    switch (use) {
    case TK_REPORT_USE_RESULTS: return format->result != NULL;
    case TK_REPORT_USE_DIFFS: return format->diff != NULL;
    case TK_REPORT_USE_COVERAGE: return format->coverage != NULL;
    }
    return false;
}

const report_format *report_format_for(tk_report_format format, tk_report_use use) {
    for (size_t row = 0; row < FORMAT_COUNT; row++)
        if (formats[row].format == format && writes(&formats[row], use)) return &formats[row];
    return &formats[0];
}

bool tk_report_format_by_name(const char *name, tk_report_use use, tk_report_format *format) {
    if (!name) name = formats[0].names[0];
    for (size_t row = 0; row < FORMAT_COUNT; row++) {
        if (!writes(&formats[row], use)) continue;
        for (size_t spelling = 0; spelling < FORMAT_NAMES && formats[row].names[spelling];
             spelling++) {
            if (strcmp(formats[row].names[spelling], name)) continue;
            *format = formats[row].format;
            return true;
        }
    }
    return false;
}

const char *tk_report_format_name(tk_report_use use, size_t index) {
    for (size_t row = 0; row < FORMAT_COUNT; row++)
        if (writes(&formats[row], use) && index-- == 0) return formats[row].names[0];
    return NULL;
}

/* {=== writing what the row says ===} */

/* Run one of the format's steps, when it has it. */
static void run_step(void (*step)(report_context *), const tk_result *result,
                     const tk_graph *graph, FILE *stream, const tk_report_options *options) {
    if (!step) return;
    recovery point;
    if (setjmp(point.resume)) {
        stream_out_of_memory(stream);
        return;
    }
    recovery_begin(&point, NULL);
    report_context report;
    report_open(&report, result, graph, stream, options);
    recovery_own(&point, &report.scratch, NULL, NULL);
    step(&report);
    report_close(&report);
    recovery_end(&point);
}

void tk_report_begin(const tk_graph *graph, FILE *stream, const tk_report_options *options) {
    run_step(report_format_for(options->format, TK_REPORT_USE_RESULTS)->begin, NULL, graph,
             stream, options);
}

void tk_report(const tk_result *result, FILE *stream, const tk_report_options *options) {
    run_step(report_format_for(options->format, TK_REPORT_USE_RESULTS)->result, result,
             result->graph, stream, options);
}

void tk_report_separator(const tk_graph *graph, FILE *stream, const tk_report_options *options) {
    run_step(report_format_for(options->format, TK_REPORT_USE_RESULTS)->separator, NULL, graph,
             stream, options);
}

void tk_report_end(const tk_graph *graph, FILE *stream, const tk_report_options *options) {
    run_step(report_format_for(options->format, TK_REPORT_USE_RESULTS)->end, NULL, graph, stream,
             options);
}

void tk_report_diff(const tk_result *const *old, const tk_result *const *new, size_t count,
                    FILE *stream, const tk_report_options *options) {
    recovery point;
    if (setjmp(point.resume)) {
        stream_out_of_memory(stream);
        return;
    }
    recovery_begin(&point, NULL);
    diff_run run = diff_start(old, new, count, stream, options, &point);
    report_format_for(options->format, TK_REPORT_USE_DIFFS)->diff(&run);
    diff_finish(&run);
    recovery_end(&point);
}
