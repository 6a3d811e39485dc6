/*
 * output.c — the public tk_output handle: where a product of the library's
 * user goes, standard output or a file replaced atomically through
 * base/atomic_file.c (beside it, fsync, rename), so a reader never sees half
 * a file and a failed write leaves the old one in place.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "tenken.h"

struct tk_output {
    FILE *stream;           /* where to write */
    bool to_file;           /* false: standard output */
    atomic_file file;       /* the file being written, when to_file */
};

/* The system's message; running out of memory says so as the library does. */
static const char *error_text(void) {
    return errno == ENOMEM ? "out of memory" : strerror(errno ? errno : EIO);
}

tk_output *tk_output_open(const char *path, const char **error) {
    tk_output *output = calloc(1, sizeof *output);
    if (!output) {
        *error = "out of memory";
        return NULL;
    }
    if (!path || strcmp(path, "-") == 0) {
        output->stream = stdout;
        return output;
    }
    output->to_file = true;
    if (!atomic_file_open(&output->file, path)) {
        *error = error_text();
        free(output);
        return NULL;
    }
    output->stream = output->file.stream;
    return output;
}

FILE *tk_output_stream(const tk_output *output) { return output->stream; }

bool tk_output_commit(tk_output *output, const char **error) {
    bool written;
    if (!output->to_file) {
        errno = 0;
        written = fflush(output->stream) == 0 && !ferror(output->stream);
    } else {
        written = atomic_file_commit(&output->file);
    }
    if (!written) *error = error_text();
    free(output);
    return written;
}

void tk_output_discard(tk_output *output) {
    if (!output) return;
    if (output->to_file) atomic_file_discard(&output->file);
    free(output);
}
