/*
 * answer_reader.c — the answer files as streams of answer sets: a YAML
 * stream of documents (`---`), JSON Lines, or a CSV register. Records are
 * read as they come (record_stream.c) and each parsed by the reader of its
 * kind: jsonl.c's fast reader, yaml_answers.c, register.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answers/answer_reader.h"
#include "answers/jsonl.h"
#include "answers/record_stream.h"
#include "answers/register.h"
#include "answers/yaml_answers.h"
#include "base/diag.h"
#include "tenken.h"

struct tk_answer_reader {
    arena region;           /* the CSV source text */
    const tk_graph *graph;
    const char *path;       /* as messages name it */
    source *file;           /* a CSV register, read whole */
    register_reader *csv;   /* a CSV register; else a stream of records */
    record_stream records;  /* YAML documents or JSON lines, read as they come */
    bool streaming;
    size_t documents;
    bool finished;
};

/* One answer set as read, not yet parsed (tk_answers_next_raw). */
struct tk_raw_answers {
    char *text;
    size_t length, first_line, number;
    record_kind kind;
    const char *path;
};

/* {=== the stream ===} */

static bool names_suffix(const char *path, const char *suffix) {
    size_t length = strlen(path), suffix_length = strlen(suffix);
    return length >= suffix_length && strcasecmp(path + length - suffix_length, suffix) == 0;
}

static bool names_csv(const char *path) { return names_suffix(path, ".csv"); }

static bool names_jsonl(const char *path) {
    return names_suffix(path, ".jsonl") || names_suffix(path, ".ndjson");
}

/* A CSV register is read whole: its heading row applies to every row. */
static tk_answer_reader *start_csv(tk_answer_reader *reader, tk_diags *diags) {
    if (!diag_check_utf8(diag_list_of(diags), reader->file, answers_utf8_help))
        reader->finished = true;
    reader->csv = register_open(&reader->region, reader->graph, reader->file);
    return reader;
}

static record_kind kind_for(tk_input_format format, const char *path) {
    return format == TK_INPUT_JSONL || (format == TK_INPUT_AUTO && names_jsonl(path))
               ? RECORDS_JSONL : RECORDS_YAML;
}

tk_answer_reader *tk_answers_open(const tk_graph *graph, const char *path, tk_diags *diags) {
    return tk_answers_open_as(graph, path, TK_INPUT_AUTO, diags);
}

static void close_reader(void *reader) { tk_answers_close(reader); }

/* A reader made within the call that protects `within` (arena.h). */
static tk_answer_reader *new_reader(const arena *within, const tk_graph *graph,
                                    const char *path) {
    tk_answer_reader *reader = calloc(1, sizeof *reader);
    if (!reader) arena_out_of_memory(within);
    arena_init(&reader->region);
    recovery_own(arena_recovery(within), &reader->region, close_reader, reader);
    reader->graph = graph;
    reader->path = arena_strdup(&reader->region, strcmp(path, "-") == 0 ? "<stdin>" : path);
    return reader;
}

tk_answer_reader *answers_reader_open(const tk_graph *graph, const char *path,
                                      tk_input_format format, tk_diags *diags) {
    tk_answer_reader *reader = new_reader(&diag_list_of(diags)->region, graph, path);
    if (format == TK_INPUT_CSV || (format == TK_INPUT_AUTO && names_csv(path))) {
        const char *error = NULL;
        reader->file = source_read_file(&reader->region, path, &error);
        if (reader->file) return start_csv(reader, diags);
        diag_report_at_path(diag_list_of(diags), SEVERITY_ERROR, DIAG_TK0901, path,
                            "cannot read the file: %s", error);
    } else if (record_stream_open(&reader->records, path, kind_for(format, path))) {
        reader->streaming = true;
        reader->records.within = &reader->region;
        return reader;
    } else {
        if (errno == ENOMEM) arena_out_of_memory(&reader->region);
        diag_report_at_path(diag_list_of(diags), SEVERITY_ERROR, DIAG_TK0901, path,
                            "cannot read the file: %s", strerror(errno));
    }
    tk_answers_close(reader);
    return NULL;
}

tk_answer_reader *tk_answers_open_as(const tk_graph *graph, const char *path,
                                     tk_input_format format, tk_diags *diags) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    recovery_begin_guarded(&point, &diag_list_of(diags)->region);
    tk_answer_reader *reader = answers_reader_open(graph, path, format, diags);
    recovery_end(&point);
    return reader;
}

tk_answer_reader *answers_open_text(const tk_graph *graph, const char *path, const char *text,
                                    tk_diags *diags) {
    tk_answer_reader *reader = new_reader(&diag_list_of(diags)->region, graph, path);
    if (names_csv(path)) {
        reader->file = source_from_text(&reader->region, path, text, strlen(text));
        return start_csv(reader, diags);
    }
    reader->streaming = record_stream_open_text(&reader->records, text, strlen(text),
                                                kind_for(TK_INPUT_AUTO, path));
    return reader;
}

/* One record: JSON lines first by the fast reader, which leaves anything
   unusual to libyaml. NULL when nothing could be read from it. */
