/* test_graph.c — ordering the evaluation graph (src/lang/order.c):
   topological order, cycle reports naming only the loop, and lookups and
   each node's own records after renumbering. */
#include "unit.h"

#define HEADER "tenken 1\nmodule m\nscale yes_no { yes 1 \"yes\" no 0 \"no\" }\n"

/* Declared before what they depend on, so sorting has to move them. */
static const char forward_rules[] = HEADER
    "checklist c {\n"
    "  scale yes_no\n"
    "  item \"1\" { only when item \"2\" is yes }\n"
    "  section s {\n"
    "    item \"2\" { only when item \"3\" is no and big }\n"
    "    item \"3\"\n"
    "  }\n"
    "  score a = b + 1\n"
    "  score b = c * 2\n"
    "  score c = sum(points of section s) + item \"1\"\n"
    "  let big = staff > 5\n"
    "}\n"
    "let top = c.a + staff\n"
    "fact staff: number = 3\n";

static size_t position_of(const tk_graph *graph, const char *name) {
    for (size_t index = 0; index < graph->node_count; index++)
        if (strcmp(graph->nodes[index].name, name) == 0) return index;
    cr_assert_fail("no node '%s'", name);
    return NO_INDEX;
}

/* Every node an expression refers to must come before `position`. */
static void assert_before(const tk_graph *graph, const gexpr *expr, size_t position) {
    if (!expr) return;
    if (expr->node != NO_INDEX)
        cr_assert_lt(expr->node, position, "node '%s' depends on '%s' that follows it",
                     graph->nodes[position].name, graph->nodes[expr->node].name);
    if (expr->kind == G_AGGREGATE) {
        for (size_t index = 0; index < expr->aggregate.item_count; index++)
            cr_assert_lt(expr->aggregate.items[index], position);
        assert_before(graph, expr->aggregate.unanswered_as, position);
    }
    assert_before(graph, expr->left, position);
    assert_before(graph, expr->right, position);
    assert_before(graph, expr->otherwise, position);
}

static void assert_topological(const tk_graph *graph) {
    for (size_t index = 0; index < graph->node_count; index++) {
        const graph_node *node = &graph->nodes[index];
        if (node->kind == NODE_ITEM) {
            for (size_t when = 0; when < node->item->only_when_count; when++)
                assert_before(graph, node->item->only_when[when].expr, index);
            for (size_t rule = 0; rule < node->item->exclusion_count; rule++)
                assert_before(graph, node->item->exclusions[rule].condition.expr, index);
        } else if (node->kind == NODE_FACT) {
            assert_before(graph, node->fact->default_value, index);
        } else {
            assert_before(graph, node->expr, index);
        }
    }
}

static void compile_sorted(unit_run *run) { unit_compile_ok(run, forward_rules); }

/* {=== order ===} */

Test(graph, every_node_follows_its_dependencies) {
    unit_run run = {0};
    compile_sorted(&run);
    cr_assert_eq(run.graph->node_count, 9);
    assert_topological(run.graph);
    unit_free(&run);
}

Test(graph, values_referencing_later_values_move_after_them) {
    unit_run run = {0};
    compile_sorted(&run);
    const tk_graph *graph = run.graph;
    cr_assert_lt(position_of(graph, "c"), position_of(graph, "b"));
    cr_assert_lt(position_of(graph, "b"), position_of(graph, "a"));
    cr_assert_lt(position_of(graph, "a"), position_of(graph, "top"));
    cr_assert_lt(position_of(graph, "staff"), position_of(graph, "big"));
    unit_free(&run);
}

Test(graph, items_follow_the_items_their_conditions_name) {
    unit_run run = {0};
    compile_sorted(&run);
    const tk_graph *graph = run.graph;
    cr_assert_lt(position_of(graph, "3"), position_of(graph, "2"));
    cr_assert_lt(position_of(graph, "2"), position_of(graph, "1"));
    cr_assert_lt(position_of(graph, "big"), position_of(graph, "2"));
    unit_free(&run);
}

/* {=== lookups after renumbering ===} */

Test(graph, lookups_find_the_renumbered_nodes) {
    unit_run run = {0};
    compile_sorted(&run);
    const tk_graph *graph = run.graph;
    const char *items[] = {"1", "2", "3"};
    const char *conditions[] = {"item \"2\" is yes", "item \"3\" is no and big", NULL};
    for (size_t index = 0; index < 3; index++) {
        size_t node = unit_item(graph, "c", items[index]);
        cr_assert_str_eq(graph->nodes[node].name, items[index]);
        cr_assert_eq(graph->nodes[node].kind, NODE_ITEM);
        const graph_item *item = graph->nodes[node].item;
        cr_assert_eq(item->only_when_count, conditions[index] ? 1 : 0);
        if (conditions[index]) cr_assert_str_eq(item->only_when[0].written, conditions[index]);
    }
    const char *values[] = {"a", "b", "c", "big"};
    const char *written[] = {"b + 1", "c * 2", "sum(points of section s) + item \"1\"",
                             "staff > 5"};
    for (size_t index = 0; index < 4; index++) {
        size_t node = unit_value(graph, "c", values[index]);
        cr_assert_str_eq(graph->nodes[node].name, values[index]);
        cr_assert_str_eq(graph->nodes[node].value->written, written[index]);
    }
    cr_assert_str_eq(graph->nodes[unit_value(graph, NULL, "top")].name, "top");
    cr_assert_str_eq(graph->nodes[unit_fact(graph, "staff")].name, "staff");
    unit_free(&run);
}

