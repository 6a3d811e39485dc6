/*
 * cmd_import.c — `tenken import framework|map CSV`: a control table saved
 * from a spreadsheet turned into a rule file (tk_import_framework and
 * tk_import_map in the library do the work). The file is made in memory and
 * written only when the table had no problem: to standard output, or
 * atomically to -o FILE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"

static const char import_intro[] =
    "usage: tenken import framework [OPTIONS] CSV --id ID --edition EDITION\n"
    "       tenken import map [OPTIONS] CSV --from A --to B\n"
    "\n"
    "Turn a control table saved from a spreadsheet as CSV (UTF-8, with or without a\n"
    "byte order mark, CRLF or LF) into a tenken rule file. The first row names the\n"
    "columns. Every problem of the table is reported at its line and column, and\n"
    "nothing is written unless there is none.\n"
    "\n";

static const char framework_help[] =
    "usage: tenken import framework [OPTIONS] CSV --id ID --edition EDITION\n"
    "\n"
    "Write a framework from a table with one row per node: the columns id, title\n"
    "and parent (the id of the parent row, empty at the top level), and optionally\n"
    "obligation (mandatory or 必須, selectable or 選択, or empty) and kind (clause,\n"
    "objective, control or detail). Children are written inside their parent in\n"
    "the table's order; a row with no kind takes the kind of its level.\n"
    "\n"
    "options:\n"
    "  --id=ID              the framework's name (required)\n"
    "  --edition=TEXT       its edition, such as 2023 (required)\n"
    "  --title=TEXT         its title (default: the id)\n"
    "  --module=NAME        the module written (default: imported.ID)\n"
    "  --columns=ID,TITLE,PARENT,OBLIGATION\n"
    "                       the header names of these columns, in this order; an\n"
    "                       empty PARENT or OBLIGATION: the table has none\n"
    "  --kinds=KIND,...     the kind of each level (default:\n"
    "                       clause,objective,control,detail)\n"
    "  --lang=LANG          ja (default) or en: the language of the titles\n"
    "  -o FILE              write FILE instead of standard output; it is replaced\n"
    "                       atomically (also --output=FILE)\n"
    "  --color=WHEN         auto (default), always or never: colours in diagnostics\n"
    "\n"
    "exit status: 0 written, 1 problems in the table (nothing is written), 2 usage\n"
    "or I/O error\n";

static const char map_help[] =
    "usage: tenken import map [OPTIONS] CSV --from A --to B\n"
    "\n"
    "Write a map between two frameworks from a table with one row per relation:\n"
    "the columns source, relation and target, and optionally note. The relations\n"
    "are equivalent, equal, subset-of, superset-of, intersects and no-relationship\n"
    "(whose target may be empty); a row with the relation new and no source is a\n"
    "control of B that A does not have.\n"
    "\n"
    "options:\n"
    "  --from=A             the framework mapped from (required)\n"
    "  --to=B               the framework mapped to (required)\n"
    "  --from-module=NAME   the module of A (default: stdlib.frameworks.A)\n"
    "  --to-module=NAME     the module of B (default: stdlib.frameworks.B)\n"
    "  --title=TEXT         the map's title (default: none)\n"
    "  --module=NAME        the module written (default: imported.A_to_B)\n"
    "  --columns=SOURCE,RELATION,TARGET,NOTE\n"
    "                       the header names of these columns, in this order; an\n"
    "                       empty NOTE: the table has none\n"
    "  -o FILE              write FILE instead of standard output; it is replaced\n"
    "                       atomically (also --output=FILE)\n"
    "  --color=WHEN         auto (default), always or never: colours in diagnostics\n"
    "\n"
    "exit status: 0 written, 1 problems in the table (nothing is written), 2 usage\n"
    "or I/O error\n";

/* Print the diagnostics, then write the text when there is one. */
static int finish(const cli_options *options, const char *command, tk_diags *diags,
                  tk_import_status status, char *text, size_t length) {
    tk_diags_print(diags, stderr, TK_DIAG_TEXT, cli_color_enabled(options->color, fileno(stderr)),
                   0);
    int exit_status = status == TK_IMPORT_UNREADABLE ? EXIT_USAGE
                      : status == TK_IMPORT_FINDINGS ? EXIT_FINDINGS
                                                     : EXIT_OK;
    if (status == TK_IMPORT_WRITTEN) {
        cli_output output;
        if (!cli_output_open(&output, command, options->output)) {
            exit_status = EXIT_USAGE;
        } else {
            fwrite(text, 1, length, output.stream);
            if (!cli_output_commit(&output, command)) exit_status = EXIT_USAGE;
        }
    }
    free(text);
    return exit_status;
}

