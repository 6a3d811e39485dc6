/*
 * diag.c — collecting diagnostics and rendering them: GNU
 * `file:line:col: error[TKnnnn]: message`, the source line, a caret under the
 * span by display width, then note and help lines; or a JSON array.
 */
#include "base/diag.h"

#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/json_write.h"
#include <stdint.h>
#include "base/utf8.h"
#include "tenken.h"

static const char *const code_texts[] = {
#define DIAG_CODE(code, name, summary) #code,
#include "base/diag_codes.h"
#undef DIAG_CODE
};
static const char *const code_names[] = {
#define DIAG_CODE(code, name, summary) name,
#include "base/diag_codes.h"
#undef DIAG_CODE
};
static const char *const code_summaries[] = {
#define DIAG_CODE(code, name, summary) summary,
#include "base/diag_codes.h"
#undef DIAG_CODE
};

/* The formats tk_diags_print writes, as --format names them. */
static const char *const diag_format_names[] = {
    [TK_DIAG_TEXT] = "text", [TK_DIAG_JSON] = "json", [TK_DIAG_SARIF] = "sarif"};

bool tk_diag_format_by_name(const char *name, tk_diag_format *format) {
    for (size_t index = 0; index < sizeof diag_format_names / sizeof *diag_format_names; index++)
        if (!name || !strcmp(name, diag_format_names[index])) {
            *format = (tk_diag_format)index;
            return true;
        }
    return false;
}

const char *diag_code_text(diag_code code) { return code_texts[code]; }
const char *diag_code_name(diag_code code) { return code_names[code]; }
const char *diag_code_summary(diag_code code) { return code_summaries[code]; }

void diag_list_init(diag_list *list) {
    memset(list, 0, sizeof *list);
    arena_init(&list->region);
}

void diag_list_release(diag_list *list) {
    arena_release(&list->region);
    memset(list, 0, sizeof *list);
}

/* Fill a location from a byte span; the source line is copied. */
static diag_location locate_span(diag_list *list, const source *file, uint32_t start,
                                 uint32_t end) {
    diag_location location = {0};
    if (!file) return location;
    if (end < start) end = start;
    source_position first = list->last_file == file
                                ? source_locate_after(file, start, list->last_offset,
                                                      list->last_position)
                                : source_locate(file, start);
    source_position last = source_locate_after(file, end, start, first);
    list->last_offset = start;
    list->last_position = first;
    size_t line_length;
    const char *line = source_line(file, first.line, &line_length);
    location.path = file->path;
    location.line = first.line + file->line_offset;
    location.column = first.column;
    location.end_line = last.line + file->line_offset;
    location.end_column = last.column;
    if (list->last_file == file && list->last_line == first.line) {
        location.line_text = list->last_line_text; /* many diagnostics on one long line */
    } else {
        location.line_text = arena_strndup(&list->region, line, line_length);
        list->last_file = file;
        list->last_line = first.line;
        list->last_line_text = location.line_text;
    }
    uint32_t line_start = (uint32_t)(line - file->text);
    location.code_column = (unsigned)utf8_length(line, start - line_start) + 1;
    size_t last_length;
    const char *last_line = source_line(file, last.line, &last_length);
    uint32_t last_start = (uint32_t)(last_line - file->text);
    location.code_end_column = (unsigned)utf8_length(last_line, end - last_start) + 1;
    if (last.line == first.line) {
        location.caret_width = last.column > first.column ? last.column - first.column : 1;
    } else {
        unsigned line_width = (unsigned)utf8_display_width(line, line_length) + 1;
        location.caret_width = line_width > first.column ? line_width - first.column : 1;
    }
    return location;
}

static diagnostic *diag_append(diag_list *list, diag_severity severity, diag_code code,
                               const char *message) {
    if (list->count >= DIAG_MAX_RECORDED) {
        if (severity == SEVERITY_ERROR) list->error_count++;
        if (severity == SEVERITY_WARNING) list->warning_count++;
        list->unrecorded++;
        memset(&list->overflow, 0, sizeof list->overflow);
        list->overflow.code = code;
        list->overflow.severity = severity;
        list->overflow.message = message;
        return &list->overflow;
    }
    diagnostic *record = ARENA_NEW(&list->region, diagnostic);
    record->code = code;
    record->severity = severity;
    record->message = message;
    *ARENA_PUSH(&list->region, list->items, list->count, list->capacity) = record;
    if (severity == SEVERITY_ERROR) list->error_count++;
    if (severity == SEVERITY_WARNING) list->warning_count++;
    return record;
}

