/* test_answers.c — reading answer sets from YAML and JSON (src/answers.c):
   matching options, facts, header keys, streams, and every answer-file error. */
#include "unit.h"

static const char rules[] =
    "tenken 1\nmodule t\n"
    "scale yes_no { yes 1 ja \"はい\" en \"yes\" no 0 ja \"いいえ\" en \"no\" }\n"
    "scale confirm {\n"
    "  confirmed 3 ja \"確認した\" en \"confirmed\"\n"
    "  in_progress 2 ja \"確認中\"\n"
    "  not_yet 1 ja \"まだ確認していない\" alias \"未確認\"\n"
    "  dont_know 0 ja \"わからない\"\n"
    "}\n"
    "fact cloud: bool\n"
    "fact staff: number\n"
    "fact since: date\n"
    "fact tier: enum(small, large)\n"
    "fact owner: string\n"
    "checklist c { scale confirm\n"
    "  item \"1\"\n"
    "  item \"1.1\"\n"
    "  item \"yes\" { scale yes_no }\n"
    "  item \"2\" { scale yes_no }\n"
    "}\n"
    "checklist d { scale yes_no item \"x\" }\n";

#define HEADER "tenken: 1\nrules: t\n"

/* Read the first answer set of `text` against the rules above. */
static tk_answers *read_set(unit_run *run, const char *text) {
    unit_compile_ok(run, rules);
    cr_assert_eq(tk_diags_error_count(run->diags), 0, "rules: %s", unit_codes(run->diags));
    tk_answers *answers = unit_read_answers(run, text);
    cr_assert_not_null(answers, "no answer set: %s", unit_codes(run->diags));
    return answers;
}

/* Read answers that must give no diagnostic at all. */
static tk_answers *read_clean(unit_run *run, const char *text) {
    tk_answers *answers = read_set(run, text);
    cr_assert_eq(tk_diags_error_count(run->diags), 0, "codes: %s", unit_codes(run->diags));
    return answers;
}

/* The option index chosen for an item (ANSWER_NONE, ANSWER_INVALID or >= 0). */
static int option_of(unit_run *run, const char *checklist, const char *id) {
    return run->answers->options[unit_item(run->graph, checklist, id)];
}

/* The only diagnostic there is, which must have `code`. */
static const diagnostic *only_diag(unit_run *run, diag_code code) {
    cr_assert_eq(unit_diag_count(run->diags), 1, "codes: %s", unit_codes(run->diags));
    const diagnostic *record = unit_diag(run->diags, 0);
    cr_assert_eq(record->code, code, "code %s", diag_code_text(record->code));
    return record;
}

/* {=== naming an option ===} */

Test(options, by_label) {
    unit_run run = {0};
    read_clean(&run, HEADER "answers:\n  c:\n    \"1\": 確認した\n    \"2\": いいえ\n");
    cr_assert_eq(option_of(&run, "c", "1"), 0);
    cr_assert_eq(option_of(&run, "c", "2"), 1);
    unit_free(&run);
}

Test(options, by_label_in_another_language) {
    unit_run run = {0};
    read_clean(&run, HEADER "answers:\n  c:\n    \"1\": confirmed\n");
    cr_assert_eq(option_of(&run, "c", "1"), 0);
    unit_free(&run);
}

Test(options, by_alias) {
    unit_run run = {0};
    read_clean(&run, HEADER "answers:\n  c:\n    \"1\": 未確認\n");
    cr_assert_eq(option_of(&run, "c", "1"), 2);
    unit_free(&run);
}

Test(options, by_key) {
    unit_run run = {0};
    read_clean(&run, HEADER "answers:\n  c:\n    \"1\": in_progress\n    \"2\": yes\n");
    cr_assert_eq(option_of(&run, "c", "1"), 1);
    cr_assert_eq(option_of(&run, "c", "2"), 0);
    unit_free(&run);
}

Test(options, by_points) {
    unit_run run = {0};
    read_clean(&run, HEADER "answers:\n  c:\n    \"1\": \"2\"\n    \"1.1\": 0\n");
    cr_assert_eq(option_of(&run, "c", "1"), 1);
    cr_assert_eq(option_of(&run, "c", "1.1"), 3);
    unit_free(&run);
}

