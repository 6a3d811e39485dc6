/*
 * testing.c — resolving and running test blocks. Givens set facts and
 * answers (`C.*` answers every item of a checklist, later givens win);
 * expectations are conditions of the rule language, or one of the checks
 * only tests make: a gate's status and the items holding it back, an item's
 * state, a value that is unknown or n/a, the current stage of a ladder.
 */
#include "eval/testing.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "answers/answers.h"
#include "lang/typecheck.h"
#include "eval/eval.h"
#include "lang/resolve.h"
#include "tenken.h"
#include "lang/variant.h"

static const char *const gate_words[] = {"pass", "fail", "pending"};
static const char *const state_words[] = {"answered", "unanswered", "excluded",
                                          "not_applicable", "invalid"};

typedef struct test_resolver {
    tk_graph *graph;
    diag_list *diags;
    const source *file;
} test_resolver;

static diagnostic *report(test_resolver *state, diag_code code, span where, const char *format,
                          ...) __attribute__((format(printf, 4, 5)));

static diagnostic *report(test_resolver *state, diag_code code, span where, const char *format,
                          ...) {
    va_list args;
    va_start(args, format);
    diagnostic *record = diag_report_va(state->diags, SEVERITY_ERROR, code, state->file,
                                        where.start, where.end, format, args);
    va_end(args);
    return record;
}

static int word_index(const char *const *words, size_t count, const char *word) {
    for (size_t index = 0; index < count; index++)
        if (strcmp(words[index], word) == 0) return (int)index;
    return -1;
}

/* {=== givens ===} */

static size_t find_checklist(test_resolver *state, const char *name, span where) {
    size_t checklist = graph_lookup(&state->graph->checklist_by_name, name);
    if (checklist == NO_INDEX) report(state, DIAG_TK0206, where, "unknown checklist '%s'", name);
    return checklist;
}

/* The option an answer names for one item; reported when there is none. */
static int given_option(test_resolver *state, const ast_given *given, size_t node) {
    const graph_node *item = &state->graph->nodes[node];
    int option = item->item->scale ? answers_match_option(item->item->scale, given->answer) : -1;
    if (option >= 0) return option;
    diagnostic *record = report(state, DIAG_TK0305, given->answer_span,
                                "'%s' is not an option of item '%s'", given->answer, item->name);
    diag_set_help(state->diags, record, "give an option's key, label, alias or points");
    return -1;
}

static bool resolve_item_given(test_resolver *state, const ast_given *given, graph_given *target) {
    size_t checklist = find_checklist(state, given->name, given->where);
    if (checklist == NO_INDEX) return false;
    const graph_checklist *list = &state->graph->checklists[checklist];
    target->checklist = checklist;
    if (given->kind == GIVEN_ITEM) {
        target->node = graph_lookup(&list->item_by_id, given->item_id);
        if (target->node == NO_INDEX) {
            report(state, DIAG_TK0203, given->item_span, "checklist '%s' has no item '%s'",
                   list->name, given->item_id);
            return false;
        }
        target->options = arena_calloc(&state->graph->region, 1, sizeof(int));
        target->options[0] = given_option(state, given, target->node);
        return target->options[0] >= 0;
    }
    target->options = arena_calloc(&state->graph->region, list->item_count + 1, sizeof(int));
    for (size_t index = 0; index < list->item_count; index++) {
        target->options[index] = given_option(state, given, list->items[index]);
        if (target->options[index] < 0) return false;
    }
    return true;
}

