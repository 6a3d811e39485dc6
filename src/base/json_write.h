/*
 * json_write.h — a small streaming JSON writer shared by every JSON output in
 * tenken: it places commas, indents when asked to, escapes strings, and
 * prints integers without a fraction.
 */
#ifndef TK_JSON_WRITE_H
#define TK_JSON_WRITE_H

#include <stdbool.h>
#include <stdio.h>

#include "base/decimal.h"

enum { JSON_MAX_DEPTH = 32 };

typedef struct json_writer {
    FILE *stream;
    bool pretty;            /* newlines and two-space indents; else one line */
    int depth;
    bool has_members[JSON_MAX_DEPTH];   /* per level: something written already */
    bool after_key;
} json_writer;

void json_writer_init(json_writer *writer, FILE *stream, bool pretty);
void json_begin_object(json_writer *writer);
void json_end_object(json_writer *writer);
void json_begin_array(json_writer *writer);
void json_end_array(json_writer *writer);
void json_key(json_writer *writer, const char *key);
void json_string(json_writer *writer, const char *text);   /* NULL writes null */
void json_number(json_writer *writer, double number);   /* counts, positions */
void json_decimal(json_writer *writer, decimal number);  /* figures: exact */
void json_bool(json_writer *writer, bool truth);
void json_null(json_writer *writer);

/* The raw pieces, for writers that place their own punctuation. */
void json_write_string(FILE *stream, const char *text);
void json_write_number(FILE *stream, double number);

#endif
