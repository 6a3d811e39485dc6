/*
 * tkc_read.c — loading a compiled graph: the header is checked in order
 * (magic, format version, sizes, version text, checksum), each problem
 * named as one diagnostic with a hint; then the payload is decoded and
 * verified (tkc_codec.c, tkc_verify.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lang/tkc.h"
#include "tenken.h"

static const char recompile_help[] = "recompile it from its rule file with `tenken compile`";


static diagnostic *report(diag_list *diags, diag_code code, const char *path, const char *format,
                          ...) __attribute__((format(printf, 4, 5)));

static diagnostic *report(diag_list *diags, diag_code code, const char *path, const char *format,
                          ...) {
    va_list args;
    va_start(args, format);
    char message[512];
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    diagnostic *record = diag_report_at_path(diags, SEVERITY_ERROR, code, path, "%s", message);
    diag_set_help(diags, record, "%s", recompile_help);
    return record;
}

/* The tenken version a header names, or NULL when the field is not text. */
static const char *header_tenken(const unsigned char *bytes, char *text) {
    const unsigned char *field = bytes + TKC_OFFSET_TENKEN;
    if (!memchr(field, 0, TKC_VERSION_FIELD)) return NULL;
    for (size_t index = 0; field[index]; index++)
        if (field[index] < 0x20 || field[index] > 0x7E) return NULL;
    memcpy(text, field, TKC_VERSION_FIELD);
    return text;
}

static bool check_version(const unsigned char *bytes, size_t length, const char *path,
                          diag_list *diags) {
    uint32_t version = tkc_load_u32(bytes + TKC_OFFSET_VERSION);
    if (version == TKC_FORMAT_VERSION) return true;
    char text[TKC_VERSION_FIELD];
    const char *written_by = length >= TKC_HEADER_SIZE ? header_tenken(bytes, text) : NULL;
    report(diags, DIAG_TK0903, path,
           "compiled graph format version %u%s%s%s; this tenken reads version %d", version,
           written_by ? " (written by tenken " : "", written_by ? written_by : "",
           written_by ? ")" : "", TKC_FORMAT_VERSION);
    return false;
}

/* The magic bytes: a file cut inside them is truncated, any other is foreign. */
static bool check_magic(const unsigned char *bytes, size_t length, const char *path,
                        diag_list *diags) {
    if (length < TKC_MAGIC_SIZE && memcmp(bytes, tkc_magic, length) == 0) {
        report(diags, DIAG_TK0904, path, "the compiled graph is truncated: %s",
               length ? "the file ends inside its magic bytes" : "the file is empty");
        return false;
    }
    if (length >= TKC_MAGIC_SIZE && memcmp(bytes, tkc_magic, TKC_MAGIC_SIZE) == 0) return true;
    diagnostic *record = diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0902, path,
        "not a compiled tenken graph: the file does not start with the .tkc magic bytes");
    diag_set_help(diags, record, "write one with `tenken compile RULES -o FILE.tkc`; "
                                 "a rule file is named .tkn");
    return false;
}

/* The rest of the header: sizes, the version text, the checksum. */
static bool check_layout(const unsigned char *bytes, size_t length, const char *path,
                         bool verify_checksum, diag_list *diags) {
    char text[TKC_VERSION_FIELD];
    uint64_t payload = tkc_load_u64(bytes + TKC_OFFSET_PAYLOAD_SIZE);
    if (tkc_load_u32(bytes + TKC_OFFSET_HEADER_SIZE) != TKC_HEADER_SIZE || !header_tenken(bytes, text))
        report(diags, DIAG_TK0904, path, "the compiled graph is damaged: its header is malformed");
    else if (payload > length - TKC_HEADER_SIZE)
        report(diags, DIAG_TK0904, path, "the compiled graph is truncated: the file has %zu of "
               "the %llu payload bytes its header announces", length - TKC_HEADER_SIZE,
               (unsigned long long)payload);
    else if (payload < length - TKC_HEADER_SIZE)
        report(diags, DIAG_TK0904, path, "the compiled graph is damaged: %zu bytes follow its "
               "payload", (size_t)(length - TKC_HEADER_SIZE - payload));
    else if (verify_checksum && tkc_checksum(bytes, length) != tkc_load_u64(bytes + TKC_OFFSET_CHECKSUM))
        report(diags, DIAG_TK0904, path, "the compiled graph is damaged: its checksum does not "
               "match its contents");
    else
        return true;
    return false;
}

