/*
 * test_stages.c — stage ladders (entering in order, start, during, the next
 * stage's status), variants (each change form) and test blocks run through
 * the library's tk_test_run.
 */
#include <criterion/criterion.h>

#include "unit.h"

static const char ladder_rules[] =
    "tenken 1\n"
    "module unit.ladder\n"
    "scale yes_no { yes 1 \"はい\" no 0 \"いいえ\" }\n"
    "fact adopted : bool = false\n"
    "checklist a { scale yes_no item \"1\" \"a\" gate ready = all(items is yes) }\n"
    "checklist b { scale yes_no item \"1\" \"b\" gate ready = all(items is yes) }\n"
    "stages ladder {\n"
    "  stage \"0\" \"検討\"\n"
    "  stage \"1\" \"試行\"\n"
    "  stage \"2\" \"導入\" enter when gate a.ready\n"
    "  stage \"3\" \"本格\" enter when gate b.ready\n"
    "  stage \"x\" \"並行\" during \"2\" .. \"3\"\n"
    "  start \"3\" when adopted\n"
    "}\n";

static const ladder_outcome *ladder_of(const tk_result *result) {
    size_t node = graph_lookup(&result->graph->ladder_by_name, "ladder");
    cr_assert_neq(node, NO_INDEX);
    return &result->ladders[node];
}

static const char *current_id(const tk_result *result) {
    const ladder_outcome *outcome = ladder_of(result);
    size_t node = graph_lookup(&result->graph->ladder_by_name, "ladder");
    if (outcome->current == NO_INDEX) return "none";
    return result->graph->nodes[node].stages->stages[outcome->current].id;
}

Test(ladder, stages_without_conditions_are_entered_at_once) {
    unit_run run = {0};
    unit_evaluate(&run, ladder_rules, "tenken: 1\n");
    cr_assert_str_eq(current_id(run.result), "1");
    cr_assert_eq(ladder_of(run.result)->next, 2);
    cr_assert_eq(ladder_of(run.result)->next_status, TK_GATE_PENDING);
    unit_free(&run);
}

Test(ladder, a_failed_gate_stops_the_climb) {
    unit_run run = {0};
    unit_evaluate(&run, ladder_rules, "answers:\n  a:\n    \"1\": いいえ\n");
    cr_assert_str_eq(current_id(run.result), "1");
    cr_assert_eq(ladder_of(run.result)->next_status, TK_GATE_FAIL);
    unit_free(&run);
}

Test(ladder, stages_are_entered_in_order_only) {
    unit_run run = {0};
    unit_evaluate(&run, ladder_rules, "answers:\n  b:\n    \"1\": はい\n");
    cr_assert_str_eq(current_id(run.result), "1", "stage 3's gate passes but stage 2's does not");
    unit_free(&run);
}

Test(ladder, during_stages_follow_the_current_stage) {
    unit_run run = {0};
    unit_evaluate(&run, ladder_rules, "answers:\n  a:\n    \"1\": はい\n");
    cr_assert_str_eq(current_id(run.result), "2");
    cr_assert(ladder_of(run.result)->entered[4], "x runs during 2..3");
    unit_free(&run);
}

Test(ladder, start_enters_the_stages_up_to_it) {
    unit_run run = {0};
    unit_evaluate(&run, ladder_rules, "facts:\n  adopted: true\n");
    cr_assert_str_eq(current_id(run.result), "3");
    cr_assert_eq(ladder_of(run.result)->next, NO_INDEX);
    unit_free(&run);
}

Test(ladder, a_condition_must_be_true_or_false) {
    unit_run run = {0};
    unit_compile(&run, "tenken 1\nmodule unit.bad\nstages s { stage \"0\" \"a\" enter when 1 }\n");
    cr_assert_null(run.graph);
    cr_assert_str_eq(unit_code(run.diags, 0), "TK0301");
    unit_free(&run);
}

static const char variant_rules[] =
    "tenken 1\n"
    "module unit.variant\n"
    "scale yes_no { yes 1 \"はい\" no 0 \"いいえ\" }\n"
    "fact covid : bool = false\n"
    "checklist c {\n"
    "  scale yes_no\n"
    "  item \"1\" \"一\"\n"
    "  item \"2\" \"二\" { exclude when covid because \"コロナ\" }\n"
    "  score yes = count(items is yes)\n"
    "}\n"
    "variant as_printed extends unit.variant {\n"
    "  fact covid = true\n"
    "  include c.\"2\"\n"
    "  exclude c.\"1\" when covid because \"印刷どおり\"\n"
    "  item c.\"2\" { label \"新しいラベル\" }\n"
    "  checklist c { item \"3\" \"三\" score yes = count(items is yes) + 100 }\n"
    "}\n";