static bool resolve_fact_given(test_resolver *state, const ast_given *given, graph_given *target) {
    target->node = graph_lookup(&state->graph->fact_by_name, given->name);
    if (target->node == NO_INDEX) {
        report(state, DIAG_TK0202, given->where, "the rules declare no fact '%s'", given->name);
        return false;
    }
    const graph_node *fact = &state->graph->nodes[target->node];
    const ast_expr *value = given->value;
    if (fact->fact->decl->fixed) {
        diagnostic *record = report(state, DIAG_TK0305, given->where,
                                    "fact '%s' is fixed by the variant", given->name);
        diag_set_help(state->diags, record, "test the module itself to give it another value");
        return false;
    }
    if (fact->type == TYPE_ENUM && value->kind == EXPR_NAME && !value->qualifier) {
        const ast_list *members = fact->enum_members;
        for (size_t index = 0; index < members->count; index++) {
            if (strcmp(members->items[index], value->name) != 0) continue;
            gexpr *member = ARENA_NEW(&state->graph->region, gexpr);
            member->kind = G_NUMBER;
            member->number = (double)index;
            target->value = member;
            return true;
        }
        report(state, DIAG_TK0204, value->where, "fact '%s' has no value '%s'", fact->name,
               value->name);
        return false;
    }
    target->value = resolve_expression(state->graph, value, state->file, state->diags);
    if (!target->value) return false;
    value_type type = check_expression(state->graph, target->value, state->file, state->diags);
    value_type wanted = fact->type == TYPE_DATE ? TYPE_STRING : fact->type;
    if (type != wanted && type != TYPE_ERROR) {
        report(state, DIAG_TK0305, value->where, "fact '%s' is %s, not %s", fact->name,
               value_type_name(fact->type), value_type_name(type));
        return false;
    }
    return type != TYPE_ERROR;
}

/* {=== expectations ===} */

/* An item id of a blocking or waiting list: in the gate's own checklist, or
   else the one item of that id in any checklist. */
static size_t find_listed_item(test_resolver *state, const char *id, size_t checklist,
                               span where) {
    if (checklist != NO_INDEX) {
        size_t node = graph_lookup(&state->graph->checklists[checklist].item_by_id, id);
        if (node != NO_INDEX) return node;
    }
    size_t found = NO_INDEX, matches = 0;
    for (size_t index = 0; index < state->graph->checklist_count; index++) {
        size_t node = graph_lookup(&state->graph->checklists[index].item_by_id, id);
        if (node != NO_INDEX) found = node, matches++;
    }
    if (matches == 1) return found;
    if (matches == 0)
        report(state, DIAG_TK0203, where, "no checklist has an item '%s'", id);
    else
        report(state, DIAG_TK0305, where,
               "several checklists have an item '%s'; the gate's own checklist has none", id);
    return NO_INDEX;
}

static bool resolve_id_list(test_resolver *state, const ast_list *ids, size_t checklist,
                            span where, size_t **nodes, size_t *count) {
    *nodes = arena_calloc(&state->graph->region, ids->count + 1, sizeof(size_t));
    *count = ids->count;
    for (size_t index = 0; index < ids->count; index++) {
        (*nodes)[index] = find_listed_item(state, ids->items[index], checklist, where);
        if ((*nodes)[index] == NO_INDEX) return false;
    }
    return true;
}

