/*
 * output.c — writing a command's product to standard output or, atomically
 * through the library's tk_output, to a file; the messages name the command.
 */
#include "cli/output.h"

#include <string.h>

static void report(const char *command, const char *what, const char *path, const char *error) {
    fprintf(stderr, "tenken %s: cannot %s %s: %s\n", command, what, path, error);
}

bool cli_output_open(cli_output *output, const char *command, const char *path) {
    memset(output, 0, sizeof *output);
    if (path && strcmp(path, "-") != 0) output->path = path;
    const char *error = NULL;
    output->output = tk_output_open(output->path, &error);
    if (!output->output) {
        report(command, "create", path, error);
        return false;
    }
    output->stream = tk_output_stream(output->output);
    return true;
}

bool cli_output_commit(cli_output *output, const char *command) {
    const char *error = NULL;
    bool written = tk_output_commit(output->output, &error);
    output->output = NULL;
    output->stream = NULL;
    if (written) return true;
    report(command, "write", output->path ? output->path : "standard output", error);
    return false;
}

void cli_output_discard(cli_output *output) {
    tk_output_discard(output->output);
    output->output = NULL;
    output->stream = NULL;
}
