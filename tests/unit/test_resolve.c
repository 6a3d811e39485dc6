/* test_resolve.c — name resolution and type checking (src/resolve.c,
   src/check.c): unknown and duplicate names, scale problems, type errors. */
#include "unit.h"

#define HEADER                                              \
    "tenken 1\nmodule m\n"                                  \
    "scale yes_no { yes 1 \"yes\" no 0 \"no\" }\n"          \
    "fact cloud: bool = true\n"                             \
    "fact staff: number = 10\n"                             \
    "fact tier: enum(small, large) = small\n"

/* Compile text that must fail; returns the first diagnostic with `code`. */
static const diagnostic *compile_error(unit_run *run, const char *text, diag_code code) {
    cr_assert_null(unit_compile(run, text), "the rules compiled");
    const diagnostic *record = unit_find(run->diags, code);
    cr_assert_not_null(record, "no %s among: %s", diag_code_text(code), unit_codes(run->diags));
    cr_assert_eq(record->severity, SEVERITY_ERROR);
    return record;
}

static void assert_help(const diagnostic *record, const char *expected) {
    cr_assert_not_null(record->help, "no help for: %s", record->message);
    cr_assert_str_eq(record->help, expected);
}

Test(resolve, clean_rules_compile_without_diagnostics) {
    unit_run run = {0};
    unit_compile_ok(&run, HEADER "checklist c { scale yes_no item \"1\" score s = item \"1\" }\n");
    cr_assert_eq(unit_diag_count(run.diags), 0, "codes: %s", unit_codes(run.diags));
    cr_assert_eq(run.graph->checklist_count, 1);
    cr_assert_eq(run.graph->fact_count, 3);
    unit_free(&run);
}

/* {=== unknown names ===} */

Test(resolve, unknown_scale) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "checklist c { item \"1\" { scale yes_n } }\n", DIAG_TK0201);
    cr_assert_str_eq(record->message, "unknown scale 'yes_n'");
    assert_help(record, "did you mean 'yes_no'?");
    unit_free(&run);
}

Test(resolve, unknown_default_scale_is_reported_once) {
    unit_run run = {0};
    compile_error(&run, HEADER "checklist c { scale yes_n item \"1\" item \"2\" item \"3\" }\n",
                  DIAG_TK0201);
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0201), 1, "codes: %s", unit_codes(run.diags));
    unit_free(&run);
}

/* Guards a fixed bug (src/resolve.c, item_scale): an unknown default scale is reported only at
   the checklist's first item. When that item has its own scale nothing is reported, the
   rules compile with scale-less items, and reading an answer for one of them crashes (NULL
   scale in match_option). */
Test(resolve, unknown_default_scale_when_the_first_item_has_its_own) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "checklist c { scale yes_n\n  item \"1\" { scale yes_no }\n  item \"2\"\n}\n",
        DIAG_TK0201);
    cr_assert_str_eq(record->message, "unknown scale 'yes_n'");
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0201), 1);
    unit_free(&run);
}

Test(resolve, unknown_name) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "checklist c { scale yes_no item \"1\"\n"
               "  score total = item \"1\"\n  score double = totl * 2\n}\n",
        DIAG_TK0202);
    cr_assert_str_eq(record->message, "unknown name 'totl'");
    assert_help(record, "did you mean 'total'?");
    cr_assert_eq(record->location.line, 9);
    unit_free(&run);
}

Test(resolve, unknown_name_suggests_a_fact) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run, HEADER "let v = not clod\n", DIAG_TK0202);
    assert_help(record, "did you mean 'cloud'?");
    unit_free(&run);
}

Test(resolve, unknown_item) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "checklist c { scale yes_no item \"alpha\" score s = item \"alpah\" }\n",
        DIAG_TK0203);
    cr_assert_str_eq(record->message, "checklist 'c' has no item 'alpah'");
    assert_help(record, "did you mean 'alpha'?");
    unit_free(&run);
}

Test(resolve, item_outside_a_checklist_needs_its_checklist) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "checklist c { scale yes_no item \"1\" }\nlet v = item \"1\"\n", DIAG_TK0203);
    cr_assert(unit_contains(record->message, "needs its checklist"), "%s", record->message);
    unit_free(&run);
}

