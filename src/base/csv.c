/*
 * csv.c — an RFC 4180 reader that keeps positions, and the field writer. The
 * reader never fails on its own: it reads what it can and says what was
 * wrong with each record, so the caller can report it with a line and column.
 * The writer's quoting is escape.c's, with every other output's escaping.
 */
#include "base/csv.h"

#include <string.h>

#include "base/escape.h"

void csv_reader_init(csv_reader *reader, const char *text, size_t length) {
    reader->text = text;
    reader->length = length;
    reader->offset = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static bool at_line_end(const csv_reader *reader, size_t offset) {
    if (offset >= reader->length) return true;
    char byte = reader->text[offset];
    return byte == '\n' || (byte == '\r' && offset + 1 < reader->length &&
                            reader->text[offset + 1] == '\n') ||
           (byte == '\r' && offset + 1 == reader->length);
}

static void note_problem(csv_record *record, csv_problem problem, size_t start, size_t end) {
    if (record->problem != CSV_FINE) return;
    record->problem = problem;
    record->problem_start = (uint32_t)start;
    record->problem_end = (uint32_t)end;
}

/* A quoted field from its opening quote; returns the offset after it. */
static size_t read_quoted(csv_reader *reader, arena *region, csv_record *record,
                          csv_field *field, size_t offset) {
    size_t capacity = 0, length = 0;
    char *value = NULL;
    size_t cursor = offset + 1;
    for (;;) {
        if (cursor >= reader->length) {
            note_problem(record, CSV_UNTERMINATED_QUOTE, offset, offset + 1);
            break;
        }
        char byte = reader->text[cursor];
        if (byte == '"' && cursor + 1 < reader->length && reader->text[cursor + 1] == '"') {
            *ARENA_PUSH(region, value, length, capacity) = '"';
            cursor += 2;
            continue;
        }
        if (byte == '"') {
            cursor++;
            break;
        }
        *ARENA_PUSH(region, value, length, capacity) = byte;
        cursor++;
    }
    *ARENA_PUSH(region, value, length, capacity) = '\0';
    field->text = value;
    field->quoted = true;
    /* After the closing quote only a comma or the line end may follow. */
    size_t after = cursor;
    while (cursor < reader->length && reader->text[cursor] != ',' && !at_line_end(reader, cursor))
        cursor++;
    if (cursor > after) note_problem(record, CSV_TEXT_AFTER_QUOTE, after, cursor);
    return cursor;
}

/* An unquoted field; returns the offset after it. */
static size_t read_plain(csv_reader *reader, arena *region, csv_record *record,
                         csv_field *field, size_t offset) {
    size_t cursor = offset;
    while (cursor < reader->length && reader->text[cursor] != ',' && !at_line_end(reader, cursor)) {
        if (reader->text[cursor] == '"') note_problem(record, CSV_QUOTE_IN_FIELD, cursor, cursor + 1);
        cursor++;
    }
    field->text = arena_strndup(region, reader->text + offset, cursor - offset);
    return cursor;
}

bool csv_next(csv_reader *reader, arena *region, csv_record *record) {
    memset(record, 0, sizeof *record);
    if (reader->offset >= reader->length) return false;
    size_t offset = reader->offset, capacity = 0;
    record->start = (uint32_t)offset;
    for (;;) {
        csv_field *field = ARENA_PUSH(region, record->fields, record->count, capacity);
        field->start = (uint32_t)offset;
        field->quoted = false;
        if (offset < reader->length && reader->text[offset] == '"')
            offset = read_quoted(reader, region, record, field, offset);
        else
            offset = read_plain(reader, region, record, field, offset);
        field->end = (uint32_t)offset;
        if (offset < reader->length && reader->text[offset] == ',') {
            offset++;
            continue;
        }
        break;
    }
    record->end = (uint32_t)offset;
    if (offset < reader->length && reader->text[offset] == '\r') offset++;
    if (offset < reader->length && reader->text[offset] == '\n') offset++;
    reader->offset = record->problem == CSV_UNTERMINATED_QUOTE ? reader->length : offset;
    return true;
}

bool csv_record_is_blank(const csv_record *record) {
    for (size_t index = 0; index < record->count; index++)
        if (record->fields[index].text[0] != '\0') return false;
    return true;
}

/* {=== writing: the quoting is escape.c's ===} */

void csv_write_field(FILE *stream, const char *text) {
    escape_csv(stream, text);
}

void csv_append_field(arena *region, char **buffer, size_t *length, size_t *capacity,
                      const char *text) {
    escape_csv_append(region, buffer, length, capacity, text);
}