Test(options, unanswered_items_stay_none) {
    unit_run run = {0};
    read_clean(&run, HEADER "answers:\n  c:\n    \"1\": 確認した\n    \"2\": ~\n");
    cr_assert_eq(option_of(&run, "c", "1.1"), ANSWER_NONE);
    cr_assert_eq(option_of(&run, "c", "2"), ANSWER_NONE);
    cr_assert_eq(option_of(&run, "d", "x"), ANSWER_NONE);
    unit_free(&run);
}

Test(options, points_shared_by_two_options_are_ambiguous) {
    unit_run run = {0};
    run.diags = tk_diags_new();
    unit_compile_ok(&run, "tenken 1\nmodule t\n"
                          "scale s { a 1 \"A\" b 1 \"B\" c 0 \"C\" }\n"
                          "checklist c { scale s item \"1\" item \"2\" }\n");
    cr_assert_eq(tk_diags_warning_count(run.diags), 1); /* TK0303 */
    unit_read_answers(&run, HEADER "answers:\n  c:\n    \"1\": 1\n    \"2\": 0\n");
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0506), 1, "codes: %s", unit_codes(run.diags));
    const diagnostic *record = unit_find(run.diags, DIAG_TK0506);
    cr_assert(unit_contains(record->message, "several options"), "%s", record->message);
    cr_assert_eq(option_of(&run, "c", "1"), ANSWER_INVALID);
    cr_assert_str_eq(run.answers->raw[unit_item(run.graph, "c", "1")], "1");
    cr_assert_eq(option_of(&run, "c", "2"), 2);
    unit_free(&run);
}

Test(options, not_an_option_suggests_the_closest) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  c:\n    \"1\": 確認済み\n");
    const diagnostic *record = only_diag(&run, DIAG_TK0505);
    cr_assert_str_eq(record->message, "'確認済み' is not an option of item '1'");
    cr_assert_str_eq(record->help, "did you mean '確認した'?");
    cr_assert_eq(record->location.line, 5);
    cr_assert_eq(record->location.column, 10);
    cr_assert_eq(option_of(&run, "c", "1"), ANSWER_INVALID);
    unit_free(&run);
}

Test(options, not_an_option_lists_the_options) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  c:\n    \"2\": perhaps\n");
    const diagnostic *record = only_diag(&run, DIAG_TK0505);
    cr_assert_str_eq(record->help, "the options are はい (1), いいえ (0)");
    unit_free(&run);
}

Test(options, invalid_answer_makes_the_item_invalid) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  c:\n    \"2\": perhaps\n");
    run.result = tk_evaluate(run.graph, run.answers);
    cr_assert_eq(unit_outcome(run.result, "c", "2")->state, STATE_INVALID);
    unit_free(&run);
}

/* {=== items and checklists ===} */

Test(items, unknown_item_suggests_the_id) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  c:\n    \"１.1\": 確認した\n");
    const diagnostic *record = only_diag(&run, DIAG_TK0504);
    cr_assert_str_eq(record->message, "checklist 'c' has no item '１.1'");
    cr_assert_str_eq(record->help, "did you mean '1.1'?");
    cr_assert_eq(option_of(&run, "c", "1.1"), ANSWER_NONE);
    unit_free(&run);
}

Test(items, unknown_checklist) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  zz:\n    \"1\": 確認した\n");
    const diagnostic *record = only_diag(&run, DIAG_TK0503);
    cr_assert_str_eq(record->message, "the rules have no checklist 'zz'");
    cr_assert_eq(record->location.line, 4);
    cr_assert_eq(record->location.column, 3);
    unit_free(&run);
}

Test(items, duplicate_key_makes_the_item_invalid) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  c:\n    \"1\": 確認した\n    \"1\": 確認中\n");
    const diagnostic *record = only_diag(&run, DIAG_TK0509);
    cr_assert_str_eq(record->message, "key '1' is given twice");
    cr_assert_eq(record->location.line, 6);
    cr_assert_eq(record->note_count, 1);
    cr_assert_eq(record->notes[0].location.line, 5);
    cr_assert_eq(option_of(&run, "c", "1"), ANSWER_INVALID);
    unit_free(&run);
}

