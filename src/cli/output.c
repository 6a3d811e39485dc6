/*
 * output.c — writing a command's product to standard output or, atomically
 * through src/atomic_file.c, to a file.
 */
#include "cli/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void report(const char *command, const char *what, const char *path, int error) {
    fprintf(stderr, "tenken %s: cannot %s %s: %s\n", command, what, path, strerror(error));
}

bool cli_output_open(cli_output *output, const char *command, const char *path) {
    memset(output, 0, sizeof *output);
    if (!path || strcmp(path, "-") == 0) {
        output->stream = stdout;
        return true;
    }
    output->path = path;
    if (!atomic_file_open(&output->file, path)) {
        report(command, "create", path, errno);
        return false;
    }
    output->stream = output->file.stream;
    return true;
}

bool cli_output_commit(cli_output *output, const char *command) {
    if (!output->path) {
        if (fflush(output->stream) == 0 && !ferror(output->stream)) return true;
        report(command, "write", "standard output", errno);
        return false;
    }
    output->stream = NULL;
    if (atomic_file_commit(&output->file)) return true;
    report(command, "write", output->path, errno);
    return false;
}

void cli_output_discard(cli_output *output) {
    if (output->path && output->file.temporary) atomic_file_discard(&output->file);
    output->stream = NULL;
}
