/*
 * cmd_compile.c — `tenken compile RULES -o FILE.tkc`: compile a rule file
 * (or one of its variants) and write the graph to a compiled file, which
 * eval, test and check then load without parsing the rules again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static const char compile_help[] =
    "usage: tenken compile [OPTIONS] RULES [-o FILE.tkc]\n"
    "\n"
    "Compile a rule file with its imports and write the evaluation graph to a\n"
    "compiled file (.tkc) that 'tenken eval', 'test' and 'check' take in place of\n"
    "the rule file. It holds one graph: the module, or with --variant one of its\n"
    "variants. It keeps the rule sources, so reports still quote them; it is\n"
    "checked when loaded, and written through a temporary file, so a failed write\n"
    "leaves no half-written file behind.\n"
    "\n"
    "options:\n"
    "  -o FILE, --output=FILE  the compiled file (default: RULES with .tkc for\n"
    "                       .tkn, or RULES.VARIANT.tkc with --variant)\n"
    "  -I DIR               search DIR for imported modules (repeatable)\n"
    "  --variant=NAME       compile a variant the rule file declares\n"
    "  -Werror              treat warnings as errors: nothing is written then\n"
    "  --max-errors=N       show at most N errors (0: all)\n"
    "  --color=WHEN         auto (default), always or never; NO_COLOR is respected\n"
    "\n"
    "exit status: 0 written, 1 errors in the rules (nothing written), 2 usage\n"
    "error, a rule file that cannot be read, or a compiled file that cannot be\n"
    "written\n";

/* RULES without .tkn, then .VARIANT, then .tkc; the caller frees it. */
static char *default_output(const char *rules, const char *variant) {
    size_t length = strlen(rules);
    if (length > 4 && strcmp(rules + length - 4, ".tkn") == 0) length -= 4;
    size_t size = length + (variant ? strlen(variant) + 1 : 0) + 5;
    char *output = malloc(size);
    if (!output) cli_exit_out_of_memory("compile");
    snprintf(output, size, "%.*s%s%s.tkc", (int)length, rules, variant ? "." : "",
             variant ? variant : "");
    return output;
}

static bool same_file(const char *left, const char *right) {
    struct stat first, second;
    return stat(left, &first) == 0 && stat(right, &second) == 0 &&
           first.st_dev == second.st_dev && first.st_ino == second.st_ino;
}

/* Compile and write; the diagnostics go to standard error either way. */
static int compile_to(cli_options *options, const char *output) {
    const char *rules = options->operands[0];
    tk_compile_options compile = cli_compile_options(options);
    tk_diags *diags = cli_diags_new("compile");
    bool unreadable = access(rules, R_OK) != 0;
    tk_graph *graph = tk_compile_file(rules, &compile, diags);
    if (options->warnings_are_errors) tk_diags_promote_warnings(diags);
    int status = EXIT_OK;
    if (!graph || tk_diags_error_count(diags))
        status = unreadable || tk_diags_io_error_count(diags) || !tk_diags_error_count(diags)
                     ? EXIT_USAGE : EXIT_FINDINGS;
    else if (!tk_write_compiled(graph, output, diags))
        status = EXIT_USAGE;
    tk_diags_print(diags, stderr, TK_DIAG_TEXT, cli_color_enabled(options->color, fileno(stderr)),
                   options->max_errors);
    tk_graph_free(graph);
    tk_diags_free(diags);
    return status;
}

static int run_compile(cli_options *options) {
    const char *rules = options->operands[0];
    char *output = options->output ? NULL : default_output(rules, options->variant);
    const char *target = options->output ? options->output : output;
    int status;
    if (!options->output && !strcmp(rules, "-"))
        status = cli_usage_error("compile", "name the compiled file with -o FILE when the "
                                            "rules come from standard input");
    else if (!strcmp(target, "-"))
        status = cli_usage_error("compile", "a compiled graph is written to a file, not to "
                                            "standard output");
    else if (same_file(rules, target))
        status = cli_usage_error("compile", "'%s' would overwrite the rule file; name another "
                                            "file with -o", target);
    else
        status = compile_to(options, target);
    free(output);
    return status;
}

int cmd_compile(int argc, char **argv) {
    cli_options options;
    if (!cli_parse(argc, argv, "compile", "I,variant,output,Werror,max-errors,color", &options)) {
        cli_release(&options);
        return EXIT_USAGE;
    }
    int status;
    if (options.help) {
        fputs(compile_help, stdout);
        status = EXIT_OK;
    } else if (options.operand_count == 0) {
        status = cli_usage_error("compile", "no rule file given");
    } else if (options.operand_count > 1) {
        status = cli_usage_error("compile", "compile one rule file at a time; -o names the "
                                            "compiled file");
    } else {
        status = run_compile(&options);
    }
    cli_release(&options);
    return status;
}
