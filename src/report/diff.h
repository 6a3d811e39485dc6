/*
 * diff.h — what changed between two results of the same subject, as a
 * model the formats render (their diff writers, formats.h): per pair of
 * results the changes in order — header and register fields, facts, items,
 * values, gates, stages, bands — each with its old and new side and the
 * difference; and for the formats that write tables, the same as tables.
 */
#ifndef TK_REPORT_DIFF_H
#define TK_REPORT_DIFF_H

#include "report/report.h"

#define TK_DIFF_FORMAT "tenken-diff/1"

typedef enum diff_kind {
    DIFF_HEADER, DIFF_FACT, DIFF_ITEM, DIFF_VALUE, DIFF_GATE, DIFF_STAGE, DIFF_BAND,
    DIFF_KIND_COUNT
} diff_kind;

/* One side of a change: as text, and as a number when it is one. */
typedef struct diff_side {
    const char *text;
    bool has_number;
    decimal number;
} diff_side;

typedef struct diff_change {
    diff_kind kind;
    size_t node;            /* the fact, item, value, gate, ladder or bands node */
    size_t checklist;       /* its checklist, or NO_INDEX */
    const char *name;       /* item id, fact, value, gate or ladder name, header field */
    const char *title;      /* label or title in the report's language, or "" */
    diff_side old, new;
    bool has_delta;
    decimal delta;
} diff_change;

/* The changes from one result to the other, in the order above. */
typedef struct diff_set {
    report_context old, new;    /* `new` renders; `old` reads the first result */
    diff_change *changes;
    size_t count, capacity;
} diff_set;

/* The pairs being compared, one set at a time. */
typedef struct diff_run {
    const tk_result *const *old, *const *new;
    size_t count, next;
    FILE *stream;
    const tk_report_options *options;
    const char *lang;               /* "ja" or "en" */
    const report_words *words;
    diff_set set;
    bool collected;                 /* set holds a pair's changes */
    recovery *protect;              /* the call's recovery point (arena.h) */
} diff_run;

/* A run over count pairs old[i], new[i] written to stream; its arenas are
   protected by `protect` (arena.h). diff_finish releases the last pair. */
diff_run diff_start(const tk_result *const *old, const tk_result *const *new, size_t count,
                    FILE *stream, const tk_report_options *options, recovery *protect);
void diff_finish(diff_run *run);

/* The changes of the next pair (those of the pair before released), or
   NULL after the last. */
diff_set *diff_next(diff_run *run);
/* The module compared, or NULL when there is no pair. */
const char *diff_rules(const diff_run *run);

/* {=== shared by the renderers ===} */

/* A whole number as digits, else four significant digits. */
const char *diff_number_text(diff_set *set, decimal number);
/* A side as shown: a dash for a field that is empty. */
const char *diff_shown(const char *text);
/* The subject of an answer set, or its file when it names none. */
const char *diff_subject(const tk_answers *answers);
/* The difference as "+2", "-0.5", "±0", or "" when there is none. */
const char *diff_delta_text(diff_set *set, const diff_change *change);
/* An item's side with its points: 確認中 (2). */
const char *diff_side_with_points(diff_set *set, const diff_change *change, diff_side side);
/* A header field's name in the report's language. */
const char *diff_header_word(const diff_set *set, const char *field);
/* Whether a checklist (or NO_INDEX: module level) has changed items, values
   or gates. */
bool diff_has_changes_in(const diff_set *set, size_t list);
/* "MODULE: OLD FILE (ASSESSED) → NEW FILE (ASSESSED)". */
const char *diff_files_line(diff_set *set);

/* {=== as tables (Markdown, HTML) ===} */

enum { DIFF_COLUMNS = 6 };

typedef struct diff_row {
    const char *cells[DIFF_COLUMNS];
    const char *delta_class;    /* of the last cell: "up", "down", "same"; NULL: none */
} diff_row;

typedef struct diff_table {
    const char *heading;
    const char *head[DIFF_COLUMNS];
    size_t columns, row_count;
    diff_row *rows;
} diff_table;

/* The changes as a table per kind, in the order of diff_kind; a table
   without rows is not written. */
void diff_tables(diff_set *set, diff_table tables[DIFF_KIND_COUNT]);

#endif
