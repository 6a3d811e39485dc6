/*
 * tkc.h — compiled graphs (.tkc, doc/tkc.md): a self-contained graph written
 * to a file and loaded back. tkc_codec.c: the payload, one function per
 * record for both directions; tkc_write.c: header, checksum, atomic write;
 * tkc_read.c: header checks, loading; tkc_verify.c: what a loaded graph
 * must satisfy before anything uses it.
 */
#ifndef TK_TKC_H
#define TK_TKC_H

#include "base/diag.h"
#include "lang/graph.h"

enum {
    TKC_FORMAT_VERSION = 4,         /* bump on any change to the encoding */
    TKC_HEADER_SIZE = 64, TKC_MAGIC_SIZE = 8, TKC_VERSION_FIELD = 32,
    TKC_OFFSET_VERSION = 8, TKC_OFFSET_HEADER_SIZE = 12, TKC_OFFSET_PAYLOAD_SIZE = 16,
    TKC_OFFSET_CHECKSUM = 24, TKC_OFFSET_TENKEN = 32,
    TKC_MAX_EXPR_DEPTH = 4096,      /* expressions nest at most this deep */
    TKC_MAX_SECTION_DEPTH = 1024,   /* sections nest at most this deep */
};

extern const unsigned char tkc_magic[TKC_MAGIC_SIZE];

/* FNV-1a 64 over the whole file except its checksum field. */
uint64_t tkc_checksum(const unsigned char *bytes, size_t length);
uint64_t tkc_load_le(const unsigned char *at, int size);   /* little-endian, 4 or 8 bytes */

/* The payload of a graph, in `region`; a graph from a payload, verified, or
   NULL with the first problem in problem[size]. The graph is made within
   the call of `point` (arena.h; NULL outside any). */
void tkc_encode_payload(const tk_graph *graph, arena *region, unsigned char **bytes,
                        size_t *length);
tk_graph *tkc_decode_payload(recovery *point, const unsigned char *payload, size_t length,
                             char *problem, size_t size);
/* Whether a decoded graph holds together; builds its name maps. */
bool tkc_verify(tk_graph *graph, char *problem, size_t size);

/* Whether `path` names a compiled graph: it ends in ".tkc", or the file
   starts with the magic bytes ("-" never does). Within the call that
   protects `within` (arena.h), which fails when there is no memory to look. */
bool tkc_path_is_compiled(const arena *within, const char *path);
/* Load a file, or bytes in memory (verify_checksum = false lets tests reach
   the records); NULL with one diagnostic (TK0901 to TK0904). */
tk_graph *tkc_load(const char *path, diag_list *diags);
tk_graph *tkc_load_bytes(const unsigned char *bytes, size_t length, const char *path,
                         bool verify_checksum, diag_list *diags);
/* Encode into `region`, or write atomically; false (reported) when the
   result would not load back or cannot be written. */
bool tkc_encode(const tk_graph *graph, arena *region, const char *path, unsigned char **bytes,
                size_t *length, diag_list *diags);
bool tkc_write(const tk_graph *graph, const char *path, diag_list *diags);

#endif