enum { DIAG_MAX_MESSAGE = 400 };    /* bytes: a message quoting a 1 MB value stays a line */

/* Cut a message that quotes something huge, at a character boundary, with "…". */
static char *shorten_message(char *text) {
    size_t length = strlen(text);
    if (length <= DIAG_MAX_MESSAGE) return text;
    size_t cut = DIAG_MAX_MESSAGE - 4;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--;
    memcpy(text + cut, "…", sizeof "…");
    return text;
}

static char *format_message(diag_list *list, const char *format, va_list args)
    __attribute__((format(printf, 2, 0)));

static char *format_message(diag_list *list, const char *format, va_list args) {
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (length < 0) length = 0;
    char *text = arena_alloc(&list->region, (size_t)length + 1);
    vsnprintf(text, (size_t)length + 1, format, args);
    return shorten_message(text);
}

diagnostic *diag_report(diag_list *list, diag_severity severity, diag_code code,
                        const source *file, uint32_t start, uint32_t end,
                        const char *format, ...) {
    va_list args;
    va_start(args, format);
    diagnostic *record = diag_report_va(list, severity, code, file, start, end, format, args);
    va_end(args);
    return record;
}

/* Whether the list already holds this diagnostic: the same code at the same
   place in a file, and the same message unless the list says one per place
   is enough (while an expression written once is compiled once for each of
   several sections, when its messages may name each section's item). The
   latest records are the likeliest, so they are looked at first. */
static bool already_reported(const diag_list *list, diag_code code, const diag_location *where,
                             const char *message) {
    for (size_t index = list->count; index-- > 0;) {
        const diagnostic *record = list->items[index];
        const diag_location *seen = &record->location;
        if (record->code == code && seen->line == where->line && seen->column == where->column &&
            seen->end_line == where->end_line && seen->end_column == where->end_column &&
            seen->path && !strcmp(seen->path, where->path) &&
            (list->once_per_place || !strcmp(record->message, message)))
            return true;
    }
    return false;
}

/* A record outside the list for a diagnostic said already: the caller may
   still add help and notes to it, which go nowhere. */
static diagnostic *discarded(diag_list *list, diag_code code, diag_severity severity) {
    memset(&list->overflow, 0, sizeof list->overflow);
    list->overflow.code = code;
    list->overflow.severity = severity;
    list->overflow.message = "";
    return &list->overflow;
}

diagnostic *diag_report_va(diag_list *list, diag_severity severity, diag_code code,
                           const source *file, uint32_t start, uint32_t end,
                           const char *format, va_list args) {
    if (list->count >= DIAG_MAX_RECORDED) return diag_append(list, severity, code, "");
    /* Everything is copied before the record joins the list: running out of
       memory half-way leaves no record pointing into a freed source. */
    char *message = format_message(list, format, args);
    diag_location location = locate_span(list, file, start, end);
    if (file) location.path = arena_strdup(&list->region, file->path);
    if (file && location.line && already_reported(list, code, &location, message))
        return discarded(list, code, severity);
    diagnostic *record = diag_append(list, severity, code, message);
    record->location = location;
    return record;
}

diagnostic *diag_report_at_path(diag_list *list, diag_severity severity, diag_code code,
                                const char *path, const char *format, ...) {
    if (list->count >= DIAG_MAX_RECORDED) return diag_append(list, severity, code, "");
    va_list args;
    va_start(args, format);
    char *message = format_message(list, format, args);
    va_end(args);
    diagnostic *record = diag_append(list, severity, code, message);
    record->location.path = path ? arena_strdup(&list->region, path) : NULL;
    return record;
}

void diag_out_of_memory(diag_list *list) {
    list->last_file = NULL; /* the sources of the call that failed are freed */
    if (list->out_of_memory) return;
    list->out_of_memory = true;
    list->error_count++;
}

