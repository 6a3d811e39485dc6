/*
 * cli.h — the tenken command: shared option parsing and the subcommands.
 * Exit codes for every command: 0 success, 1 findings (errors in rules or
 * answers, a required gate not passed), 2 usage or I/O error, or memory ran
 * out.
 */
#ifndef TK_CLI_H
#define TK_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tenken.h"

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };
enum { CLI_MAX_PATHS = 64, CLI_MAX_REQUIRED = 64, CLI_MAX_VALUES = 16 };

typedef enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color_mode;

/* A long option that one command alone takes (--id, --from, …), by name. */
typedef struct cli_value {
    char name[32];
    const char *value;
} cli_value;

/* Everything any subcommand accepts; each reads what it needs. */
typedef struct cli_options {
    const char *search_path[CLI_MAX_PATHS];
    size_t search_path_count;
    const char *format;         /* NULL: the command's default */
    const char *lang;
    const char *variant;        /* --variant: a variant of the rules */
    const char *input;          /* --input: the answer files' format */
    const char *output;         /* -o, --output: the file to write */
    const char *resume;         /* --resume: an answer file to continue */
    bool explain, lenient, warnings_are_errors, help;
    size_t max_errors;
    size_t jobs;                /* -j, --jobs: threads evaluating (0: one) */
    color_mode color;
    const char *required_gates[CLI_MAX_REQUIRED];
    size_t required_count;
    cli_value values[CLI_MAX_VALUES];   /* the other long options, the last of each name */
    size_t value_count;
    const char **operands;      /* files */
    size_t operand_count;
    char path_buffer[4096];     /* TENKEN_PATH, split in place */
} cli_options;

/* Parse argv after the subcommand; false (with a message) on a usage error.
   `allowed` lists the long options the command takes, e.g. "format,lang". */
bool cli_parse(int argc, char **argv, const char *command, const char *allowed,
               cli_options *options);

/* The value of a long option kept in values (--id=…), or NULL. */
const char *cli_value_of(const cli_options *options, const char *name);

/* Search path: -I directories, then TENKEN_PATH, then the data directory. */
tk_compile_options cli_compile_options(cli_options *options);

void cli_release(cli_options *options);
bool cli_color_enabled(color_mode mode, int descriptor);
int cli_usage_error(const char *command, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* "--format is text, json, md or html, not 'NAME'": the names of the
   formats that write `use`, from the library's table of formats. */
int cli_unknown_format(const char *command, tk_report_use use, const char *name);

/* Memory ran out, in the library or here: "tenken COMMAND: out of memory"
   (command NULL: "tenken: …"), and exit status 2 as for an I/O error. cli_exit_out_of_memory exits at
   once, so only where no file is being written (tk_output). */
int cli_out_of_memory(const char *command);
_Noreturn void cli_exit_out_of_memory(const char *command);
/* Whether a library call that writes to stream and returns nothing (tk_report,
   tk_write_template, …) stopped for want of memory (tenken.h). */
bool cli_stream_out_of_memory(FILE *stream);
/* tk_diags_new, exiting when there is no memory for it. */
tk_diags *cli_diags_new(const char *command);

/* --input: auto (NULL), yaml, jsonl or csv; false for anything else. */
bool cli_input_format(const char *input, tk_input_format *format);

int cmd_check(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_ask(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_import(int argc, char **argv);

#endif
