/*
 * rules_writer.c — running a command that compiles one rule file and writes
 * something made from its graph: options, the compile with its diagnostics,
 * and the output written to standard output or atomically to -o FILE.
 */
#include "cli/rules_writer.h"

#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"

static int compile_and_write(cli_options *options, const char *command, rules_writer *write) {
    tk_compile_options compile = cli_compile_options(options);
    tk_diags *diags = cli_diags_new(command);
    const char *rules = options->operands[0];
    bool unreadable = access(rules, R_OK) != 0;
    tk_graph *graph = tk_compile_file(rules, &compile, diags);
    tk_diags_print(diags, stderr, TK_DIAG_TEXT, cli_color_enabled(options->color, fileno(stderr)),
                   0);
    int status = EXIT_OK;
    if (!graph) {
        status = unreadable || tk_diags_io_error_count(diags) || !tk_diags_error_count(diags)
                     ? EXIT_USAGE : EXIT_FINDINGS;
    } else {
        cli_output output;
        if (!cli_output_open(&output, command, options->output)) {
            status = EXIT_USAGE;
        } else {
            write(graph, output.stream, options->lang);
            if (cli_stream_out_of_memory(output.stream)) {
                cli_output_discard(&output);
                status = cli_out_of_memory(command);
            } else if (!cli_output_commit(&output, command)) {
                status = EXIT_USAGE;
            }
        }
    }
    tk_graph_free(graph);
    tk_diags_free(diags);
    return status;
}

int cli_run_rules_writer(int argc, char **argv, const char *command, const char *help,
                         rules_writer *write) {
    cli_options options;
    if (!cli_parse(argc, argv, command, "I,variant,lang,output,color", &options)) {
        cli_release(&options);
        return EXIT_USAGE;
    }
    int status;
    if (options.help) {
        fputs(help, stdout);
        status = EXIT_OK;
    } else if (options.operand_count == 0) {
        status = cli_usage_error(command, "no rule file given");
    } else if (options.operand_count > 1) {
        status = cli_usage_error(command, "give one rule file, not %zu", options.operand_count);
    } else {
        status = compile_and_write(&options, command, write);
    }
    cli_release(&options);
    return status;
}