/* The record TK0906 is shown as. */
static const diagnostic out_of_memory_record = {.code = DIAG_TK0906,
                                                .severity = SEVERITY_ERROR,
                                                .message = "out of memory"};

void diag_drop_warnings(diag_list *list, size_t from) {
    size_t kept = from;
    for (size_t index = from; index < list->count; index++) {
        if (list->items[index]->severity == SEVERITY_WARNING) {
            list->warning_count--;
            continue;
        }
        list->items[kept++] = list->items[index];
    }
    list->count = kept;
}

void diag_set_help(diag_list *list, diagnostic *record, const char *format, ...) {
    if (record == &list->overflow) return;
    va_list args;
    va_start(args, format);
    record->help = format_message(list, format, args);
    va_end(args);
}

void diag_add_note(diag_list *list, diagnostic *record, const source *file,
                   uint32_t start, uint32_t end, const char *format, ...) {
    if (record == &list->overflow) return;
    va_list args;
    va_start(args, format);
    const char *message = format_message(list, format, args);
    va_end(args);
    diag_location location = locate_span(list, file, start, end);
    if (file) location.path = arena_strdup(&list->region, file->path);
    diag_note *note = ARENA_PUSH(&list->region, record->notes, record->note_count,
                                 record->note_capacity);
    note->message = message;
    note->location = location;
}

/* {=== text rendering ===} */

typedef struct text_style {
    const char *bold, *red, *yellow, *cyan, *green, *reset;
} text_style;

static const text_style plain_style = {"", "", "", "", "", ""};
static const text_style color_style = {"\033[1m", "\033[1;31m", "\033[1;33m",
                                       "\033[1;36m", "\033[1;32m", "\033[0m"};

static const char *severity_word(diag_severity severity) {
    switch (severity) {
    case SEVERITY_ERROR: return "error";
    case SEVERITY_WARNING: return "warning";
    default: return "note";
    }
}

enum { SNIPPET_COLUMNS = 100 };  /* a longer line is shown as a window around the caret */

/* Print the part of the source line between two display columns, tabs
   expanded; returns the columns printed. */
static size_t print_line_window(FILE *stream, const char *line, size_t from, size_t to) {
    size_t columns = 0, printed = 0, length = strlen(line), offset = 0;
    while (offset < length && columns < to) {
        uint32_t code_point;
        size_t size = utf8_decode(line + offset, length - offset, &code_point);
        size_t width;
        if (size == 0) size = 1, code_point = '?';
        width = code_point == '\t' ? (columns / 8 + 1) * 8 - columns
                                   : (size_t)utf8_char_width(code_point);
        if (columns >= from && columns + width <= to) {
            if (code_point == '\t')
                fprintf(stream, "%*s", (int)width, "");
            else if ((code_point == '?' && (unsigned char)line[offset] >= 0x80) ||
                     escape_terminal_char(code_point) != code_point)
                fputc('?', stream);   /* invalid, a control character (escape.c) */
            else
                fwrite(line + offset, 1, size, stream);
            printed += width;
        }
        columns += width;
        offset += size;
    }
    return printed;
}

/* Print the source line, or a window of it around the caret when it is
   long, then the caret row under it. */
static void render_snippet(FILE *stream, const diag_location *location,
                           const text_style *style) {
    if (!location->line_text) return;
    size_t line_width = utf8_display_width(location->line_text, strlen(location->line_text));
    size_t from = 0, to = line_width;
    if (line_width > SNIPPET_COLUMNS) {
        size_t caret = location->column - 1;
        from = caret > SNIPPET_COLUMNS / 2 ? caret - SNIPPET_COLUMNS / 2 : 0;
        to = from + SNIPPET_COLUMNS;
    }
    int gutter = fprintf(stream, " %5u | ", location->line) - 2; /* the caret row's "| " */
    if (from > 0) fputs("…", stream);
    size_t shown = print_line_window(stream, location->line_text, from, to);
    if (to < line_width) fputs("…", stream);
    fputc('\n', stream);
    size_t caret_column = location->column - 1 - from + (from > 0 ? 1 : 0);
    size_t caret_width = location->caret_width;
    if (caret_column + caret_width > shown + (from > 0 ? 1 : 0))
        caret_width = shown + (from > 0 ? 1 : 0) > caret_column ? shown + (from > 0 ? 1 : 0) - caret_column : 1;
    fprintf(stream, "%*s| %*s%s^", gutter, "", (int)caret_column, "", style->green);
    for (size_t index = 1; index < caret_width; index++) fputc('~', stream);
    fprintf(stream, "%s\n", style->reset);
}

