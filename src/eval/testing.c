/*
 * testing.c — running the test blocks of a graph (lowered by
 * lang/lower_tests.c): the givens set facts and answers, the graph is
 * evaluated, and each expectation that does not hold is recorded as
 * FILE:LINE:COL: EXPECTATION: WHAT WAS FOUND.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "answers/answers.h"
#include "eval/eval.h"
#include "tenken.h"

static const char *const gate_words[] = {"pass", "fail", "pending"};

struct tk_test_result {
    arena region;
    const graph_test *test;
    const tk_graph *graph;
    const char **failures;
    size_t failure_count, failure_capacity;
};

size_t tk_graph_test_count(const tk_graph *graph) { return graph->test_count; }

static void fail(tk_test_result *run, const graph_expect *expect, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Record a failed expectation as file:line:col: the expectation: what was found. */
static void fail(tk_test_result *run, const graph_expect *expect, const char *format, ...) {
    va_list args;
    va_start(args, format);
    char found[512];
    vsnprintf(found, sizeof found, format, args);
    va_end(args);
    *ARENA_PUSH(&run->region, run->failures, run->failure_count, run->failure_capacity) =
        arena_printf(&run->region, "%s:%u:%u: %s: %s", run->graph->files.names[run->test->file],
                     expect->line, expect->column, expect->written, found);
}

/* A value as the test would write it; enum members by name. */
static const char *value_words(tk_test_result *run, eval_value value, const gexpr *expr) {
    if (value.kind == EV_NUMBER && expr && expr->type == TYPE_ENUM && expr->enum_members &&
        decimal_to_index(value.number) < expr->enum_members->count)
        return expr->enum_members->names[decimal_to_index(value.number)];
    switch (value.kind) {
    case EV_NUMBER: return arena_strdup(&run->region, DECIMAL_TEXT(value.number));
    case EV_BOOL: return !decimal_is_zero(value.number) ? "true" : "false";
    case EV_STRING: return arena_printf(&run->region, "\"%s\"", value.string);
    case EV_NA: return "n/a";
    default: return "unknown";
    }
}

static const char *node_list_words(tk_test_result *run, const size_t *nodes, size_t count) {
    if (count == 0) return "none";
    char *words = "";
    for (size_t index = 0; index < count; index++)
        words = arena_printf(&run->region, "%s%s\"%s\"", words, index ? ", " : "",
                             run->graph->nodes[nodes[index]].name);
    return words;
}

static bool same_node_sets(const size_t *left, size_t left_count, const size_t *right,
                           size_t right_count) {
    if (left_count != right_count) return false;
    for (size_t index = 0; index < left_count; index++) {
        bool found = false;
        for (size_t other = 0; other < right_count && !found; other++)
            found = left[index] == right[other];
        if (!found) return false;
    }
    return true;
}

static void check_gate(tk_test_result *run, const tk_result *result, const graph_expect *expect) {
    const gate_outcome *gate = &result->gates[expect->node];
    if ((int)gate->status != expect->wanted) {
        fail(run, expect, "the gate is %s (blocking %s; waiting %s)",
             gate_words[gate->status], node_list_words(run, gate->blocking, gate->blocking_count),
             node_list_words(run, gate->waiting, gate->waiting_count));
        return;
    }
    if (expect->has_blocking &&
        !same_node_sets(gate->blocking, gate->blocking_count, expect->blocking, expect->blocking_count))
        fail(run, expect, "blocking is %s",
             node_list_words(run, gate->blocking, gate->blocking_count));
    if (expect->has_waiting &&
        !same_node_sets(gate->waiting, gate->waiting_count, expect->waiting, expect->waiting_count))
        fail(run, expect, "waiting is %s",
             node_list_words(run, gate->waiting, gate->waiting_count));
}

/* A condition that does not hold: say what its sides were. */
static void check_condition(tk_test_result *run, const tk_result *result,
                            const graph_expect *expect) {
    eval_value value = eval_expression(result, expect->expr);
    if (value.kind == EV_BOOL && !decimal_is_zero(value.number)) return;
    const gexpr *expr = expect->expr;
    if (expr->kind == G_BINARY && expr->op >= OP_EQ && expr->op <= OP_GE)
        fail(run, expect, "found %s against %s",
             value_words(run, eval_expression(result, expr->left), expr->left),
             value_words(run, eval_expression(result, expr->right), expr->right));
    else
        fail(run, expect, "it is %s", value_words(run, value, expr));
}

