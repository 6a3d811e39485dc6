/*
 * record_stream.c — splitting an answer file into records while reading it
 * in chunks. Only the current record and the chunk after it are held, so a
 * file of a million answer sets reads in the memory of one.
 */
#include "answers/record_stream.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_BYTES = 1 << 20 };

bool record_stream_open(record_stream *records, const char *path, record_kind kind) {
    memset(records, 0, sizeof *records);
    records->kind = kind;
    records->line = 1;
    if (strcmp(path, "-") == 0) {
        records->stream = stdin;
        return true;
    }
    records->stream = fopen(path, "rb");
    records->owned = true;
    return records->stream != NULL;
}

bool record_stream_open_text(record_stream *records, const char *text, size_t length,
                             record_kind kind) {
    memset(records, 0, sizeof *records);
    records->kind = kind;
    records->line = 1;
    records->buffer = malloc(length + 1);
    if (!records->buffer) return false;
    memcpy(records->buffer, text, length);
    records->length = records->capacity = length;
    records->at_end = true;
    return true;
}

void record_stream_close(record_stream *records) {
    if (records->owned && records->stream) fclose(records->stream);
    free(records->buffer);
    memset(records, 0, sizeof *records);
}

/* Read one more chunk after what the buffer holds; false at the end. */
static bool fill(record_stream *records, bool *failed) {
    if (records->at_end || !records->stream) return false;
    if (records->start > 0) { /* drop what was handed out */
        memmove(records->buffer, records->buffer + records->start,
                records->length - records->start);
        records->length -= records->start;
        records->start = 0;
    }
    if (records->capacity - records->length < CHUNK_BYTES) {
        size_t capacity = records->capacity ? records->capacity * 2 : 2 * CHUNK_BYTES;
        while (capacity - records->length < CHUNK_BYTES) capacity *= 2;
        char *grown = realloc(records->buffer, capacity + 1);
        if (!grown) arena_out_of_memory(records->within);
        records->buffer = grown;
        records->capacity = capacity;
    }
    size_t got = fread(records->buffer + records->length, 1, CHUNK_BYTES, records->stream);
    records->length += got;
    if (got == 0) {
        records->at_end = true;
        if (ferror(records->stream)) *failed = true;
        return false;
    }
    return true;
}

/* The end of the line starting at `offset` (the offset after its LF), or
   SIZE_MAX when the buffer does not hold all of it yet. */
static size_t line_end(const record_stream *records, size_t offset) {
    if (offset >= records->length) return records->at_end ? records->length : SIZE_MAX;
    const char *newline = memchr(records->buffer + offset, '\n', records->length - offset);
    if (newline) return (size_t)(newline - records->buffer) + 1;
    return records->at_end ? records->length : SIZE_MAX;
}

static bool is_marker(const char *line, size_t length, const char *marker) {
    if (length < 3 || memcmp(line, marker, 3) != 0) return false;
    return length == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r' ||
           line[3] == '\n';
}

/* Whether a line holds nothing a document is made of: blank, a comment, or a
   directive (%YAML) before the document starts. */
static bool is_filler(const char *line, size_t length) {
    const char *cr = memchr(line, '\r', length);
    if (cr && (size_t)(cr - line) + 1 < length && cr[1] != '\n') return false; /* lone CRs */
    size_t index = 0;
    while (index < length && (line[index] == ' ' || line[index] == '\t')) index++;
    return index == length || line[index] == '\n' || line[index] == '\r' || line[index] == '#' ||
           (index == 0 && line[0] == '%');
}

/* How a line ends the record being built: 0 it belongs to it; 1 it ends it
   and belongs to it (`...`, a JSON line); 2 it starts the next one (`---`). */
static int line_role(const record_stream *records, const char *line, size_t length,
                     bool has_content) {
    if (records->kind == RECORDS_JSONL) return 1;
    if (is_marker(line, length, "...")) return 1;
    if (is_marker(line, length, "---") && has_content) return 2;
    return 0;
}

/* The next line's end, reading more when the buffer holds only part of it;
   records->start may move (a record too large is dropped as it is read). */
static size_t next_line_end(record_stream *records, size_t *offset, bool *dropping,
                            bool *failed) {
    for (;;) {
        size_t end = line_end(records, *offset);
        if (end != SIZE_MAX) return end;
        if (*offset - records->start + (records->length - *offset) > RECORD_MAX_BYTES) {
            /* Past the limit: keep nothing more of this record than its line count. */
            *dropping = true;
            records->start = *offset = records->length;
        }
        size_t used = *offset - records->start;
        fill(records, failed);
        *offset = records->start + used;
    }
}

bool record_next(record_stream *records, stream_record *next, bool *failed) {
    for (;;) {
        size_t offset = records->start, lines = 0;
        size_t first_line = records->line;
        bool has_content = false, dropping = false;
        for (;;) {
            size_t end = next_line_end(records, &offset, &dropping, failed);
            if (end == offset) break; /* the end of the file */
            const char *line = records->buffer + offset;
            size_t length = end - offset;
            int role = line_role(records, line, length, has_content);
            if (role == 2) break;
            if (!is_filler(line, length) &&
                !(records->kind == RECORDS_YAML && is_marker(line, length, "---")))
                has_content = true;
            lines++;
            offset = end;
            if (role == 1) break;
        }
        if (offset == records->start && !dropping) return false;
        next->text = records->buffer + records->start;
        next->length = offset - records->start;
        next->first_line = first_line;
        next->too_large = dropping;
        if (dropping) next->length = 0;
        records->line += lines;
        records->start = offset;
        if (!has_content && !dropping) continue;
        next->number = ++records->records;
        return true;
    }
}