/* Messages quote what users wrote; its control characters (an escape
   sequence, a line break in a value) are shown as '?' and never reach the
   terminal, so a message stays one line (escape.c). */
static void print_printable(FILE *stream, const char *text) {
    escape_terminal_quote(stream, text);
}

static void render_location_prefix(FILE *stream, const diag_location *location) {
    if (!location->path) return;
    print_printable(stream, location->path);   /* a file name is user text too */
    if (location->line)
        fprintf(stream, ":%u:%u: ", location->line, location->column);
    else
        fputs(": ", stream);
}

static void render_one(FILE *stream, const diagnostic *record, const text_style *style) {
    const char *color = record->severity == SEVERITY_ERROR     ? style->red
                        : record->severity == SEVERITY_WARNING ? style->yellow
                                                               : style->cyan;
    fputs(style->bold, stream);
    render_location_prefix(stream, &record->location);
    fprintf(stream, "%s%s[%s]:%s%s ", color, severity_word(record->severity),
            diag_code_text(record->code), style->reset, style->bold);
    print_printable(stream, record->message);
    fprintf(stream, "%s\n", style->reset);
    render_snippet(stream, &record->location, style);
    for (size_t index = 0; index < record->note_count; index++) {
        const diag_note *note = &record->notes[index];
        render_location_prefix(stream, &note->location);
        fprintf(stream, "%snote:%s ", style->cyan, style->reset);
        print_printable(stream, note->message);
        fputc('\n', stream);
        render_snippet(stream, &note->location, style);
    }
    if (record->help) {
        fprintf(stream, "%shelp:%s ", style->cyan, style->reset);
        print_printable(stream, record->help);
        fputc('\n', stream);
    }
}

/* {=== order ===} */

typedef struct ordered_diagnostic {
    const diagnostic *record;
    size_t file_rank;       /* files in the order they were first reported */
    size_t sequence;
} ordered_diagnostic;

static int compare_ordered(const void *left_pointer, const void *right_pointer) {
    const ordered_diagnostic *left = left_pointer, *right = right_pointer;
    if (left->file_rank != right->file_rank) return left->file_rank < right->file_rank ? -1 : 1;
    const diag_location *a = &left->record->location, *b = &right->record->location;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->column != b->column) return a->column < b->column ? -1 : 1;
    return left->sequence < right->sequence ? -1 : left->sequence > right->sequence;
}

/* The diagnostics sorted by file, line and column; the caller frees the
   array. NULL when there is no memory for it: they are shown as recorded. */
static ordered_diagnostic *diag_sorted(const diag_list *list) {
    ordered_diagnostic *ordered = calloc(list->count + 1, sizeof *ordered);
    if (!ordered) return NULL;
    for (size_t index = 0; index < list->count; index++) {
        const char *path = list->items[index]->location.path;
        size_t rank = index;
        for (size_t earlier = 0; earlier < index; earlier++) {
            const char *other = list->items[earlier]->location.path;
            if ((path == NULL && other == NULL) || (path && other && !strcmp(path, other))) {
                rank = ordered[earlier].file_rank;
                break;
            }
        }
        ordered[index] = (ordered_diagnostic){list->items[index], rank, index};
    }
    qsort(ordered, list->count, sizeof *ordered, compare_ordered);
    return ordered;
}

/* The index-th diagnostic to show. */
static const diagnostic *shown(const diag_list *list, const ordered_diagnostic *ordered,
                               size_t index) {
    return ordered ? ordered[index].record : list->items[index];
}

