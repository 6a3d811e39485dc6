/*
 * cmd_map.c — `tenken map --from FW[=ANSWERS] [--to FW] [FILE|DIR…]`: load
 * the control catalogue (stdlib/frameworks and stdlib/maps on the search
 * path, then the files given), and report what the source framework's
 * controls reach in the target through the maps, and the source framework's
 * selection gates over its answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/rule_files.h"
#include "lang/catalog.h"
#include "frameworks/checklist_source.h"
#include "answers/control_answers.h"
#include "frameworks/coverage.h"
#include "base/diag.h"
#include "lang/modules.h"
#include "report/coverage_report.h"
#include "frameworks/selection.h"

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
    coverage_format format;
} map_request;

static bool parse_format(const char *name, coverage_format *format) {
    if (!name || !strcmp(name, "text")) *format = COVERAGE_TEXT;
    else if (!strcmp(name, "json")) *format = COVERAGE_JSON;
    else if (!strcmp(name, "md")) *format = COVERAGE_MD;
    else if (!strcmp(name, "csv")) *format = COVERAGE_CSV;
    else return false;
    return true;
}

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

static const catalog_framework *find_named(const catalog *catalogue, const char *id,
                                           const char *option, diag_list *diags) {
    return catalog_require(catalogue, id, NULL, (span){0, 0}, option, diags);
}

/* The source is a framework, or a checklist module whose items refer to
   the target's controls. */
static bool build_checklist_source(arena *region, const map_request *request,
                                   const tk_compile_options *compile, const module_set *modules,
                                   const catalog *catalogue, tk_diags *diags,
                                   coverage_output *output) {
    diag_list *list = diag_list_of(diags);
    const catalog_framework *to = find_named(catalogue, request->to, "--to", list);
    if (!to) return false;
    checklist_source *checklist = checklist_source_find(region, modules, catalogue, request->from,
                                                     to);
    if (checklist->map.rows.count == 0) {
        diagnostic *record = diag_report_at_path(list, SEVERITY_ERROR, DIAG_TK0701, "--from",
                                                 "no item of %s refers to %s", request->from,
                                                 to->ast->id);
        diag_set_help(list, record, "give items `ref %s:\"ID\"`", to->ast->id);
        return false;
    }
    output->from = &checklist->framework;
    if (request->answers) {
        output->answers = checklist_source_answers(region, checklist, request->answers, compile,
                                                   diags);
        if (!output->answers) return false;
    }
    const ast_map **maps = ARENA_NEW(region, const ast_map *);
    maps[0] = &checklist->map;
    output->coverage = coverage_compute_maps(region, output->from, to, maps, 1, output->answers);
    return true;
}

/* Load, look up, read the answers, compute: false when something failed. */
static bool build_output(arena *region, const map_request *request, cli_options *options,
                         tk_diags *diags, coverage_output *output) {
    diag_list *list = diag_list_of(diags);
    tk_compile_options compile = cli_compile_options(options);
    search_path search = {compile.search_path, compile.search_path_count};
    path_list files = {0};
    catalogue_files(&compile, options, &files);
    module_set modules = {0};
    bool readable = true;
    for (size_t index = 0; index < files.count; index++)
        readable &= modules_load_more(region, files.paths[index], &search, list, &modules);
    path_list_free(&files);
    if (!readable || list->error_count) return false;
    const catalog *catalogue = catalog_build(region, &modules, NULL, list);
    if (list->error_count) return false;
    if (!catalog_find(catalogue, request->from) && request->to &&
        modules_find(&modules, request->from))
        return build_checklist_source(region, request, &compile, &modules, catalogue, diags,
                                      output);
    output->from = find_named(catalogue, request->from, "--from", list);
    const catalog_framework *to = request->to ? find_named(catalogue, request->to, "--to", list)
                                              : NULL;
    if (!output->from || (request->to && !to)) return false;
    if (request->answers) {
        output->answers = control_answers_read(region, request->answers, output->from, list);
        if (!output->answers) return false;
        output->gates = selection_evaluate(region, output->from, output->answers);
    }
    if (to) {
        output->coverage = coverage_compute(region, catalogue, output->from, to, output->answers,
                                            "--to", list);
        if (!output->coverage) return false;
    }
    return true;
}

static bool gates_passed(const coverage_output *output) {
    for (size_t index = 0; output->gates && index < output->from->ast->gates.count; index++)
        if (!output->gates[index].passed) return false;
    return true;
}

static int run_map(const map_request *request, cli_options *options) {
    arena region;
    arena_init(&region);
    tk_diags *diags = tk_diags_new();
    coverage_output output = {0};
    output.lang = options->lang ? options->lang : "ja";
    bool built = build_output(&region, request, options, diags, &output);
    tk_diags_print(diags, stderr, TK_DIAG_TEXT, cli_color_enabled(options->color, fileno(stderr)),
                   options->max_errors);
    int status = EXIT_OK;
    if (!built) {
        status = tk_diags_io_error_count(diags) ? EXIT_USAGE : EXIT_FINDINGS;
    } else {
        cli_output stream;
        if (!cli_output_open(&stream, "map", options->output)) {
            status = EXIT_USAGE;
        } else {
            coverage_write(&output, request->format, stream.stream);
            if (!cli_output_commit(&stream, "map")) status = EXIT_USAGE;
            else if (!gates_passed(&output)) status = EXIT_FINDINGS;
        }
    }
    tk_diags_free(diags);
    arena_release(&region);
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
    } else if (!parse_format(options.format, &request.format)) {
        status = cli_usage_error("map", "--format is text, json, md or csv, not '%s'",
                                 options.format);
    } else {
        request.from = strdup(cli_value_of(&options, "from"));
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
