/*
 * escape.h — untrusted text (from a rule file, an answer file, a file name)
 * made safe for each kind of output tenken writes: HTML, Markdown, YAML,
 * CSV, the terminal and Graphviz DOT. The rules of each kind are in the
 * comment at the top of escape.c. Every function handles every byte: invalid
 * UTF-8 and control characters included. A NULL text writes nothing.
 */
#ifndef TK_ESCAPE_H
#define TK_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"

/* HTML content, or an attribute value inside double or single quotes. */
void escape_html(FILE *stream, const char *text);

/* Markdown text shown as it is written: every character that could be
   markup is backslash-escaped, so it fits a heading, a paragraph or a table
   cell. */
void escape_md_text(FILE *stream, const char *text);

/* Markdown kept on one line and inside one table cell, its own markup left
   as it is: only | is escaped, line breaks become spaces. */
void escape_md_line(FILE *stream, const char *text);

/* A Markdown code span, its backtick fences included. */
void escape_md_code(FILE *stream, const char *text);

/* A YAML double-quoted scalar, its quotes included, that a YAML reader
   (libyaml) reads back as exactly the same text. */
void escape_yaml(FILE *stream, const char *text);

/* Whether YAML allows the code point as it is inside a double-quoted
   scalar or a comment (no escape needed, and not read as a line break). */
bool escape_yaml_printable(uint32_t code_point);

/* One CSV field (RFC 4180), quoted only when it needs to be. */
void escape_csv(FILE *stream, const char *text);

/* The same, appended to *buffer (grown in region; kept NUL-free, not
   terminated): a row built in memory and written at once. */
void escape_csv_append(arena *region, char **buffer, size_t *length, size_t *capacity,
                       const char *text);

/* What a terminal is shown for one code point: the code point itself, ' '
   for a tab or line end, '?' for anything that could move the cursor,
   change colours or reorder the line. Never longer in UTF-8 than the code
   point it stands for. */
uint32_t escape_terminal_char(uint32_t code_point);

/* Text for the terminal, each code point as escape_terminal_char says and
   each invalid byte as '?'. */
void escape_terminal(FILE *stream, const char *text);

/* The same as a copy in region (NULL stays NULL). */
const char *escape_terminal_copy(arena *region, const char *text);

/* Text quoted inside a one-line message (a diagnostic): as escape_terminal,
   but a tab or line end shows as '?', so the reader sees one was there. */
void escape_terminal_quote(FILE *stream, const char *text);

/* Text for inside a DOT double-quoted string, as a copy in region. */
const char *escape_dot(arena *region, const char *text);

#endif
