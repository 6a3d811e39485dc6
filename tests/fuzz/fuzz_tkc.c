/*
 * fuzz_tkc.c — loading compiled graphs from arbitrary bytes, with the
 * checksum check off so the record parser itself is fuzzed; a graph that
 * loads is evaluated with no answers and reported.
 */
#include <stdint.h>

#include "fuzz.h"
#include "answers/answers.h"
#include "lang/tkc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    diag_list diags;
    diag_list_init(&diags);
    tk_graph *graph = tkc_load_bytes(data, size, "fuzz.tkc", false, &diags);
    if (graph) {
        tk_answers *answers = answers_create(graph, "fuzz.yaml", 1);
        tk_result *result = tk_evaluate(graph, answers);
        tk_report_options options = {TK_REPORT_JSON, "ja", true, false};
        tk_report(result, fuzz_sink(), &options);
        tk_result_free(result);
        tk_answers_free(answers);
        for (size_t index = 0; index < tk_graph_test_count(graph); index++)
            tk_test_result_free(tk_test_run(graph, index));
        tk_graph_free(graph);
    }
    diag_list_release(&diags);
    return 0;
}