static tk_graph *compile_variant(unit_run *run, const char *variant) {
    run->diags = tk_diags_new();
    tk_compile_options options = {NULL, 0, variant};
    run->graph = compile_text(UNIT_RULES_PATH, variant_rules, &options, run->diags);
    cr_assert_not_null(run->graph, "%s", unit_codes(run->diags));
    return run->graph;
}

Test(variant, is_named_after_its_module) {
    unit_run run = {0};
    compile_variant(&run, "as_printed");
    cr_assert_str_eq(tk_graph_module(run.graph), "unit.variant.as_printed");
    unit_free(&run);
}

Test(variant, applies_every_change) {
    unit_run run = {0};
    compile_variant(&run, "as_printed");
    unit_read_answers(&run, "answers:\n  c:\n    \"1\": はい\n    \"2\": はい\n    \"3\": はい\n");
    run.result = tk_evaluate(run.graph, run.answers);
    cr_assert_eq(unit_outcome(run.result, "c", "1")->state, STATE_EXCLUDED);
    cr_assert_eq(unit_outcome(run.result, "c", "2")->state, STATE_ANSWERED);
    cr_assert_eq(unit_number(run.result, "c", "yes"), 102, "items 2 and 3, plus the new 100");
    const graph_item *item = run.graph->nodes[unit_item(run.graph, "c", "2")].item;
    cr_assert_str_eq(graph_text_pick(&item->label, "ja"), "新しいラベル");
    unit_free(&run);
}

Test(variant, fixes_its_facts) {
    unit_run run = {0};
    compile_variant(&run, "as_printed");
    unit_read_answers(&run, "facts:\n  covid: false\n");
    cr_assert_str_eq(unit_code(run.diags, 0), "TK0513");
    unit_free(&run);
}

Test(variant, the_module_itself_is_unchanged) {
    unit_run run = {0};
    unit_evaluate(&run, variant_rules, "answers:\n  c:\n    \"1\": はい\n    \"2\": はい\n");
    cr_assert_eq(unit_number(run.result, "c", "yes"), 2);
    cr_assert_eq(tk_graph_variant_count(run.graph), 1);
    cr_assert_str_eq(tk_graph_variant_name(run.graph, 0), "as_printed");
    unit_free(&run);
}

Test(variant, an_unknown_variant_is_an_error) {
    unit_run run = {0};
    run.diags = tk_diags_new();
    tk_compile_options options = {NULL, 0, "nope"};
    run.graph = compile_text(UNIT_RULES_PATH, variant_rules, &options, run.diags);
    cr_assert_null(run.graph);
    cr_assert_str_eq(unit_code(run.diags, 0), "TK0213");
    unit_free(&run);
}

static const char test_rules[] =
    "tenken 1\n"
    "module unit.tests\n"
    "scale yes_no { yes 1 \"はい\" no 0 \"いいえ\" }\n"
    "checklist c { scale yes_no item \"1\" \"一\" item \"2\" \"二\"\n"
    "  score yes = count(items is yes) gate ready = all(items is yes) }\n"
    "test \"passes\" {\n"
    "  given c.* = yes\n"
    "  given c.\"2\" = \"いいえ\"\n"
    "  expect c.yes == 1\n"
    "  expect gate c.ready is fail blocking \"2\"\n"
    "  expect item c.\"1\" is answered\n"
    "}\n"
    "test \"fails\" {\n"
    "  given c.\"1\" = yes\n"
    "  expect c.yes == 2\n"
    "  expect gate c.ready is pending waiting \"1\"\n"
    "}\n";

Test(tests, a_passing_test_has_no_failures) {
    unit_run run = {0};
    unit_compile_ok(&run, test_rules);
    cr_assert_eq(tk_graph_test_count(run.graph), 2);
    tk_test_result *result = tk_test_run(run.graph, 0);
    cr_assert_str_eq(tk_test_name(result), "passes");
    cr_assert(tk_test_passed(result), "%s", tk_test_failure(result, 0));
    tk_test_result_free(result);
    unit_free(&run);
}

Test(tests, a_failing_test_says_what_was_found) {
    unit_run run = {0};
    unit_compile_ok(&run, test_rules);
    tk_test_result *result = tk_test_run(run.graph, 1);
    cr_assert_not(tk_test_passed(result));
    cr_assert_eq(tk_test_failure_count(result), 2);
    cr_assert(unit_contains(tk_test_failure(result, 0), "expect c.yes == 2: found unknown"),
              "%s", tk_test_failure(result, 0));
    cr_assert(unit_contains(tk_test_failure(result, 1), "waiting is \"2\""),
              "%s", tk_test_failure(result, 1));
    cr_assert(unit_contains(tk_test_failure(result, 0), "test.tkn:15:3:"), "%s",
              tk_test_failure(result, 0));
    tk_test_result_free(result);
    unit_free(&run);
}
