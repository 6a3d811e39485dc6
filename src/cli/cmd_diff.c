/*
 * cmd_diff.c — `tenken diff RULES OLD NEW`: evaluate two assessments of the
 * same subjects and report what changed. When each file holds one answer
 * set the two are compared; otherwise sets are paired by subject, in order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char diff_help[] =
    "usage: tenken diff [OPTIONS] RULES OLD NEW\n"
    "\n"
    "Evaluate two answer files and report what changed from OLD to NEW: answers\n"
    "with the points gained or lost, values (totals, subtotals) with the difference,\n"
    "gates whose status changed, the current stage, facts and register fields.\n"
    "When each file holds one answer set they are compared; otherwise the sets are\n"
    "paired by subject.\n"
    "\n"
    "options:\n"
    "  -I DIR               search DIR for imported modules (repeatable)\n"
    "  --format=FORMAT      text (default), json, jsonl (JSON on one line),\n"
    "                       md (Markdown) or html\n"
    "  --lang=LANG          ja (default) or en: the language of report texts\n"
    "  --input=FORMAT       read the answer files as yaml or csv (default: by name)\n"
    "  --variant=NAME       evaluate a variant the rule file declares\n"
    "  --max-errors=N       show at most N errors (0: all)\n"
    "  --color=WHEN         auto (default), always or never: colours in diagnostics\n"
    "\n"
    "exit status: 0 compared, 1 errors in rules or answers, 2 usage or I/O error\n";

/* The answer sets of one file with their results. */
typedef struct side_sets {
    const char *path;
    tk_answers **answers;
    tk_result **results;
    bool *paired;
    size_t count;
    bool out_of_memory;     /* a set could not be evaluated */
} side_sets;

static bool read_sets(const tk_graph *graph, const char *path, tk_input_format input,
                      tk_diags *diags, side_sets *sets) {
    memset(sets, 0, sizeof *sets);
    sets->path = path;
    tk_answer_reader *reader = tk_answers_open_as(graph, path, input, diags);
    if (!reader) return false;
    size_t capacity = 0;
    tk_answers *answers;
    while (!sets->out_of_memory && (answers = tk_answers_next(reader, diags))) {
        if (sets->count == capacity) {
            capacity = capacity ? capacity * 2 : 4;
            tk_answers **more_answers = realloc(sets->answers, capacity * sizeof *sets->answers);
            if (more_answers) sets->answers = more_answers;
            tk_result **more_results = realloc(sets->results, capacity * sizeof *sets->results);
            if (more_results) sets->results = more_results;
            if (!more_answers || !more_results) cli_exit_out_of_memory("diff");
        }
        tk_result *result = tk_evaluate(graph, answers);
        if (!result) {
            tk_answers_free(answers);
            sets->out_of_memory = true;
            break;
        }
        sets->answers[sets->count] = answers;
        sets->results[sets->count++] = result;
    }
    tk_answers_close(reader);
    sets->paired = calloc(sets->count + 1, sizeof(bool));
    if (!sets->paired) cli_exit_out_of_memory("diff");
    return !sets->out_of_memory;
}

static void free_sets(side_sets *sets) {
    for (size_t index = 0; index < sets->count; index++) {
        tk_result_free(sets->results[index]);
        tk_answers_free(sets->answers[index]);
    }
    free(sets->answers);
    free(sets->results);
    free(sets->paired);
}

static const char *subject_key(const tk_answers *answers) {
    const char *subject = tk_answers_subject(answers);
    return subject ? subject : "";
}

/* Pair each old set with the first new set of the same subject not yet
   taken; one set against one set is a pair whatever the subjects. */
