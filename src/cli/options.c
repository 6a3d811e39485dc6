/*
 * options.c — option parsing shared by the subcommands: GNU style
 * (--name=value, --name value, -I DIR, -IDIR, -o FILE, -Werror, -- ends options),
 * with a clear message for anything unknown.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#ifndef TENKEN_DATADIR
#define TENKEN_DATADIR "/usr/local/share/tenken"
#endif

int cli_usage_error(const char *command, const char *format, ...) {
    va_list args;
    va_start(args, format);
    fprintf(stderr, "tenken %s: ", command);
    vfprintf(stderr, format, args);
    fprintf(stderr, "\ntry 'tenken %s --help'\n", command);
    va_end(args);
    return EXIT_USAGE;
}

int cli_unknown_format(const char *command, tk_report_use use, const char *name) {
    fprintf(stderr, "tenken %s: --format is ", command);
    for (size_t index = 0; tk_report_format_name(use, index); index++) {
        const char *separator = index == 0                                  ? ""
                                : tk_report_format_name(use, index + 1) ? ", "
                                                                        : " or ";
        fprintf(stderr, "%s%s", separator, tk_report_format_name(use, index));
    }
    fprintf(stderr, ", not '%s'\ntry 'tenken %s --help'\n", name, command);
    return EXIT_USAGE;
}

int cli_out_of_memory(const char *command) {
    fprintf(stderr, "tenken%s%s: out of memory\n", command ? " " : "", command ? command : "");
    return EXIT_USAGE;
}

_Noreturn void cli_exit_out_of_memory(const char *command) {
    cli_out_of_memory(command);
    exit(EXIT_USAGE);
}

bool cli_stream_out_of_memory(FILE *stream) { return ferror(stream) && errno == ENOMEM; }

tk_diags *cli_diags_new(const char *command) {
    tk_diags *diags = tk_diags_new();
    if (!diags) cli_exit_out_of_memory(command);
    return diags;
}

static bool option_allowed(const char *allowed, const char *name) {
    size_t length = strlen(name);
    for (const char *cursor = allowed; (cursor = strstr(cursor, name)); cursor += length) {
        bool starts = cursor == allowed || cursor[-1] == ',';
        bool ends = cursor[length] == ',' || cursor[length] == '\0';
        if (starts && ends) return true;
    }
    return false;
}

static bool parse_count(const char *text, size_t *count) {
    char *end = NULL;
    long value = strtol(text, &end, 10);
    if (end == text || *end || value < 0) return false;
    *count = (size_t)value;
    return true;
}

/* Keep an option that no other command takes, by name; a later one wins. */
static bool keep_value(cli_options *options, const char *command, const char *name,
                       const char *value) {
    for (size_t index = 0; index < options->value_count; index++) {
        if (strcmp(options->values[index].name, name)) continue;
        options->values[index].value = value;
        return true;
    }
    if (options->value_count == CLI_MAX_VALUES || strlen(name) >= sizeof options->values[0].name)
        return cli_usage_error(command, "unknown option '--%s'", name), false;
    cli_value *kept = &options->values[options->value_count];
    snprintf(kept->name, sizeof kept->name, "%s", name);
    kept->value = value;
    options->value_count++;
    return true;
}

const char *cli_value_of(const cli_options *options, const char *name) {
    for (size_t index = 0; index < options->value_count; index++)
        if (!strcmp(options->values[index].name, name)) return options->values[index].value;
    return NULL;
}

/* Apply one long option with its value (NULL for flags). */
static bool apply_long(cli_options *options, const char *command, const char *name,
                       const char *value) {
    if (!strcmp(name, "format")) options->format = value;
    else if (!strcmp(name, "lang")) {
        if (strcmp(value, "ja") && strcmp(value, "en"))
            return cli_usage_error(command, "--lang is ja or en, not '%s'", value), false;
        options->lang = value;
    } else if (!strcmp(name, "require")) {
        if (options->required_count == CLI_MAX_REQUIRED)
            return cli_usage_error(command, "too many --require options"), false;
        options->required_gates[options->required_count++] = value;
    } else if (!strcmp(name, "max-errors")) {
        if (!parse_count(value, &options->max_errors))
            return cli_usage_error(command, "--max-errors takes a number, not '%s'", value), false;
    } else if (!strcmp(name, "jobs")) {
        if (!parse_count(value, &options->jobs) || options->jobs == 0 || options->jobs > 256)
            return cli_usage_error(command, "--jobs takes a number of threads from 1 to 256, "
                                            "not '%s'", value), false;
    } else if (!strcmp(name, "color")) {
        if (!strcmp(value, "auto")) options->color = COLOR_AUTO;
        else if (!strcmp(value, "always")) options->color = COLOR_ALWAYS;
        else if (!strcmp(value, "never")) options->color = COLOR_NEVER;
        else return cli_usage_error(command, "--color is auto, always or never"), false;
    } else if (!strcmp(name, "variant")) options->variant = value;
    else if (!strcmp(name, "input")) {
        tk_input_format format;
        if (!cli_input_format(value, &format))
            return cli_usage_error(command, "--input is yaml, jsonl or csv, not '%s'", value), false;
        options->input = value;
    } else if (!strcmp(name, "output")) options->output = value;
    else if (!strcmp(name, "resume")) options->resume = value;
    else if (!strcmp(name, "explain")) options->explain = true;
    else if (!strcmp(name, "lenient")) options->lenient = true;
    else return keep_value(options, command, name, value);
    return true;
}