/* Guards a fixed bug (src/answers.c, read_checklist_answers): when the first of two equal keys
   is empty (`"1": ~`), the second answer is taken as if given once, so the item is answered
   although TK0509 says tenken does not pick one (and under --lenient the answer is used
   silently). */
Test(items, duplicate_key_after_an_empty_answer_is_invalid) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  c:\n    \"1\": ~\n    \"1\": 確認中\n");
    only_diag(&run, DIAG_TK0509);
    cr_assert_eq(option_of(&run, "c", "1"), ANSWER_INVALID);
    unit_free(&run);
}

Test(items, answer_with_note_and_evidence) {
    unit_run run = {0};
    read_clean(&run, HEADER "answers:\n  c:\n    \"1\":\n      answer: 確認中\n"
                            "      note: 約款を確認\n      evidence: terms.pdf\n");
    size_t node = unit_item(run.graph, "c", "1");
    cr_assert_eq(run.answers->options[node], 1);
    cr_assert_str_eq(run.answers->notes[node], "約款を確認");
    cr_assert_str_eq(run.answers->evidence[node], "terms.pdf");
    unit_free(&run);
}

Test(items, answer_mapping_with_an_unknown_field) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  c:\n    \"1\":\n      answer: 確認中\n      remark: x\n");
    const diagnostic *record = only_diag(&run, DIAG_TK0511);
    cr_assert_str_eq(record->message, "an answer has no field 'remark'");
    cr_assert_eq(option_of(&run, "c", "1"), 1);
    unit_free(&run);
}

Test(items, a_list_is_no_answer) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  c:\n    \"1\": [確認中, 確認した]\n");
    only_diag(&run, DIAG_TK0502);
    cr_assert_eq(option_of(&run, "c", "1"), ANSWER_NONE);
    unit_free(&run);
}

/* {=== scalars stay text ===} */

Test(scalars, yes_and_numbers_are_not_converted) {
    unit_run run = {0};
    read_clean(&run, HEADER "answers:\n  c:\n    yes: no\n    1.1: 3\n    2: yes\n");
    cr_assert_eq(option_of(&run, "c", "yes"), 1);
    cr_assert_eq(option_of(&run, "c", "1.1"), 0);
    cr_assert_eq(option_of(&run, "c", "2"), 0);
    unit_free(&run);
}

Test(scalars, trailing_zero_ids_are_kept) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  c:\n    1.10: 確認した\n");
    const diagnostic *record = only_diag(&run, DIAG_TK0504);
    cr_assert(unit_contains(record->message, "'1.10'"), "%s", record->message);
    unit_free(&run);
}

/* {=== facts ===} */

static const fact_value *fact_of(unit_run *run, const char *name) {
    return &run->answers->facts[unit_fact(run->graph, name)];
}

Test(facts, values_of_each_type) {
    unit_run run = {0};
    read_clean(&run, HEADER "facts:\n  cloud: yes\n  staff: 12.5\n  since: 2024-02-29\n"
                            "  tier: large\n  owner: 総務部\n");
    cr_assert(fact_of(&run, "cloud")->given);
    cr_assert_float_eq(decimal_to_double(fact_of(&run, "cloud")->number), 1.0, 1e-9);
    cr_assert_float_eq(decimal_to_double(fact_of(&run, "staff")->number), 12.5, 1e-9);
    cr_assert_str_eq(fact_of(&run, "since")->string, "2024-02-29");
    cr_assert_float_eq(decimal_to_double(fact_of(&run, "tier")->number), 1.0, 1e-9);
    cr_assert_str_eq(fact_of(&run, "owner")->string, "総務部");
    unit_free(&run);
}