static size_t pair_sets(side_sets *old, side_sets *new, const tk_result **old_results,
                        const tk_result **new_results) {
    size_t pairs = 0;
    if (old->count == 1 && new->count == 1) {
        old_results[0] = old->results[0];
        new_results[0] = new->results[0];
        old->paired[0] = new->paired[0] = true;
        return 1;
    }
    for (size_t left = 0; left < old->count; left++) {
        for (size_t right = 0; right < new->count; right++) {
            if (new->paired[right] ||
                strcmp(subject_key(old->answers[left]), subject_key(new->answers[right])))
                continue;
            old->paired[left] = new->paired[right] = true;
            old_results[pairs] = old->results[left];
            new_results[pairs++] = new->results[right];
            break;
        }
    }
    return pairs;
}

static void note_unpaired(const side_sets *sets, const side_sets *other) {
    for (size_t index = 0; index < sets->count; index++) {
        if (sets->paired[index]) continue;
        const char *subject = tk_answers_subject(sets->answers[index]);
        fprintf(stderr, "tenken diff: '%s' is only in %s, not in %s\n",
                subject ? subject : "(no subject)", sets->path, other->path);
    }
}

static int diff_files(cli_options *options, tk_report_format format) {
    tk_compile_options compile = cli_compile_options(options);
    tk_diags *diags = cli_diags_new("diff");
    bool color = cli_color_enabled(options->color, fileno(stderr));
    bool rules_unreadable = access(options->operands[0], R_OK) != 0;
    tk_graph *graph = tk_compile_file(options->operands[0], &compile, diags);
    if (!graph) {
        tk_diags_print(diags, stderr, TK_DIAG_TEXT, color, options->max_errors);
        int status = rules_unreadable || tk_diags_io_error_count(diags) ||
                             !tk_diags_error_count(diags) ? EXIT_USAGE : EXIT_FINDINGS;
        tk_diags_free(diags);
        return status;
    }
    tk_input_format input = TK_INPUT_AUTO;
    cli_input_format(options->input, &input);
    side_sets old, new;
    bool readable = read_sets(graph, options->operands[1], input, diags, &old);
    readable &= read_sets(graph, options->operands[2], input, diags, &new);
    size_t most = old.count < new.count ? old.count : new.count;
    const tk_result **old_results = calloc(most + 1, sizeof *old_results);
    const tk_result **new_results = calloc(most + 1, sizeof *new_results);
    if (!old_results || !new_results) cli_exit_out_of_memory("diff");
    size_t pairs = readable ? pair_sets(&old, &new, old_results, new_results) : 0;
    tk_report_options report = {format, options->lang, false, false};
    if (readable) tk_report_diff(old_results, new_results, pairs, stdout, &report);
    bool out_of_memory = old.out_of_memory || new.out_of_memory ||
                         (readable && cli_stream_out_of_memory(stdout));
    fflush(stdout);
    tk_diags_print(diags, stderr, TK_DIAG_TEXT, color, options->max_errors);
    if (readable && !out_of_memory) note_unpaired(&old, &new), note_unpaired(&new, &old);
    int status = out_of_memory ? cli_out_of_memory("diff")
                 : !readable || tk_diags_io_error_count(diags) ? EXIT_USAGE
                 : tk_diags_error_count(diags) ? EXIT_FINDINGS : EXIT_OK;
    free(old_results);
    free(new_results);
    free_sets(&old);
    free_sets(&new);
    tk_graph_free(graph);
    tk_diags_free(diags);
    return status;
}

int cmd_diff(int argc, char **argv) {
    cli_options options;
    if (!cli_parse(argc, argv, "diff", "I,format,lang,input,variant,color,max-errors", &options)) {
        cli_release(&options);
        return EXIT_USAGE;
    }
    tk_report_format format;
    int status;
    if (options.help) {
        fputs(diff_help, stdout);
        status = EXIT_OK;
    } else if (!tk_report_format_by_name(options.format, TK_REPORT_USE_DIFFS, &format)) {
        status = cli_unknown_format("diff", TK_REPORT_USE_DIFFS, options.format);
    } else if (options.operand_count != 3) {
        status = cli_usage_error("diff", "give the rules, the old answers and the new answers");
    } else {
        status = diff_files(&options, format);
    }
    cli_release(&options);
    return status;
}
