/*
 * output.h — where a command writes what it makes: standard output, or with
 * -o FILE a file replaced atomically (tk_output in the library: written
 * beside it under a temporary name, flushed to disk, then renamed over it),
 * so a reader never sees half a file and a failed run leaves the old one in
 * place. Here the command's messages are added.
 */
#ifndef TK_CLI_OUTPUT_H
#define TK_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "tenken.h"

typedef struct cli_output {
    FILE *stream;           /* where to write */
    const char *path;       /* the file asked for, or NULL for standard output */
    tk_output *output;      /* the library's handle */
} cli_output;

/* Open standard output (path NULL or "-") or a temporary file beside path.
   False, with a message naming the command, when it cannot be created. */
bool cli_output_open(cli_output *output, const char *command, const char *path);

/* Flush and, for a file, fsync and rename it into place. False, with a
   message, when anything failed; the temporary file is then removed. */
bool cli_output_commit(cli_output *output, const char *command);

/* Give up: remove the temporary file, leave path as it was. */
void cli_output_discard(cli_output *output);

#endif
