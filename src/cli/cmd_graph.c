/*
 * cmd_graph.c — `tenken graph RULES`: the evaluation graph as Graphviz DOT,
 * to draw with `dot -Tsvg` or to diff between two versions of the rules.
 */
#include "cli/cli.h"
#include "cli/rules_writer.h"

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

int cmd_graph(int argc, char **argv) {
    return cli_run_rules_writer(argc, argv, "graph", graph_help, tk_write_graph);
}