Test(resolve, unknown_option) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "checklist c { scale yes_no item \"1\" gate g = item \"1\" is yess }\n",
        DIAG_TK0204);
    cr_assert_str_eq(record->message, "item '1' has no option 'yess'");
    assert_help(record, "did you mean 'yes'?");
    unit_free(&run);
}

Test(resolve, unknown_option_in_an_aggregate) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "checklist c { scale yes_no item \"1\" item \"2\" gate g = all(items is ok) }\n",
        DIAG_TK0204);
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0204), 1, "one report per aggregate");
    cr_assert_str_eq(record->message, "item '1' has no option 'ok'");
    unit_free(&run);
}

Test(resolve, unknown_enum_member) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run, HEADER "let v = tier is lage\n", DIAG_TK0204);
    cr_assert_str_eq(record->message, "fact 'tier' has no value 'lage'");
    assert_help(record, "did you mean 'large'?");
    unit_free(&run);
}

Test(resolve, unknown_section) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "checklist c { scale yes_no\n"
               "  section selection { item \"1\" }\n"
               "  score s = sum(points of section selction)\n}\n",
        DIAG_TK0205);
    cr_assert_str_eq(record->message, "unknown section 'selction'");
    assert_help(record, "did you mean 'selection'?");
    unit_free(&run);
}

Test(resolve, unknown_checklist) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "checklist safe_use { scale yes_no item \"1\" }\n"
               "let v = sum(points of checklist safe_uze)\n",
        DIAG_TK0206);
    cr_assert_str_eq(record->message, "unknown checklist 'safe_uze'");
    assert_help(record, "did you mean 'safe_use'?");
    unit_free(&run);
}

Test(resolve, items_outside_a_checklist) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run, HEADER "let v = count(items)\n", DIAG_TK0206);
    cr_assert(unit_contains(record->message, "needs a checklist"), "%s", record->message);
    unit_free(&run);
}

Test(resolve, unknown_function) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "checklist c { scale yes_no item \"1\" score s = summ(points of items) }\n",
        DIAG_TK0209);
    cr_assert_str_eq(record->message, "unknown function 'summ'");
    assert_help(record, "did you mean 'sum'?");
    unit_free(&run);
}

Test(resolve, unknown_attribute) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "checklist c { scale yes_no item \"1\" score s = sum(pionts of items) }\n",
        DIAG_TK0210);
    cr_assert_str_eq(record->message, "items have no attribute 'pionts'");
    assert_help(record, "did you mean 'points'?");
    unit_free(&run);
}

/* {=== duplicates ===} */

static void assert_duplicate(const char *text, const char *message, unsigned first_line) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run, text, DIAG_TK0208);
    cr_assert_str_eq(record->message, message);
    cr_assert_eq(record->note_count, 1, "no note on: %s", record->message);
    cr_assert_str_eq(record->notes[0].message, "the first definition is here");
    cr_assert_eq(record->notes[0].location.line, first_line);
    unit_free(&run);
}

Test(duplicates, item) {
    assert_duplicate(HEADER "checklist c { scale yes_no\n  item \"1\"\n  item \"1\"\n}\n",
                     "item '1' is defined twice", 8);
}

Test(duplicates, item_in_another_section) {
    assert_duplicate(HEADER "checklist c { scale yes_no\n  section a { item \"1\" }\n"
                            "  section b { item \"1\" }\n}\n",
                     "item '1' is defined twice", 8);
}

Test(duplicates, section) {
    assert_duplicate(HEADER "checklist c { scale yes_no\n  section a { item \"1\" }\n"
                            "  section a { item \"2\" }\n}\n",
                     "section 'a' is defined twice", 8);
}

Test(duplicates, value) {
    assert_duplicate(HEADER "checklist c { scale yes_no item \"1\"\n  score total = 1\n"
                            "  let total = 2\n}\n",
                     "value 'total' is defined twice", 8);
}

Test(duplicates, value_named_like_a_fact) {
    assert_duplicate(HEADER "let staff = 2\n", "value 'staff' is defined twice", 5);
}