Test(graph, lists_keep_source_order_with_new_numbers) {
    unit_run run = {0};
    compile_sorted(&run);
    const tk_graph *graph = run.graph;
    const graph_checklist *checklist = &graph->checklists[unit_checklist(graph, "c")];
    cr_assert_eq(checklist->item_count, 3);
    cr_assert_str_eq(graph->nodes[checklist->items[0]].name, "1");
    cr_assert_str_eq(graph->nodes[checklist->items[2]].name, "3");
    cr_assert_eq(checklist->section_count, 1);
    cr_assert_eq(checklist->sections[0].item_count, 2);
    cr_assert_str_eq(graph->nodes[checklist->sections[0].items[0]].name, "2");
    cr_assert_eq(checklist->value_count, 4);
    cr_assert_str_eq(graph->nodes[checklist->values[0]].name, "a");
    cr_assert_eq(graph->fact_count, 1);
    cr_assert_str_eq(graph->nodes[graph->facts[0]].name, "staff");
    cr_assert_eq(graph->value_count, 1);
    cr_assert_str_eq(graph->nodes[graph->values[0]].name, "top");
    unit_free(&run);
}

Test(graph, expressions_point_at_the_renumbered_nodes) {
    unit_run run = {0};
    compile_sorted(&run);
    const tk_graph *graph = run.graph;
    const gexpr *a = graph->nodes[unit_value(graph, "c", "a")].expr;
    cr_assert_eq(a->kind, G_BINARY);
    cr_assert_eq(a->left->kind, G_NODE);
    cr_assert_str_eq(graph->nodes[a->left->node].name, "b");
    const gexpr *c = graph->nodes[unit_value(graph, "c", "c")].expr;
    cr_assert_eq(c->left->kind, G_AGGREGATE);
    cr_assert_eq(c->left->aggregate.item_count, 2);
    cr_assert_str_eq(graph->nodes[c->left->aggregate.items[0]].name, "2");
    cr_assert_str_eq(graph->nodes[c->left->aggregate.items[1]].name, "3");
    cr_assert_eq(c->right->kind, G_ITEM_POINTS);
    cr_assert_str_eq(graph->nodes[c->right->node].name, "1");
    unit_free(&run);
}

/* {=== cycles ===} */

static const diagnostic *compile_cycle(unit_run *run, const char *text) {
    cr_assert_null(unit_compile(run, text), "rules with a cycle compiled");
    const diagnostic *record = unit_find(run->diags, DIAG_TK0401);
    cr_assert_not_null(record, "no TK0401 among: %s", unit_codes(run->diags));
    return record;
}

Test(cycles, message_names_only_the_loop) {
    unit_run run = {0};
    const diagnostic *record = compile_cycle(&run, HEADER
        "let d = a + 1\n"
        "let a = b + 1\n"
        "let b = c + 1\n"
        "let c = a + 1\n"
        "let e = 1\n");
    cr_assert_str_eq(record->message,
                     "dependency cycle: value 'a' -> value 'b' -> value 'c' -> value 'a'");
    cr_assert_not(unit_contains(record->message, "'d'"));
    cr_assert_not(unit_contains(record->message, "'e'"));
    cr_assert_eq(record->note_count, 2);
    cr_assert_str_eq(record->notes[0].message, "value 'b' is on the cycle");
    cr_assert_str_eq(record->notes[1].message, "value 'c' is on the cycle");
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0401), 1);
    unit_free(&run);
}

Test(cycles, a_value_that_names_itself) {
    unit_run run = {0};
    const diagnostic *record = compile_cycle(&run, HEADER "let s = s + 1\n");
    cr_assert_str_eq(record->message, "dependency cycle: value 's' -> value 's'");
    cr_assert_eq(record->note_count, 0);
    cr_assert_eq(record->location.line, 4);
    unit_free(&run);
}

Test(cycles, items_whose_conditions_name_each_other) {
    unit_run run = {0};
    const diagnostic *record = compile_cycle(&run, HEADER
        "checklist c { scale yes_no\n"
        "  item \"0\"\n"
        "  item \"1\" { only when item \"2\" is yes }\n"
        "  item \"2\" { only when item \"1\" is yes }\n"
        "}\n");
    cr_assert_str_eq(record->message, "dependency cycle: item '1' -> item '2' -> item '1'");
    unit_free(&run);
}

Test(cycles, through_a_gate_and_an_aggregate) {
    unit_run run = {0};
    const diagnostic *record = compile_cycle(&run, HEADER
        "checklist c { scale yes_no\n"
        "  item \"1\" { exclude when not g because \"the gate failed\" }\n"
        "  gate g = all(items is yes)\n"
        "}\n");
    cr_assert(unit_contains(record->message, "item '1'"), "%s", record->message);
    cr_assert(unit_contains(record->message, "gate 'g'"), "%s", record->message);
    unit_free(&run);
}

Test(cycles, each_loop_is_reported) {
    unit_run run = {0};
    compile_cycle(&run, HEADER "let a = b\nlet b = a\nlet x = y\nlet y = x\nlet ok = 1\n");
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0401), 2, "codes: %s", unit_codes(run.diags));
    unit_free(&run);
}
