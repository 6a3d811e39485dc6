/*
 * lower_tests.c — test blocks into graph tests. A test is lowered against
 * the graph it runs on (the module, or one of its variants), so a test that
 * names something unknown is a compile error. Givens become facts' values
 * and items' option indices (`C.*` answers every item of a checklist);
 * expectations become conditions of the rule language, or one of the checks
 * only tests make: a gate's status and the items holding it back, an item's
 * state, a value that is unknown or n/a, the current stage of a ladder.
 * Each expectation keeps its text and place for failure messages.
 */
#include "lang/lower.h"

#include <string.h>

#include "lang/typecheck.h"
#include "lang/variant.h"

static const char *const gate_words[] = {"pass", "fail", "pending"};


static int word_index(const char *const *words, size_t count, const char *word) {
    for (size_t index = 0; index < count; index++)
        if (strcmp(words[index], word) == 0) return (int)index;
    return -1;
}

/* {=== givens ===} */

static size_t find_checklist(lowering *state, const char *name, span where) {
    size_t checklist = graph_lookup(&state->graph->checklist_by_name, name);
    if (checklist == NO_INDEX) lower_report(state, DIAG_TK0206, where, "unknown checklist '%s'", name);
    return checklist;
}

/* The option an answer names for one item, ANSWER_NONE for `unanswered`;
   reported, and ANSWER_INVALID, when there is none. */
static int given_option(lowering *state, const ast_given *given, size_t node) {
    const graph_node *item = &state->graph->nodes[node];
    if (!given->answer) return ANSWER_NONE;
    int option = item->item->scale ? graph_match_option(item->item->scale, given->answer) : -1;
    if (option >= 0) return option;
    diagnostic *record = lower_report(state, DIAG_TK0305, given->answer_span,
                                "'%s' is not an option of item '%s'", given->answer, item->name);
    diag_set_help(state->diags, record, "give an option's key, label, alias or points");
    return ANSWER_INVALID;
}

/* An item's answer, appended to the test's givens. */
static bool add_item_given(lowering *state, const ast_given *given, size_t node, graph_test *test,
                           size_t *capacity) {
    int option = given_option(state, given, node);
    if (option == ANSWER_INVALID) return false;
    *ARENA_PUSH(&state->graph->region, test->givens, test->given_count, *capacity) =
        (graph_given){option == ANSWER_NONE ? GIVEN_NO_ANSWER : GIVEN_ITEM, node, NULL, option};
    return true;
}

/* C."ID" = ANSWER, or C.* = ANSWER as one given per item of C, in order. */
static void resolve_item_given(lowering *state, const ast_given *given, graph_test *test,
                               size_t *capacity) {
    size_t checklist = find_checklist(state, given->name, given->where);
    if (checklist == NO_INDEX) return;
    const graph_checklist *list = &state->graph->checklists[checklist];
    if (given->kind == GIVEN_ALL_ITEMS) {
        for (size_t index = 0; index < list->item_count; index++)
            if (!add_item_given(state, given, list->items[index], test, capacity)) return;
        return;
    }
    size_t node = graph_lookup(&list->item_by_id, given->item_id);
    if (node != NO_INDEX) {
        add_item_given(state, given, node, test, capacity);
        return;
    }
    lower_report(state, DIAG_TK0203, given->item_span, "checklist '%s' has no item '%s'",
                 list->name, given->item_id);
}

static bool resolve_fact_given(lowering *state, const ast_given *given, graph_given *target) {
    target->kind = GIVEN_FACT;
    target->node = graph_lookup(&state->graph->fact_by_name, given->name);
    if (target->node == NO_INDEX) {
        lower_report(state, DIAG_TK0202, given->where, "the rules declare no fact '%s'", given->name);
        return false;
    }
    const graph_node *fact = &state->graph->nodes[target->node];
    const ast_expr *value = given->value;
    if (fact->fact->fixed) {
        diagnostic *record = lower_report(state, DIAG_TK0305, given->where,
                                    "fact '%s' is fixed by the variant", given->name);
        diag_set_help(state->diags, record, "test the module itself to give it another value");
        return false;
    }
    if (fact->type == TYPE_ENUM && value->kind == EXPR_NAME && !value->qualifier) {
        const graph_names *members = fact->enum_members;
        for (size_t index = 0; index < members->count; index++) {
            if (strcmp(members->names[index], value->name) != 0) continue;
            gexpr *member = ARENA_NEW(&state->graph->region, gexpr);
            member->kind = G_NUMBER;
            member->node = NO_INDEX;
            member->option = -1;
            member->number = decimal_from_int((long long)index);
            target->value = member;
            return true;
        }
        lower_report(state, DIAG_TK0204, value->where, "fact '%s' has no value '%s'", fact->name,
               value->name);
        return false;
    }
    target->value = lower_expression(state, value, state->file);
    if (!target->value) return false;
    value_type type = check_expression(state->graph, target->value, state->sources, state->diags);
    value_type wanted = fact->type == TYPE_DATE ? TYPE_STRING : fact->type;
    if (type != wanted && type != TYPE_ERROR) {
        lower_report(state, DIAG_TK0305, value->where, "fact '%s' is %s, not %s", fact->name,
               value_type_name(fact->type), value_type_name(type));
        return false;
    }
    if (type == TYPE_NUMBER && target->value->kind == G_NUMBER &&
        !graph_fact_accepts(fact->fact, target->value->number)) {
        lower_report(state, DIAG_TK0305, value->where, "fact '%s' is %s, not %s", fact->name,
                     graph_fact_bounds_text(&state->diags->region, fact->fact),
                     DECIMAL_TEXT(target->value->number));
        return false;
    }
    return type != TYPE_ERROR;
}