/* Check the header; on success the payload lies after it. The version is
   read before the rest, whose layout it decides. */
static bool check_header(const unsigned char *bytes, size_t length, const char *path,
                         bool verify_checksum, diag_list *diags) {
    if (!check_magic(bytes, length, path, diags)) return false;
    if (length >= TKC_OFFSET_HEADER_SIZE && !check_version(bytes, length, path, diags))
        return false;
    if (length < TKC_HEADER_SIZE) {
        report(diags, DIAG_TK0904, path, "the compiled graph is truncated: "
               "the file ends inside its %d-byte header", TKC_HEADER_SIZE);
        return false;
    }
    return check_layout(bytes, length, path, verify_checksum, diags);
}

tk_graph *tkc_load_bytes(const unsigned char *bytes, size_t length, const char *path,
                         bool verify_checksum, diag_list *diags) {
    if (!check_header(bytes, length, path, verify_checksum, diags)) return NULL;
    char problem[400];
    tk_graph *graph = tkc_decode_payload(bytes + TKC_HEADER_SIZE, length - TKC_HEADER_SIZE,
                                         problem, sizeof problem);
    if (!graph) report(diags, DIAG_TK0904, path, "the compiled graph is damaged: %s", problem);
    return graph;
}

/* Read a whole file into `region`; NULL with errno's message on failure. */
static unsigned char *read_file(arena *region, const char *path, size_t *length,
                                const char **error) {
    FILE *stream = fopen(path, "rb");
    if (!stream) {
        *error = strerror(errno);
        return NULL;
    }
    size_t capacity = 0;
    unsigned char *buffer = NULL;
    *length = 0;
    for (;;) {
        buffer = arena_grow(region, buffer, &capacity, *length + 65536, 1);
        size_t got = fread(buffer + *length, 1, capacity - *length, stream);
        *length += got;
        if (got == 0) break;
        if (*length > TKC_MAX_FILE) {
            fclose(stream);
            *error = "file is larger than 64 MiB";
            return NULL;
        }
    }
    bool failed = ferror(stream);
    fclose(stream);
    if (failed) *error = "read error";
    return failed ? NULL : buffer;
}

tk_graph *tkc_load(const char *path, diag_list *diags) {
    arena scratch;
    arena_init(&scratch);
    size_t length = 0;
    const char *error = NULL;
    unsigned char *bytes = read_file(&scratch, path, &length, &error);
    tk_graph *graph = NULL;
    if (!bytes)
        diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0901, path,
                            "cannot read the file: %s", error);
    else
        graph = tkc_load_bytes(bytes, length, path, true, diags);
    arena_release(&scratch);
    return graph;
}

bool tkc_path_is_compiled(const char *path) {
    size_t length = strlen(path);
    if (length >= 4 && strcmp(path + length - 4, ".tkc") == 0) return true;
    if (strcmp(path, "-") == 0) return false;
    struct stat info;
    if (stat(path, &info) != 0 || !S_ISREG(info.st_mode)) return false;
    FILE *stream = fopen(path, "rb");
    if (!stream) return false;
    unsigned char magic[TKC_MAGIC_SIZE];
    bool compiled = fread(magic, 1, sizeof magic, stream) == sizeof magic &&
                    memcmp(magic, tkc_magic, sizeof magic) == 0;
    fclose(stream);
    return compiled;
}

/* {=== the public interface ===} */

tk_graph *tk_load_compiled(const char *path, tk_diags *diags) {
    return tkc_load(path, diag_list_of(diags));
}
