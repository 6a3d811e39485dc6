/*
 * tkc_write.c — writing a compiled graph: the 64-byte header (magic, format
 * version, sizes, checksum, the tenken version), then the payload of
 * tkc_codec.c. A graph the loader would refuse is never written: the writer
 * decodes what it encoded first. Files are replaced atomically.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/atomic_file.h"
#include "lang/tkc.h"
#include "tenken.h"

const unsigned char tkc_magic[TKC_MAGIC_SIZE] = {'T', 'K', 'C', 0, '\r', '\n', 0x1A, '\n'};

static void store_le(unsigned char *at, uint64_t value, int size) {
    for (int index = 0; index < size; index++) at[index] = (unsigned char)(value >> (8 * index));
}

uint64_t tkc_load_le(const unsigned char *at, int size) {
    uint64_t value = 0;
    for (int index = size - 1; index >= 0; index--) value = value << 8 | at[index];
    return value;
}

static uint64_t fnv1a(uint64_t hash, const unsigned char *bytes, size_t length) {
    for (size_t index = 0; index < length; index++) hash = (hash ^ bytes[index]) * 1099511628211ULL;
    return hash;
}

uint64_t tkc_checksum(const unsigned char *bytes, size_t length) {
    uint64_t hash = fnv1a(14695981039346656037ULL, bytes, TKC_OFFSET_CHECKSUM);
    return fnv1a(hash, bytes + TKC_OFFSET_TENKEN, length - TKC_OFFSET_TENKEN);
}

bool tkc_encode(const tk_graph *graph, arena *region, const char *path, unsigned char **bytes,
                size_t *length, diag_list *diags) {
    unsigned char *payload = NULL;
    size_t payload_length = 0;
    tkc_encode_payload(graph, region, &payload, &payload_length);
    *length = TKC_HEADER_SIZE + payload_length;
    unsigned char *file = *bytes = arena_calloc(region, *length, 1);
    memcpy(file, tkc_magic, TKC_MAGIC_SIZE);
    store_le(file + TKC_OFFSET_VERSION, TKC_FORMAT_VERSION, 4);
    store_le(file + TKC_OFFSET_HEADER_SIZE, TKC_HEADER_SIZE, 4);
    store_le(file + TKC_OFFSET_PAYLOAD_SIZE, payload_length, 8);
    snprintf((char *)file + TKC_OFFSET_TENKEN, TKC_VERSION_FIELD, "%s", tk_version());
    memcpy(file + TKC_HEADER_SIZE, payload, payload_length);
    store_le(file + TKC_OFFSET_CHECKSUM, tkc_checksum(file, *length), 8);
    /* Write only what loads back: the loader's checks are the format's rules. */
    char problem[400];
    tk_graph *loaded = tkc_decode_payload(arena_recovery(region), payload, payload_length, problem,
                                          sizeof problem);
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
    arena_init_within(&scratch, &diags->region);
    unsigned char *bytes = NULL;
    size_t length = 0;
    bool written = tkc_encode(graph, &scratch, path, &bytes, &length, diags);
    if (written && !atomic_file_write(path, bytes, length)) {
        if (errno == ENOMEM) arena_out_of_memory(&scratch); /* nothing was left behind */
        diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0901, path,
                            "cannot write the file: %s", strerror(errno ? errno : EIO));
        written = false;
    }
    arena_release(&scratch);
    return written;
}