/* {=== expectations ===} */

/* An item id of a blocking or waiting list: in the gate's own checklist, or
   else the one item of that id in any checklist. */
static size_t find_listed_item(lowering *state, const char *id, size_t checklist,
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
        lower_report(state, DIAG_TK0203, where, "no checklist has an item '%s'", id);
    else
        lower_report(state, DIAG_TK0305, where,
               "several checklists have an item '%s'; the gate's own checklist has none", id);
    return NO_INDEX;
}

static bool resolve_id_list(lowering *state, const ast_list *ids, size_t checklist,
                            span where, size_t **nodes, size_t *count) {
    *nodes = arena_calloc(&state->graph->region, ids->count + 1, sizeof(size_t));
    *count = ids->count;
    for (size_t index = 0; index < ids->count; index++) {
        (*nodes)[index] = find_listed_item(state, ids->items[index], checklist, where);
        if ((*nodes)[index] == NO_INDEX) return false;
    }
    return true;
}

/* band NAME is ID | pending | n/a | none: a band's id first, then the words. */
static void resolve_band_expect(lowering *state, const ast_expr *expr, graph_expect *target) {
    static const char *const words[] = {"pending", "n/a", "none"};
    const ast_expr *operand = expr->left;
    target->kind = EXPECT_BAND;
    target->node = graph_lookup(&state->graph->bands_by_name, operand->name);
    target->wanted = -1;
    if (target->node == NO_INDEX) {
        diagnostic *record = lower_report(state, DIAG_TK0202, operand->where, "no bands '%s'",
                                          operand->name);
        suggestion best;
        suggest_begin(&best, operand->name);
        lower_suggest_from_map(&best, &state->graph->bands_by_name);
        lower_help(state, record, &best, "declare them: bands NAME of VALUE { band ID … }");
        return;
    }
    const graph_bands *bands = state->graph->nodes[target->node].bands;
    for (size_t index = 0; index < bands->band_count; index++)
        if (strcmp(bands->bands[index].id, expr->option_key) == 0)
            target->wanted = BAND_FIRST + (int)index;
    int word = word_index(words, 3, strcmp(expr->option_key, "na") ? expr->option_key : "n/a");
    if (target->wanted < 0 && word >= 0) target->wanted = word;
    if (target->wanted >= 0) return;
    diagnostic *record = lower_report(state, DIAG_TK0305, expr->option_span,
                                      "bands '%s' have no band '%s'", operand->name,
                                      expr->option_key);
    diag_set_help(state->diags, record, "name one of its bands, or pending, n/a or none");
}

/* operand is WORD, where WORD is what only tests check; false when it is not. */
static bool resolve_special_is(lowering *state, const ast_expect *decl, graph_expect *target) {
    const ast_expr *expr = decl->expr;
    const ast_expr *operand = expr->left;
    const char *word = expr->option_key;
    if (operand->kind == EXPR_STAGE) {
        size_t node = graph_lookup(&state->graph->ladder_by_name, operand->name);
        if (node == NO_INDEX) {
            lower_report(state, DIAG_TK0212, operand->where, "no stages '%s'", operand->name);
            return true;
        }
        const graph_stages *ladder = state->graph->nodes[node].stages;
        target->kind = EXPECT_STAGE;
        target->node = node;
        target->wanted = -1;
        for (size_t index = 0; index < ladder->stage_count; index++)
            if (strcmp(ladder->stages[index].id, word) == 0) target->wanted = (int)index;
        if (target->wanted < 0)
            lower_report(state, DIAG_TK0212, expr->option_span, "stages '%s' have no stage '%s'",
                   operand->name, word);
        return true;
    }
    if (operand->kind == EXPR_BAND) {
        resolve_band_expect(state, expr, target);
        return true;
    }
    bool gate_word = word_index(gate_words, 3, word) >= 0;
    bool state_word = item_state_by_name(word) >= 0;
    bool value_word = strcmp(word, "unknown") == 0 || strcmp(word, "na") == 0 ||
                      strcmp(word, "n/a") == 0;
    if (!gate_word && !state_word && !value_word) return false;
    const gexpr *lowered = lower_expression(state, operand, state->file);
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
        target->wanted = item_state_by_name(word);
        return true;
    }
    if (value_word && lowered->kind == G_NODE) {
        check_expression(state->graph, lowered, state->sources, state->diags);
        target->kind = EXPECT_VALUE_STATE;
        target->expr = lowered;
        target->wanted = strcmp(word, "unknown") == 0 ? EV_UNKNOWN : EV_NA;
        return true;
    }
    return false;
}

