/*
 * fuzz_answers.c — the answer reader on arbitrary bytes (YAML, JSON, many
 * documents) against the safe-use rules; every set read is evaluated and
 * reported.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static tk_graph *graph;
    if (!graph) graph = fuzz_graph("rules/cloud-safe-use/safe-use.tkn");
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    tk_diags *diags = tk_diags_new();
    tk_answer_reader *reader = answers_open_text(graph, "fuzz.yaml", text, diags);
    tk_answers *answers;
    for (int sets = 0; reader && sets < 64 && (answers = tk_answers_next(reader, diags)); sets++) {
        tk_result *result = tk_evaluate(graph, answers);
        tk_report_options options = {TK_REPORT_JSON, "ja", true, false};
        tk_report(result, fuzz_sink(), &options);
        tk_result_free(result);
        tk_answers_free(answers);
    }
    tk_answers_close(reader);
    tk_diags_print(diags, fuzz_sink(), TK_DIAG_TEXT, false, 0);
    tk_diags_free(diags);
    free(text);
    return 0;
}
