/*
 * tkc_verify.c — what a decoded graph must satisfy before anything uses it.
 * The codec has checked every count and every index against its table;
 * here the records are checked against each other, so that no file, however
 * made, can lead the evaluator, the reports or the tests outside an array or
 * into a loop: every reference is to a node of the right kind and, within a
 * node's expressions, to an earlier node (topological order); option and
 * enum indices fit their scale or enum; expressions and sections nest
 * boundedly; section members form a tree; names are unique; and the
 * compiler's type checker accepts every expression.
 */
#include "lang/tkc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/ptrmap.h"
#include "lang/typecheck.h"

typedef struct verifier {
    tk_graph *graph;
    char *problem;
    size_t size;
    bool failed;
} verifier;

static bool fail(verifier *state, const char *format, ...) __attribute__((format(printf, 2, 3)));

static bool fail(verifier *state, const char *format, ...) {
    if (!state->failed && state->problem) {
        va_list args;
        va_start(args, format);
        vsnprintf(state->problem, state->size, format, args);
        va_end(args);
    }
    state->failed = true;
    return false;
}

static const graph_node *node_of(const verifier *state, size_t node) {
    return node < state->graph->node_count ? &state->graph->nodes[node] : NULL;
}

static bool is_kind(const verifier *state, size_t node, node_kind kind) {
    const graph_node *found = node_of(state, node);
    return found && found->kind == kind;
}

static bool option_fits(const verifier *state, size_t item, int option) {
    const graph_scale *scale = state->graph->nodes[item].item->scale;
    return option >= 0 && scale && (size_t)option < scale->option_count;
}

/* {=== expressions ===} */

/* Per expression: how deep it nests, and the latest node it reads. */
typedef struct expr_facts {
    size_t depth;
    size_t latest;          /* NO_INDEX: none */
} expr_facts;

typedef struct expr_walk {
    const gexpr *const *exprs;  /* the file's table, children before parents */
    size_t count;
    expr_facts *facts;          /* per entry of the table */
    ptrmap positions;           /* expression -> index + 1 */
} expr_walk;

static const expr_facts *facts_of(const expr_walk *walk, const gexpr *expr) {
    size_t position = expr ? ptrmap_get(&walk->positions, expr) : 0;
    return position ? &walk->facts[position - 1] : NULL;
}

static void take_child(const expr_walk *walk, const gexpr *child, expr_facts *facts) {
    const expr_facts *inner = facts_of(walk, child);
    if (!inner) return;
    if (inner->depth + 1 > facts->depth) facts->depth = inner->depth + 1;
    if (inner->latest != NO_INDEX && (facts->latest == NO_INDEX || inner->latest > facts->latest))
        facts->latest = inner->latest;
}

static void read_node(expr_facts *facts, size_t node) {
    if (facts->latest == NO_INDEX || node > facts->latest) facts->latest = node;
}

static bool check_aggregate(verifier *state, const gaggregate *aggregate, expr_facts *facts) {
    for (size_t index = 0; index < aggregate->item_count; index++) {
        size_t item = aggregate->items[index];
        if (!is_kind(state, item, NODE_ITEM)) return fail(state, "an aggregate counts a non-item");
        if (aggregate->element == ELEMENT_IS && !option_fits(state, item, aggregate->options[index]))
            return fail(state, "an aggregate names an option its item does not have");
        read_node(facts, item);
    }
    return true;
}

static bool check_operands(verifier *state, const gexpr *expr) {
    bool left = expr->kind >= G_NOT && expr->kind <= G_IF;
    bool right = expr->kind == G_BINARY || expr->kind == G_IF;
    if ((expr->left != NULL) != left || (expr->right != NULL) != right ||
        (expr->otherwise != NULL) != (expr->kind == G_IF))
        return fail(state, "an expression has the wrong operands");
    if (expr->type == TYPE_ENUM && !expr->enum_members)
        return fail(state, "an enum expression has no members");
    return true;
}

