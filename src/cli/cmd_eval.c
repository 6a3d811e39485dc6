/*
 * cmd_eval.c — `tenken eval RULES ANSWERS...`: compile the rules once, then
 * evaluate every answer set of every answer file and report each result.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/eval_batch.h"

static const char eval_help[] =
    "usage: tenken eval [OPTIONS] RULES ANSWERS...\n"
    "\n"
    "Evaluate answer sets against compiled rules. RULES is a rule file (.tkn) or a\n"
    "compiled graph (.tkc, see 'tenken compile'). An answer file is YAML or JSON and\n"
    "may hold several answer sets separated by '---'; JSON Lines with one answer\n"
    "set a line (a file ending in .jsonl, or with --input=jsonl); or a register as\n"
    "CSV (a file ending in .csv, or with --input=csv) with one answer set a row;\n"
    "'-' reads standard input. YAML and JSON Lines are read one answer set at a\n"
    "time, so files of any length are evaluated in constant memory.\n"
    "\n"
    "options:\n"
    "  -I DIR               search DIR for imported modules (repeatable)\n"
    "  --format=FORMAT      text (default), json (one document per set), jsonl\n"
    "                       (one line per set), csv (a register: one row per set),\n"
    "                       html (one self-contained page with a radar chart per\n"
    "                       scored checklist) or md (Markdown)\n"
    "  --input=FORMAT       read the answer files as yaml (YAML or JSON), jsonl\n"
    "                       (JSON Lines) or csv; by default by the file's ending\n"
    "  -j N, --jobs=N       evaluate on N threads sharing the compiled rules;\n"
    "                       reports keep the order of the input (YAML, JSON Lines)\n"
    "  --lang=LANG          ja (default) or en: the language of report texts\n"
    "  --variant=NAME       evaluate a variant the rule file declares\n"
    "  --explain            add a trace to every item and gate\n"
    "  --require=GATE       exit 1 unless GATE passes (checklist.gate; repeatable)\n"
    "  --lenient            report answer-file problems as warnings\n"
    "  --max-errors=N       show at most N errors (0: all)\n"
    "  --color=WHEN         auto (default), always or never; NO_COLOR is respected\n"
    "\n"
    "exit status: 0 success, 1 errors in rules or answers or a required gate not\n"
    "passed, 2 usage or I/O error\n";

typedef struct eval_run {
    cli_options *options;
    tk_report_options report;
    tk_input_format input;
    const tk_graph *graph;
    tk_diags *diags;
    size_t sets;
    bool gate_failed;
    bool out_of_memory;     /* a set could not be evaluated or reported: stop there */
} eval_run;

/* Evaluate every answer set of one file; false when it cannot be read. */
static bool eval_file(eval_run *run, const char *path) {
    tk_answer_reader *reader = tk_answers_open_as(run->graph, path, run->input, run->diags);
    if (!reader) return false;
    eval_settings settings = {run->graph, &run->report, run->options->required_gates,
                              run->options->required_count, run->options->jobs};
    if (run->options->jobs > 1 && tk_answers_can_split(reader)) {
        eval_totals totals = {run->sets, run->gate_failed, false};
        eval_batches(&settings, reader, run->diags, stdout, &totals);
        run->sets = totals.sets;
        run->gate_failed = totals.gate_failed;
        run->out_of_memory = totals.out_of_memory;
        tk_answers_close(reader);
        return true;
    }
    tk_answers *answers;
    while (!run->out_of_memory && (answers = tk_answers_next(reader, run->diags))) {
        tk_result *result = tk_evaluate(run->graph, answers);
        if (result) {
            if (run->sets++) tk_report_separator(run->graph, stdout, &run->report);
            tk_report(result, stdout, &run->report);
            if (!eval_required_gates_pass(&settings, result, stderr)) run->gate_failed = true;
        }
        run->out_of_memory = !result || cli_stream_out_of_memory(stdout);
        tk_result_free(result);
        tk_answers_free(answers);
    }
    tk_answers_close(reader);
    return true;
}

static int eval_all(cli_options *options, tk_report_format format) {
    tk_compile_options compile = cli_compile_options(options);
    tk_diags *diags = cli_diags_new("eval");
    tk_diags_set_lenient(diags, options->lenient);
    bool color = cli_color_enabled(options->color, fileno(stderr));
    bool rules_unreadable = access(options->operands[0], R_OK) != 0;
    tk_graph *graph = tk_compile_file(options->operands[0], &compile, diags);
    int status = EXIT_OK;
    if (!graph) {
        tk_diags_print(diags, stderr, TK_DIAG_TEXT, color, options->max_errors);
        status = rules_unreadable || tk_diags_io_error_count(diags) || !tk_diags_error_count(diags)
                     ? EXIT_USAGE : EXIT_FINDINGS;
        tk_diags_free(diags);
        return status;
    }
    eval_run run = {options, {format, options->lang, options->explain, false}, TK_INPUT_AUTO,
                    graph, diags, 0, false, false};
    cli_input_format(options->input, &run.input);
    run.report.color = cli_color_enabled(options->color, fileno(stdout));
    tk_report_begin(graph, stdout, &run.report);
    run.out_of_memory = cli_stream_out_of_memory(stdout);
    bool unreadable = false;
    for (size_t index = 1; !run.out_of_memory && index < options->operand_count; index++)
        unreadable |= !eval_file(&run, options->operands[index]);
    if (!run.out_of_memory) tk_report_end(graph, stdout, &run.report);
    fflush(stdout);
    tk_diags_print(diags, stderr, TK_DIAG_TEXT, color, options->max_errors);
    /* Running out of memory in the library is reported among the
       diagnostics, and counted with the files that could not be read. */
    if (run.out_of_memory) status = cli_out_of_memory("eval");
    else if (unreadable || tk_diags_io_error_count(diags)) status = EXIT_USAGE;
    else if (tk_diags_error_count(diags) || run.gate_failed) status = EXIT_FINDINGS;
    tk_graph_free(graph);
    tk_diags_free(diags);
    return status;
}

int cmd_eval(int argc, char **argv) {
    cli_options options;
    if (!cli_parse(argc, argv, "eval",
                   "I,format,lang,explain,require,lenient,color,max-errors,variant,input,jobs",
                   &options)) {
        cli_release(&options);
        return EXIT_USAGE;
    }
    tk_report_format format;
    bool valid_format = tk_report_format_by_name(options.format, TK_REPORT_USE_RESULTS, &format);
    int status;
    if (options.help) {
        fputs(eval_help, stdout);
        status = EXIT_OK;
    } else if (!valid_format) {
        status = cli_unknown_format("eval", TK_REPORT_USE_RESULTS, options.format);
    } else if (options.operand_count < 2) {
        status = cli_usage_error("eval", "give the rules and at least one answer file");
    } else {
        status = eval_all(&options, format);
    }
    cli_release(&options);
    return status;
}
