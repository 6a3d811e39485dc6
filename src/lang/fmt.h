/*
 * fmt.h — tenken fmt: the canonical layout of a rule file (doc/fmt.md). The
 * layout is computed from the tokens of the language's one scanner, comments
 * included; the parser only decides whether the file may be formatted at all.
 * Nothing here prints except into a stream the caller passes, exits, or keeps
 * global state.
 */
#ifndef TK_FMT_H
#define TK_FMT_H

#include <stddef.h>
#include <stdio.h>

#include "tenken.h"

typedef enum fmt_status {
    FMT_OK,             /* the layout was made */
    FMT_REFUSED,        /* invalid UTF-8, syntax errors or a file over 64 MiB,
                           reported to diags */
    FMT_INTERNAL_ERROR, /* the layout would not scan to the same tokens: a bug in
                           tenken fmt; nothing is laid out */
} fmt_status;

/* Lay out `length` bytes of rule text read from `path` (the name used in
   diagnostics). On FMT_OK, *layout is the canonical text, NUL-terminated,
   *layout_length bytes, allocated with malloc for the caller to free. On any
   other status *layout is NULL. A file is refused, with the diagnostics
   `tenken check` gives for it, when it is not valid UTF-8 or when the scanner
   or the parser reports an error; names and types are not checked. */
fmt_status fmt_text(const char *path, const char *text, size_t length, tk_diags *diags,
                    char **layout, size_t *layout_length);

/* Write where `new_text` differs from `old_text` as a unified diff (hunks with
   three lines of context) headed `--- PATH` and `+++ PATH`; nothing when they
   are the same. Returns the number of hunks written; 0, with the stream's
   error indicator set, when memory runs out (base/arena.h). */
size_t fmt_write_diff(FILE *stream, const char *path, const char *old_text, size_t old_length,
                      const char *new_text, size_t new_length);

#endif
