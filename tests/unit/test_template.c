/* test_template.c — templates and graphs (src/report/template.c, graph_dot.c)
   and the expression printer they share (src/report/expr_text.c): printed
   expressions read back as the same expression, templates read back with
   every item unanswered and no diagnostic, graphs have an edge per use. */
#include <stdio.h>
#include <stdlib.h>

#include "report/expr_text.h"
#include "unit.h"

/* {=== expressions written back ===} */

#define EXPR_RULES_HEAD                                                            \
    "tenken 1\nmodule m\n"                                                         \
    "scale yn { yes 1 \"yes\" no 0 \"no\" }\n"                                     \
    "fact a : bool = true\nfact b : bool = false\nfact n : number = 4\n"           \
    "fact colour : enum(red, green) = green\n"                                     \
    "checklist c {\n  scale yn\n  item \"1\"\n  section s { item \"2\" item \"3\" }\n" \
    "  let base = 10\n  gate g = all(items is yes)\n  let e = "
#define EXPR_RULES_TAIL "\n}\nchecklist d {\n  scale yn\n  item \"9\"\n}\n"

/* Compile rules holding `let e = expression`; return e's expression as text. */
static char *print_expression(const char *expression, decimal *value, eval_kind *kind) {
    unit_run run = {0};
    size_t length = strlen(EXPR_RULES_HEAD) + strlen(expression) + strlen(EXPR_RULES_TAIL) + 1;
    char *rules = malloc(length);
    snprintf(rules, length, "%s%s%s", EXPR_RULES_HEAD, expression, EXPR_RULES_TAIL);
    unit_compile(&run, rules);
    cr_assert_not_null(run.graph, "'%s' does not compile: %s", expression, unit_codes(run.diags));
    size_t node = unit_value(run.graph, "c", "e");
    arena region;
    arena_init(&region);
    char *text = strdup(expr_text(&region, run.graph, run.graph->nodes[node].expr,
                                  run.graph->nodes[node].checklist));
    arena_release(&region);
    unit_read_answers(&run, "answers: {c: {\"1\": \"yes\", \"2\": \"no\", \"3\": \"yes\"}}\n");
    run.result = tk_evaluate(run.graph, run.answers);
    *value = run.result->values[node].number;
    *kind = run.result->values[node].kind;
    unit_free(&run);
    free(rules);
    return text;
}

/* The printed form reads back as an expression with the same value, and
   prints the same again. */
static void assert_round_trip(const char *expression, const char *expected) {
    decimal value, again_value;
    eval_kind kind, again_kind;
    char *printed = print_expression(expression, &value, &kind);
    if (expected) cr_expect_str_eq(printed, expected, "'%s' printed as '%s'", expression, printed);
    char *again = print_expression(printed, &again_value, &again_kind);
    cr_expect_str_eq(again, printed, "'%s' printed '%s', which prints '%s'", expression, printed,
                     again);
    cr_expect_eq(kind, again_kind, "'%s' and '%s' differ in kind", expression, printed);
    if (kind == again_kind && (kind == EV_NUMBER || kind == EV_BOOL))
        cr_expect(decimal_equal(value, again_value), "'%s' is %s but '%s' is %s", expression,
                  DECIMAL_TEXT(value), printed, DECIMAL_TEXT(again_value));
    free(printed);
    free(again);
}

Test(expr_text, keeps_the_parentheses_precedence_needs) {
    assert_round_trip("1 - (2 - 3)", "1 - (2 - 3)");
    assert_round_trip("(1 - 2) - 3", "1 - 2 - 3");
    assert_round_trip("2 * (3 + 4)", "2 * (3 + 4)");
    assert_round_trip("2 * 3 + 4", "2 * 3 + 4");
    assert_round_trip("8 / (4 / 2)", "8 / (4 / 2)");
    assert_round_trip("-(1 + 2)", "-(1 + 2)");
    assert_round_trip("- -n", "- -n");
    assert_round_trip("n * -1", "n * -1");
    assert_round_trip("0.5 + n", "0.5 + n");
}

