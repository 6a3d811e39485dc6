/*
 * record_stream.h — an answer file read as a stream of records, one answer
 * set each, in constant memory: JSON Lines give one record per line; YAML
 * one per document, split at the `---` and `...` markers at the start of a
 * line (which YAML forbids inside a document's content). Each record keeps
 * the line it starts on, so diagnostics give the line in the file.
 */
#ifndef TK_RECORD_STREAM_H
#define TK_RECORD_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/arena.h"

typedef enum record_kind { RECORDS_YAML, RECORDS_JSONL } record_kind;

typedef struct record_stream {
    FILE *stream;
    bool owned;             /* opened here: closed by record_stream_close */
    record_kind kind;
    char *buffer;           /* bytes read and not yet handed out */
    size_t start, length, capacity;
    bool at_end;
    size_t line;            /* 1-based line of buffer[start] */
    size_t records;
    const arena *within;    /* when a chunk finds no memory, its call fails (arena.h) */
} record_stream;

typedef struct stream_record {
    const char *text;       /* valid until the next record_next */
    size_t length;
    size_t first_line;      /* 1-based */
    size_t number;          /* 1-based position in the stream */
    bool too_large;         /* longer than RECORD_MAX_BYTES: text is empty */
} stream_record;

enum { RECORD_MAX_BYTES = 64 * 1024 * 1024 };

/* "-" is standard input. False (errno set) when the file cannot be opened.
   The caller sets `within` before reading. */
bool record_stream_open(record_stream *records, const char *path, record_kind kind);

/* Read records from text in memory (tests, answers given as text). */
bool record_stream_open_text(record_stream *records, const char *text, size_t length,
                             record_kind kind);

/* The next record with content (blank lines and comment-only documents are
   skipped); false at the end. *failed is set on a read error. */
bool record_next(record_stream *records, stream_record *next, bool *failed);

void record_stream_close(record_stream *records);

#endif