void diag_render_text(const diag_list *list, FILE *stream, bool color, size_t max_errors) {
    const text_style *style = color ? &color_style : &plain_style;
    size_t errors_shown = 0, errors_hidden = 0;
    ordered_diagnostic *ordered = diag_sorted(list);
    for (size_t index = 0; index < list->count; index++) {
        const diagnostic *record = shown(list, ordered, index);
        if (record->severity == SEVERITY_ERROR && max_errors && errors_shown >= max_errors) {
            errors_hidden++;
            continue;
        }
        if (record->severity == SEVERITY_ERROR) errors_shown++;
        render_one(stream, record, style);
    }
    free(ordered);
    if (list->out_of_memory) render_one(stream, &out_of_memory_record, style);
    if (errors_hidden)
        fprintf(stream, "tenken: %zu more error%s not shown (--max-errors=%zu)\n",
                errors_hidden, errors_hidden == 1 ? "" : "s", max_errors);
    if (list->unrecorded)
        fprintf(stream, "tenken: %zu more diagnostic%s after the first %d not kept\n",
                list->unrecorded, list->unrecorded == 1 ? "" : "s", DIAG_MAX_RECORDED);
}

/* {=== JSON rendering ===} */

static void render_json_location(FILE *stream, const diag_location *location) {
    fputs("\"file\": ", stream);
    if (location->path) json_write_string(stream, location->path); else fputs("null", stream);
    if (location->line) {
        fprintf(stream, ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u",
                location->line, location->column, location->end_line,
                location->end_column);
    } else {
        fputs(", \"line\": null, \"column\": null, \"end_line\": null, \"end_column\": null",
              stream);
    }
}

static void render_json_one(FILE *stream, const diagnostic *record, bool first) {
    fputs(first ? "\n {" : ",\n {", stream);
    render_json_location(stream, &record->location);
    fprintf(stream, ", \"severity\": \"%s\", \"code\": \"%s\", \"rule\": \"%s\", \"message\": ",
            severity_word(record->severity), diag_code_text(record->code),
            diag_code_name(record->code));
    json_write_string(stream, record->message);
    fputs(", \"help\": ", stream);
    if (record->help) json_write_string(stream, record->help); else fputs("null", stream);
    fputs(", \"notes\": [", stream);
    for (size_t note = 0; note < record->note_count; note++) {
        fputs(note ? ", {" : "{", stream);
        render_json_location(stream, &record->notes[note].location);
        fputs(", \"message\": ", stream);
        json_write_string(stream, record->notes[note].message);
        fputs("}", stream);
    }
    fputs("]}", stream);
}

void diag_render_json(const diag_list *list, FILE *stream) {
    fputs("[", stream);
    ordered_diagnostic *ordered = diag_sorted(list);
    for (size_t index = 0; index < list->count; index++)
        render_json_one(stream, shown(list, ordered, index), index == 0);
    free(ordered);
    if (list->out_of_memory) render_json_one(stream, &out_of_memory_record, list->count == 0);
    fputs(list->count || list->out_of_memory ? "\n]\n" : "]\n", stream);
}

/* {=== SARIF 2.1.0 ===} */

/* A fingerprint that survives edits elsewhere in the file: the rule, the
   text of the line, and which occurrence of that pair this is. */
static const char *line_fingerprint(diag_list *list, const diagnostic *record,
                                    const ordered_diagnostic *ordered, size_t position) {
    uint64_t hash = 14695981039346656037ULL;
    const char *parts[] = {diag_code_text(record->code), record->location.path ? record->location.path : "",
                           record->location.line_text ? record->location.line_text : ""};
    for (size_t part = 0; part < 3; part++)
        for (const unsigned char *cursor = (const unsigned char *)parts[part]; *cursor; cursor++)
            hash = (hash ^ *cursor) * 1099511628211ULL;
    unsigned occurrence = 1;
    for (size_t earlier = 0; earlier < position; earlier++) {
        const diagnostic *other = shown(list, ordered, earlier);
        if (other->code == record->code && other->location.path && record->location.path &&
            !strcmp(other->location.path, record->location.path) && other->location.line_text &&
            record->location.line_text &&
            !strcmp(other->location.line_text, record->location.line_text))
            occurrence++;
    }
    return arena_printf(&list->region, "%016llx:%u", (unsigned long long)hash, occurrence);
}

