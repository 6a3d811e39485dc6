/*
 * tkc_read.c — loading a compiled graph: the header is checked in order
 * (magic, format version, sizes, version text, checksum), each problem
 * named as one diagnostic with a hint; then the payload is decoded and
 * verified (tkc_codec.c, tkc_verify.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/source.h"
#include "lang/tkc.h"

static bool report(diag_list *diags, diag_code code, const char *path, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

/* One diagnostic with the hint to recompile; false, for the caller's return. */
static bool report(diag_list *diags, diag_code code, const char *path, const char *format, ...) {
    char message[512];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    diagnostic *record = diag_report_at_path(diags, SEVERITY_ERROR, code, path, "%s", message);
    diag_set_help(diags, record, "recompile it from its rule file with `tenken compile`");
    return false;
}

/* The tenken version a header names, or NULL when the field is not text. */
static const char *header_tenken(const unsigned char *bytes, char *text) {
    const unsigned char *field = bytes + TKC_OFFSET_TENKEN;
    if (!memchr(field, 0, TKC_VERSION_FIELD)) return NULL;
    for (size_t index = 0; field[index]; index++)
        if (field[index] < 0x20 || field[index] > 0x7E) return NULL;
    return memcpy(text, field, TKC_VERSION_FIELD);
}

/* The magic bytes: a file cut inside them is truncated, any other is foreign. */
static bool check_magic(const unsigned char *bytes, size_t length, const char *path,
                        diag_list *diags) {
    if (length < TKC_MAGIC_SIZE && memcmp(bytes, tkc_magic, length) == 0)
        return report(diags, DIAG_TK0904, path, "the compiled graph is truncated: %s",
                      length ? "the file ends inside its magic bytes" : "the file is empty");
    if (length >= TKC_MAGIC_SIZE && memcmp(bytes, tkc_magic, TKC_MAGIC_SIZE) == 0) return true;
    diagnostic *record = diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0902, path,
        "not a compiled tenken graph: the file does not start with the .tkc magic bytes");
    diag_set_help(diags, record, "write one with `tenken compile RULES -o FILE.tkc`; "
                                 "a rule file is named .tkn");
    return false;
}

/* The version is read before the rest, whose layout it decides. */
static bool check_header(const unsigned char *bytes, size_t length, const char *path,
                         bool verify_checksum, diag_list *diags) {
    if (!check_magic(bytes, length, path, diags)) return false;
    char text[TKC_VERSION_FIELD];
    uint32_t version = length >= TKC_OFFSET_HEADER_SIZE ? tkc_load_le(bytes + TKC_OFFSET_VERSION, 4)
                                                        : TKC_FORMAT_VERSION;
    const char *by = version != TKC_FORMAT_VERSION && length >= TKC_HEADER_SIZE
                         ? header_tenken(bytes, text) : NULL;
    if (version != TKC_FORMAT_VERSION)
        return report(diags, DIAG_TK0903, path,
                      "compiled graph format version %u%s%s%s; this tenken reads version %d",
                      version, by ? " (written by tenken " : "", by ? by : "", by ? ")" : "",
                      TKC_FORMAT_VERSION);
    if (length < TKC_HEADER_SIZE)
        return report(diags, DIAG_TK0904, path, "the compiled graph is truncated: "
                      "the file ends inside its %d-byte header", TKC_HEADER_SIZE);
    uint64_t payload = tkc_load_le(bytes + TKC_OFFSET_PAYLOAD_SIZE, 8);
    if (tkc_load_le(bytes + TKC_OFFSET_HEADER_SIZE, 4) != TKC_HEADER_SIZE ||
        !header_tenken(bytes, text))
        return report(diags, DIAG_TK0904, path,
                      "the compiled graph is damaged: its header is malformed");
    if (payload > length - TKC_HEADER_SIZE)
        return report(diags, DIAG_TK0904, path, "the compiled graph is truncated: the file has %zu "
                      "of the %llu payload bytes its header announces", length - TKC_HEADER_SIZE,
                      (unsigned long long)payload);
    if (payload < length - TKC_HEADER_SIZE)
        return report(diags, DIAG_TK0904, path, "the compiled graph is damaged: %zu bytes follow "
                      "its payload", (size_t)(length - TKC_HEADER_SIZE - payload));
    if (verify_checksum &&
        tkc_checksum(bytes, length) != tkc_load_le(bytes + TKC_OFFSET_CHECKSUM, 8))
        return report(diags, DIAG_TK0904, path, "the compiled graph is damaged: its checksum does "
                      "not match its contents");
    return true;
}

tk_graph *tkc_load_bytes(const unsigned char *bytes, size_t length, const char *path,
                         bool verify_checksum, diag_list *diags) {
    if (!check_header(bytes, length, path, verify_checksum, diags)) return NULL;
    char problem[400];
    tk_graph *graph = tkc_decode_payload(arena_recovery(&diags->region), bytes + TKC_HEADER_SIZE,
                                         length - TKC_HEADER_SIZE, problem, sizeof problem);
    if (!graph) report(diags, DIAG_TK0904, path, "the compiled graph is damaged: %s", problem);
    return graph;
}

tk_graph *tkc_load(const char *path, diag_list *diags) {
    arena scratch;
    arena_init_within(&scratch, &diags->region);
    size_t length = 0;
    const char *error = NULL;
    const void *bytes = source_read_bytes(&scratch, path, &length, &error);
    tk_graph *graph = NULL;
    if (!bytes)
        diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0901, path, "cannot read the file: %s",
                            error);
    else
        graph = tkc_load_bytes(bytes, length, path, true, diags);
    arena_release(&scratch);
    return graph;
}

bool tkc_path_is_compiled(const arena *within, const char *path) {
    size_t length = strlen(path);
    if (length >= 4 && strcmp(path + length - 4, ".tkc") == 0) return true;
    struct stat info;
    if (strcmp(path, "-") == 0 || stat(path, &info) != 0 || !S_ISREG(info.st_mode)) return false;
    FILE *stream = fopen(path, "rb");
    if (!stream && errno == ENOMEM) arena_out_of_memory(within);
    if (!stream) return false;
    unsigned char magic[TKC_MAGIC_SIZE];
    bool compiled = fread(magic, 1, sizeof magic, stream) == sizeof magic &&
                    memcmp(magic, tkc_magic, sizeof magic) == 0;
    fclose(stream);
    return compiled;
}
