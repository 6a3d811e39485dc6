/*
 * eval_memory.c — evaluation from memory: how many answer sets a second
 * tk_evaluate gets through when reading and reporting cost nothing.
 *
 *   eval_memory RULES ANSWERS LOAD EVALUATIONS ROUNDS [CHECK.csv]
 *
 * Compiles RULES once, reads at most LOAD answer sets of ANSWERS into memory
 * once (tk_answers_open / tk_answers_next), then ROUNDS times evaluates
 * EVALUATIONS sets (cycling through the loaded ones) with tk_evaluate and
 * tk_result_free, timing only that loop. Prints one line:
 *
 *   sets=E loaded=L rounds=R median_s=S min_s=S rate=SETS_PER_S load_s=S
 *
 * With CHECK.csv it also writes the CSV register of the first 1,000 loaded
 * sets there (tk_report), so bench/run.sh can check that the sets it timed
 * give the same totals as `tenken eval`. Uses the public API only.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tenken.h"

static double now_seconds(void) {
    struct timespec clock_now;
    clock_gettime(CLOCK_MONOTONIC, &clock_now);
    return (double)clock_now.tv_sec + (double)clock_now.tv_nsec / 1e9;
}

static int compare_doubles(const void *left, const void *right) {
    double a = *(const double *)left, b = *(const double *)right;
    return (a > b) - (a < b);
}

static int fail(tk_diags *diags, const char *what) {
    tk_diags_print(diags, stderr, TK_DIAG_TEXT, false, 10);
    fprintf(stderr, "eval_memory: %s\n", what);
    return 1;
}

static void write_check(const tk_graph *graph, tk_answers **sets, size_t loaded,
                        const char *path) {
    FILE *stream = fopen(path, "w");
    if (!stream) {
        perror(path);
        exit(2);
    }
    tk_report_options options = {.format = TK_REPORT_CSV, .lang = "ja"};
    tk_report_begin(graph, stream, &options);
    for (size_t index = 0; index < loaded && index < 1000; index++) {
        tk_result *result = tk_evaluate(graph, sets[index]);
        tk_report(result, stream, &options);
        tk_result_free(result);
    }
    tk_report_end(graph, stream, &options);
    fclose(stream);
}

int main(int argc, char **argv) {
    if (argc != 6 && argc != 7) {
        fprintf(stderr, "usage: eval_memory RULES ANSWERS LOAD EVALUATIONS ROUNDS [CHECK.csv]\n");
        return 2;
    }
    size_t load = strtoul(argv[3], NULL, 10), evaluations = strtoul(argv[4], NULL, 10);
    int rounds = atoi(argv[5]);
    if (load == 0 || evaluations == 0 || rounds < 1) {
        fprintf(stderr, "eval_memory: LOAD, EVALUATIONS and ROUNDS must be at least 1\n");
        return 2;
    }
    tk_diags *diags = tk_diags_new();
    tk_compile_options compile_options = {0};
    tk_graph *graph = tk_compile_file(argv[1], &compile_options, diags);
    if (!graph) return fail(diags, "the rules do not compile");

    double load_start = now_seconds();
    tk_answer_reader *reader = tk_answers_open(graph, argv[2], diags);
    if (!reader) return fail(diags, "cannot open the answers");
    tk_answers **sets = malloc(load * sizeof *sets);
    size_t loaded = 0;
    while (loaded < load && (sets[loaded] = tk_answers_next(reader, diags))) loaded++;
    tk_answers_close(reader);
    double load_seconds = now_seconds() - load_start;
    if (loaded == 0 || tk_diags_error_count(diags)) return fail(diags, "the answers have errors");
    if (argc == 7) write_check(graph, sets, loaded, argv[6]);

    double *times = malloc((size_t)rounds * sizeof *times);
    for (int round = 0; round < rounds; round++) {
        double start = now_seconds();
        size_t next = 0;
        for (size_t done = 0; done < evaluations; done++) {
            tk_result_free(tk_evaluate(graph, sets[next]));
            if (++next == loaded) next = 0;
        }
        times[round] = now_seconds() - start;
    }
    qsort(times, (size_t)rounds, sizeof *times, compare_doubles);
    double median = rounds % 2 ? times[rounds / 2]
                               : (times[rounds / 2 - 1] + times[rounds / 2]) / 2;
    printf("sets=%zu loaded=%zu rounds=%d median_s=%.6f min_s=%.6f rate=%.0f load_s=%.3f\n",
           evaluations, loaded, rounds, median, times[0], (double)evaluations / median,
           load_seconds);

    for (size_t index = 0; index < loaded; index++) tk_answers_free(sets[index]);
    free(sets);
    free(times);
    tk_graph_free(graph);
    tk_diags_free(diags);
    return 0;
}