/* operand is WORD, where WORD is what only tests check; false when it is not. */
static bool resolve_special_is(test_resolver *state, const ast_expect *decl, graph_expect *target) {
    const ast_expr *expr = decl->expr;
    const ast_expr *operand = expr->left;
    const char *word = expr->option_key;
    if (operand->kind == EXPR_STAGE) {
        size_t node = graph_lookup(&state->graph->ladder_by_name, operand->name);
        if (node == NO_INDEX) {
            report(state, DIAG_TK0212, operand->where, "no stages '%s'", operand->name);
            return true;
        }
        const graph_stages *ladder = state->graph->nodes[node].stages;
        target->kind = EXPECT_STAGE;
        target->node = node;
        target->wanted = -1;
        for (size_t index = 0; index < ladder->stage_count; index++)
            if (strcmp(ladder->stages[index].decl->id, word) == 0) target->wanted = (int)index;
        if (target->wanted < 0)
            report(state, DIAG_TK0212, expr->option_span, "stages '%s' have no stage '%s'",
                   operand->name, word);
        return true;
    }
    bool gate_word = word_index(gate_words, 3, word) >= 0;
    bool state_word = word_index(state_words, 5, word) >= 0;
    bool value_word = strcmp(word, "unknown") == 0 || strcmp(word, "na") == 0 ||
                      strcmp(word, "n/a") == 0;
    if (!gate_word && !state_word && !value_word) return false;
    const gexpr *lowered = resolve_expression(state->graph, operand, state->file, state->diags);
    if (!lowered) return true;
    const graph_node *node = lowered->node != NO_INDEX ? &state->graph->nodes[lowered->node] : NULL;
    if (gate_word && node && node->kind == NODE_GATE) {
        target->kind = EXPECT_GATE;
        target->node = lowered->node;
        target->wanted = word_index(gate_words, 3, word);
        return true;
    }
    if (state_word && lowered->kind == G_ITEM_POINTS) {
        target->kind = EXPECT_STATE;
        target->node = lowered->node;
        target->wanted = word_index(state_words, 5, word);
        return true;
    }
    if (value_word && lowered->kind == G_NODE) {
        check_expression(state->graph, lowered, state->file, state->diags);
        target->kind = EXPECT_VALUE_STATE;
        target->expr = lowered;
        target->wanted = strcmp(word, "unknown") == 0 ? EV_UNKNOWN : EV_NA;
        return true;
    }
    return false;
}

static void resolve_expect(test_resolver *state, const ast_expect *decl, graph_expect *target) {
    target->decl = decl;
    target->kind = EXPECT_TRUE;
    if (decl->during_stages) {
        target->kind = EXPECT_DURING;
        target->node = graph_lookup(&state->graph->ladder_by_name, decl->during_stages);
        target->wanted = -1;
        if (target->node == NO_INDEX) {
            report(state, DIAG_TK0212, decl->where, "no stages '%s'", decl->during_stages);
            return;
        }
        const graph_stages *ladder = state->graph->nodes[target->node].stages;
        for (size_t index = 0; index < ladder->stage_count; index++)
            if (strcmp(ladder->stages[index].decl->id, decl->during_id) == 0)
                target->wanted = (int)index;
        if (target->wanted < 0)
            report(state, DIAG_TK0212, decl->where, "stages '%s' have no stage '%s'",
                   decl->during_stages, decl->during_id);
        else if (!ladder->stages[target->wanted].is_during) {
            diagnostic *record = report(state, DIAG_TK0305, decl->where,
                                        "stage '%s' is on the ladder, not a stage that runs "
                                        "during others", decl->during_id);
            diag_set_help(state->diags, record, "check the current stage with: expect stage %s is %s",
                          decl->during_stages, decl->during_id);
            target->wanted = -1;
        }
        return;
    }
    if (decl->expr->kind == EXPR_IS && resolve_special_is(state, decl, target)) {
        if (target->kind != EXPECT_GATE && (decl->has_blocking || decl->has_waiting))
            report(state, DIAG_TK0305, decl->where, "only a gate lists blocking and waiting items%s", "");
        if (target->kind == EXPECT_GATE) {
            size_t checklist = state->graph->nodes[target->node].checklist;
            if (decl->has_blocking)
                resolve_id_list(state, &decl->blocking, checklist, decl->where, &target->blocking,
                                &target->blocking_count);
            if (decl->has_waiting)
                resolve_id_list(state, &decl->waiting, checklist, decl->where, &target->waiting,
                                &target->waiting_count);
        }
        return;
    }
    if (decl->has_blocking || decl->has_waiting)
        report(state, DIAG_TK0305, decl->where, "only a gate lists blocking and waiting items%s", "");
    target->expr = resolve_expression(state->graph, decl->expr, state->file, state->diags);
    if (!target->expr) return;
    value_type type = check_expression(state->graph, target->expr, state->file, state->diags);
    if (type != TYPE_BOOL && type != TYPE_ERROR) {
        diagnostic *record = report(state, DIAG_TK0305, decl->expr->where,
                                    "an expectation is true or false, not %s",
                                    value_type_name(type));
        diag_set_help(state->diags, record, "compare it: expect checklist.value == 8");
    }
}