Test(facts, not_given_facts_are_not_given) {
    unit_run run = {0};
    read_clean(&run, HEADER "facts:\n  cloud: false\n  staff: ~\n");
    cr_assert(fact_of(&run, "cloud")->given);
    cr_assert_float_eq(decimal_to_double(fact_of(&run, "cloud")->number), 0.0, 1e-9);
    cr_assert_not(fact_of(&run, "staff")->given);
    cr_assert_not(fact_of(&run, "tier")->given);
    unit_free(&run);
}

Test(facts, type_errors) {
    unit_run run = {0};
    read_set(&run, HEADER "facts:\n  cloud: maybe\n  staff: many\n  since: 2024-13-01\n"
                          "  tier: huge\n");
    cr_assert_str_eq(unit_codes(run.diags), "TK0508 TK0508 TK0508 TK0508");
    cr_assert_str_eq(unit_diag(run.diags, 0)->message, "fact 'cloud' is true/false, not 'maybe'");
    cr_assert_str_eq(unit_diag(run.diags, 1)->message, "fact 'staff' is a number, not 'many'");
    cr_assert_str_eq(unit_diag(run.diags, 2)->help, "write a date as YYYY-MM-DD");
    cr_assert_str_eq(unit_diag(run.diags, 3)->help, "write one of small, large");
    cr_assert_not(fact_of(&run, "cloud")->given);
    cr_assert_not(fact_of(&run, "tier")->given);
    unit_free(&run);
}

Test(facts, impossible_dates) {
    unit_run run = {0};
    read_set(&run, HEADER "facts:\n  since: 2024-04-31\n");
    only_diag(&run, DIAG_TK0508);
    unit_free(&run);
}

/* Guards a fixed bug (src/answers.c, read_facts): a fact given twice is reported (TK0509,
   "tenken does not pick one"), but the last value is used; under --lenient it is used
   silently. */
Test(facts, duplicate_fact_stays_unknown) {
    unit_run run = {0};
    read_set(&run, HEADER "facts:\n  staff: 3\n  staff: 9\n");
    only_diag(&run, DIAG_TK0509);
    cr_assert_not(fact_of(&run, "staff")->given);
    unit_free(&run);
}

/* Guards a fixed bug (src/answers.c, parse_date): February 29 is accepted in every year, and
   sscanf's %d lets signs and spaces through ("2024-+1-+1", "2024- 1- 1"), so these
   impossible dates are taken as given. */
Test(facts, dates_are_checked_strictly) {
    unit_run run = {0};
    read_set(&run, "---\n" HEADER "facts:\n  since: 2023-02-29\n"
                   "---\n" HEADER "facts:\n  since: 2024-+1-+1\n"
                   "---\n" HEADER "facts:\n  since: \"2024- 1- 1\"\n"
                   "---\n" HEADER "facts:\n  since: 2000-02-29\n");
    for (int document = 2; document <= 4; document++) {
        tk_answers *next = tk_answers_next(run.reader, run.diags);
        cr_assert_not_null(next);
        cr_assert_eq(next->facts[unit_fact(run.graph, "since")].given, document == 4,
                     "document %d", document);
        tk_answers_free(next);
    }
    cr_assert_str_eq(unit_codes(run.diags), "TK0508 TK0508 TK0508");
    cr_assert_not(fact_of(&run, "since")->given);
    unit_free(&run);
}

Test(facts, unknown_fact) {
    unit_run run = {0};
    read_set(&run, HEADER "facts:\n  clod: true\n");
    const diagnostic *record = only_diag(&run, DIAG_TK0507);
    cr_assert_str_eq(record->message, "the rules declare no fact 'clod'");
    cr_assert_str_eq(record->help, "did you mean 'cloud'?");
    unit_free(&run);
}

/* {=== the header ===} */

Test(header, fields_are_read) {
    unit_run run = {0};
    read_clean(&run, HEADER "subject: \"S0004 顧客管理\"\n"
                            "assessed: 2024-11-06\nassessor: 山田\n");
    cr_assert_str_eq(run.answers->rules, "t");
    cr_assert_str_eq(run.answers->subject, "S0004 顧客管理");
    cr_assert_str_eq(run.answers->assessed, "2024-11-06");
    cr_assert_str_eq(run.answers->assessor, "山田");
    cr_assert_eq(run.answers->document, 1);
    unit_free(&run);
}

