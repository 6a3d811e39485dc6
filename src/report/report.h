/*
 * report.h — what the renderers of results share: picking texts in the
 * report's language, quoting a condition from its rule file, and walking a
 * checklist's sections and items in source order. The formats themselves
 * are in formats.h.
 */
#ifndef TK_REPORT_H
#define TK_REPORT_H

#include <stdio.h>

#include "eval/eval.h"
#include "report/words.h"
#include "tenken.h"

typedef struct report_context {
    const tk_result *result;    /* NULL before the first result (tk_report_begin) */
    const tk_graph *graph;
    const tk_report_options *options;
    const char *lang;       /* "ja" or "en" */
    const report_words *words;  /* in lang */
    FILE *stream;
    arena scratch;          /* released when the report is done */
    char *row;              /* a CSV row being built, written with one fwrite */
    size_t row_length, row_capacity;
} report_context;

/* Start a report of `result` (NULL: none yet) on `graph`, in the options'
   language; report_close releases what it used. */
void report_open(report_context *report, const tk_result *result, const tk_graph *graph,
                 FILE *stream, const tk_report_options *options);
void report_close(report_context *report);

/* A blank line: what goes between two results of the text and Markdown reports. */
void report_blank_line(report_context *report);

/* Print text cut (with …) or padded to exactly `columns` display columns. */
void report_print_cell(FILE *stream, const char *text, size_t columns);
/* Columns TEXT takes on a terminal once escaped, by display width. */
size_t report_text_width(const char *text);
/* Print user text (from rules or answers) with its control characters made
   harmless: no escape sequence reaches the terminal. */
void report_print_text(FILE *stream, const char *text);
/* The same, as a copy in the report's scratch arena (NULL stays NULL). */
const char *report_safe_text(report_context *report, const char *text);

/* A text in the report's language, or `fallback` when there is none. */
const char *report_text(const report_context *report, const graph_text *text, const char *fallback);

/* A condition as written in its rule file, e.g. an exclusion's condition. */
const char *report_condition_text(const graph_condition *condition);
/* A value's or gate's expression as written in its rule file. */
const char *report_value_written(const report_context *report, size_t node);

/* Why an excluded or not-applicable item does not count. */
const char *report_item_reason(report_context *report, size_t node);

/* An item's exclusion with an expiry, in words: "until 2027-03-31" for an
   excluded item (with why it was not checked, when the answers have no
   assessed date), "exclusion expired on 2027-03-31: REASON" for an item
   whose exclusion lapsed; NULL otherwise. */
const char *report_exclusion_note(report_context *report, size_t node);

/* The label of the option an item was answered with, in the report's language. */
const char *report_option_label(const report_context *report, size_t node);

/* For an item not applicable that counts as an option, "counted as LABEL"
   in the report's words; else NULL. */
const char *report_counted_as(report_context *report, size_t node);

/* The values and gates declared for every section (`score every section
   NAME`) that belong to a section: SECTION.NAME, in declaration order. */
size_t report_section_values(report_context *report, const graph_checklist *checklist,
                             const graph_section *section, size_t **nodes);

/* Points the best option would add over the current answer. */
decimal report_item_gain(const report_context *report, size_t node);

/* Whether an item in this state applies: its points count towards the
   totals, it towards the applicable items. Excluded and not applicable
   items do not. */
bool report_state_applies(item_state state);

typedef struct checklist_summary {
    size_t items, applicable;
    size_t states[ITEM_STATE_COUNT];    /* the items in each state */
} checklist_summary;

checklist_summary report_summarize(const report_context *report, const graph_checklist *checklist);

const char *report_gate_status_name(tk_gate_status status);

/* A gate's name as written outside its checklist: checklist.gate, or gate. */
const char *report_gate_name(report_context *report, size_t node);

/* The gates a condition names, in order, each once; returns how many. */
size_t report_condition_gates(report_context *report, const gexpr *condition, size_t **gates);

/* {=== HTML and Markdown (html.c, md.c; report.c writes them) ===} */

/* A number as people write it: 38, 0.5, 12.25. */
const char *report_number(report_context *report, decimal number);
/* The `shown` clause a value node (or a bands node over a value) has; NULL: none. */
const graph_format *report_node_format(const report_context *report, size_t node);
/* A number as a shown clause writes it ("≈ 99.99 %", "99.90"); exactly
   as computed when format is NULL. */
const char *report_shown_number(report_context *report, const graph_format *format,
                                decimal number);
/* A node's value: a number, true/false, a string, an enum member; `unknown`
   or `n/a` in words. */
const char *report_value_text(report_context *report, const report_words *words, size_t node);
/* An item's short label: its label, else its text, else its id. */
const char *report_item_label(const report_context *report, size_t node);
/* The band a bands declaration's value reached: its id, or in `words` (NULL:
   the result format's English) pending, n/a or none. */
const char *report_band_name(const report_context *report, const report_words *words,
                             size_t node);
/* The label of the option with the most points (the first of them). */
const char *report_best_option(const report_context *report, size_t node);
/* The items of a checklist that can gain points, the largest gain first (ties
   in source order); returns how many. */
size_t report_gaps(report_context *report, const graph_checklist *checklist, size_t **items);
/* A checklist's value or gate node by name, or NO_INDEX. */
size_t report_checklist_value(const report_context *report, const graph_checklist *checklist,
                              const char *name);
/* Points over max of a section's applicable items (nested sections included,
   items counted as an option too), from the item outcomes; `answered` counts
   the answered and counted ones. */
void report_section_points(const report_context *report, const graph_section *section,
                           decimal *points, decimal *max, size_t *answered, size_t *applicable);

/* Text escaped for HTML content and attribute values: & < > " ' become
   references, control characters and invalid UTF-8 become U+FFFD. */
void html_escape(FILE *stream, const char *text);
/* Text escaped for a Markdown table cell or heading: Markdown punctuation and
   | are backslash-escaped, line breaks become spaces. */
void md_escape(FILE *stream, const char *text);

/* Where a radar chart puts a value: spoke 0 points up, the others follow
   clockwise at equal angles; 0 is the centre and scale_max the outer ring. */
typedef struct radar_geometry {
    double cx, cy, radius;
    size_t spokes;
    double scale_max;
} radar_geometry;

typedef struct radar_point {
    double x, y;
} radar_point;

radar_point radar_point_at(const radar_geometry *geometry, size_t spoke, double value);
/* The angle of a spoke in radians, clockwise from the upward direction. */
double radar_spoke_angle(const radar_geometry *geometry, size_t spoke);

#endif