static void resolve_test(test_resolver *state, const ast_test *decl, graph_test *target) {
    target->decl = decl;
    target->givens = arena_calloc(&state->graph->region, decl->givens.count + 1, sizeof(graph_given));
    for (size_t index = 0; index < decl->givens.count; index++) {
        const ast_given *given = decl->givens.items[index];
        graph_given *slot = &target->givens[target->given_count];
        slot->kind = given->kind;
        slot->decl = given;
        bool resolved = given->kind == GIVEN_FACT ? resolve_fact_given(state, given, slot)
                                                  : resolve_item_given(state, given, slot);
        if (resolved) target->given_count++;
    }
    target->expects = arena_calloc(&state->graph->region, decl->expects.count + 1,
                                   sizeof(graph_expect));
    target->expect_count = decl->expects.count;
    for (size_t index = 0; index < decl->expects.count; index++)
        resolve_expect(state, decl->expects.items[index], &target->expects[index]);
}

void testing_resolve(tk_graph *graph, const ast_module *root, const char *variant,
                     diag_list *diags) {
    test_resolver state = {graph, diags, NULL};
    graph->tests = arena_calloc(&graph->region, root->tests.count + 1, sizeof(graph_test));
    for (size_t index = 0; index < root->tests.count; index++) {
        const ast_test *test = root->tests.items[index];
        state.file = test->file;
        if (test->variant && !variant && !variant_find(root, test->variant)) {
            report(&state, DIAG_TK0213, test->variant_span, "module '%s' declares no variant '%s'",
                   root->name ? root->name : "", test->variant);
            continue;
        }
        bool for_this_graph = variant ? test->variant && strcmp(test->variant, variant) == 0
                                      : test->variant == NULL;
        if (for_this_graph) resolve_test(&state, test, &graph->tests[graph->test_count++]);
    }
}

/* {=== running ===} */

struct tk_test_result {
    arena region;
    const graph_test *test;
    const tk_graph *graph;
    const char **failures;
    size_t failure_count, failure_capacity;
};

size_t tk_graph_test_count(const tk_graph *graph) { return graph->test_count; }

