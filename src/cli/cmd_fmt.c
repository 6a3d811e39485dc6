/*
 * cmd_fmt.c — `tenken fmt [-w | --check] FILE|DIR…`: lay rule files out in
 * the canonical form of doc/fmt.md. By default the layout is printed; -w
 * writes it back through a temporary file renamed over the original; --check
 * prints where files differ from it. Files with syntax errors are reported as
 * `tenken check` reports them and left alone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/rule_files.h"

static const char fmt_help[] =
    "usage: tenken fmt [OPTIONS] FILE|DIR...\n"
    "\n"
    "Lay rule files out in tenken's one canonical form (doc/fmt.md): two spaces per\n"
    "brace level, one statement per line, one space between tokens, comments and\n"
    "single blank lines kept where they are. For a directory, every .tkn file\n"
    "under it; '-' reads standard input.\n"
    "\n"
    "options:\n"
    "  -w, --write          rewrite each file that is not formatted, in place\n"
    "  --check              print nothing for formatted files, and for the others\n"
    "                       a unified diff of what formatting would change\n"
    "  --color=WHEN         auto (default), always or never: colours in diagnostics\n"
    "\n"
    "Without -w or --check the formatted files are printed to standard output.\n"
    "A file with syntax errors is reported as tenken check reports it and is\n"
    "neither printed nor written.\n"
    "\n"
    "exit status: 0 success (with --check: every file is formatted), 1 syntax\n"
    "errors, or with --check a file that is not formatted, 2 usage or I/O error\n";

typedef enum fmt_mode { MODE_PRINT, MODE_WRITE, MODE_CHECK } fmt_mode;

typedef struct fmt_run {
    fmt_mode mode;
    tk_diags *diags;
    bool findings;          /* syntax errors, or (--check) a file not formatted */
    bool failed;            /* a file could not be read or written */
} fmt_run;

/* {=== collecting files ===} */

static char *copy_text(const char *text) {
    char *copy = strdup(text);
    if (!copy) cli_exit_out_of_memory("fmt");
    return copy;
}

/* {=== writing ===} */

/* Replace a file's contents atomically (tk_output: beside it, fsync, rename,
   through a symbolic link to its target). A file we may not write is not
   replaced, although its directory would let us. On failure *failed names
   what failed, *error why, and the original is untouched. */
static bool write_in_place(const char *path, const char *text, size_t length,
                           const char **failed, const char **error) {
    *failed = "cannot write";
    if (access(path, W_OK) != 0) {
        *error = strerror(errno);
        return false;
    }
    tk_output *output = tk_output_open(path, error);
    if (!output) {
        *failed = "cannot make a temporary file beside";
        return false;
    }
    if (length && fwrite(text, 1, length, tk_output_stream(output)) != length) {
        *error = strerror(errno ? errno : EIO);
        tk_output_discard(output);
        return false;
    }
    return tk_output_commit(output, error);
}

/* {=== formatting ===} */

static void format_file(fmt_run *run, const char *path) {
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    const char *error = NULL;
    errno = 0;
    tk_formatted *formatted = tk_fmt_file(path, run->diags, &error);
    if (!formatted) { /* memory running out is among the diagnostics */
        if (errno != ENOMEM) fprintf(stderr, "tenken fmt: cannot read %s: %s\n", name, error);
        run->failed = true;
        return;
    }
    tk_fmt_status status = tk_formatted_status(formatted);
    if (status == TK_FMT_REFUSED) {
        run->findings = true;
    } else if (status == TK_FMT_INTERNAL_ERROR) {
        fprintf(stderr, "tenken fmt: %s: internal error: the layout would not read as the "
                        "same tokens; the file is left alone (please report this)\n", name);
        run->failed = true;
    } else {
        bool same = tk_formatted_unchanged(formatted);
        size_t layout_length = 0;
        const char *layout = tk_formatted_layout(formatted, &layout_length);
        if (run->mode == MODE_PRINT) {
            fwrite(layout, 1, layout_length, stdout);
        } else if (run->mode == MODE_CHECK) {
            if (!same) {
                tk_formatted_write_diff(formatted, stdout);
                run->findings = true;
                if (cli_stream_out_of_memory(stdout)) {
                    cli_out_of_memory("fmt");
                    run->failed = true;
                }
            }
        } else if (!same) {
            const char *failed = NULL;
            if (!write_in_place(path, layout, layout_length, &failed, &error)) {
                fprintf(stderr, "tenken fmt: %s %s: %s; the file is unchanged\n", failed, name,
                        error);
                run->failed = true;
            }
        }
    }
    tk_formatted_free(formatted);
}