Test(header, unknown_key) {
    unit_run run = {0};
    read_set(&run, HEADER "subjekt: x\n");
    const diagnostic *record = only_diag(&run, DIAG_TK0511);
    cr_assert_str_eq(record->message, "an answer file has no key 'subjekt'");
    cr_assert_str_eq(record->help, "did you mean 'subject'?");
    unit_free(&run);
}

Test(header, wrong_rules) {
    unit_run run = {0};
    read_set(&run, "tenken: 1\nrules: cloud.safe_use\n");
    const diagnostic *record = only_diag(&run, DIAG_TK0510);
    cr_assert_str_eq(record->message, "these answers are for 'cloud.safe_use', the rules are 't'");
    cr_assert_eq(record->location.line, 2);
    cr_assert_eq(record->location.column, 8);
    unit_free(&run);
}

Test(header, unsupported_version) {
    unit_run run = {0};
    read_set(&run, "tenken: 2\nrules: t\n");
    const diagnostic *record = only_diag(&run, DIAG_TK0512);
    cr_assert_str_eq(record->message, "answer format version '2' is not supported");
    unit_free(&run);
}

Test(header, answers_must_be_a_mapping) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  - c\n");
    only_diag(&run, DIAG_TK0502);
    unit_free(&run);
}

/* {=== streams and formats ===} */

Test(streams, several_documents) {
    unit_run run = {0};
    read_clean(&run, "---\n" HEADER "subject: one\nanswers:\n  c:\n    \"1\": 確認した\n"
                     "---\n" HEADER "subject: two\nanswers:\n  c:\n    \"1\": 確認中\n");
    cr_assert_str_eq(run.answers->subject, "one");
    cr_assert_eq(option_of(&run, "c", "1"), 0);
    tk_answers *second = tk_answers_next(run.reader, run.diags);
    cr_assert_not_null(second);
    cr_assert_str_eq(second->subject, "two");
    cr_assert_eq(second->document, 2);
    cr_assert_eq(second->options[unit_item(run.graph, "c", "1")], 1);
    cr_assert_null(tk_answers_next(run.reader, run.diags));
    cr_assert_eq(unit_diag_count(run.diags), 0, "codes: %s", unit_codes(run.diags));
    tk_answers_free(second);
    unit_free(&run);
}

Test(streams, empty_stream_has_no_answer_set) {
    unit_run run = {0};
    unit_compile_ok(&run, rules);
    cr_assert_null(unit_read_answers(&run, "# only a comment\n"));
    cr_assert_eq(unit_diag_count(run.diags), 0);
    unit_free(&run);
}

Test(streams, json_answer_set) {
    unit_run run = {0};
    read_clean(&run, "{\"tenken\": 1, \"rules\": \"t\", \"subject\": \"json\",\n"
                     " \"facts\": {\"cloud\": true, \"staff\": 3},\n"
                     " \"answers\": {\"c\": {\"1\": \"確認した\", \"2\": \"no\"}}}\n");
    cr_assert_str_eq(run.answers->subject, "json");
    cr_assert_eq(option_of(&run, "c", "1"), 0);
    cr_assert_eq(option_of(&run, "c", "2"), 1);
    cr_assert_float_eq(decimal_to_double(fact_of(&run, "staff")->number), 3.0, 1e-9);
    unit_free(&run);
}

Test(streams, yaml_syntax_error_has_a_place) {
    unit_run run = {0};
    unit_compile_ok(&run, rules);
    tk_answers *answers = unit_read_answers(&run, HEADER "answers:\n  c:\n"
                                                         "    \"1\": [確認した\n    \"2\": yes\n");
    cr_assert_null(answers);
    const diagnostic *record = only_diag(&run, DIAG_TK0501);
    cr_assert_eq(record->severity, SEVERITY_ERROR);
    cr_assert_str_eq(record->location.path, UNIT_ANSWERS_PATH);
    cr_assert_str_eq(record->message, "did not find expected ',' or ']'");
    cr_assert_eq(record->location.line, 6);
    cr_assert_eq(record->location.column, 8);
    cr_assert_eq(record->note_count, 1);
    cr_assert_str_eq(record->notes[0].message, "while parsing a flow sequence");
    cr_assert_eq(record->notes[0].location.line, 5);
    cr_assert_eq(record->notes[0].location.column, 10);
    unit_free(&run);
}