static void fail(tk_test_result *run, const ast_expect *decl, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Record a failed expectation as file:line:col: the expectation: what was found. */
static void fail(tk_test_result *run, const ast_expect *decl, const char *format, ...) {
    va_list args;
    va_start(args, format);
    char found[512];
    vsnprintf(found, sizeof found, format, args);
    va_end(args);
    const source *file = run->test->decl->file;
    source_position position = source_locate(file, decl->where.start);
    *ARENA_PUSH(&run->region, run->failures, run->failure_count, run->failure_capacity) =
        arena_printf(&run->region, "%s:%u:%u: %.*s: %s", file->path, position.line,
                     position.column, (int)(decl->where.end - decl->where.start),
                     file->text + decl->where.start, found);
}

/* A value as the test would write it; enum members by name. */
static const char *value_words(tk_test_result *run, eval_value value, const gexpr *expr) {
    if (value.kind == EV_NUMBER && expr && expr->type == TYPE_ENUM && expr->enum_members &&
        value.number >= 0 && (size_t)value.number < expr->enum_members->count)
        return expr->enum_members->items[(size_t)value.number];
    switch (value.kind) {
    case EV_NUMBER: return arena_printf(&run->region, "%g", value.number);
    case EV_BOOL: return value.number != 0 ? "true" : "false";
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
        fail(run, expect->decl, "the gate is %s (blocking %s; waiting %s)",
             gate_words[gate->status], node_list_words(run, gate->blocking, gate->blocking_count),
             node_list_words(run, gate->waiting, gate->waiting_count));
        return;
    }
    if (expect->decl->has_blocking &&
        !same_node_sets(gate->blocking, gate->blocking_count, expect->blocking, expect->blocking_count))
        fail(run, expect->decl, "blocking is %s",
             node_list_words(run, gate->blocking, gate->blocking_count));
    if (expect->decl->has_waiting &&
        !same_node_sets(gate->waiting, gate->waiting_count, expect->waiting, expect->waiting_count))
        fail(run, expect->decl, "waiting is %s",
             node_list_words(run, gate->waiting, gate->waiting_count));
}

/* A condition that does not hold: say what its sides were. */
static void check_condition(tk_test_result *run, const tk_result *result,
                            const graph_expect *expect) {
    eval_value value = eval_expression(result, expect->expr);
    if (value.kind == EV_BOOL && value.number != 0) return;
    const gexpr *expr = expect->expr;
    if (expr->kind == G_BINARY && expr->op >= OP_EQ && expr->op <= OP_GE)
        fail(run, expect->decl, "found %s against %s",
             value_words(run, eval_expression(result, expr->left), expr->left),
             value_words(run, eval_expression(result, expr->right), expr->right));
    else
        fail(run, expect->decl, "it is %s", value_words(run, value, expr));
}

static void check_ladder(tk_test_result *run, const tk_result *result, const graph_expect *expect) {
    const ladder_outcome *outcome = &result->ladders[expect->node];
    const graph_stages *ladder = run->graph->nodes[expect->node].stages;
    const char *current = outcome->current == NO_INDEX ? "none"
                                                       : ladder->stages[outcome->current].decl->id;
    if (expect->kind == EXPECT_STAGE && (int)outcome->current != expect->wanted)
        fail(run, expect->decl, "the current stage is %s", current);
    if (expect->kind == EXPECT_DURING && !outcome->entered[expect->wanted])
        fail(run, expect->decl, "it is not active (the current stage is %s)", current);
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
        if ((int)state != expect->wanted) fail(run, expect->decl, "the item is %s", state_words[state]);
        break;
    }
    case EXPECT_VALUE_STATE: {
        eval_value value = eval_expression(result, expect->expr);
        if ((int)value.kind != expect->wanted)
            fail(run, expect->decl, "it is %s", value_words(run, value, expect->expr));
        break;
    }
    case EXPECT_STAGE:
    case EXPECT_DURING: check_ladder(run, result, expect); break;
    }
}

static void apply_given(tk_answers *answers, const tk_graph *graph, const graph_given *given) {
    if (given->kind == GIVEN_FACT) {
        fact_value *fact = &answers->facts[given->node];
        const gexpr *value = given->value;
        fact->given = true;
        fact->type = graph->nodes[given->node].type;
        fact->number = value->kind == G_BOOL ? (value->boolean ? 1 : 0) : value->number;
        fact->string = value->string;
    } else if (given->kind == GIVEN_ITEM) {
        answers->options[given->node] = given->options[0];
    } else {
        const graph_checklist *list = &graph->checklists[given->checklist];
        for (size_t index = 0; index < list->item_count; index++)
            answers->options[list->items[index]] = given->options[index];
    }
}

tk_test_result *tk_test_run(const tk_graph *graph, size_t index) {
    tk_test_result *run = calloc(1, sizeof *run);
    if (!run) abort();
    arena_init(&run->region);
    run->graph = graph;
    run->test = &graph->tests[index];
    tk_answers *answers = answers_create(graph, run->test->decl->file->path, 0);
    for (size_t given = 0; given < run->test->given_count; given++)
        apply_given(answers, graph, &run->test->givens[given]);
    tk_result *result = tk_evaluate(graph, answers);
    for (size_t expect = 0; expect < run->test->expect_count; expect++)
        check_expect(run, result, &run->test->expects[expect]);
    tk_result_free(result);
    tk_answers_free(answers);
    return run;
}

const char *tk_test_name(const tk_test_result *run) { return run->test->decl->name; }
const char *tk_test_file(const tk_test_result *run) { return run->test->decl->file->path; }
unsigned tk_test_line(const tk_test_result *run) {
    return source_locate(run->test->decl->file, run->test->decl->where.start).line;
}
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