static int format_all(cli_options *options, fmt_mode mode) {
    fmt_run run = {mode, cli_diags_new("fmt"), false, false};
    path_list files = {0};
    for (size_t index = 0; index < options->operand_count; index++) {
        const char *operand = options->operands[index];
        struct stat info;
        if (strcmp(operand, "-") == 0) {
            path_list_add(&files, copy_text(operand));
        } else if (stat(operand, &info) != 0) {
            fprintf(stderr, "tenken fmt: cannot read %s: %s\n", operand, strerror(errno));
            run.failed = true;
        } else if (S_ISDIR(info.st_mode)) {
            path_list_add_directory(&files, operand);
        } else {
            path_list_add(&files, copy_text(operand));
        }
    }
    for (size_t index = 0; index < files.count; index++) format_file(&run, files.paths[index]);
    fflush(stdout);
    tk_diags_print(run.diags, stderr, TK_DIAG_TEXT,
                   cli_color_enabled(options->color, fileno(stderr)), 0);
    int status = run.failed ? EXIT_USAGE : run.findings ? EXIT_FINDINGS : EXIT_OK;
    tk_diags_free(run.diags);
    path_list_free(&files);
    return status;
}

/* -w, --write and --check are taken out before the shared option parser sees
   the rest; after "--" every argument is a file. */
static int take_mode_options(int argc, char **argv, char **rest, int *rest_count,
                             bool *write, bool *check) {
    bool options_done = false;
    *rest_count = 0;
    for (int index = 0; index < argc; index++) {
        const char *argument = argv[index];
        if (!options_done && !strcmp(argument, "--")) options_done = true;
        if (!options_done && (!strcmp(argument, "-w") || !strcmp(argument, "--write")))
            *write = true;
        else if (!options_done && !strcmp(argument, "--check"))
            *check = true;
        else
            rest[(*rest_count)++] = argv[index];
    }
    return *rest_count;
}

int cmd_fmt(int argc, char **argv) {
    bool write = false, check = false;
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest) return cli_out_of_memory("fmt");
    int rest_count = 0;
    take_mode_options(argc, argv, rest, &rest_count, &write, &check);
    cli_options options;
    if (!cli_parse(rest_count, rest, "fmt", "color", &options)) {
        cli_release(&options);
        free(rest);
        return EXIT_USAGE;
    }
    bool reads_stdin = false;
    for (size_t index = 0; index < options.operand_count; index++)
        reads_stdin |= strcmp(options.operands[index], "-") == 0;
    int status;
    if (options.help) {
        fputs(fmt_help, stdout);
        status = EXIT_OK;
    } else if (write && check) {
        status = cli_usage_error("fmt", "-w and --check cannot be used together");
    } else if (options.operand_count == 0) {
        status = cli_usage_error("fmt", "give rule files or directories ('-' for standard input)");
    } else if (write && reads_stdin) {
        status = cli_usage_error("fmt", "-w cannot write standard input back");
    } else {
        status = format_all(&options, write ? MODE_WRITE : check ? MODE_CHECK : MODE_PRINT);
    }
    cli_release(&options);
    free(rest);
    return status;
}
