/*
 * cmd_graph.c — `tenken graph RULES`: the evaluation graph as Graphviz DOT,
 * to draw with `dot -Tsvg` or to diff between two versions of the rules.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"

static const char graph_help[] =
    "usage: tenken graph [OPTIONS] RULES\n"
    "\n"
    "Write the evaluation graph of the rules as Graphviz DOT: facts, items, values,\n"
    "gates and stage ladders as nodes, one cluster per checklist, and an edge from\n"
    "everything a node uses to the node. The order is stable, so the output diffs\n"
    "well. Draw it with: tenken graph RULES | dot -Tsvg > graph.svg\n"
    "\n"
    "options:\n"
    "  -I DIR               search DIR for imported modules (repeatable)\n"
    "  --variant=NAME       the graph of a variant the rule file declares\n"
    "  --lang=LANG          ja (default) or en: the language of the labels\n"
    "  -o FILE              write FILE instead of standard output; it is replaced\n"
    "                       atomically (also --output=FILE)\n"
    "  --color=WHEN         auto (default), always or never: colours in diagnostics\n"
    "\n"
    "exit status: 0 written, 1 errors in the rules, 2 usage or I/O error\n";

static int write_graph(cli_options *options) {
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
        if (!cli_output_open(&output, "graph", options->output)) {
            status = EXIT_USAGE;
        } else {
            tk_write_graph(graph, output.stream, options->lang);
            if (!cli_output_commit(&output, "graph")) status = EXIT_USAGE;
        }
    }
    tk_graph_free(graph);
    tk_diags_free(diags);
    return status;
}

int cmd_graph(int argc, char **argv) {
    cli_options options;
    if (!cli_parse(argc, argv, "graph", "I,variant,lang,output,color", &options)) {
        cli_release(&options);
        return EXIT_USAGE;
    }
    int status;
    if (options.help) {
        fputs(graph_help, stdout);
        status = EXIT_OK;
    } else if (options.operand_count == 0) {
        status = cli_usage_error("graph", "no rule file given");
    } else if (options.operand_count > 1) {
        status = cli_usage_error("graph", "give one rule file, not %zu", options.operand_count);
    } else {
        status = write_graph(&options);
    }
    cli_release(&options);
    return status;
}