static void sarif_location(json_writer *writer, const diag_location *location) {
    json_begin_object(writer);
    json_key(writer, "physicalLocation");
    json_begin_object(writer);
    json_key(writer, "artifactLocation");
    json_begin_object(writer);
    json_key(writer, "uri");
    json_string(writer, location->path);
    json_end_object(writer);
    if (location->line) {
        json_key(writer, "region");
        json_begin_object(writer);
        json_key(writer, "startLine");
        json_number(writer, location->line);
        json_key(writer, "startColumn");
        json_number(writer, location->code_column);
        json_key(writer, "endLine");
        json_number(writer, location->end_line);
        json_key(writer, "endColumn");
        json_number(writer, location->code_end_column > location->code_column || location->end_line > location->line
                                ? location->code_end_column : location->code_column + 1);
        json_key(writer, "snippet");
        json_begin_object(writer);
        json_key(writer, "text");
        json_string(writer, location->line_text);
        json_end_object(writer);
        json_end_object(writer);
    }
    json_end_object(writer);
    json_end_object(writer);
}

static const char *sarif_level(diag_severity severity) {
    return severity == SEVERITY_ERROR ? "error" : severity == SEVERITY_WARNING ? "warning" : "note";
}

static void sarif_rules(json_writer *writer) {
    json_key(writer, "rules");
    json_begin_array(writer);
    for (int code = 0; code < DIAG_CODE_COUNT; code++) {
        json_begin_object(writer);
        json_key(writer, "id");
        json_string(writer, diag_code_text((diag_code)code));
        json_key(writer, "name");
        json_string(writer, diag_code_name((diag_code)code));
        json_key(writer, "shortDescription");
        json_begin_object(writer);
        json_key(writer, "text");
        json_string(writer, diag_code_summary((diag_code)code));
        json_end_object(writer);
        json_key(writer, "help");
        json_begin_object(writer);
        json_key(writer, "text");
        json_string(writer, "Each code is explained, with an example and the fix, in tenken's "
                            "doc/diagnostics.md.");
        json_end_object(writer);
        json_end_object(writer);
    }
    json_end_array(writer);
}

static void sarif_result(diag_list *list, json_writer *writer, const diagnostic *record,
                         const ordered_diagnostic *ordered, size_t position) {
    json_begin_object(writer);
    json_key(writer, "ruleId");
    json_string(writer, diag_code_text(record->code));
    json_key(writer, "ruleIndex");
    json_number(writer, record->code);
    json_key(writer, "level");
    json_string(writer, sarif_level(record->severity));
    json_key(writer, "message");
    json_begin_object(writer);
    json_key(writer, "text");
    json_string(writer, record->help ? arena_printf(&list->region, "%s (help: %s)", record->message,
                                                    record->help)
                                     : record->message);
    json_end_object(writer);
    if (record->location.path) {
        json_key(writer, "locations");
        json_begin_array(writer);
        sarif_location(writer, &record->location);
        json_end_array(writer);
        json_key(writer, "partialFingerprints");
        json_begin_object(writer);
        json_key(writer, "primaryLocationLineHash");
        json_string(writer, line_fingerprint(list, record, ordered, position));
        json_end_object(writer);
    }
    size_t related = 0;
    for (size_t note = 0; note < record->note_count; note++) related += record->notes[note].location.path != NULL;
    if (related) {
        json_key(writer, "relatedLocations");
        json_begin_array(writer);
        for (size_t note = 0, id = 1; note < record->note_count; note++) {
            const diag_note *entry = &record->notes[note];
            if (!entry->location.path) continue;
            json_begin_object(writer);
            json_key(writer, "id");
            json_number(writer, (double)id++);
            json_key(writer, "message");
            json_begin_object(writer);
            json_key(writer, "text");
            json_string(writer, entry->message);
            json_end_object(writer);
            json_key(writer, "physicalLocation");
            /* the same shape as a location's physicalLocation */
            json_begin_object(writer);
            json_key(writer, "artifactLocation");
            json_begin_object(writer);
            json_key(writer, "uri");
            json_string(writer, entry->location.path);
            json_end_object(writer);
            if (entry->location.line) {
                json_key(writer, "region");
                json_begin_object(writer);
                json_key(writer, "startLine");
                json_number(writer, entry->location.line);
                json_key(writer, "startColumn");
                json_number(writer, entry->location.code_column);
                json_end_object(writer);
            }
            json_end_object(writer);
            json_end_object(writer);
        }
        json_end_array(writer);
    }
    json_end_object(writer);
}