static void check_ladder(tk_test_result *run, const tk_result *result, const graph_expect *expect) {
    const ladder_outcome *outcome = &result->ladders[expect->node];
    const graph_stages *ladder = run->graph->nodes[expect->node].stages;
    const char *current = outcome->current == NO_INDEX ? "none"
                                                       : ladder->stages[outcome->current].id;
    if (expect->kind == EXPECT_STAGE && (int)outcome->current != expect->wanted)
        fail(run, expect, "the current stage is %s", current);
    if (expect->kind == EXPECT_DURING && !outcome->entered[expect->wanted])
        fail(run, expect, "it is not active (the current stage is %s)", current);
}

/* A band's id, or pending, n/a or none. */
static const char *band_word(const tk_graph *graph, size_t node, int band) {
    static const char *const words[] = {"pending", "n/a", "none"};
    return band >= BAND_FIRST ? graph->nodes[node].bands->bands[band - BAND_FIRST].id : words[band];
}

static void check_band(tk_test_result *run, const tk_result *result, const graph_expect *expect) {
    int band = eval_band(result, expect->node);
    if (band != expect->wanted)
        fail(run, expect, "the band is %s", band_word(run->graph, expect->node, band));
}

static void check_expect(tk_test_result *run, const tk_result *result, const graph_expect *expect) {
    if (expect->kind != EXPECT_TRUE && expect->wanted < 0) return; /* reported at compile time */
    switch (expect->kind) {
    case EXPECT_TRUE:
        if (expect->expr) check_condition(run, result, expect);
        break;
    case EXPECT_GATE: check_gate(run, result, expect); break;
    case EXPECT_STATE: {
        item_state state = result->items[expect->node].state;
        if ((int)state != expect->wanted) fail(run, expect, "the item is %s", item_state_name(state));
        break;
    }
    case EXPECT_VALUE_STATE: {
        eval_value value = eval_expression(result, expect->expr);
        if ((int)value.kind != expect->wanted)
            fail(run, expect, "it is %s", value_words(run, value, expect->expr));
        break;
    }
    case EXPECT_STAGE:
    case EXPECT_DURING: check_ladder(run, result, expect); break;
    case EXPECT_BAND: check_band(run, result, expect); break;
    }
}

static void apply_given(tk_answers *answers, const tk_graph *graph, const graph_given *given) {
    if (given->kind == GIVEN_FACT) {
        fact_value *fact = &answers->facts[given->node];
        const gexpr *value = given->value;
        fact->given = true;
        fact->type = graph->nodes[given->node].type;
        fact->number = value->kind == G_BOOL ? decimal_from_int(value->boolean ? 1 : 0) : value->number;
        fact->string = value->string;
    } else {
        answers->options[given->node] = given->option;
    }
}

static void free_run(void *run) { tk_test_result_free(run); }

tk_test_result *tk_test_run(const tk_graph *graph, size_t index) {
    recovery point;
    if (setjmp(point.resume)) return NULL;
    recovery_begin(&point, NULL);
    tk_test_result *run = calloc(1, sizeof *run);
    if (!run) recovery_fail(&point);
    arena_init(&run->region);
    recovery_own(&point, &run->region, free_run, run);
    run->graph = graph;
    run->test = &graph->tests[index];
    tk_answers *answers =
        answers_create_within(&point, graph, graph->files.names[run->test->file], 0);
    for (size_t given = 0; given < run->test->given_count; given++)
        apply_given(answers, graph, &run->test->givens[given]);
    tk_result *result = tk_evaluate(graph, answers);
    for (size_t expect = 0; expect < run->test->expect_count; expect++)
        check_expect(run, result, &run->test->expects[expect]);
    tk_result_free(result);
    tk_answers_free(answers);
    recovery_end(&point);
    return run;
}

const char *tk_test_name(const tk_test_result *run) { return run->test->name; }
const char *tk_test_file(const tk_test_result *run) {
    return run->graph->files.names[run->test->file];
}
unsigned tk_test_line(const tk_test_result *run) { return run->test->line; }
bool tk_test_passed(const tk_test_result *run) { return run->failure_count == 0; }
size_t tk_test_failure_count(const tk_test_result *run) { return run->failure_count; }
const char *tk_test_failure(const tk_test_result *run, size_t index) {
    return index < run->failure_count ? run->failures[index] : NULL;
}

void tk_test_result_free(tk_test_result *run) {
    if (!run) return;
    arena_release(&run->region);
    free(run);
}
