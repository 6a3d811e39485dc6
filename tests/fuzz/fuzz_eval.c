/*
 * fuzz_eval.c — the evaluator over random answer sets of the cloud-adoption
 * rules (facts, 56 items, gates, the stage ladder) and of each of its
 * variants: the input bytes choose each fact and each item's answer (an
 * option or none), and every report format renders the result.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "answers/answers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_GRAPHS = 5 };

static tk_graph *graphs[FUZZ_GRAPHS];

static void load_graphs(void) {
    graphs[0] = fuzz_graph("rules/cloud-adoption/adoption.tkn");
    const char *top = getenv("TENKEN_FUZZ_SRCDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/rules/cloud-adoption/adoption.tkn", top ? top : ".");
    const char *search[] = {top ? top : "."};
    for (size_t index = 0; index < tk_graph_variant_count(graphs[0]) && index + 1 < FUZZ_GRAPHS; index++) {
        tk_compile_options options = {search, 1, tk_graph_variant_name(graphs[0], index)};
        tk_diags *diags = tk_diags_new();
        graphs[index + 1] = tk_compile_file(path, &options, diags);
        tk_diags_free(diags);
    }
}

/* The next input byte, or 0 when the input is used up. */
static uint8_t next_byte(const uint8_t *data, size_t size, size_t *position) {
    return *position < size ? data[(*position)++] : 0;
}

static void fill_answers(const tk_graph *graph, tk_answers *answers, const uint8_t *data,
                         size_t size, size_t *position) {
    for (size_t index = 0; index < graph->fact_count; index++) {
        size_t node = graph->facts[index];
        uint8_t choice = next_byte(data, size, position);
        if (choice % 3 == 0) continue; /* not given: the default */
        fact_value *fact = &answers->facts[node];
        fact->given = true;
        fact->type = graph->nodes[node].type;
        fact->number = graph->nodes[node].type == TYPE_ENUM
                           ? (double)(choice % graph->nodes[node].enum_members->count)
                           : (double)(choice % 2);
        if (fact->type == TYPE_STRING || fact->type == TYPE_DATE) fact->string = "2024-11-06";
    }
    for (size_t node = 0; node < graph->node_count; node++) {
        if (graph->nodes[node].kind != NODE_ITEM || !graph->nodes[node].item->scale) continue;
        uint8_t choice = next_byte(data, size, position);
        size_t options = graph->nodes[node].item->scale->option_count;
        answers->options[node] = choice % (options + 2) >= options
                                     ? (choice & 1 ? ANSWER_NONE : ANSWER_INVALID)
                                     : (int32_t)(choice % (options + 2));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!graphs[0]) load_graphs();
    size_t position = 0;
    const tk_graph *graph = graphs[next_byte(data, size, &position) % FUZZ_GRAPHS];
    if (!graph) graph = graphs[0];
    tk_answers *answers = answers_create(graph, "fuzz.yaml", 1);
    fill_answers(graph, answers, data, size, &position);
    tk_result *result = tk_evaluate(graph, answers);
    static const tk_report_format formats[] = {TK_REPORT_TEXT, TK_REPORT_JSON, TK_REPORT_JSONL};
    for (size_t format = 0; format < sizeof formats / sizeof *formats; format++) {
        tk_report_options options = {formats[format], position % 2 ? "en" : "ja", true, true};
        tk_report(result, fuzz_sink(), &options);
    }
    tk_result_free(result);
    tk_answers_free(answers);
    return 0;
}
