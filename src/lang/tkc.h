/*
 * tkc.h — compiled graphs (.tkc): a tk_graph written to a file and loaded
 * back, so `tenken eval`, `test` and `check` can start from a compiled file
 * instead of parsing rule sources. doc/tkc.md describes the format. The
 * graph is self-contained (lang/graph.h), so the file holds exactly its
 * records, in four parts:
 *
 *   tkc_codec.c   the payload's layout, one function per record, used in
 *                 both directions so writing and reading cannot disagree
 *   tkc_write.c   the header and checksum, and writing a file atomically
 *   tkc_read.c    checking the header, loading a file
 *   tkc_verify.c  what a loaded graph must satisfy before anything uses it:
 *                 references of the right kind, topological order, bounded
 *                 depth, the compiler's own type rules
 */
#ifndef TK_TKC_H
#define TK_TKC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "lang/graph.h"

enum {
    TKC_FORMAT_VERSION = 2,     /* bump on any change to the encoding */
    TKC_HEADER_SIZE = 64,
    TKC_MAGIC_SIZE = 8,
    TKC_VERSION_FIELD = 32,     /* the tenken version, NUL-padded */
    TKC_OFFSET_VERSION = 8,
    TKC_OFFSET_HEADER_SIZE = 12,
    TKC_OFFSET_PAYLOAD_SIZE = 16,
    TKC_OFFSET_CHECKSUM = 24,
    TKC_OFFSET_TENKEN = 32,
    TKC_MAX_FILE = 64 * 1024 * 1024,    /* bytes read at most, as for rule files */
    TKC_MAX_EXPR_DEPTH = 4096,          /* expressions nest at most this deep */
    TKC_MAX_SECTION_DEPTH = 1024,       /* sections nest at most this deep */
};

extern const unsigned char tkc_magic[TKC_MAGIC_SIZE];

/* FNV-1a 64 over the whole file except its checksum field. */
uint64_t tkc_checksum(const unsigned char *bytes, size_t length);
void tkc_store_u32(unsigned char *at, uint32_t value);
void tkc_store_u64(unsigned char *at, uint64_t value);
uint32_t tkc_load_u32(const unsigned char *at);
uint64_t tkc_load_u64(const unsigned char *at);

/* The payload of a graph, in `region` (tkc_codec.c). */
void tkc_encode_payload(const tk_graph *graph, arena *region, unsigned char **bytes,
                        size_t *length);
/* A graph from a payload, verified; NULL with the first problem written to
   problem[size]. */
tk_graph *tkc_decode_payload(const unsigned char *payload, size_t length, char *problem,
                             size_t size);
/* Whether a decoded graph holds together (tkc_verify.c), given the table of
   its expressions in the file's order (children before parents); false
   with the problem written to problem[size]. Builds its name maps. */
bool tkc_verify(tk_graph *graph, const gexpr *const *exprs, size_t expr_count, char *problem,
                size_t size);

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