void diag_render_sarif(const diag_list *list, FILE *stream, const char *tool_version) {
    diag_list *writable = (diag_list *)list; /* fingerprints and messages go into its arena */
    ordered_diagnostic *ordered = diag_sorted(list);
    json_writer writer;
    json_writer_init(&writer, stream, true);
    json_begin_object(&writer);
    json_key(&writer, "$schema");
    json_string(&writer, "https://json.schemastore.org/sarif-2.1.0.json");
    json_key(&writer, "version");
    json_string(&writer, "2.1.0");
    json_key(&writer, "runs");
    json_begin_array(&writer);
    json_begin_object(&writer);
    json_key(&writer, "tool");
    json_begin_object(&writer);
    json_key(&writer, "driver");
    json_begin_object(&writer);
    json_key(&writer, "name");
    json_string(&writer, "tenken");
    json_key(&writer, "version");
    json_string(&writer, tool_version);
    sarif_rules(&writer);
    json_end_object(&writer);
    json_end_object(&writer);
    json_key(&writer, "columnKind");
    json_string(&writer, "unicodeCodePoints");
    json_key(&writer, "results");
    json_begin_array(&writer);
    for (size_t index = 0; index < list->count; index++)
        sarif_result(writable, &writer, shown(list, ordered, index), ordered, index);
    if (list->out_of_memory)    /* no place, so no fingerprint: nothing is allocated */
        sarif_result(writable, &writer, &out_of_memory_record, ordered, list->count);
    json_end_array(&writer);
    json_end_object(&writer);
    json_end_array(&writer);
    json_end_object(&writer);
    fputc('\n', stream);
    free(ordered);
}

bool diag_check_utf8(diag_list *list, const source *file, const char *help) {
    size_t invalid = utf8_first_invalid(file->text, file->length);
    if (invalid == file->length) return true;
    diagnostic *record = diag_report(list, SEVERITY_ERROR, DIAG_TK0001, file, (uint32_t)invalid,
                                     (uint32_t)invalid + 1, "invalid UTF-8 byte 0x%02X",
                                     (unsigned char)file->text[invalid]);
    diag_set_help(list, record, "%s", help);
    return false;
}

void diag_forget_file(diag_list *list, const source *file) {
    if (list->last_file == file) list->last_file = NULL;
}

static const char *copy_text(diag_list *list, const char *text) {
    return text ? arena_strdup(&list->region, text) : NULL;
}

static diag_location copy_location(diag_list *list, diag_location location) {
    location.path = copy_text(list, location.path);
    location.line_text = copy_text(list, location.line_text);
    return location;
}

void diag_list_append(diag_list *into, const diag_list *from) {
    for (size_t index = 0; index < from->count; index++) {
        const diagnostic *source_record = from->items[index];
        diagnostic *record = diag_append(into, source_record->severity, source_record->code,
                                         copy_text(into, source_record->message));
        if (record == &into->overflow) continue;
        record->help = copy_text(into, source_record->help);
        record->location = copy_location(into, source_record->location);
        for (size_t note = 0; note < source_record->note_count; note++) {
            const char *message = copy_text(into, source_record->notes[note].message);
            diag_location location = copy_location(into, source_record->notes[note].location);
            diag_note *copy = ARENA_PUSH(&into->region, record->notes, record->note_count,
                                         record->note_capacity);
            copy->message = message;
            copy->location = location;
        }
    }
    /* Those counted but not kept stay counted. */
    size_t kept_errors = 0, kept_warnings = 0;
    for (size_t index = 0; index < from->count; index++) {
        kept_errors += from->items[index]->severity == SEVERITY_ERROR;
        kept_warnings += from->items[index]->severity == SEVERITY_WARNING;
    }
    if (from->out_of_memory) {
        kept_errors++;
        diag_out_of_memory(into);
    }
    into->error_count += from->error_count - kept_errors;
    into->warning_count += from->warning_count - kept_warnings;
    into->unrecorded += from->unrecorded;
}