static int import_framework_table(const cli_options *options, const char *command) {
    tk_import_framework_options settings = {
        cli_value_of(options, "id"),      cli_value_of(options, "edition"),
        cli_value_of(options, "title"),   cli_value_of(options, "module"),
        cli_value_of(options, "columns"), cli_value_of(options, "kinds"),
        options->lang,
    };
    char message[512];
    if (!tk_import_framework_options_check(&settings, message, sizeof message))
        return strcmp(message, "out of memory") ? cli_usage_error(command, "%s", message)
                                                : cli_out_of_memory(command);
    tk_diags *diags = cli_diags_new(command);
    char *text = NULL;
    size_t length = 0;
    tk_import_status status =
        tk_import_framework(options->operands[0], &settings, diags, &text, &length);
    int exit_status = finish(options, command, diags, status, text, length);
    tk_diags_free(diags);
    return exit_status;
}

static int import_map_table(const cli_options *options, const char *command) {
    tk_import_map_options settings = {
        cli_value_of(options, "from"),        cli_value_of(options, "to"),
        cli_value_of(options, "from-module"), cli_value_of(options, "to-module"),
        cli_value_of(options, "title"),       cli_value_of(options, "module"),
        cli_value_of(options, "columns"),
    };
    char message[512];
    if (!tk_import_map_options_check(&settings, message, sizeof message))
        return strcmp(message, "out of memory") ? cli_usage_error(command, "%s", message)
                                                : cli_out_of_memory(command);
    tk_diags *diags = cli_diags_new(command);
    char *text = NULL;
    size_t length = 0;
    tk_import_status status =
        tk_import_map(options->operands[0], &settings, diags, &text, &length);
    int exit_status = finish(options, command, diags, status, text, length);
    tk_diags_free(diags);
    return exit_status;
}

typedef int table_importer(const cli_options *options, const char *command);

static int run_import(int argc, char **argv, const char *command, const char *allowed,
                      const char *help, table_importer *import) {
    cli_options options;
    if (!cli_parse(argc, argv, command, allowed, &options)) {
        cli_release(&options);
        return EXIT_USAGE;
    }
    int status;
    if (options.help) {
        fputs(help, stdout);
        status = EXIT_OK;
    } else if (options.operand_count != 1) {
        status = cli_usage_error(command, "give one CSV file, not %zu", options.operand_count);
    } else {
        status = import(&options, command);
    }
    cli_release(&options);
    return status;
}

int cmd_import(int argc, char **argv) {
    const char *what = argc > 0 ? argv[0] : "";
    if (!strcmp(what, "--help") || !strcmp(what, "-h")) {
        printf("%s%s\n%s", import_intro, framework_help, map_help);
        return EXIT_OK;
    }
    if (!strcmp(what, "framework"))
        return run_import(argc - 1, argv + 1, "import framework",
                          "id,edition,title,module,columns,kinds,lang,output,color",
                          framework_help, import_framework_table);
    if (!strcmp(what, "map"))
        return run_import(argc - 1, argv + 1, "import map",
                          "from,to,from-module,to-module,title,module,columns,output,color",
                          map_help, import_map_table);
    if (!*what) return cli_usage_error("import", "say what to import: framework or map");
    if (what[0] == '-')
        return cli_usage_error("import", "say what to import before the options: "
                                         "framework or map");
    return cli_usage_error("import", "'%s' is neither framework nor map", what);
}
