/*
 * fmt_api.c — tenken fmt in the public interface: a rule file read as every
 * rule file is read (base/source.c: its size limit, standard input as
 * "<stdin>"), laid out by lang/fmt.c, and compared byte for byte with its
 * layout, a byte order mark included.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
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
    recovery point;
    if (setjmp(point.resume)) {
        free(*layout);
        *layout = NULL;
        *layout_length = 0;
        diag_out_of_memory(diag_list_of(diags));
        return TK_FMT_REFUSED;
    }
    recovery_begin_guarded(&point, &diag_list_of(diags)->region);
    tk_fmt_status status =
        public_status(fmt_text(path, text, length, diags, layout, layout_length));
    recovery_end(&point);
    return status;
}

static char *copy_bytes(const arena *within, const char *prefix, size_t prefix_length,
                        const char *bytes, size_t length) {
    char *copy = malloc(prefix_length + length + 1);
    if (!copy) arena_out_of_memory(within);
    memcpy(copy, prefix, prefix_length);
    memcpy(copy + prefix_length, bytes, length);
    copy[prefix_length + length] = '\0';
    return copy;
}

/* The file as it is on disk: the source dropped its byte order mark. */
static bool read_formatted(tk_formatted *formatted, const arena *within, const char *path,
                           const char **error) {
    arena region;
    arena_init_within(&region, within);
    const source *file = source_read_file(&region, path, error);
    if (file) {
        formatted->path = copy_bytes(within, "", 0, file->path, strlen(file->path));
        size_t mark = file->bom ? sizeof byte_order_mark - 1 : 0;
        formatted->text = copy_bytes(within, byte_order_mark, mark, file->text, file->length);
        formatted->length = mark + file->length;
    }
    arena_release(&region);
    return file != NULL;
}

static void free_formatted(void *formatted) { tk_formatted_free(formatted); }

static tk_formatted *format_file(const char *path, tk_diags *diags, const char **error) {
    const arena *within = &diag_list_of(diags)->region;
    tk_formatted *formatted = calloc(1, sizeof *formatted);
    if (!formatted) arena_out_of_memory(within);
    recovery_cleanup freeing; /* if memory runs out before it is handed back */
    recovery_push(within, &freeing, free_formatted, formatted);
    bool read = read_formatted(formatted, within, path, error);
    if (read)
        formatted->status =
            public_status(fmt_text(formatted->path, formatted->text, formatted->length, diags,
                                   &formatted->layout, &formatted->layout_length));
    recovery_pop(&freeing);
    if (read) return formatted;
    tk_formatted_free(formatted);
    return NULL;
}

tk_formatted *tk_fmt_file(const char *path, tk_diags *diags, const char **error) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(diag_list_of(diags));
        *error = "out of memory";
        errno = ENOMEM;
        return NULL;
    }
    recovery_begin_guarded(&point, &diag_list_of(diags)->region);
    tk_formatted *formatted = format_file(path, diags, error);
    recovery_end(&point);
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