Test(expr_text, keeps_the_logic_it_was_given) {
    assert_round_trip("not (a and b)", "not (a and b)");
    assert_round_trip("(not a) and b", "not a and b");
    assert_round_trip("a or b and not a", "a or b and not a");
    assert_round_trip("(a or b) and b", "(a or b) and b");
    assert_round_trip("not n > 3", "not n > 3");
    assert_round_trip("(n > 3) == a", "(n > 3) == a");
    assert_round_trip("if a then 1 else 2 + 3", "if a then 1 else 2 + 3");
    assert_round_trip("(if a then 1 else 2) + 3", "(if a then 1 else 2) + 3");
    assert_round_trip("1 + (if b then 1 else 2)", "1 + (if b then 1 else 2)");
}

Test(expr_text, names_items_facts_values_and_selections) {
    assert_round_trip("item \"1\" is yes and not item \"2\" is no",
                      "item \"1\" is yes and not item \"2\" is no");
    assert_round_trip("item \"1\" + item d.\"9\"", "item \"1\" + item d.\"9\"");
    assert_round_trip("colour is green", "colour is green");
    assert_round_trip("gate g or base > 3", "gate g or base > 3");
    assert_round_trip("sum(points of section s) / sum(max of items)",
                      "sum(points of section s) / sum(max of items)");
    assert_round_trip("count(items is yes, unanswered as false) >= 2",
                      "count(items is yes, unanswered as false) >= 2");
    assert_round_trip("sum(points of items, unanswered as 0)",
                      "sum(points of items, unanswered as 0)");
    assert_round_trip("count(checklist d) + sum(weight of items)",
                      "count(checklist d) + sum(weight of items)");
    assert_round_trip("any(section s is no)", "any(section s is no)");
}

/* {=== templates read back ===} */

static char *write_to_memory(const tk_graph *graph, const char *lang, bool dot) {
    char *text = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&text, &size);
    cr_assert_not_null(stream);
    if (dot) tk_write_graph(graph, stream, lang);
    else tk_write_template(graph, stream, lang);
    fclose(stream);
    return text;
}

static const char template_rules[] =
    "tenken 1\nmodule t\n"
    "scale yn { yes 1 ja \"はい\" en \"yes\" alias \"○\" no 0 ja \"いいえ\" en \"no\" }\n"
    "fact covid : bool = true \"コロナ禍\"\n"
    "fact size : enum(small, large) \"規模\"\n"
    "checklist c ja \"点検\" en \"Check\" {\n"
    "  scale yn\n"
    "  section first ja \"第一\" {\n"
    "    item \"1.1\" ja \"施錠\" { question ja \"施錠していますか？\" note \"line\\none\" }\n"
    "    item \"a\\\"b\" ja \"引用\" { exclude when covid because ja \"除外理由\" }\n"
    "  }\n"
    "  item \"two\\nlines\" ja \"改行\" { only when size is large weight 2 }\n"
    "  item \"#:~\" ja \"記号\"\n"
    "  score total = sum(points of items)\n"
    "}\n"
    "checklist empty ja \"空\" { }\n";

static void assert_template_reads_back(const char *lang) {
    unit_run run = {0};
    unit_compile_ok(&run, template_rules);
    size_t rule_diags = unit_diag_count(run.diags); /* warnings of the rules, if any */
    char *text = write_to_memory(run.graph, lang, false);
    unit_read_answers(&run, text);
    cr_assert_not_null(run.answers, "the template holds no answer set");
    cr_expect_eq(unit_diag_count(run.diags), rule_diags, "reading the template: %s\n%s",
                 unit_codes(run.diags), text);
    run.result = tk_evaluate(run.graph, run.answers);
    cr_expect_eq(unit_outcome(run.result, "c", "1.1")->state, STATE_UNANSWERED);
    cr_expect_eq(unit_outcome(run.result, "c", "a\"b")->state, STATE_EXCLUDED);
    cr_expect_eq(unit_outcome(run.result, "c", "two\nlines")->state, STATE_UNANSWERED);
    cr_expect_eq(unit_outcome(run.result, "c", "#:~")->state, STATE_UNANSWERED);
    cr_expect_null(run.answers->subject);
    cr_expect_null(run.answers->assessed);
    cr_expect(!run.answers->facts[unit_fact(run.graph, "covid")].given);
    free(text);
    unit_free(&run);
}

