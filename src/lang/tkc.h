/*
 * tkc.h — compiled graphs: a tk_graph written to a .tkc file and loaded back,
 * so `tenken eval`, `test` and `check` can start from a compiled file instead
 * of parsing rule sources. doc/tkc.md describes the format. A loaded graph
 * points into its own arena exactly as a freshly compiled one does, and keeps
 * the source texts, so reports quote conditions from their rule files.
 */
#ifndef TK_TKC_H
#define TK_TKC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "lang/graph.h"

enum {
    TKC_FORMAT_VERSION = 1,     /* bump on any change to the encoding or its enums */
    TKC_HEADER_SIZE = 64,
    TKC_MAGIC_SIZE = 8,
    TKC_VERSION_FIELD = 32,     /* the tenken version, NUL-padded */
};

/* Whether `path` names a compiled graph: it ends in ".tkc", or the file
   starts with the magic bytes. Standard input ("-") never does. */
bool tkc_path_is_compiled(const char *path);

/* Load a compiled graph; NULL (with one diagnostic) when the file cannot be
   read, is not a compiled graph, is of another format version, or is damaged. */
tk_graph *tkc_load(const char *path, diag_list *diags);

/* Load from bytes in memory; `path` names them in diagnostics. Tests and the
   mutation loop pass verify_checksum = false to reach the record parser. */
tk_graph *tkc_load_bytes(const unsigned char *bytes, size_t length, const char *path,
                         bool verify_checksum, diag_list *diags);

/* Encode a graph into bytes kept in `region`; false (reported) when the
   result would not load back. */
bool tkc_encode(const tk_graph *graph, arena *region, const char *path,
                unsigned char **bytes, size_t *length, diag_list *diags);

/* Encode and write atomically: a temporary file in the same directory,
   fsync, then rename over `path`. */
bool tkc_write(const tk_graph *graph, const char *path, diag_list *diags);

#endif
