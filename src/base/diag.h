/*
 * diag.h — diagnostics: one record type (code, severity, location, message,
 * notes, help) collected from every stage, rendered as GNU text with a caret
 * or as JSON. A record copies the source line it points at, so it outlives
 * the source it came from.
 */
#ifndef TK_DIAG_H
#define TK_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/source.h"

typedef enum diag_code {
#define DIAG_CODE(code, name, summary) DIAG_##code,
#include "base/diag_codes.h"
#undef DIAG_CODE
    DIAG_CODE_COUNT
} diag_code;

typedef enum diag_severity { SEVERITY_ERROR, SEVERITY_WARNING, SEVERITY_NOTE } diag_severity;

typedef struct diag_location {
    const char *path;       /* NULL when the diagnostic has no place in a file */
    unsigned line, column;  /* 1-based; column in display columns */
    unsigned end_line, end_column;
    unsigned code_column, code_end_column;  /* 1-based, in code points (SARIF) */
    const char *line_text;  /* copy of the source line */
    unsigned caret_width;   /* display columns to underline on line_text */
} diag_location;

typedef struct diag_note {
    const char *message;
    diag_location location;
} diag_note;

typedef struct diagnostic {
    diag_code code;
    diag_severity severity;
    const char *message;
    const char *help;       /* NULL when there is nothing to suggest */
    diag_location location;
    diag_note *notes;
    size_t note_count, note_capacity;
} diagnostic;

enum { DIAG_MAX_RECORDED = 1000 };  /* more are counted, not kept: a file of garbage
                                       must not cost memory by the diagnostic */

typedef struct diag_list {
    arena region;
    diagnostic **items;
    size_t count, capacity;
    size_t error_count, warning_count;   /* all of them, kept or not */
    size_t unrecorded;      /* diagnostics counted but not kept (past DIAG_MAX_RECORDED) */
    diagnostic overflow;    /* handed out for those, so callers can still add help */
    bool out_of_memory;     /* TK0906 was reported: kept here, as memory had run out */
    bool once_per_place;    /* a code said once at a place, whatever its message */
    const source *last_file;    /* the line copied last, shared by diagnostics on it */
    unsigned last_line;
    const char *last_line_text;
    uint32_t last_offset;   /* and the last position located on it */
    source_position last_position;
} diag_list;

void diag_list_init(diag_list *list);

/* Append copies of every diagnostic of `from` (batches evaluated on other
   threads are merged in input order); the counts follow. */
void diag_list_append(diag_list *into, const diag_list *from);

/* A source is about to be freed (one answer set of a stream): diagnostics
   already hold copies of its lines, but the list must not reuse them for
   another source that takes its place in memory. */
void diag_forget_file(diag_list *list, const source *file);
void diag_list_release(diag_list *list);

diagnostic *diag_report(diag_list *list, diag_severity severity, diag_code code,
                        const source *file, uint32_t start, uint32_t end,
                        const char *format, ...) __attribute__((format(printf, 7, 8)));
diagnostic *diag_report_va(diag_list *list, diag_severity severity, diag_code code,
                           const source *file, uint32_t start, uint32_t end,
                           const char *format, va_list args) __attribute__((format(printf, 7, 0)));
diagnostic *diag_report_at_path(diag_list *list, diag_severity severity, diag_code code,
                                const char *path, const char *format, ...)
    __attribute__((format(printf, 5, 6)));
/* Memory ran out (TK0906): recorded without allocating, once, and shown
   after the other diagnostics. */
void diag_out_of_memory(diag_list *list);
/* Forget the warnings reported since the list had `from` records (a
   variant's compilation repeats the warnings of its module). */
void diag_drop_warnings(diag_list *list, size_t from);
void diag_set_help(diag_list *list, diagnostic *record, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void diag_add_note(diag_list *list, diagnostic *record, const source *file,
                   uint32_t start, uint32_t end, const char *format, ...)
    __attribute__((format(printf, 6, 7)));

/* True when the file is valid UTF-8; otherwise TK0001 is reported at the
   first invalid byte, with `help` (how to save the file as UTF-8). */
bool diag_check_utf8(diag_list *list, const source *file, const char *help);
#define DIAG_HELP_SAVE_AS_UTF8 "save the file as UTF-8 (Shift_JIS and other encodings are not read)"

const char *diag_code_text(diag_code code);   /* "TK0201" */
const char *diag_code_name(diag_code code);   /* "unknown-scale" */
const char *diag_code_summary(diag_code code);

void diag_render_text(const diag_list *list, FILE *stream, bool color, size_t max_errors);
void diag_render_json(const diag_list *list, FILE *stream);
void diag_render_sarif(const diag_list *list, FILE *stream, const char *tool_version);

/* The list inside the public tk_diags handle, for the library's stages. */
struct tk_diags;
diag_list *diag_list_of(struct tk_diags *diags);
bool diag_is_lenient(const struct tk_diags *diags);

#endif