/* The expectation's text and place, for failure messages. */
static void place_expect(lowering *state, const ast_expect *decl, graph_expect *target) {
    source_position position = source_locate(state->file, decl->where.start);
    target->written = lower_written(state, state->file, decl->where);
    target->line = position.line;
    target->column = position.column;
    target->has_blocking = decl->has_blocking;
    target->has_waiting = decl->has_waiting;
    target->node = NO_INDEX;
}

static void resolve_expect(lowering *state, const ast_expect *decl, graph_expect *target) {
    place_expect(state, decl, target);
    target->kind = EXPECT_TRUE;
    if (decl->during_stages) {
        target->kind = EXPECT_DURING;
        target->node = graph_lookup(&state->graph->ladder_by_name, decl->during_stages);
        target->wanted = -1;
        if (target->node == NO_INDEX) {
            lower_report(state, DIAG_TK0212, decl->where, "no stages '%s'", decl->during_stages);
            return;
        }
        const graph_stages *ladder = state->graph->nodes[target->node].stages;
        for (size_t index = 0; index < ladder->stage_count; index++)
            if (strcmp(ladder->stages[index].id, decl->during_id) == 0)
                target->wanted = (int)index;
        if (target->wanted < 0)
            lower_report(state, DIAG_TK0212, decl->where, "stages '%s' have no stage '%s'",
                   decl->during_stages, decl->during_id);
        else if (!ladder->stages[target->wanted].is_during) {
            diagnostic *record = lower_report(state, DIAG_TK0305, decl->where,
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
            lower_report(state, DIAG_TK0305, decl->where, "only a gate lists blocking and waiting items%s", "");
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
        lower_report(state, DIAG_TK0305, decl->where, "only a gate lists blocking and waiting items%s", "");
    target->expr = lower_expression(state, decl->expr, state->file);
    if (!target->expr) return;
    value_type type = check_expression(state->graph, target->expr, state->sources, state->diags);
    if (type != TYPE_BOOL && type != TYPE_ERROR) {
        diagnostic *record = lower_report(state, DIAG_TK0305, decl->expr->where,
                                    "an expectation is true or false, not %s",
                                    value_type_name(type));
        diag_set_help(state->diags, record, "compare it: expect checklist.value == 8");
    }
}

static void resolve_test(lowering *state, const ast_test *decl, graph_test *target) {
    target->name = lower_string(state, decl->name);
    target->file = lower_file(state, decl->file);
    target->line = source_locate(decl->file, decl->where.start).line;
    size_t capacity = 0;
    for (size_t index = 0; index < decl->givens.count; index++) {
        const ast_given *given = decl->givens.items[index];
        graph_given fact = {GIVEN_FACT, NO_INDEX, NULL, -1};
        if (given->kind != GIVEN_FACT)
            resolve_item_given(state, given, target, &capacity);
        else if (resolve_fact_given(state, given, &fact))
            *ARENA_PUSH(&state->graph->region, target->givens, target->given_count, capacity) = fact;
    }
    target->expects = arena_calloc(&state->graph->region, decl->expects.count + 1,
                                   sizeof(graph_expect));
    target->expect_count = decl->expects.count;
    for (size_t index = 0; index < decl->expects.count; index++)
        resolve_expect(state, decl->expects.items[index], &target->expects[index]);
}

void lower_tests(lowering *state, const ast_module *root, const char *variant) {
    tk_graph *graph = state->graph;
    graph->tests = arena_calloc(&graph->region, root->tests.count + 1, sizeof(graph_test));
    for (size_t index = 0; index < root->tests.count; index++) {
        const ast_test *test = root->tests.items[index];
        state->file = test->file;
        if (test->variant && !variant && !variant_find(root, test->variant)) {
            lower_report(state, DIAG_TK0213, test->variant_span, "module '%s' declares no variant '%s'",
                   root->name ? root->name : "", test->variant);
            continue;
        }
        bool for_this_graph = variant ? test->variant && strcmp(test->variant, variant) == 0
                                      : test->variant == NULL;
        if (for_this_graph) resolve_test(state, test, &graph->tests[graph->test_count++]);
    }
}

