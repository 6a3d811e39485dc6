/*
 * cmd_check.c — `tenken check FILE...`: compile each rule file and report
 * every problem, as GNU text with carets or as JSON, for people and for CI.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char check_help[] =
    "usage: tenken check [OPTIONS] FILE...\n"
    "\n"
    "Compile rule files, and every variant they declare, and report every error\n"
    "and warning, each with its file, line, column (in display columns), a stable\n"
    "code (TKnnnn) and a hint.\n"
    "\n"
    "options:\n"
    "  -I DIR               search DIR for imported modules (repeatable)\n"
    "  --format=FORMAT      text (default), json, or sarif (SARIF 2.1.0 for\n"
    "                       code-scanning services)\n"
    "  -Werror              treat warnings as errors\n"
    "  --max-errors=N       show at most N errors (0: all)\n"
    "  --color=WHEN         auto (default), always or never; NO_COLOR is respected\n"
    "\n"
    "exit status: 0 no errors, 1 errors found, 2 usage or I/O error\n";

/* Compile a file and, when it compiles, each variant it declares. */
static void check_file(const char *path, tk_compile_options *compile, tk_diags *diags) {
    compile->variant = NULL;
    tk_graph *graph = tk_compile_file(path, compile, diags);
    if (!graph) return;
    /* A compiled file (.tkc) holds one graph; its variants are not in it. */
    for (size_t index = 0; !tk_graph_is_precompiled(graph) && index < tk_graph_variant_count(graph);
         index++) {
        compile->variant = tk_graph_variant_name(graph, index);
        tk_graph_free(tk_compile_file(path, compile, diags));
    }
    compile->variant = NULL;
    tk_graph_free(graph);
}

int cmd_check(int argc, char **argv) {
    cli_options options;
    if (!cli_parse(argc, argv, "check", "I,format,Werror,max-errors,color", &options)) {
        cli_release(&options);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    tk_diag_format format = TK_DIAG_TEXT;
    if (options.help) {
        fputs(check_help, stdout);
    } else if (options.operand_count == 0) {
        status = cli_usage_error("check", "no rule file given");
    } else if (!tk_diag_format_by_name(options.format, &format)) {
        status = cli_usage_error("check", "--format is text, json or sarif, not '%s'",
                                 options.format);
    } else {
        tk_compile_options compile = cli_compile_options(&options);
        tk_diags *diags = cli_diags_new("check");
        bool unreadable = false;
        for (size_t index = 0; index < options.operand_count; index++) {
            unreadable |= access(options.operands[index], R_OK) != 0;
            check_file(options.operands[index], &compile, diags);
        }
        if (options.warnings_are_errors) tk_diags_promote_warnings(diags);
        FILE *stream = format == TK_DIAG_TEXT ? stderr : stdout;
        tk_diags_print(diags, stream, format,
                       cli_color_enabled(options.color, fileno(stream)), options.max_errors);
        if (cli_stream_out_of_memory(stream)) {
            cli_out_of_memory("check");
            unreadable = true;
        }
        unreadable |= tk_diags_io_error_count(diags) > 0; /* out of memory too */
        status = unreadable ? EXIT_USAGE : tk_diags_error_count(diags) ? EXIT_FINDINGS : EXIT_OK;
        tk_diags_free(diags);
    }
    cli_release(&options);
    return status;
}
