/*
 * fmt_api.c — tenken fmt in the public interface: a rule file read as every
 * rule file is read (base/source.c: its size limit, standard input as
 * "<stdin>"), laid out by lang/fmt.c, and compared byte for byte with its
 * layout, a byte order mark included.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/source.h"
#include "lang/fmt.h"
#include "tenken.h"

struct tk_formatted {
    tk_fmt_status status;
    char *path;             /* as diagnostics and the diff name it */
    char *text;             /* the file's bytes */
    size_t length;
    char *layout;           /* TK_FMT_OK: the canonical text */
    size_t layout_length;
};

static const char byte_order_mark[] = "\xEF\xBB\xBF";

static tk_fmt_status public_status(fmt_status status) {
    switch (status) {
    case FMT_OK: return TK_FMT_OK;
    case FMT_REFUSED: return TK_FMT_REFUSED;
    case FMT_INTERNAL_ERROR: break;
    }
    return TK_FMT_INTERNAL_ERROR;
}

tk_fmt_status tk_fmt_text(const char *path, const char *text, size_t length, tk_diags *diags,
                          char **layout, size_t *layout_length) {
    return public_status(fmt_text(path, text, length, diags, layout, layout_length));
}

static char *copy_bytes(const char *prefix, size_t prefix_length, const char *bytes,
                        size_t length) {
    char *copy = malloc(prefix_length + length + 1);
    if (!copy) abort();
    memcpy(copy, prefix, prefix_length);
    memcpy(copy + prefix_length, bytes, length);
    copy[prefix_length + length] = '\0';
    return copy;
}

/* The file as it is on disk: the source dropped its byte order mark. */
static tk_formatted *read_formatted(const char *path, const char **error) {
    arena region;
    arena_init(&region);
    const source *file = source_read_file(&region, path, error);
    tk_formatted *formatted = NULL;
    if (file) {
        formatted = calloc(1, sizeof *formatted);
        if (!formatted) abort();
        formatted->path = copy_bytes("", 0, file->path, strlen(file->path));
        size_t mark = file->bom ? sizeof byte_order_mark - 1 : 0;
        formatted->text = copy_bytes(byte_order_mark, mark, file->text, file->length);
        formatted->length = mark + file->length;
    }
    arena_release(&region);
    return formatted;
}

tk_formatted *tk_fmt_file(const char *path, tk_diags *diags, const char **error) {
    tk_formatted *formatted = read_formatted(path, error);
    if (!formatted) return NULL;
    formatted->status = tk_fmt_text(formatted->path, formatted->text, formatted->length, diags,
                                    &formatted->layout, &formatted->layout_length);
    return formatted;
}

tk_fmt_status tk_formatted_status(const tk_formatted *formatted) { return formatted->status; }

bool tk_formatted_unchanged(const tk_formatted *formatted) {
    return formatted->layout && formatted->layout_length == formatted->length &&
           memcmp(formatted->layout, formatted->text, formatted->length) == 0;
}

const char *tk_formatted_layout(const tk_formatted *formatted, size_t *length) {
    *length = formatted->layout_length;
    return formatted->layout;
}

size_t tk_formatted_write_diff(const tk_formatted *formatted, FILE *stream) {
    if (!formatted->layout) return 0;
    return fmt_write_diff(stream, formatted->path, formatted->text, formatted->length,
                          formatted->layout, formatted->layout_length);
}

void tk_formatted_free(tk_formatted *formatted) {
    if (!formatted) return;
    free(formatted->path);
    free(formatted->text);
    free(formatted->layout);
    free(formatted);
}