Test(template, reads_back_unanswered_in_japanese) { assert_template_reads_back("ja"); }
Test(template, reads_back_unanswered_in_english) { assert_template_reads_back("en"); }

Test(template, says_what_to_answer) {
    unit_run run = {0};
    unit_compile_ok(&run, template_rules);
    char *text = write_to_memory(run.graph, NULL, false);
    cr_expect(unit_contains(text, "\nrules: t\n"), "%s", text);
    cr_expect(unit_contains(text, "    # 項目 1.1: 施錠\n"), "%s", text);
    cr_expect(unit_contains(text, "    #   質問: 施錠していますか？\n"), "%s", text);
    cr_expect(unit_contains(text, "    #   注記: line\n    #         one\n"), "%s", text);
    cr_expect(unit_contains(text, "    #   1 はい (yes、別名 ○)\n    #   0 いいえ (no)\n"), "%s",
              text);
    cr_expect(unit_contains(text, "    #   除外: covid のとき — 除外理由\n"), "%s", text);
    cr_expect(unit_contains(text, "    #   対象: size is large のときのみ\n"), "%s", text);
    cr_expect(unit_contains(text, "    #   重み 2（点数 × 2）\n"), "%s", text);
    cr_expect(unit_contains(text, "    # ---- セクション first: 第一\n"), "%s", text);
    cr_expect(unit_contains(text, "    \"a\\\"b\":\n\n    # 項目 two lines"), "%s", text);
    cr_expect(unit_contains(text, "    \"two\\nlines\":\n"), "%s", text);
    cr_expect(unit_contains(text, "  empty: {}\n"), "%s", text);
    cr_expect(unit_contains(text, "  # size: enum (small / large)、既定値なし（不明）\n"), "%s",
              text);
    free(text);
    unit_free(&run);
}

/* {=== graphs ===} */

static size_t count_lines_with(const char *text, const char *part) {
    size_t count = 0;
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        const char *found = strstr(line, part);
        if (found && found < line + length) count++;
        line = end ? end + 1 : NULL;
    }
    return count;
}

Test(graph, has_a_node_per_definition_and_an_edge_per_use) {
    unit_run run = {0};
    unit_compile_ok(&run, template_rules);
    char *text = write_to_memory(run.graph, "en", true);
    cr_expect(unit_contains(text, "digraph \"t\" {\n"), "%s", text);
    cr_expect_eq(count_lines_with(text, "subgraph \"cluster_"), 2, "%s", text);
    cr_expect(unit_contains(text, "    label=\"c\\nCheck\";\n"), "%s", text);
    cr_expect_eq(count_lines_with(text, "[shape=box,"), 4, "%s", text);
    cr_expect_eq(count_lines_with(text, "[shape=parallelogram,"), 2, "%s", text);
    /* 4 items into total, covid into a"b, size into two\nlines */
    cr_expect_eq(count_lines_with(text, " -> "), 6, "%s", text);
    cr_expect(unit_contains(text, "  \"fact:covid\" -> \"item:c:a\\\"b\" [style=dashed, "
                                  "color=\"#b85450\", label=\"exclude\"];\n"),
              "%s", text);
    cr_expect(unit_contains(text, "\"item:c:two%0Alines\" -> \"value:c:total\";\n"), "%s", text);
    free(text);
    unit_free(&run);
}
