/*
 * cmd_map.c — `tenken map --from FW[=ANSWERS] [--to FW] [FILE|DIR…]`: load
 * the control catalogue (stdlib/frameworks and stdlib/maps on the search
 * path, then the files given), and report what the source framework's
 * controls reach in the target through the maps, and the source framework's
 * selection gates over its answers. The library does the work (tk_map); the
 * command finds the catalogue's files and writes the result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/rule_files.h"

static const char map_help[] =
    "usage: tenken map [OPTIONS] --from FW[=ANSWERS] [--to FW] [FILE|DIR...]\n"
    "\n"
    "Report, for every control of framework --to, the coverage the controls of\n"
    "framework --from give it through the maps between the two (read in either\n"
    "direction): full, partial or none, with the source controls it came through,\n"
    "per clause and in all. --from may also name a checklist module (a rule file\n"
    "given) whose items refer to the target's controls with `ref`; its answers\n"
    "are then an answer file for those rules. With answers (--from FW=FILE: per control implemented,\n"
    "partial, not or excluded with a reason, and the certificates held) only what\n"
    "is implemented counts; without them every source control counts as\n"
    "implemented. With answers the selection gates of the source framework are\n"
    "evaluated too; --to may then be left out.\n"
    "\n"
    "The catalogue is every .tkn under stdlib/frameworks and stdlib/maps in each\n"
    "search directory and in the current directory, then the files (and the .tkn\n"
    "files under the directories) given; a module already loaded is not loaded again.\n"
    "\n"
    "options:\n"
    "  --from=FW[=FILE]     the source framework, and its answers\n"
    "  --to=FW              the target framework\n"
    "  -I DIR               search DIR for imported modules and the catalogue\n"
    "  --format=FORMAT      text (default), json, md (Markdown) or csv\n"
    "  --lang=LANG          ja (default) or en: the language of titles\n"
    "  -o FILE              write FILE instead of standard output; it is replaced\n"
    "                       atomically (also --output=FILE)\n"
    "  --color=WHEN         auto (default), always or never: colours in diagnostics\n"
    "\n"
    "exit status: 0 reported, 1 errors in rules or answers or a selection gate\n"
    "failed, 2 usage or I/O error\n";

typedef struct map_request {
    char *from, *answers;       /* --from split at '=' */
    const char *to;
    tk_report_format format;
} map_request;

static bool is_directory(const char *path) {
    struct stat info;
    return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

/* The catalogue's files: stdlib/frameworks and stdlib/maps on the search
   path and in the current directory, then the operands. */
static void catalogue_files(const tk_compile_options *compile, const cli_options *options,
                            path_list *files) {
    static const char *const parts[] = {"stdlib/frameworks", "stdlib/maps"};
    for (size_t index = 0; index <= compile->search_path_count; index++)
        for (size_t part = 0; part < 2; part++) {
            /* the search path, then the current directory (a clone's stdlib) */
            const char *base = index < compile->search_path_count
                                   ? compile->search_path[index] : ".";
            char directory[4096];
            snprintf(directory, sizeof directory, "%s/%s", base, parts[part]);
            if (is_directory(directory)) path_list_add_directory(files, directory);
        }
    for (size_t index = 0; index < options->operand_count; index++) {
        if (is_directory(options->operands[index]))
            path_list_add_directory(files, options->operands[index]);
        else
            path_list_add(files, strdup(options->operands[index]));
    }
}

/* Load the catalogue and compute what was asked (tk_map); NULL when
   something failed. */
static tk_map_result *build_result(const map_request *request, cli_options *options,
                                   tk_diags *diags) {
    tk_compile_options compile = cli_compile_options(options);
    path_list files = {0};
    catalogue_files(&compile, options, &files);
    tk_map_options settings = {
        .from = request->from, .answers = request->answers, .to = request->to,
        .files = (const char *const *)files.paths, .file_count = files.count,
        .compile = &compile,
    };
    tk_map_result *result = tk_map(&settings, diags);
    path_list_free(&files);
    return result;
}

static int run_map(const map_request *request, cli_options *options) {
    tk_diags *diags = cli_diags_new("map");
    tk_map_result *result = build_result(request, options, diags);
    tk_diags_print(diags, stderr, TK_DIAG_TEXT, cli_color_enabled(options->color, fileno(stderr)),
                   options->max_errors);
    int status = EXIT_OK;
    if (!result) {
        status = tk_diags_io_error_count(diags) ? EXIT_USAGE : EXIT_FINDINGS;
    } else {
        cli_output stream;
        if (!cli_output_open(&stream, "map", options->output)) {
            status = EXIT_USAGE;
        } else {
            tk_map_write(result, request->format, options->lang, stream.stream);
            if (cli_stream_out_of_memory(stream.stream)) {
                cli_output_discard(&stream);
                status = cli_out_of_memory("map");
            } else if (!cli_output_commit(&stream, "map")) {
                status = EXIT_USAGE;
            }
            if (status == EXIT_OK && !tk_map_gates_passed(result)) status = EXIT_FINDINGS;
        }
    }
    tk_map_result_free(result);
    tk_diags_free(diags);
    return status;
}

int cmd_map(int argc, char **argv) {
    cli_options options;
    if (!cli_parse(argc, argv, "map", "I,from,to,format,lang,output,color", &options)) {
        cli_release(&options);
        return EXIT_USAGE;
    }
    map_request request = {0};
    int status;
    if (options.help) {
        fputs(map_help, stdout);
        status = EXIT_OK;
    } else if (!cli_value_of(&options, "from")) {
        status = cli_usage_error("map", "give the source framework with --from FW[=ANSWERS]");
    } else if (!tk_report_format_by_name(options.format, TK_REPORT_USE_COVERAGE,
                                         &request.format)) {
        status = cli_unknown_format("map", TK_REPORT_USE_COVERAGE, options.format);
    } else {
        request.from = strdup(cli_value_of(&options, "from"));
        if (!request.from) cli_exit_out_of_memory("map");
        char *equals = strchr(request.from, '=');
        if (equals) {
            *equals = '\0';
            request.answers = equals + 1;
        }
        request.to = cli_value_of(&options, "to");
        if (!request.to && !request.answers)
            status = cli_usage_error("map", "give --to FW, or answers with --from %s=FILE",
                                     request.from);
        else
            status = run_map(&request, &options);
        free(request.from);
    }
    cli_release(&options);
    return status;
}
