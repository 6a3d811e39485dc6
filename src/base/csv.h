/*
 * csv.h — reading CSV as RFC 4180 defines it and spreadsheets write it:
 * records end with CRLF or LF; a field is quoted when it holds a comma, a
 * quote or a line end, and a quote inside is doubled. A UTF-8 byte order
 * mark at the start is skipped. Every field keeps where it was written, so a
 * problem can be reported with its line and column.
 */
#ifndef TK_CSV_H
#define TK_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"

typedef struct csv_field {
    const char *text;       /* the value: quotes removed, "" as one quote */
    uint32_t start, end;    /* the bytes as written, quotes included */
    bool quoted;
} csv_field;

/* What is wrong with a record; the reader goes on after all but the first. */
typedef enum csv_problem {
    CSV_FINE,
    CSV_UNTERMINATED_QUOTE, /* a quoted field that runs to the end: nothing follows */
    CSV_QUOTE_IN_FIELD,     /* a quote inside a field that does not start with one */
    CSV_TEXT_AFTER_QUOTE,   /* a quoted field followed by more than a comma or line end */
} csv_problem;

typedef struct csv_record {
    csv_field *fields;
    size_t count;
    uint32_t start, end;    /* the record's bytes, line end excluded */
    csv_problem problem;    /* the first problem of the record */
    uint32_t problem_start, problem_end;
} csv_record;

typedef struct csv_reader {
    const char *text;
    size_t length;
    size_t offset;          /* where the next record starts */
} csv_reader;

void csv_reader_init(csv_reader *reader, const char *text, size_t length);

/* Read the next record into *record (its fields in region); false at the
   end of the text. A record with CSV_UNTERMINATED_QUOTE is the last. */
bool csv_next(csv_reader *reader, arena *region, csv_record *record);

/* Whether every field of a record is empty (a blank line, or ",,,"). */
bool csv_record_is_blank(const csv_record *record);

/* Write one field as RFC 4180 wants it: quoted when it holds a comma, a
   quote, CR or LF (or starts or ends with a space), quotes doubled; control
   characters and invalid UTF-8 as escape_csv (base/escape.h) says. */
void csv_write_field(FILE *stream, const char *text);

/* The same, appended to a buffer kept in region (a row built in memory and
   written at once). */
void csv_append_field(arena *region, char **buffer, size_t *length, size_t *capacity,
                      const char *text);

#endif
