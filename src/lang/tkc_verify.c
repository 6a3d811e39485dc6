/*
 * tkc_verify.c — what a decoded graph must satisfy before anything uses it,
 * beyond what the codec checked as it read each record and reference: so
 * that no file, however made, leads the evaluator, the reports or the tests
 * outside an array or into a loop. Items sit in their checklists; ladders'
 * stages and starts fit; lists hold nodes of their kind; sections nest
 * boundedly and their members form a tree; tests want what they can get;
 * names are unique; and the compiler's type checker accepts everything.
 */
#include "lang/tkc.h"

#include <stdarg.h>
#include <stdio.h>

#include "lang/typecheck.h"

typedef struct verifier {
    const tk_graph *graph;
    char *problem;
    size_t size;
    bool failed;
} verifier;

static bool fail(verifier *state, const char *format, ...) __attribute__((format(printf, 2, 3)));

static bool fail(verifier *state, const char *format, ...) {
    if (!state->failed) {
        va_list args;
        va_start(args, format);
        vsnprintf(state->problem, state->size, format, args);
        va_end(args);
    }
    state->failed = true;
    return false;
}

/* A ladder's during-stages span two ladder stages in order; starts name one. */
static bool ladder_fits(const graph_stages *ladder) {
    for (size_t at = 0; at < ladder->stage_count; at++) {
        const graph_stage *stage = &ladder->stages[at];
        if (stage->is_during &&
            (stage->during_from == NO_INDEX || stage->during_to == NO_INDEX ||
             stage->during_from > stage->during_to ||
             ladder->stages[stage->during_from].is_during ||
             ladder->stages[stage->during_to].is_during))
            return false;
    }
    for (size_t at = 0; at < ladder->start_count; at++)
        if (ladder->starts[at].stage == NO_INDEX ||
            ladder->stages[ladder->starts[at].stage].is_during)
            return false;
    return true;
}

static bool check_node(verifier *state, size_t index) {
    const tk_graph *graph = state->graph;
    const graph_node *node = &graph->nodes[index];
    const graph_checklist *checklist =
        node->checklist < graph->checklist_count ? &graph->checklists[node->checklist] : NULL;
    bool fits = (node->checklist == NO_INDEX || checklist) &&
                (node->type == TYPE_ENUM) == (node->enum_members != NULL);
    switch (node->kind) {
    case NODE_FACT: fits = fits && node->type != TYPE_ERROR; break;
    case NODE_ITEM:
        fits = fits && node->item->scale && checklist &&
               (node->item->section == NO_INDEX || node->item->section < checklist->section_count);
        break;
    case NODE_VALUE:
    case NODE_GATE:
        fits = fits && (node->kind == NODE_GATE) == (node->value->kind == VALUE_GATE);
        break;
    case NODE_STAGES: fits = fits && ladder_fits(node->stages); break;
    case NODE_BANDS: fits = fits && node->type == TYPE_NUMBER; break;
    }
    return fits ? true : fail(state, "node %zu is malformed", index);
}

/* The nodes of a list (of their kind already) belong to one checklist (or none). */
static bool check_list(verifier *state, const size_t *nodes, size_t count, size_t checklist) {
    for (size_t index = 0; index < count; index++)
        if (state->graph->nodes[nodes[index]].checklist != checklist)
            return fail(state, "a list holds node %zu, which is not its own", nodes[index]);
    return true;
}

/* Members form a tree: a section listed in a body is a child of that body. */
static bool check_members(verifier *state, size_t list, const graph_member *members,
                          size_t count, size_t parent) {
    const graph_checklist *checklist = &state->graph->checklists[list];
    for (size_t index = 0; index < count; index++) {
        size_t target = members[index].index;
        bool fits = members[index].kind == G_MEMBER_ITEM
                        ? target < state->graph->node_count &&
                              state->graph->nodes[target].kind == NODE_ITEM &&
                              state->graph->nodes[target].checklist == list
                        : target < checklist->section_count &&
                              checklist->sections[target].parent == parent;
        if (!fits)
            return fail(state, "checklist %zu's layout names something not in it", list);
    }
    return true;
}

static bool check_checklist(verifier *state, size_t list) {
    const graph_checklist *checklist = &state->graph->checklists[list];
    if (!check_list(state, checklist->items, checklist->item_count, list) ||
        !check_list(state, checklist->values, checklist->value_count, list) ||
        !check_members(state, list, checklist->members, checklist->member_count, NO_INDEX))
        return false;
    for (size_t at = 0; at < checklist->section_count; at++) {
        const graph_section *section = &checklist->sections[at];
        size_t depth = 1;
        for (size_t up = section->parent; up != NO_INDEX; up = checklist->sections[up].parent) {
            if (up >= at) return fail(state, "a section is its own ancestor");
            if (++depth > TKC_MAX_SECTION_DEPTH)
                return fail(state, "sections nest deeper than %d", TKC_MAX_SECTION_DEPTH);
        }
        if (!check_list(state, section->items, section->item_count, list) ||
            !check_members(state, list, section->members, section->member_count, at))
            return false;
    }
    return true;
}

/* What an expectation wants fits what it names (the codec checked the kind). */
static bool expect_fits(const verifier *state, const graph_expect *expect, diag_list *types) {
    const graph_stages *ladder =
        expect->node != NO_INDEX ? state->graph->nodes[expect->node].stages : NULL;
    switch (expect->kind) {
    case EXPECT_TRUE:
        return check_expression((tk_graph *)state->graph, expect->expr, NULL, types) == TYPE_BOOL;
    case EXPECT_GATE: return expect->wanted < 3;
    case EXPECT_STATE: return expect->wanted < ITEM_STATE_COUNT;
    case EXPECT_VALUE_STATE:
        check_expression((tk_graph *)state->graph, expect->expr, NULL, types);
        return expect->wanted == EV_UNKNOWN || expect->wanted == EV_NA;
    case EXPECT_BAND:
        return (size_t)expect->wanted <
               BAND_FIRST + state->graph->nodes[expect->node].bands->band_count;
    case EXPECT_STAGE:
    case EXPECT_DURING:
        return expect->wanted < 0 ||
               ((size_t)expect->wanted < ladder->stage_count &&
                (expect->kind == EXPECT_STAGE || ladder->stages[expect->wanted].is_during));
    }
    return false;
}

static bool check_structure(verifier *state) {
    const tk_graph *graph = state->graph;
    if (!check_list(state, graph->values, graph->value_count, NO_INDEX)) return false;
    for (size_t index = 0; index < graph->node_count; index++)
        if (!check_node(state, index)) return false;
    for (size_t index = 0; index < graph->checklist_count; index++)
        if (!check_checklist(state, index)) return false;
    return true;
}

bool tkc_verify(tk_graph *graph, char *problem, size_t size) {
    verifier state = {graph, problem, size, false};
    diag_list types;
    diag_list_init(&types);
    recovery_own(arena_recovery(&graph->region), &types.region, NULL, NULL);
    if (check_structure(&state)) {
        check_types(graph, NULL, &types);
        for (size_t test = 0; test < graph->test_count && !types.error_count; test++)
            for (size_t index = 0; index < graph->tests[test].expect_count; index++)
                if (!expect_fits(&state, &graph->tests[test].expects[index], &types))
                    fail(&state, "a test expects what it cannot get");
        if (types.error_count) fail(&state, "an expression does not type-check");
        else if (!graph_index_names(graph)) fail(&state, "two records have one name");
    }
    diag_list_release(&types);
    return !state.failed;
}
