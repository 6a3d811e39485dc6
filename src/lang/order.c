/*
 * order.c — ordering the evaluation graph. A depth-first walk over each
 * node's dependencies gives a topological order; a dependency met while it
 * is still being walked closes a cycle, reported with only the nodes on it.
 * Every node reference is then renumbered into the new order.
 */
#include "lang/lower.h"

#include <string.h>

typedef enum visit_mark { UNVISITED, VISITING, DONE } visit_mark;

typedef struct sorter {
    lowering *lowering;
    tk_graph *graph;
    diag_list *diags;
    arena *region;
    visit_mark *marks;
    size_t *order;          /* old indices in topological order */
    size_t order_count;
    size_t *path;           /* the walk's current chain, for cycle reports */
    size_t path_count;
    bool cyclic;
} sorter;

/* {=== dependencies ===} */

typedef void (*dependency_visitor)(sorter *state, size_t node);

static void visit_node(sorter *state, size_t node);

static void visit_expr(sorter *state, const gexpr *expr) {
    if (!expr) return;
    switch (expr->kind) {
    case G_NODE:
    case G_ITEM_POINTS:
    case G_ITEM_IS:
    case G_FACT_IS: visit_node(state, expr->node); break;
    case G_AGGREGATE:
        for (size_t index = 0; index < expr->aggregate.item_count; index++)
            visit_node(state, expr->aggregate.items[index]);
        visit_expr(state, expr->aggregate.unanswered_as);
        break;
    default: break;
    }
    visit_expr(state, expr->left);
    visit_expr(state, expr->right);
    visit_expr(state, expr->otherwise);
}

static const char *node_kind_word(node_kind kind) {
    switch (kind) {
    case NODE_FACT: return "fact";
    case NODE_ITEM: return "item";
    case NODE_VALUE: return "value";
    case NODE_STAGES: return "stages";
    case NODE_BANDS: return "bands";
    default: return "gate";
    }
}

static void report_cycle(sorter *state, size_t node) {
    size_t first = 0;
    while (first < state->path_count && state->path[first] != node) first++;
    const graph_node *start = &state->graph->nodes[node];
    char *chain = "";
    for (size_t index = first; index < state->path_count; index++) {
        const graph_node *step = &state->graph->nodes[state->path[index]];
        chain = arena_printf(state->region, "%s%s '%s' -> ", chain, node_kind_word(step->kind),
                             step->name);
    }
    chain = arena_printf(state->region, "%s%s '%s'", chain, node_kind_word(start->kind),
                         start->name);
    diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0401,
                                     lowering_source(state->lowering, start->place),
                                     start->place.where.start, start->place.where.end,
                                     "dependency cycle: %s", chain);
    for (size_t index = first + 1; index < state->path_count; index++) {
        const graph_node *step = &state->graph->nodes[state->path[index]];
        diag_add_note(state->diags, record, lowering_source(state->lowering, step->place),
                      step->place.where.start, step->place.where.end,
                      "%s '%s' is on the cycle", node_kind_word(step->kind), step->name);
    }
    diag_set_help(state->diags, record,
                  "a definition cannot depend on itself; break the loop at one of these");
    state->cyclic = true;
}

static void visit_dependencies(sorter *state, const graph_node *node) {
    if (node->kind == NODE_ITEM) {
        const graph_item *item = node->item;
        for (size_t index = 0; index < item->exclusion_count; index++)
            visit_expr(state, item->exclusions[index].condition.expr);
        for (size_t index = 0; index < item->only_when_count; index++)
            visit_expr(state, item->only_when[index].expr);
    } else if (node->kind == NODE_FACT) {
        visit_expr(state, node->fact->default_value);
    } else if (node->kind == NODE_STAGES) {
        for (size_t index = 0; index < node->stages->stage_count; index++)
            visit_expr(state, node->stages->stages[index].enter_when.expr);
        for (size_t index = 0; index < node->stages->start_count; index++)
            visit_expr(state, node->stages->starts[index].condition.expr);
    } else {
        visit_expr(state, node->expr);
    }
}

static void visit_node(sorter *state, size_t node) {
    if (state->marks[node] == DONE) return;
    if (state->marks[node] == VISITING) {
        report_cycle(state, node);
        return;
    }
    state->marks[node] = VISITING;
    state->path[state->path_count++] = node;
    visit_dependencies(state, &state->graph->nodes[node]);
    state->path_count--;
    state->marks[node] = DONE;
    state->order[state->order_count++] = node;
}

/* {=== renumbering ===} */

static void renumber_expr(const size_t *new_index, const gexpr *constant_expr) {
    gexpr *expr = (gexpr *)constant_expr; /* the graph is still being built */
    if (!expr) return;
    if (expr->node != NO_INDEX) expr->node = new_index[expr->node];
    if (expr->kind == G_AGGREGATE) {
        for (size_t index = 0; index < expr->aggregate.item_count; index++)
            expr->aggregate.items[index] = new_index[expr->aggregate.items[index]];
        renumber_expr(new_index, expr->aggregate.unanswered_as);
    }
    renumber_expr(new_index, expr->left);
    renumber_expr(new_index, expr->right);
    renumber_expr(new_index, expr->otherwise);
}