static bool check_node_ref(verifier *state, const gexpr *expr, expr_facts *facts) {
    const graph_node *node = node_of(state, expr->node);
    bool fits = false;
    if (node) switch (expr->kind) {
        case G_NODE: fits = node->kind != NODE_ITEM && node->kind != NODE_STAGES; break;
        case G_ITEM_POINTS: fits = node->kind == NODE_ITEM; break;
        case G_ITEM_IS: fits = node->kind == NODE_ITEM && option_fits(state, expr->node, expr->option); break;
        default:
            fits = node->kind == NODE_FACT && node->enum_members && expr->option >= 0 &&
                   (size_t)expr->option < node->enum_members->count;
        }
    if (!fits) return fail(state, "an expression names a node of the wrong kind");
    read_node(facts, expr->node);
    return true;
}

static bool check_expr(verifier *state, const expr_walk *walk, const gexpr *expr,
                       expr_facts *facts) {
    facts->latest = NO_INDEX;
    facts->depth = 1;
    if (!check_operands(state, expr)) return false;
    take_child(walk, expr->left, facts);
    take_child(walk, expr->right, facts);
    take_child(walk, expr->otherwise, facts);
    if (facts->depth > TKC_MAX_EXPR_DEPTH) return fail(state, "expressions nest too deep");
    switch (expr->kind) {
    case G_NUMBER:
        if (expr->type == TYPE_ENUM && !(expr->number >= 0 && expr->number == floor(expr->number) &&
                                         expr->number < (double)expr->enum_members->count))
            return fail(state, "an enum value is out of range");
        return true;
    case G_STRING: return expr->string ? true : fail(state, "a string is missing");
    case G_NODE:
    case G_ITEM_POINTS:
    case G_ITEM_IS:
    case G_FACT_IS: return check_node_ref(state, expr, facts);
    case G_AGGREGATE:
        take_child(walk, expr->aggregate.unanswered_as, facts);
        return check_aggregate(state, &expr->aggregate, facts);
    default: return true;
    }
}

/* {=== nodes ===} */

/* A node's expression reads only earlier nodes. */
static bool check_root(verifier *state, const expr_walk *walk, const gexpr *expr, size_t node) {
    const expr_facts *facts = facts_of(walk, expr);
    if (!expr) return true;
    if (!facts) return fail(state, "an expression is missing from the table");
    if (facts->latest != NO_INDEX && facts->latest >= node)
        return fail(state, "node %zu reads node %zu, which comes later", node, facts->latest);
    return true;
}

static bool check_item(verifier *state, const expr_walk *walk, const graph_node *node,
                       size_t index) {
    const graph_item *item = node->item;
    if (!item->scale) return fail(state, "an item has no scale");
    if (node->checklist >= state->graph->checklist_count)
        return fail(state, "an item belongs to no checklist");
    if (item->section != NO_INDEX &&
        item->section >= state->graph->checklists[node->checklist].section_count)
        return fail(state, "an item is in a section its checklist does not have");
    for (size_t at = 0; at < item->exclusion_count; at++)
        if (!item->exclusions[at].condition.expr ||
            !check_root(state, walk, item->exclusions[at].condition.expr, index))
            return fail(state, "an exclusion has no condition");
    for (size_t at = 0; at < item->only_when_count; at++)
        if (!item->only_when[at].expr || !check_root(state, walk, item->only_when[at].expr, index))
            return fail(state, "an only-when has no condition");
    return true;
}

static bool check_ladder(verifier *state, const expr_walk *walk, const graph_stages *ladder,
                         size_t index) {
    for (size_t at = 0; at < ladder->stage_count; at++) {
        const graph_stage *stage = &ladder->stages[at];
        if (!stage->id) return fail(state, "a stage has no id");
        if (stage->is_during &&
            (stage->during_from == NO_INDEX || stage->during_to == NO_INDEX ||
             stage->during_from > stage->during_to ||
             ladder->stages[stage->during_from].is_during || ladder->stages[stage->during_to].is_during))
            return fail(state, "a during-stage spans no range of the ladder");
        if (!check_root(state, walk, stage->enter_when.expr, index)) return false;
    }
    for (size_t at = 0; at < ladder->start_count; at++) {
        size_t stage = ladder->starts[at].stage;
        if (stage == NO_INDEX || ladder->stages[stage].is_during || !ladder->starts[at].condition.expr)
            return fail(state, "a start names no stage of the ladder");
        if (!check_root(state, walk, ladder->starts[at].condition.expr, index)) return false;
    }
    return true;
}