Test(duplicates, gate) {
    assert_duplicate(HEADER "gate ok = true\ngate ok = false\n", "gate 'ok' is defined twice", 7);
}

Test(duplicates, fact) {
    assert_duplicate(HEADER "fact cloud: number\n", "fact 'cloud' is defined twice", 4);
}

Test(duplicates, scale) {
    assert_duplicate(HEADER "scale yes_no { ok 1 \"ok\" }\n", "scale 'yes_no' is defined twice", 3);
}

Test(duplicates, checklist) {
    assert_duplicate(HEADER "checklist c { scale yes_no item \"1\" }\n"
                            "checklist c { scale yes_no item \"1\" }\n",
                     "checklist 'c' is defined twice", 7);
}

Test(duplicates, option_key) {
    assert_duplicate(HEADER "scale s { a 1 \"x\" a 2 \"y\" }\n", "option 'a' is defined twice", 7);
}

/* Guards a fixed bug (src/resolve.c, build_scale): an option key given twice is skipped but
   still counted, leaving an option with a NULL key; find_option() then calls strcmp(NULL, …)
   and compiling crashes (SIGSEGV) as soon as an expression names an option of that scale. */
Test(duplicates, option_key_then_is_does_not_crash) {
    unit_run run = {0};
    compile_error(&run, HEADER "scale s { a 1 \"x\" a 2 \"y\" b 0 \"z\" }\n"
                               "checklist c { scale s item \"1\" gate g = item \"1\" is b }\n",
                  DIAG_TK0208);
    cr_assert_eq(unit_diag_count(run.diags), 1, "codes: %s", unit_codes(run.diags));
    unit_free(&run);
}

Test(duplicates, a_label_naming_two_options) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run,
        HEADER "scale s { a 1 \"same\" b 0 \"same\" }\n", DIAG_TK0208);
    cr_assert_str_eq(record->message, "'same' names two options of the scale");
    cr_assert_eq(record->note_count, 1);
    unit_free(&run);
}

/* {=== scales ===} */

Test(scales, item_without_scale) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run, HEADER "checklist c { item \"1\" }\n",
                                             DIAG_TK0302);
    cr_assert_str_eq(record->message, "item '1' has no options");
    unit_free(&run);
}

Test(scales, same_points_is_a_warning) {
    unit_run run = {0};
    unit_compile_ok(&run, HEADER "scale s { a 1 \"a\" b 1 \"b\" c 0 \"c\" }\n");
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0303), 1);
    cr_assert_eq(tk_diags_error_count(run.diags), 0);
    const diagnostic *record = unit_find(run.diags, DIAG_TK0303);
    cr_assert_not_null(record);
    cr_assert_eq(record->severity, SEVERITY_WARNING);
    cr_assert_str_eq(record->message, "options 'a' and 'b' have the same points");
    unit_free(&run);
}

Test(scales, inline_options_with_same_points_warn_too) {
    unit_run run = {0};
    unit_compile_ok(&run,
                    HEADER "checklist c { item \"1\" { options { x 2 \"x\" y 2 \"y\" } } }\n");
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0303), 1);
    unit_free(&run);
}

Test(scales, empty_scale) {
    unit_run run = {0};
    const diagnostic *record = compile_error(&run, HEADER "scale empty { }\n", DIAG_TK0304);
    cr_assert_str_eq(record->message, "the scale has no options");
    cr_assert_eq(record->location.line, 7);
    unit_free(&run);
}

Test(scales, max_points_is_the_best_option) {
    unit_run run = {0};
    unit_compile_ok(&run, HEADER "scale s { low -1 \"l\" high 4 \"h\" mid 2 \"m\" }\n"
                                 "checklist c { scale s item \"1\" }\n");
    size_t node = unit_item(run.graph, "c", "1");
    cr_assert_float_eq(decimal_to_double(run.graph->nodes[node].item->scale->max_points), 4.0, 1e-9);
    cr_assert_eq(run.graph->nodes[node].item->scale->option_count, 3);
    unit_free(&run);
}

