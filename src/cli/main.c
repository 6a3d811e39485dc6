/*
 * main.c — the tenken command: picks the subcommand and hands it the rest of
 * the command line.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage_text[] =
    "usage: tenken COMMAND [OPTIONS] ARGUMENTS\n"
    "\n"
    "tenken (点検) compiles compliance checklists written in the tenken rule language\n"
    "and evaluates answer sets against them.\n"
    "\n"
    "commands:\n"
    "  check FILE...             compile rule files and report every problem\n"
    "  compile RULES -o FILE     write the compiled graph of a rule file (.tkc)\n"
    "  eval RULES ANSWERS...     evaluate answer sets (YAML, JSON or CSV) against rules\n"
    "  test FILE|DIR...          run the test blocks of rule files\n"
    "  fmt [-w|--check] FILE|DIR...\n"
    "                            lay rule files out in the canonical form\n"
    "  diff RULES OLD NEW        what changed between two assessments\n"
    "  ask RULES -o FILE         answer the questions in the terminal, saving as you go\n"
    "  template RULES            write a blank answer file for the rules\n"
    "  graph RULES               write the evaluation graph as Graphviz DOT\n"
    "  map --from FW[=ANSWERS] --to FW\n"
    "                            coverage of one control framework by another\n"
    "  import framework|map CSV  turn a control table saved as CSV into a rule file\n"
    "\n"
    "options for every command: --help, --version\n"
    "exit status: 0 success, 1 findings, 2 usage or I/O error\n"
    "run 'tenken COMMAND --help' for a command's options\n";

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    const char *command = argv[1];
    if (!strcmp(command, "--help") || !strcmp(command, "-h") || !strcmp(command, "help")) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    for (int index = 1; index < argc; index++) {
        if (!strcmp(argv[index], "--")) break;
        if (!strcmp(argv[index], "--version")) {
            printf("tenken %s\n", tk_version());
            return EXIT_OK;
        }
    }
    if (!strcmp(command, "check")) return cmd_check(argc - 2, argv + 2);
    if (!strcmp(command, "compile")) return cmd_compile(argc - 2, argv + 2);
    if (!strcmp(command, "eval")) return cmd_eval(argc - 2, argv + 2);
    if (!strcmp(command, "test")) return cmd_test(argc - 2, argv + 2);
    if (!strcmp(command, "fmt")) return cmd_fmt(argc - 2, argv + 2);
    if (!strcmp(command, "diff")) return cmd_diff(argc - 2, argv + 2);
    if (!strcmp(command, "ask")) return cmd_ask(argc - 2, argv + 2);
    if (!strcmp(command, "template")) return cmd_template(argc - 2, argv + 2);
    if (!strcmp(command, "graph")) return cmd_graph(argc - 2, argv + 2);
    if (!strcmp(command, "map")) return cmd_map(argc - 2, argv + 2);
    if (!strcmp(command, "import")) return cmd_import(argc - 2, argv + 2);
    fprintf(stderr, "tenken: unknown command '%s'\n", command);
    if (!strcmp(command, "evaluate") || !strcmp(command, "run"))
        fputs("help: did you mean 'tenken eval'?\n", stderr);
    else if (!strcmp(command, "lint"))
        fputs("help: did you mean 'tenken check'?\n", stderr);
    fputs("run 'tenken --help' for the commands\n", stderr);
    return EXIT_USAGE;
}