static bool check_node(verifier *state, const expr_walk *walk, size_t index) {
    const graph_node *node = &state->graph->nodes[index];
    if (!node->name) return fail(state, "a node has no name");
    if (node->checklist != NO_INDEX && node->checklist >= state->graph->checklist_count)
        return fail(state, "a node belongs to a checklist that does not exist");
    if ((node->type == TYPE_ENUM) != (node->enum_members != NULL))
        return fail(state, "a node's enum members do not match its type");
    switch (node->kind) {
    case NODE_FACT:
        if (node->type == TYPE_ERROR) return fail(state, "a fact has no type");
        return check_root(state, walk, node->fact->default_value, index);
    case NODE_ITEM: return check_item(state, walk, node, index);
    case NODE_VALUE:
    case NODE_GATE:
        if (!node->expr) return fail(state, "a value has no expression");
        if ((node->kind == NODE_GATE) != (node->value->kind == VALUE_GATE))
            return fail(state, "a gate is not marked as one");
        return check_root(state, walk, node->expr, index);
    case NODE_STAGES: return check_ladder(state, walk, node->stages, index);
    }
    return true;
}

/* {=== checklists ===} */

static bool check_list(verifier *state, const size_t *nodes, size_t count, size_t checklist,
                       bool items) {
    for (size_t index = 0; index < count; index++) {
        const graph_node *node = &state->graph->nodes[nodes[index]];
        bool kind = items ? node->kind == NODE_ITEM
                          : node->kind == NODE_VALUE || node->kind == NODE_GATE;
        if (!kind || node->checklist != checklist)
            return fail(state, "a checklist lists a node that is not its own");
    }
    return true;
}

/* Members form a tree: a section listed in a body is a child of that body. */
static bool check_members(verifier *state, const graph_checklist *checklist,
                          const graph_member *members, size_t count, size_t parent) {
    for (size_t index = 0; index < count; index++) {
        size_t target = members[index].index;
        bool fits = members[index].kind == G_MEMBER_ITEM
                        ? target < state->graph->node_count && is_kind(state, target, NODE_ITEM) &&
                              state->graph->nodes[target].checklist ==
                                  (size_t)(checklist - state->graph->checklists)
                        : target < checklist->section_count &&
                              checklist->sections[target].parent == parent;
        if (!fits) return fail(state, "a checklist's layout names something not in it");
    }
    return true;
}

static bool check_checklist(verifier *state, size_t index) {
    const graph_checklist *checklist = &state->graph->checklists[index];
    if (!checklist->name) return fail(state, "a checklist has no name");
    if (!check_list(state, checklist->items, checklist->item_count, index, true) ||
        !check_list(state, checklist->values, checklist->value_count, index, false) ||
        !check_members(state, checklist, checklist->members, checklist->member_count, NO_INDEX))
        return false;
    for (size_t at = 0; at < checklist->section_count; at++) {
        const graph_section *section = &checklist->sections[at];
        size_t depth = 1;
        for (size_t up = section->parent; up != NO_INDEX; up = checklist->sections[up].parent) {
            if (up >= at) return fail(state, "a section is its own ancestor");
            if (++depth > TKC_MAX_SECTION_DEPTH)
                return fail(state, "sections nest deeper than %d", TKC_MAX_SECTION_DEPTH);
        }
        if (!section->name || !check_list(state, section->items, section->item_count, index, true) ||
            !check_members(state, checklist, section->members, section->member_count, at))
            return false;
    }
    return true;
}

/* The module-level lists hold nodes of their kind, each of the module. */
static bool check_module_lists(verifier *state) {
    const tk_graph *graph = state->graph;
    for (size_t index = 0; index < graph->fact_count; index++)
        if (!is_kind(state, graph->facts[index], NODE_FACT))
            return fail(state, "the facts list a node that is no fact");
    for (size_t index = 0; index < graph->ladder_count; index++)
        if (!is_kind(state, graph->ladders[index], NODE_STAGES))
            return fail(state, "the stages list a node that is no ladder");
    return check_list(state, graph->values, graph->value_count, NO_INDEX, false);
}

/* {=== tests ===} */