Test(streams, syntax_error_column_counts_display_width) {
    unit_run run = {0};
    unit_compile_ok(&run, rules);
    cr_assert_null(unit_read_answers(&run, HEADER "answers:\n  c:\n    \"1\": 確認した: x\n"));
    const diagnostic *record = only_diag(&run, DIAG_TK0501);
    cr_assert_eq(record->location.line, 5);
    cr_assert_eq(record->location.column, 18);
    unit_free(&run);
}

Test(streams, bad_indentation_is_a_syntax_error) {
    unit_run run = {0};
    unit_compile_ok(&run, rules);
    cr_assert_null(unit_read_answers(&run, HEADER "answers:\n  c:\n    \"1\": 確認した\n"
                                                  "   \"2\": yes\n"));
    const diagnostic *record = only_diag(&run, DIAG_TK0501);
    cr_assert_str_eq(record->message, "did not find expected key");
    cr_assert_eq(record->location.line, 6);
    cr_assert_eq(record->location.column, 4);
    unit_free(&run);
}

Test(streams, bom_and_crlf_are_accepted) {
    unit_run run = {0};
    read_clean(&run, "\xEF\xBB\xBFtenken: 1\r\nrules: t\r\nsubject: crlf\r\n"
                     "answers:\r\n  c:\r\n    \"1\": 確認した\r\n    \"2\": no\r\n");
    cr_assert_str_eq(run.answers->subject, "crlf");
    cr_assert_eq(option_of(&run, "c", "1"), 0);
    cr_assert_eq(option_of(&run, "c", "2"), 1);
    unit_free(&run);
}

Test(streams, invalid_utf8) {
    unit_run run = {0};
    unit_compile_ok(&run, rules);
    cr_assert_null(unit_read_answers(&run, HEADER "subject: \x8A\x6D\x94\x46\n"));
    const diagnostic *record = only_diag(&run, DIAG_TK0001);
    cr_assert_str_eq(record->message, "invalid UTF-8 byte 0x8A");
    cr_assert_eq(record->location.line, 3);
    cr_assert_eq(record->location.column, 10);
    unit_free(&run);
}

/* {=== --lenient ===} */

Test(lenient, answer_errors_become_warnings) {
    unit_run run = {0};
    run.diags = tk_diags_new();
    tk_diags_set_lenient(run.diags, true);
    read_set(&run, HEADER "facts:\n  clod: true\nanswers:\n  c:\n    \"1\": 確認済み\n"
                          "    \"9\": yes\n");
    cr_assert_str_eq(unit_codes(run.diags), "TK0507 TK0505 TK0504");
    cr_assert_eq(tk_diags_error_count(run.diags), 0);
    cr_assert_eq(tk_diags_warning_count(run.diags), 3);
    cr_assert_eq(unit_diag(run.diags, 0)->severity, SEVERITY_WARNING);
    cr_assert_eq(option_of(&run, "c", "1"), ANSWER_INVALID);
    unit_free(&run);
}

Test(lenient, syntax_errors_stay_errors) {
    unit_run run = {0};
    run.diags = tk_diags_new();
    tk_diags_set_lenient(run.diags, true);
    unit_compile_ok(&run, rules);
    cr_assert_null(unit_read_answers(&run, HEADER "answers: [\n"));
    cr_assert_eq(tk_diags_error_count(run.diags), 1);
    cr_assert_eq(unit_diag(run.diags, 0)->code, DIAG_TK0501);
    unit_free(&run);
}

Test(lenient, off_by_default) {
    unit_run run = {0};
    read_set(&run, HEADER "answers:\n  c:\n    \"9\": yes\n");
    cr_assert_eq(tk_diags_error_count(run.diags), 1);
    cr_assert_eq(tk_diags_warning_count(run.diags), 0);
    unit_free(&run);
}
