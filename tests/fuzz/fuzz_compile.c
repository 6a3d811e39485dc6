/*
 * fuzz_compile.c — the whole compiler (scan, parse, resolve, order, check,
 * lint, tests) on arbitrary bytes, with every diagnostic rendered as text,
 * JSON and SARIF.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    tk_diags *diags = tk_diags_new();
    tk_graph *graph = compile_text("fuzz.tkn", text, NULL, diags);
    for (size_t index = 0; graph && index < tk_graph_test_count(graph); index++)
        tk_test_result_free(tk_test_run(graph, index));
    tk_diags_print(diags, fuzz_sink(), TK_DIAG_TEXT, false, 0);
    tk_diags_print(diags, fuzz_sink(), TK_DIAG_JSON, false, 0);
    tk_diags_print(diags, fuzz_sink(), TK_DIAG_SARIF, false, 0);
    tk_graph_free(graph);
    tk_diags_free(diags);
    free(text);
    return 0;
}