static void renumber_array(const size_t *new_index, size_t *array, size_t count) {
    for (size_t index = 0; index < count; index++) array[index] = new_index[array[index]];
}

static void renumber_members(const size_t *new_index, graph_member *members, size_t count) {
    for (size_t index = 0; index < count; index++)
        if (members[index].kind == G_MEMBER_ITEM)
            members[index].index = new_index[members[index].index];
}

static void renumber_map(const size_t *new_index, strmap *map) {
    for (size_t slot = 0; slot < map->capacity; slot++) {
        if (!map->slots[slot].key) continue;
        size_t old = (size_t)(uintptr_t)map->slots[slot].value - 1;
        map->slots[slot].value = graph_index_value(new_index[old]);
    }
}

static void renumber_node(const size_t *new_index, graph_node *node) {
    if (node->kind == NODE_ITEM) {
        graph_item *item = node->item;
        for (size_t index = 0; index < item->exclusion_count; index++)
            renumber_expr(new_index, item->exclusions[index].condition.expr);
        for (size_t index = 0; index < item->only_when_count; index++)
            renumber_expr(new_index, item->only_when[index].expr);
    } else if (node->kind == NODE_FACT) {
        renumber_expr(new_index, node->fact->default_value);
    } else if (node->kind == NODE_STAGES) {
        for (size_t index = 0; index < node->stages->stage_count; index++)
            renumber_expr(new_index, node->stages->stages[index].enter_when.expr);
        for (size_t index = 0; index < node->stages->start_count; index++)
            renumber_expr(new_index, node->stages->starts[index].condition.expr);
    } else {
        renumber_expr(new_index, node->expr);
    }
}

static void renumber_graph(tk_graph *graph, const size_t *new_index) {
    for (size_t index = 0; index < graph->node_count; index++)
        renumber_node(new_index, &graph->nodes[index]);
    for (size_t index = 0; index < graph->checklist_count; index++) {
        graph_checklist *checklist = &graph->checklists[index];
        renumber_array(new_index, checklist->items, checklist->item_count);
        renumber_array(new_index, checklist->values, checklist->value_count);
        renumber_members(new_index, checklist->members, checklist->member_count);
        for (size_t section = 0; section < checklist->section_count; section++) {
            graph_section *entry = &checklist->sections[section];
            renumber_array(new_index, entry->items, entry->item_count);
            renumber_members(new_index, entry->members, entry->member_count);
        }
        renumber_map(new_index, &checklist->item_by_id);
        renumber_map(new_index, &checklist->value_by_name);
    }
    renumber_array(new_index, graph->facts, graph->fact_count);
    renumber_array(new_index, graph->values, graph->value_count);
    renumber_array(new_index, graph->ladders, graph->ladder_count);
    renumber_map(new_index, &graph->ladder_by_name);
    renumber_map(new_index, &graph->fact_by_name);
    renumber_map(new_index, &graph->value_by_name);
}

/* The nodes, and the declarations kept beside them, in the new order. */
static void reorder_nodes(lowering *lowerer, const size_t *order) {
    tk_graph *graph = lowerer->graph;
    size_t count = graph->node_count;
    graph_node *sorted = arena_calloc(&graph->region, count + 1, sizeof(graph_node));
    const void **decls = arena_calloc(lowerer->scratch, count + 1, sizeof(void *));
    for (size_t position = 0; position < count; position++) {
        sorted[position] = graph->nodes[order[position]];
        decls[position] = lowerer->node_decls[order[position]];
    }
    graph->nodes = sorted;
    lowerer->node_decls = decls;
}

bool graph_sort(lowering *lowerer) {
    tk_graph *graph = lowerer->graph;
    size_t count = graph->node_count;
    sorter state = {lowerer, graph, lowerer->diags, lowerer->scratch, NULL, NULL, 0, NULL, 0,
                    false};
    arena scratch;
    arena_init_within(&scratch, &graph->region);
    state.marks = arena_calloc(&scratch, count + 1, sizeof(visit_mark));
    state.order = arena_calloc(&scratch, count + 1, sizeof(size_t));
    state.path = arena_calloc(&scratch, count + 1, sizeof(size_t));
    /* Depth is bounded by the node count; deep chains use the C stack, so the
       walk is iterative over roots and recursive only along dependencies. */
    for (size_t node = 0; node < count; node++) visit_node(&state, node);
    if (!state.cyclic) {
        size_t *new_index = arena_calloc(&scratch, count + 1, sizeof(size_t));
        for (size_t position = 0; position < count; position++)
            new_index[state.order[position]] = position;
        renumber_graph(graph, new_index);
        reorder_nodes(lowerer, state.order);
    }
    arena_release(&scratch);
    return !state.cyclic;
}