static tk_answers *parse_record(const tk_graph *graph, const char *path, const char *text,
                                size_t length, size_t first_line, size_t number,
                                record_kind kind, tk_diags *diags) {
    if (kind == RECORDS_JSONL) {
        tk_answers *fast = jsonl_read_fast(&diag_list_of(diags)->region, graph, path, text,
                                           length, number);
        if (fast) return fast;
    }
    return answers_read_yaml(graph, path, text, length, first_line, number, diags);
}

static void report_too_large(const tk_answer_reader *reader, const stream_record *next,
                             tk_diags *diags) {
    diagnostic *record = diag_report_at_path(diag_list_of(diags), SEVERITY_ERROR, DIAG_TK0502,
        reader->path, "the answer set at line %zu is larger than 64 MiB", next->first_line);
    diag_set_help(diag_list_of(diags), record, "an answer set is a few kilobytes; check that "
                                                "the file is an answer file");
}

bool tk_answers_can_split(const tk_answer_reader *reader) { return reader->streaming; }

/* The next record of a stream; one too large is reported and passed over.
   At the end (and after a read error, reported) the reader is finished. */
static bool next_record(tk_answer_reader *reader, stream_record *next, tk_diags *diags) {
    bool failed = false;
    while (record_next(&reader->records, next, &failed)) {
        if (!next->too_large) return true;
        report_too_large(reader, next, diags);
    }
    if (failed)
        diag_report_at_path(diag_list_of(diags), SEVERITY_ERROR, DIAG_TK0901, reader->path,
                            "cannot read the file: read error");
    reader->finished = true;
    return false;
}

static tk_raw_answers *next_raw(tk_answer_reader *reader, tk_diags *diags) {
    stream_record next;
    if (next_record(reader, &next, diags)) {
        tk_raw_answers *raw = calloc(1, sizeof *raw);
        if (!raw) arena_out_of_memory(&reader->region);
        raw->text = malloc(next.length + 1);
        if (!raw->text) {
            free(raw);
            arena_out_of_memory(&reader->region);
        }
        memcpy(raw->text, next.text, next.length);
        raw->text[next.length] = '\0';
        raw->length = next.length;
        raw->first_line = next.first_line;
        raw->number = next.number;
        raw->kind = reader->records.kind;
        raw->path = reader->path;
        return raw;
    }
    return NULL;
}

/* A call on the reader: begun, with the reader and the diagnostics guarded. */
static void begin_reading(recovery *point, tk_answer_reader *reader, tk_diags *diags) {
    recovery_begin_guarded(point, &diag_list_of(diags)->region);
    recovery_guard(point, &reader->region);
}

tk_raw_answers *tk_answers_next_raw(tk_answer_reader *reader, tk_diags *diags) {
    if (reader->finished || !reader->streaming) return NULL;
    recovery point;
    if (setjmp(point.resume)) {
        reader->finished = true;
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    begin_reading(&point, reader, diags);
    tk_raw_answers *raw = next_raw(reader, diags);
    recovery_end(&point);
    return raw;
}

tk_answers *tk_raw_answers_parse(const tk_graph *graph, const tk_raw_answers *raw,
                                 tk_diags *diags) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    recovery_begin_guarded(&point, &diag_list_of(diags)->region);
    tk_answers *answers = parse_record(graph, raw->path, raw->text, raw->length,
                                       raw->first_line, raw->number, raw->kind, diags);
    recovery_end(&point);
    return answers;
}

void tk_raw_answers_free(tk_raw_answers *raw) {
    if (!raw) return;
    free(raw->text);
    free(raw);
}

static tk_answers *next_answers(tk_answer_reader *reader, tk_diags *diags) {
    if (reader->csv) {
        tk_answers *answers = register_next(reader->csv, diag_list_of(diags),
            diag_is_lenient(diags) ? SEVERITY_WARNING : SEVERITY_ERROR, reader->documents + 1);
        if (answers) reader->documents++;
        else reader->finished = true;
        return answers;
    }
    stream_record next;
    while (next_record(reader, &next, diags)) {
        tk_answers *answers = parse_record(reader->graph, reader->path, next.text, next.length,
                                           next.first_line, next.number, reader->records.kind,
                                           diags);
        if (answers) return answers;
    }
    return NULL;
}

tk_answers *tk_answers_next(tk_answer_reader *reader, tk_diags *diags) {
    if (reader->finished) return NULL;
    recovery point;
    if (setjmp(point.resume)) {
        reader->finished = true;
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    begin_reading(&point, reader, diags);
    tk_answers *answers = next_answers(reader, diags);
    recovery_end(&point);
    return answers;
}

tk_answers *answers_reader_next(tk_answer_reader *reader, tk_diags *diags) {
    return reader->finished ? NULL : next_answers(reader, diags);
}

void tk_answers_close(tk_answer_reader *reader) {
    if (!reader) return;
    if (reader->streaming) record_stream_close(&reader->records);
    register_close(reader->csv);
    arena_release(&reader->region);
    free(reader);
}
