/*
 * cmd_template.c — `tenken template RULES`: a blank answer file for the
 * rules, to fill in and evaluate with `tenken eval`.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"

static const char template_help[] =
    "usage: tenken template [OPTIONS] RULES\n"
    "\n"
    "Write a blank answer file (YAML) for the rules: the header keys, every fact\n"
    "with its type, default and description, and every item of every checklist\n"
    "with an empty answer, after comments giving its texts, the conditions that\n"
    "exclude it and its options with their points. Evaluated unchanged, every item\n"
    "is unanswered (or excluded by the facts' defaults).\n"
    "\n"
    "options:\n"
    "  -I DIR               search DIR for imported modules (repeatable)\n"
    "  --variant=NAME       the template of a variant the rule file declares\n"
    "  --lang=LANG          ja (default) or en: the language of the comments\n"
    "  -o FILE              write FILE instead of standard output; it is replaced\n"
    "                       atomically (also --output=FILE)\n"
    "  --color=WHEN         auto (default), always or never: colours in diagnostics\n"
    "\n"
    "exit status: 0 written, 1 errors in the rules, 2 usage or I/O error\n";

static int write_template(cli_options *options) {
    tk_compile_options compile = cli_compile_options(options);
    tk_diags *diags = tk_diags_new();
    const char *rules = options->operands[0];
    bool unreadable = access(rules, R_OK) != 0;
    tk_graph *graph = tk_compile_file(rules, &compile, diags);
    tk_diags_print(diags, stderr, TK_DIAG_TEXT, cli_color_enabled(options->color, fileno(stderr)),
                   0);
    int status = EXIT_OK;
    if (!graph) {
        status = unreadable || !tk_diags_error_count(diags) ? EXIT_USAGE : EXIT_FINDINGS;
    } else {
        cli_output output;
        if (!cli_output_open(&output, "template", options->output)) {
            status = EXIT_USAGE;
        } else {
            tk_write_template(graph, output.stream, options->lang);
            if (!cli_output_commit(&output, "template")) status = EXIT_USAGE;
        }
    }
    tk_graph_free(graph);
    tk_diags_free(diags);
    return status;
}

int cmd_template(int argc, char **argv) {
    cli_options options;
    if (!cli_parse(argc, argv, "template", "I,variant,lang,output,color", &options)) {
        cli_release(&options);
        return EXIT_USAGE;
    }
    int status;
    if (options.help) {
        fputs(template_help, stdout);
        status = EXIT_OK;
    } else if (options.operand_count == 0) {
        status = cli_usage_error("template", "no rule file given");
    } else if (options.operand_count > 1) {
        status = cli_usage_error("template", "give one rule file, not %zu", options.operand_count);
    } else {
        status = write_template(&options);
    }
    cli_release(&options);
    return status;
}
