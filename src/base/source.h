/*
 * source.h — one loaded input file (rules or answers): its bytes, and a line
 * map built once so an offset becomes a line and a display column only when a
 * diagnostic is printed.
 */
#ifndef TK_SOURCE_H
#define TK_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

enum { SOURCE_MAX_BYTES = 64 * 1024 * 1024 };

typedef struct source {
    const char *path;       /* as the user named it, for messages */
    char *text;             /* contents without a leading BOM, NUL-terminated */
    size_t length;          /* bytes in text */
    bool bom;               /* a byte order mark was dropped from the start */
    uint32_t *line_starts;  /* offset of the first byte of each line */
    size_t line_count;
    unsigned line_offset;   /* lines before this text in its file: one answer set of a
                               stream is a source of its own, numbered as in the file */
} source;

typedef struct source_position {
    unsigned line;          /* 1-based */
    unsigned column;        /* 1-based, in display columns (wide characters take 2) */
} source_position;

/* Read a whole file ("-": standard input) of at most SOURCE_MAX_BYTES as
   bytes; on failure returns NULL and sets *error to a message (errno text). */
char *source_read_bytes(arena *region, const char *path, size_t *length, const char **error);

/* Read a file; on failure returns NULL and sets *error to a message (errno text). */
source *source_read_file(arena *region, const char *path, const char **error);

/* Wrap text already in memory (tests, standard input). The text is copied. */
source *source_from_text(arena *region, const char *path, const char *text,
                         size_t length);

source_position source_locate(const source *file, uint32_t offset);

/* The same, continuing from a known position on the same line when there is
   one at or before the offset: many diagnostics on one long line cost one
   walk of it, not one each. */
source_position source_locate_after(const source *file, uint32_t offset, uint32_t known_offset,
                                    source_position known);

/* The byte offset of a 0-based line and a column counted in characters, as
   libyaml gives them; the end of the file when the line is past it. */
uint32_t source_offset_at(const source *file, size_t line, size_t column);

/* The line holding `line` (1-based) without its line ending. */
const char *source_line(const source *file, unsigned line, size_t *length);

#endif
