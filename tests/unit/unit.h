/*
 * unit.h — helpers shared by the Criterion unit tests: compile rule text in
 * memory, read answers from text, evaluate, find nodes and diagnostics.
 */
#ifndef TK_UNIT_H
#define TK_UNIT_H

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "answers/answer_reader.h"
#include "lang/compile.h"
#include "base/diag.h"
#include "eval/eval.h"
#include "lang/graph.h"
#include "tenken.h"

#define UNIT_RULES_PATH "test.tkn"
#define UNIT_ANSWERS_PATH "answers.yaml"

/* Everything one test may hold; unit_free releases whatever is set. */
typedef struct unit_run {
    tk_diags *diags;
    tk_graph *graph;
    tk_answer_reader *reader;
    tk_answers *answers;
    tk_result *result;
} unit_run;

static inline void unit_free(unit_run *run) {
    tk_result_free(run->result);
    tk_answers_free(run->answers);
    tk_answers_close(run->reader);
    tk_graph_free(run->graph);
    tk_diags_free(run->diags);
    memset(run, 0, sizeof *run);
}

/* {=== diagnostics ===} */

static inline size_t unit_diag_count(tk_diags *diags) {
    return diag_list_of(diags)->count;
}

static inline const diagnostic *unit_diag(tk_diags *diags, size_t index) {
    diag_list *list = diag_list_of(diags);
    return index < list->count ? list->items[index] : NULL;
}

/* The code of diagnostic `index` as text ("TK0201"), or "none". */
static inline const char *unit_code(tk_diags *diags, size_t index) {
    const diagnostic *record = unit_diag(diags, index);
    return record ? diag_code_text(record->code) : "none";
}

/* The first diagnostic with `code`, or NULL. */
static inline const diagnostic *unit_find(tk_diags *diags, diag_code code) {
    diag_list *list = diag_list_of(diags);
    for (size_t index = 0; index < list->count; index++)
        if (list->items[index]->code == code) return list->items[index];
    return NULL;
}

static inline size_t unit_count_code(tk_diags *diags, diag_code code) {
    diag_list *list = diag_list_of(diags);
    size_t count = 0;
    for (size_t index = 0; index < list->count; index++)
        count += list->items[index]->code == code;
    return count;
}

/* Every code in order, space-separated ("TK0101 TK0102"); "" for none.
   The text lives in the diagnostics' arena. */
static inline const char *unit_codes(tk_diags *diags) {
    diag_list *list = diag_list_of(diags);
    char *codes = "";
    for (size_t index = 0; index < list->count; index++)
        codes = arena_printf(&list->region, "%s%s%s", codes, index ? " " : "",
                             diag_code_text(list->items[index]->code));
    return codes;
}

static inline bool unit_contains(const char *text, const char *part) {
    return text && strstr(text, part) != NULL;
}

/* {=== compiling ===} */

/* Compile rule text into run->graph (NULL on errors) with fresh diagnostics. */
static inline tk_graph *unit_compile(unit_run *run, const char *text) {
    if (!run->diags) run->diags = tk_diags_new();
    run->graph = compile_text(UNIT_RULES_PATH, text, NULL, run->diags);
    return run->graph;
}

/* Compile text that must compile; fails the test with the codes otherwise. */
static inline tk_graph *unit_compile_ok(unit_run *run, const char *text) {
    unit_compile(run, text);
    cr_assert_not_null(run->graph, "rules do not compile: %s", unit_codes(run->diags));
    return run->graph;
}

/* {=== answers and evaluation ===} */

/* Open an answer stream over text; returns the first set (or NULL). */
static inline tk_answers *unit_read_answers(unit_run *run, const char *text) {
    if (!run->diags) run->diags = tk_diags_new();
    run->reader = answers_open_text(run->graph, UNIT_ANSWERS_PATH, text, run->diags);
    cr_assert_not_null(run->reader);
    run->answers = tk_answers_next(run->reader, run->diags);
    return run->answers;
}

/* Compile rules, read the first answer set of `answers` and evaluate it. */
static inline tk_result *unit_evaluate(unit_run *run, const char *rules, const char *answers) {
    unit_compile_ok(run, rules);
    unit_read_answers(run, answers);
    cr_assert_not_null(run->answers, "no answer set: %s", unit_codes(run->diags));
    run->result = tk_evaluate(run->graph, run->answers);
    return run->result;
}

/* {=== nodes ===} */

static inline size_t unit_checklist(const tk_graph *graph, const char *name) {
    return graph_lookup(&graph->checklist_by_name, name);
}

/* An item node by checklist and id; fails the test when absent. */
static inline size_t unit_item(const tk_graph *graph, const char *checklist, const char *id) {
    size_t list = unit_checklist(graph, checklist);
    cr_assert_neq(list, NO_INDEX, "no checklist '%s'", checklist);
    size_t node = graph_lookup(&graph->checklists[list].item_by_id, id);
    cr_assert_neq(node, NO_INDEX, "no item '%s'", id);
    return node;
}

/* A value or gate node: in `checklist`, or at module level when it is NULL. */
static inline size_t unit_value(const tk_graph *graph, const char *checklist, const char *name) {
    const strmap *map = &graph->value_by_name;
    if (checklist) {
        size_t list = unit_checklist(graph, checklist);
        cr_assert_neq(list, NO_INDEX, "no checklist '%s'", checklist);
        map = &graph->checklists[list].value_by_name;
    }
    size_t node = graph_lookup(map, name);
    cr_assert_neq(node, NO_INDEX, "no value '%s'", name);
    return node;
}

static inline size_t unit_fact(const tk_graph *graph, const char *name) {
    size_t node = graph_lookup(&graph->fact_by_name, name);
    cr_assert_neq(node, NO_INDEX, "no fact '%s'", name);
    return node;
}

/* The evaluated value of a checklist value (or module value when NULL). */
static inline eval_value unit_result_value(const tk_result *result, const char *checklist,
                                           const char *name) {
    return result->values[unit_value(result->graph, checklist, name)];
}

/* A value that must be a number; fails the test otherwise. */
static inline double unit_number(const tk_result *result, const char *checklist,
                                 const char *name) {
    eval_value value = unit_result_value(result, checklist, name);
    cr_assert_eq(value.kind, EV_NUMBER, "'%s' is not a number (kind %d)", name, (int)value.kind);
    return decimal_to_double(value.number);
}

static inline const item_outcome *unit_outcome(const tk_result *result, const char *checklist,
                                               const char *id) {
    return &result->items[unit_item(result->graph, checklist, id)];
}

#endif