static bool check_given(verifier *state, const graph_given *given) {
    const tk_graph *graph = state->graph;
    switch (given->kind) {
    case GIVEN_FACT:
        if (!is_kind(state, given->node, NODE_FACT) || !given->value ||
            given->value->kind > G_STRING)
            return fail(state, "a test gives a fact no value");
        return true;
    case GIVEN_ITEM:
        return is_kind(state, given->node, NODE_ITEM) && option_fits(state, given->node, given->options[0])
                   ? true
                   : fail(state, "a test gives an item no option of it");
    case GIVEN_ALL_ITEMS:
        if (given->checklist == NO_INDEX) return fail(state, "a test gives no checklist");
        for (size_t index = 0; index < graph->checklists[given->checklist].item_count; index++)
            if (!option_fits(state, graph->checklists[given->checklist].items[index],
                             given->options[index]))
                return fail(state, "a test gives an item no option of it");
        return true;
    }
    return true;
}

static bool check_expect(verifier *state, const graph_expect *expect) {
    const graph_node *node = node_of(state, expect->node);
    bool fits = expect->written != NULL;
    switch (expect->kind) {
    case EXPECT_TRUE: fits = fits && expect->expr; break;
    case EXPECT_GATE: fits = fits && node && node->kind == NODE_GATE && expect->wanted < 3; break;
    case EXPECT_STATE:
        fits = fits && node && node->kind == NODE_ITEM && expect->wanted < ITEM_STATE_COUNT;
        break;
    case EXPECT_VALUE_STATE:
        fits = fits && expect->expr && (expect->wanted == EV_UNKNOWN || expect->wanted == EV_NA);
        break;
    case EXPECT_STAGE:
    case EXPECT_DURING:
        fits = fits && node && node->kind == NODE_STAGES &&
               (expect->wanted < 0 || (size_t)expect->wanted < node->stages->stage_count);
        if (fits && expect->kind == EXPECT_DURING && expect->wanted >= 0)
            fits = node->stages->stages[expect->wanted].is_during;
        break;
    }
    return fits ? true : fail(state, "a test's expectation names the wrong kind of thing");
}

static bool check_tests(verifier *state, diag_list *types) {
    for (size_t test = 0; test < state->graph->test_count; test++) {
        const graph_test *entry = &state->graph->tests[test];
        if (!entry->name) return fail(state, "a test has no name");
        for (size_t index = 0; index < entry->given_count; index++)
            if (!check_given(state, &entry->givens[index])) return false;
        for (size_t index = 0; index < entry->expect_count; index++) {
            const graph_expect *expect = &entry->expects[index];
            if (!check_expect(state, expect)) return false;
            if (expect->expr && check_expression(state->graph, expect->expr, NULL, types) !=
                                    (expect->kind == EXPECT_TRUE ? TYPE_BOOL : expect->expr->type))
                return fail(state, "a test's expectation does not type-check");
        }
    }
    return true;
}

/* {=== the whole ===} */

static bool check_exprs(verifier *state, expr_walk *walk, arena *scratch) {
    walk->facts = arena_calloc(scratch, walk->count + 1, sizeof *walk->facts);
    for (size_t index = 0; index < walk->count; index++) {
        if (!check_expr(state, walk, walk->exprs[index], &walk->facts[index])) return false;
        ptrmap_put(scratch, &walk->positions, walk->exprs[index], index + 1);
    }
    return true;
}

static bool check_structure(verifier *state, expr_walk *walk, arena *scratch) {
    const tk_graph *graph = state->graph;
    if (!check_exprs(state, walk, scratch) || !check_module_lists(state)) return false;
    for (size_t index = 0; index < graph->node_count; index++)
        if (!check_node(state, walk, index)) return false;
    for (size_t index = 0; index < graph->checklist_count; index++)
        if (!check_checklist(state, index)) return false;
    return true;
}

bool tkc_verify(tk_graph *graph, const gexpr *const *exprs, size_t expr_count, char *problem,
                size_t size) {
    verifier state = {graph, problem, size, false};
    arena scratch;
    arena_init(&scratch);
    expr_walk walk = {exprs, expr_count, NULL, {0}};
    diag_list types;
    diag_list_init(&types);
    if (check_structure(&state, &walk, &scratch)) {
        check_types(graph, NULL, &types);
        if (types.error_count) fail(&state, "an expression does not type-check");
        else if (check_tests(&state, &types) && !graph_index_names(graph))
            fail(&state, "two records have one name");
    }
    diag_list_release(&types);
    arena_release(&scratch);
    return !state.failed;
}