static bool takes_value(const char *name) {
    return strcmp(name, "explain") && strcmp(name, "lenient") && strcmp(name, "help");
}

static bool add_search_directory(cli_options *options, const char *command, const char *directory) {
    if (options->search_path_count >= CLI_MAX_PATHS - 2)
        return cli_usage_error(command, "too many -I directories"), false;
    options->search_path[options->search_path_count++] = directory;
    return true;
}

static bool parse_long(int argc, char **argv, int *index, const char *command,
                       const char *allowed, cli_options *options) {
    char *argument = argv[*index] + 2;
    char *equals = strchr(argument, '=');
    char name[64];
    size_t length = equals ? (size_t)(equals - argument) : strlen(argument);
    if (length >= sizeof name) return cli_usage_error(command, "unknown option '%s'", argv[*index]), false;
    memcpy(name, argument, length);
    name[length] = '\0';
    if (!strcmp(name, "help")) return options->help = true, true;
    if (!option_allowed(allowed, name))
        return cli_usage_error(command, "unknown option '--%s'", name), false;
    const char *value = NULL;
    if (takes_value(name)) {
        if (equals) value = equals + 1;
        else if (*index + 1 < argc) value = argv[++*index];
        else return cli_usage_error(command, "--%s needs a value", name), false;
    } else if (equals) {
        return cli_usage_error(command, "--%s takes no value", name), false;
    }
    return apply_long(options, command, name, value);
}

bool cli_parse(int argc, char **argv, const char *command, const char *allowed,
               cli_options *options) {
    memset(options, 0, sizeof *options);
    options->operands = calloc((size_t)argc + 1, sizeof(char *));
    if (!options->operands) return cli_out_of_memory(command), false;
    bool options_done = false;
    for (int index = 0; index < argc; index++) {
        char *argument = argv[index];
        if (options_done || argument[0] != '-' || !strcmp(argument, "-")) {
            options->operands[options->operand_count++] = argument;
        } else if (!strcmp(argument, "--")) {
            options_done = true;
        } else if (!strncmp(argument, "--", 2)) {
            if (!parse_long(argc, argv, &index, command, allowed, options)) return false;
        } else if (!strcmp(argument, "-h")) {
            options->help = true;
        } else if (!strncmp(argument, "-I", 2) && option_allowed(allowed, "I")) {
            const char *directory = argument[2] ? argument + 2 : index + 1 < argc ? argv[++index] : NULL;
            if (!directory) return cli_usage_error(command, "-I needs a directory"), false;
            if (!add_search_directory(options, command, directory)) return false;
        } else if (!strncmp(argument, "-o", 2) && option_allowed(allowed, "output")) {
            const char *file = argument[2] ? argument + 2 : index + 1 < argc ? argv[++index] : NULL;
            if (!file) return cli_usage_error(command, "-o needs a file"), false;
            options->output = file;
        } else if (!strncmp(argument, "-j", 2) && option_allowed(allowed, "jobs")) {
            const char *count = argument[2] ? argument + 2 : index + 1 < argc ? argv[++index] : NULL;
            if (!count) return cli_usage_error(command, "-j needs a number of threads"), false;
            if (!apply_long(options, command, "jobs", count)) return false;
        } else if (!strcmp(argument, "-Werror") && option_allowed(allowed, "Werror")) {
            options->warnings_are_errors = true;
        } else {
            return cli_usage_error(command, "unknown option '%s'", argument), false;
        }
    }
    return true;
}

bool cli_input_format(const char *input, tk_input_format *format) {
    if (!input || !strcmp(input, "auto")) *format = TK_INPUT_AUTO;
    else if (!strcmp(input, "yaml") || !strcmp(input, "json")) *format = TK_INPUT_YAML;
    else if (!strcmp(input, "csv")) *format = TK_INPUT_CSV;
    else if (!strcmp(input, "jsonl")) *format = TK_INPUT_JSONL;
    else return false;
    return true;
}

tk_compile_options cli_compile_options(cli_options *options) {
    const char *environment = getenv("TENKEN_PATH");
    if (environment && *environment) {
        snprintf(options->path_buffer, sizeof options->path_buffer, "%s", environment);
        char *rest = NULL;
        for (char *directory = strtok_r(options->path_buffer, ":", &rest); directory;
             directory = strtok_r(NULL, ":", &rest))
            if (options->search_path_count < CLI_MAX_PATHS - 1)
                options->search_path[options->search_path_count++] = directory;
    }
    if (options->search_path_count < CLI_MAX_PATHS)
        options->search_path[options->search_path_count++] = TENKEN_DATADIR;
    tk_compile_options compile = {options->search_path, options->search_path_count,
                                  options->variant};
    return compile;
}

void cli_release(cli_options *options) {
    free(options->operands);
    options->operands = NULL;
}

bool cli_color_enabled(color_mode mode, int descriptor) {
    if (mode == COLOR_ALWAYS) return true;
    if (mode == COLOR_NEVER) return false;
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return isatty(descriptor);
}