/* {=== types ===} */

static const diagnostic *type_error(unit_run *run, const char *text) {
    return compile_error(run, text, DIAG_TK0301);
}

Test(types, number_plus_bool) {
    unit_run run = {0};
    const diagnostic *record = type_error(&run, HEADER "let v = 1 + true\n");
    cr_assert_str_eq(record->message, "expected a number here, found true/false");
    cr_assert_eq(record->location.column, 13);
    unit_free(&run);
}

Test(types, gate_must_be_true_or_false) {
    unit_run run = {0};
    const diagnostic *record = type_error(&run,
        HEADER "checklist c { scale yes_no item \"1\" gate g = sum(points of items) }\n");
    cr_assert_str_eq(record->message, "expected true/false here, found a number");
    unit_free(&run);
}

Test(types, sum_of_a_condition) {
    unit_run run = {0};
    const diagnostic *record = type_error(&run,
        HEADER "checklist c { scale yes_no item \"1\" score s = sum(items is yes) }\n");
    cr_assert(unit_contains(record->message, "not conditions"), "%s", record->message);
    cr_assert(unit_contains(record->help, "count(items is"), "%s", record->help);
    unit_free(&run);
}

Test(types, all_needs_a_condition) {
    unit_run run = {0};
    const diagnostic *record = type_error(&run,
        HEADER "checklist c { scale yes_no item \"1\" gate g = all(points of items) }\n");
    cr_assert(unit_contains(record->message, "need a condition"), "%s", record->message);
    unit_free(&run);
}

Test(types, condition_must_be_true_or_false) {
    unit_run run = {0};
    const diagnostic *record = type_error(&run,
        HEADER "checklist c { scale yes_no item \"1\" { only when staff } }\n");
    cr_assert_str_eq(record->message, "expected true/false here, found a number");
    unit_free(&run);
}

Test(types, equality_needs_one_type) {
    unit_run run = {0};
    const diagnostic *record = type_error(&run, HEADER "let v = staff == cloud\n");
    cr_assert_str_eq(record->message, "expected a number here, found true/false");
    unit_free(&run);
}

Test(types, if_branches_must_agree) {
    unit_run run = {0};
    type_error(&run, HEADER "let v = if cloud then 1 else false\n");
    unit_free(&run);
}

Test(types, unanswered_as_must_fit) {
    unit_run run = {0};
    type_error(&run,
        HEADER "checklist c { scale yes_no item \"1\"\n"
               "  score s = sum(points of items, unanswered as true) }\n");
    unit_free(&run);
}

Test(types, fact_default_must_fit) {
    unit_run run = {0};
    type_error(&run, HEADER "fact n: number = true\n");
    unit_free(&run);
}

Test(types, fact_default_must_be_a_literal) {
    unit_run run = {0};
    const diagnostic *record = type_error(&run, HEADER "fact size: number = staff\n");
    cr_assert_str_eq(record->message, "a default must be a literal, not the name 'staff'");
    cr_assert_str_eq(unit_codes(run.diags), "TK0301");
    unit_free(&run);
}

Test(types, errors_do_not_cascade) {
    unit_run run = {0};
    type_error(&run, HEADER "let a = 1 + true\nlet b = a + 1\nlet c = b * 2\n");
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0301), 1, "codes: %s", unit_codes(run.diags));
    unit_free(&run);
}

Test(types, values_get_their_types) {
    unit_run run = {0};
    unit_compile_ok(&run, HEADER "let n = staff * 2\nlet b = n > 3 and cloud\ngate g = b\n"
                                 "let e = tier is large\n");
    cr_assert_eq(run.graph->nodes[unit_value(run.graph, NULL, "n")].type, TYPE_NUMBER);
    cr_assert_eq(run.graph->nodes[unit_value(run.graph, NULL, "b")].type, TYPE_BOOL);
    cr_assert_eq(run.graph->nodes[unit_value(run.graph, NULL, "g")].kind, NODE_GATE);
    cr_assert_eq(run.graph->nodes[unit_value(run.graph, NULL, "e")].type, TYPE_BOOL);
    unit_free(&run);
}
