/*
 * tkc_write.c — writing a compiled graph: the 64-byte header (magic, format
 * version, sizes, checksum, the tenken version), then the payload of
 * tkc_codec.c. A graph the loader would refuse is never written: the writer
 * decodes what it encoded first. Files are replaced atomically.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/atomic_file.h"
#include "lang/tkc.h"
#include "tenken.h"

const unsigned char tkc_magic[TKC_MAGIC_SIZE] = {'T', 'K', 'C', 0, '\r', '\n', 0x1A, '\n'};

void tkc_store_u32(unsigned char *at, uint32_t value) {
    for (int index = 0; index < 4; index++) at[index] = (unsigned char)(value >> (8 * index));
}

void tkc_store_u64(unsigned char *at, uint64_t value) {
    for (int index = 0; index < 8; index++) at[index] = (unsigned char)(value >> (8 * index));
}

uint32_t tkc_load_u32(const unsigned char *at) {
    uint32_t value = 0;
    for (int index = 3; index >= 0; index--) value = value << 8 | at[index];
    return value;
}

uint64_t tkc_load_u64(const unsigned char *at) {
    uint64_t value = 0;
    for (int index = 7; index >= 0; index--) value = value << 8 | at[index];
    return value;
}

static uint64_t fnv1a(uint64_t hash, const unsigned char *bytes, size_t length) {
    for (size_t index = 0; index < length; index++) {
        hash ^= bytes[index];
        hash *= 1099511628211ULL;
    }
    return hash;
}

uint64_t tkc_checksum(const unsigned char *bytes, size_t length) {
    uint64_t hash = fnv1a(14695981039346656037ULL, bytes, TKC_OFFSET_CHECKSUM);
    return fnv1a(hash, bytes + TKC_OFFSET_TENKEN, length - TKC_OFFSET_TENKEN);
}

/* The header before the payload, the checksum over both. */
static void write_header(unsigned char *file, size_t length) {
    memset(file, 0, TKC_HEADER_SIZE);
    memcpy(file, tkc_magic, TKC_MAGIC_SIZE);
    tkc_store_u32(file + TKC_OFFSET_VERSION, TKC_FORMAT_VERSION);
    tkc_store_u32(file + TKC_OFFSET_HEADER_SIZE, TKC_HEADER_SIZE);
    tkc_store_u64(file + TKC_OFFSET_PAYLOAD_SIZE, length - TKC_HEADER_SIZE);
    snprintf((char *)file + TKC_OFFSET_TENKEN, TKC_VERSION_FIELD, "%s", tk_version());
    tkc_store_u64(file + TKC_OFFSET_CHECKSUM, tkc_checksum(file, length));
}

bool tkc_encode(const tk_graph *graph, arena *region, const char *path, unsigned char **bytes,
                size_t *length, diag_list *diags) {
    unsigned char *payload = NULL;
    size_t payload_length = 0;
    tkc_encode_payload(graph, region, &payload, &payload_length);
    *length = TKC_HEADER_SIZE + payload_length;
    *bytes = arena_alloc(region, *length);
    memcpy(*bytes + TKC_HEADER_SIZE, payload, payload_length);
    write_header(*bytes, *length);
    /* Write only what loads back: the loader's checks are the format's rules. */
    char problem[400];
    tk_graph *loaded = tkc_decode_payload(payload, payload_length, problem, sizeof problem);
    if (!loaded) {
        diagnostic *record = diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0904, path,
                                                 "cannot write the graph as a compiled file: %s",
                                                 problem);
        diag_set_help(diags, record, "evaluate the rule file itself; doc/tkc.md lists the "
                                     "limits of compiled files");
    }
    tk_graph_free(loaded);
    return loaded != NULL;
}

bool tkc_write(const tk_graph *graph, const char *path, diag_list *diags) {
    arena scratch;
    arena_init(&scratch);
    unsigned char *bytes = NULL;
    size_t length = 0;
    bool written = tkc_encode(graph, &scratch, path, &bytes, &length, diags);
    if (written && !atomic_file_write(path, bytes, length)) {
        diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0901, path,
                            "cannot write the file: %s", strerror(errno ? errno : EIO));
        written = false;
    }
    arena_release(&scratch);
    return written;
}

bool tk_write_compiled(const tk_graph *graph, const char *path, tk_diags *diags) {
    return tkc_write(graph, path, diag_list_of(diags));
}
