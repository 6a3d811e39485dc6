/*
 * selection.c — evaluating selection gates, the rules by which a catalogue
 * such as ISMAP's 管理基準 is applied: a node is selected when the answers
 * state it implemented or partial; it applies when it or a node below it is
 * selected; it is excluded only with a reason (the reader refuses an
 * exclusion without one).
 */
#include "frameworks/selection.h"

static control_status status_of(const control_answers *answers, const catalog_control *node) {
    return control_answers_get(answers, node->id).status;
}

bool selection_is_selected(const control_answers *answers, const catalog_control *node) {
    control_status status = status_of(answers, node);
    return status == CONTROL_IMPLEMENTED || status == CONTROL_PARTIAL;
}

/* Whether a node below `node` of `kind` (any kind when `any_kind`) is selected. */
static bool selects_below(const control_answers *answers, const catalog_control *node,
                          control_kind kind, bool any_kind) {
    for (size_t index = 0; index < node->child_count; index++) {
        const catalog_control *child = node->children[index];
        if ((any_kind || child->kind == kind) && selection_is_selected(answers, child))
            return true;
        if (selects_below(answers, child, kind, any_kind)) return true;
    }
    return false;
}

static bool applies(const control_answers *answers, const catalog_control *node) {
    return selection_is_selected(answers, node) || selects_below(answers, node, KIND_CLAUSE, true);
}

static bool node_fails(const catalog_gate *gate, const control_answers *answers,
                       const catalog_control *node) {
    bool excluded = status_of(answers, node) == CONTROL_EXCLUDED;
    switch (gate->rule) {
    case SELECT_RULE_APPLIES:
        return node->kind == gate->kind && !excluded && !applies(answers, node);
    case SELECT_RULE_SELECTS:
        return node->kind == gate->kind && !excluded && applies(answers, node) &&
               !selects_below(answers, node, gate->child_kind, false);
    case SELECT_RULE_MANDATORY:
        return node->obligation == OBLIGATION_MANDATORY && !selection_is_selected(answers, node);
    }
    return false;
}

selection_result *selection_evaluate(arena *region, const catalog_framework *framework,
                                     const control_answers *answers) {
    selection_result *results = arena_calloc(region, framework->gate_count + 1, sizeof *results);
    for (size_t index = 0; index < framework->gate_count; index++) {
        selection_result *result = &results[index];
        result->gate = &framework->gates[index];
        for (size_t node = 0; node < framework->node_count; node++)
            if (node_fails(result->gate, answers, framework->nodes[node]))
                *ARENA_PUSH(region, result->missing, result->missing_count,
                            result->missing_capacity) = framework->nodes[node];
        result->passed = result->missing_count == 0;
    }
    return results;
}
