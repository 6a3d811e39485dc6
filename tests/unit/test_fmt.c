/* test_fmt.c — tenken fmt (src/fmt.c): each layout rule of doc/fmt.md on a
   small input, that formatting twice changes nothing, that comments stay
   where they are, that files with syntax errors are refused, and the diff
   that --check prints. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "lang/fmt.h"
#include "lang/parse.h"

#include "grammar/parser.h"

/* Format text; fails the test unless it is formatted. The layout is kept in
   a static buffer until the next call. */
static const char *format(const char *text) {
    static char *last = NULL;
    free(last);
    last = NULL;
    tk_diags *diags = tk_diags_new();
    size_t length = 0;
    fmt_status status = fmt_text(UNIT_RULES_PATH, text, strlen(text), diags, &last, &length);
    cr_assert_eq(status, FMT_OK, "not formatted (status %d): %s", (int)status, unit_codes(diags));
    cr_assert_eq(unit_diag_count(diags), 0, "diagnostics left: %s", unit_codes(diags));
    cr_assert_eq(strlen(last), length);
    tk_diags_free(diags);
    return last;
}

/* The layout of `input` is `expected`, and formatting that again keeps it. */
static void check_layout(const char *input, const char *expected) {
    const char *got = format(input);
    cr_assert_str_eq(got, expected, "layout of:\n%s\n--- got:\n%s--- expected:\n%s", input, got,
                     expected);
    char *once = strdup(got);
    cr_assert_str_eq(format(once), once, "formatting twice changed:\n%s", once);
    free(once);
}

#define HEAD "tenken 1\nmodule t\n"

/* {=== indentation and statements ===} */

Test(fmt, two_spaces_per_brace_level) {
    check_layout(HEAD "checklist c {\nsection s {\n      item \"1\" {\nweight 2\n}\n}\n}\n",
                 HEAD "checklist c {\n  section s {\n    item \"1\" {\n      weight 2\n    }\n  }\n}\n");
}

Test(fmt, one_statement_per_line) {
    check_layout("tenken 1 module t scale s { yes 1 \"y\" no 0 \"n\" } "
                 "checklist c { scale s item \"1\" { weight 2 tags \"a\", \"b\" only when true } }",
                 HEAD "scale s {\n  yes 1 \"y\"\n  no  0 \"n\"\n}\n"
                 "checklist c {\n  scale s\n  item \"1\" {\n    weight 2\n    tags \"a\", \"b\"\n"
                 "    only when true\n  }\n}\n");
}

Test(fmt, option_points_line_up_in_each_block) {
    check_layout(HEAD "scale s {\n confirmed 3 \"a\"\n  in_progress   2 \"b\"\n no -1 \"c\" alias \"x\"\n}\n"
                 "scale t {\n  a    1 \"a\"\n}\n",
                 HEAD "scale s {\n  confirmed   3 \"a\"\n  in_progress 2 \"b\"\n  no          -1 \"c\" alias \"x\"\n}\n"
                 "scale t {\n  a 1 \"a\"\n}\n");
}

Test(fmt, an_empty_block_stays_on_its_line) {
    check_layout(HEAD "checklist c {\n  item \"1\" {\n\n  }\n}\n",
                 HEAD "checklist c {\n  item \"1\" {}\n}\n");
}

Test(fmt, the_version_and_module_lines) {
    check_layout("tenken    1   module   a . b . c\nimport x.y(p,q)\n",
                 "tenken 1\nmodule a.b.c\nimport x.y (p, q)\n");
}

Test(fmt, keywords_in_dotted_names_are_names) {
    check_layout("tenken 1\nmodule test.variant import stdlib.test import a.item\n"
                 "variant v extends test.variant { include c.\"1\" }\n",
                 "tenken 1\nmodule test.variant\nimport stdlib.test\nimport a.item\n"
                 "variant v extends test.variant {\n  include c.\"1\"\n}\n");
}

/* {=== spaces ===} */

Test(fmt, spaces_around_operators_and_after_commas) {
    check_layout(HEAD "let a=1+2*3-4/5\nlet b=a>=1 and a<=2 or a!=3 and a==4\n"
                 "let c=sum( points of items , unanswered as 0 )\n",
                 HEAD "let a = 1 + 2 * 3 - 4 / 5\nlet b = a >= 1 and a <= 2 or a != 3 and a == 4\n"
                 "let c = sum(points of items, unanswered as 0)\n");
}

Test(fmt, no_space_inside_parentheses_or_after_a_sign) {
    check_layout(HEAD "fact f : enum ( a , b ) = a\nfact n : number = - 5\n"
                 "let x = - ( n - - 1 ) * ( if f is a then 1 else 2 )\nlet y = not ( n > 1 )\n",
                 HEAD "fact f : enum(a, b) = a\nfact n : number = -5\n"
                 "let x = -(n - -1) * (if f is a then 1 else 2)\nlet y = not (n > 1)\n");
}

Test(fmt, dotted_references_are_written_together) {
    check_layout(HEAD "test \"t\" variant v {\n given c . * = yes given c . \"1\" = \"はい\"\n"
                 "expect item c . \"1\" is answered\n expect gate c . g is pass blocking \"1\" , \"2\"\n}\n",
                 HEAD "test \"t\" variant v {\n  given c.* = yes\n  given c.\"1\" = \"はい\"\n"
                 "  expect item c.\"1\" is answered\n  expect gate c.g is pass blocking \"1\", \"2\"\n}\n");
}

Test(fmt, stages_read_as_one_line_each) {
    check_layout(HEAD "stages s { stage \"0\" \"a\" stage \"1\" \"b\" enter when gate c.g and stage s\n"
                 " stage \"x\" \"c\" during \"0\"..\"1\" start \"1\" when f }\n",
                 HEAD "stages s {\n  stage \"0\" \"a\"\n  stage \"1\" \"b\" enter when gate c.g and stage s\n"
                 "  stage \"x\" \"c\" during \"0\" .. \"1\"\n  start \"1\" when f\n}\n");
}

/* {=== texts and long statements ===} */

Test(fmt, a_field_keeps_its_text_on_its_line) {
    check_layout(HEAD "checklist c {\n  item \"1\" {\n    question\n      ja \"質問\" en \"Question\"\n"
                 "    note\n \"注\"\n  }\n}\n",
                 HEAD "checklist c {\n  item \"1\" {\n    question ja \"質問\" en \"Question\"\n"
                 "    note \"注\"\n  }\n}\n");
}

Test(fmt, a_later_language_is_aligned_under_the_first) {
    check_layout(HEAD "checklist c ja \"点検\"\n en \"Check\" {\n  item \"1.1\" ja \"一\"\n"
                 "en \"One\" {\n    question ja \"質問\"\n                   en \"Question\"\n  }\n}\n",
                 HEAD "checklist c ja \"点検\"\n            en \"Check\" {\n  item \"1.1\" ja \"一\"\n"
                 "             en \"One\" {\n    question ja \"質問\"\n             en \"Question\"\n  }\n}\n");
}

Test(fmt, alignment_counts_wide_characters_as_two_columns) {
    check_layout(HEAD "checklist c {\n  item \"１\" ja \"一\"\n en \"One\"\n}\n",
                 HEAD "checklist c {\n  item \"１\" ja \"一\"\n            en \"One\"\n}\n");
}

Test(fmt, continuation_lines_are_indented_one_level_or_two_before_a_body) {
    check_layout(HEAD "fact f : bool = false\nja \"事実\"\n       en \"fact\"\n"
                 "variant v extends t\n ja \"読み方\" {\n  include c.\"1\"\n}\n"
                 "checklist c {\n  item \"1\" {\n    exclude when f\n because \"理由\"\n  }\n}\n",
                 HEAD "fact f : bool = false\n  ja \"事実\"\n  en \"fact\"\n"
                 "variant v extends t\n    ja \"読み方\" {\n  include c.\"1\"\n}\n"
                 "checklist c {\n  item \"1\" {\n    exclude when f\n      because \"理由\"\n  }\n}\n");
}

Test(fmt, a_broken_expression_lines_up_with_its_start) {
    check_layout(HEAD "checklist c {\n  gate g ja \"門\"\n= item \"1\" is yes and item \"2\" is yes\n"
                 "and item \"3\" is yes\n  let x = count(items is yes,\nunanswered as 0) + (1\n + 2)\n}\n",
                 HEAD "checklist c {\n  gate g ja \"門\"\n    = item \"1\" is yes and item \"2\" is yes\n"
                 "      and item \"3\" is yes\n  let x = count(items is yes, unanswered as 0) + (1\n"
                 "                                                  + 2)\n}\n");
}

Test(fmt, line_breaks_elsewhere_are_joined) {
    check_layout(HEAD "checklist\nc\n{\nitem\n\"1\"\n{\nonly\nwhen\nf\n}\n}\n",
                 HEAD "checklist c {\n  item \"1\" {\n    only when f\n  }\n}\n");
}

/* {=== blank lines and white space ===} */

Test(fmt, blank_lines_are_kept_once_between_statements) {
    check_layout("\n\n" HEAD "\n\n\nscale s {\n\n  a 1 \"a\"\n\n\n  b 0 \"b\"\n\n}\n\n\n\nfact f : bool\n\n\n",
                 HEAD "\nscale s {\n  a 1 \"a\"\n\n  b 0 \"b\"\n}\n\nfact f : bool\n");
}

Test(fmt, no_blank_line_inside_a_statement) {
    check_layout(HEAD "fact f : bool\n\n\n  ja \"a\"\n\n  en \"b\"\n",
                 HEAD "fact f : bool\n  ja \"a\"\n  en \"b\"\n");
}

Test(fmt, trailing_space_crlf_tabs_and_bom_go) {
    check_layout("\xEF\xBB\xBFtenken 1   \r\nmodule t\t\r\n\r\n# note \t \r\nfact f : bool\r\n",
                 HEAD "\n# note\nfact f : bool\n");
}

Test(fmt, one_final_newline) {
    check_layout(HEAD "fact f : bool", HEAD "fact f : bool\n");
    check_layout(HEAD "fact f : bool\n\n\n\n", HEAD "fact f : bool\n");
}

Test(fmt, strings_are_kept_byte_for_byte) {
    check_layout(HEAD "fact f : bool \"  a\\\"b\\\\ c\\n\\t  \"\n",
                 HEAD "fact f : bool \"  a\\\"b\\\\ c\\n\\t  \"\n");
}

/* {=== comments ===} */

Test(fmt, own_line_comments_take_the_indentation_of_what_follows) {
    check_layout("# head\n" HEAD "checklist c {\n# about item 1\n        item \"1\" {\n"
                 "  # about its weight\n weight 2\n}\n}\n",
                 "# head\n" HEAD "checklist c {\n  # about item 1\n  item \"1\" {\n"
                 "    # about its weight\n    weight 2\n  }\n}\n");
}

Test(fmt, a_comment_before_a_closing_brace_is_indented_as_the_body) {
    check_layout(HEAD "checklist c {\n  item \"1\"\n# last\n}\n# after\n",
                 HEAD "checklist c {\n  item \"1\"\n  # last\n}\n# after\n");
}

Test(fmt, end_of_line_comments_stay_at_the_end_of_their_line) {
    check_layout(HEAD "scale s {    # options\n  a 1 \"a\"      # best\n  b 0 \"b\"}#end\n",
                 HEAD "scale s { # options\n  a 1 \"a\" # best\n  b 0 \"b\"\n} #end\n");
}

Test(fmt, a_comment_ends_the_line_it_is_on) {
    check_layout(HEAD "checklist c { item \"1\" # one\n ja \"一\" item \"2\" { # two\n } }\n",
                 HEAD "checklist c {\n  item \"1\" # one\n    ja \"一\"\n  item \"2\" { # two\n  }\n}\n");
}

Test(fmt, a_comment_inside_a_statement_is_indented_as_its_continuation) {
    check_layout(HEAD "checklist c {\n  item \"1\" ja \"一\"\n# English\nen \"one\"\n"
                 "  gate g = a\n # and b\n and b\n}\n",
                 HEAD "checklist c {\n  item \"1\" ja \"一\"\n           # English\n"
                 "           en \"one\"\n  gate g = a\n           # and b\n           and b\n}\n");
}

Test(fmt, blank_lines_around_comments) {
    check_layout(HEAD "\n\n# one\n\n\n# two\nfact f : bool\n\n# three\n\n\nfact g : bool\n"
                 "checklist c {\n\n  # first\n  item \"1\"\n\n  # last\n\n}\n",
                 HEAD "\n# one\n\n# two\nfact f : bool\n\n# three\n\nfact g : bool\n"
                 "checklist c {\n  # first\n  item \"1\"\n\n  # last\n}\n");
}

Test(fmt, every_comment_is_kept) {
    const char *input = "# 1\ntenken 1 # 2\n# 3\nmodule t # 4\nscale s { # 5\n"
                        "# 6\n a 1 # 7\n \"a\" # 8\n# 9\n} # 10\n# 11";
    const char *got = format(input);
    size_t count = 0;
    for (const char *cursor = got; (cursor = strchr(cursor, '#')); cursor++) count++;
    cr_assert_eq(count, 11, "comments lost:\n%s", got);
    for (int number = 1; number <= 11; number++) {
        char comment[8];
        snprintf(comment, sizeof comment, "# %d\n", number);
        cr_assert(unit_contains(got, comment), "comment %d lost:\n%s", number, got);
    }
}

/* {=== the scanner ===} */

/* The kinds lex_scan gives for text, with or without comments. */
static size_t scan_kinds(const char *text, bool comments, int *kinds, size_t max) {
    arena region;
    arena_init(&region);
    diag_list diags;
    diag_list_init(&diags);
    source *file = source_from_text(&region, "lex.tkn", text, strlen(text));
    size_t count = 0;
    lex_token *tokens = lex_scan(&region, file, &diags, comments, &count);
    cr_assert_eq(tokens[count].kind, 0, "no end token");
    cr_assert_eq(tokens[count].start, file->length);
    for (size_t index = 0; index < count && index < max; index++) kinds[index] = tokens[index].kind;
    diag_list_release(&diags);
    arena_release(&region);
    return count;
}

Test(fmt, the_scanner_returns_comments_only_when_asked) {
    int kinds[8] = {0};
    const char *text = "# a\nitem \"#1\" # b\n";
    cr_assert_eq(scan_kinds(text, false, kinds, 8), 2);
    cr_assert_eq(kinds[0], KW_ITEM);
    cr_assert_eq(kinds[1], STRING);
    cr_assert_eq(scan_kinds(text, true, kinds, 8), 4);
    cr_assert_eq(kinds[0], COMMENT);
    cr_assert_eq(kinds[1], KW_ITEM);
    cr_assert_eq(kinds[2], STRING);
    cr_assert_eq(kinds[3], COMMENT);
}

/* {=== what is refused ===} */

static fmt_status refuse(const char *text, tk_diags *diags) {
    char *layout = (char *)"unset";
    size_t length = 99;
    fmt_status status = fmt_text(UNIT_RULES_PATH, text, strlen(text), diags, &layout, &length);
    cr_assert_null(layout);
    cr_assert_eq(length, 0);
    return status;
}

Test(fmt, syntax_errors_are_refused_and_reported) {
    tk_diags *diags = tk_diags_new();
    cr_assert_eq(refuse(HEAD "checklist c { item }\n", diags), FMT_REFUSED);
    cr_assert_str_eq(unit_code(diags, 0), "TK0101");
    cr_assert_eq(tk_diags_error_count(diags), 1);
    tk_diags_free(diags);
}

Test(fmt, scanner_errors_are_refused) {
    const char *inputs[] = {HEAD "fact f : bool \"open\n", HEAD "fact f : bool \"\\q\"\n",
                            HEAD "checklist c { item １.1 }\n", HEAD "fact f : bool ;\n",
                            "module t\n", "tenken 2\nmodule t\n",
                            HEAD "checklist c { item \"1\" { weight 1.2.3 } }\n"};
    const char *codes[] = {"TK0003", "TK0004", "TK0002", "TK0002", "TK0102", "TK0102", "TK0005"};
    for (size_t index = 0; index < sizeof inputs / sizeof *inputs; index++) {
        tk_diags *diags = tk_diags_new();
        cr_assert_eq(refuse(inputs[index], diags), FMT_REFUSED, "input %zu", index);
        cr_assert_str_eq(unit_code(diags, 0), codes[index], "input %zu: %s", index,
                         unit_codes(diags));
        tk_diags_free(diags);
    }
}

Test(fmt, invalid_utf8_is_refused) {
    tk_diags *diags = tk_diags_new();
    cr_assert_eq(refuse(HEAD "# \xFF\n", diags), FMT_REFUSED);
    cr_assert_str_eq(unit_codes(diags), "TK0001");
    tk_diags_free(diags);
}

Test(fmt, errors_of_meaning_do_not_stop_formatting) {
    /* Unknown names and a label given twice are for tenken check to report. */
    check_layout(HEAD "checklist c { scale nowhere item \"1\" { label \"a\" label \"b\" } }\n",
                 HEAD "checklist c {\n  scale nowhere\n  item \"1\" {\n    label \"a\"\n"
                 "    label \"b\"\n  }\n}\n");
}

/* {=== meaning ===} */

Test(fmt, the_layout_compiles_to_the_same_result) {
    const char *rules = HEAD "scale yn{yes 1 \"はい\" no 0 \"いいえ\"}fact covid:bool=false "
                        "checklist c{scale yn item \"1\" \"一\" item \"2\" \"二\"{exclude when covid "
                        "because \"除外\"} score yes=count(items is yes)score max=count(items)"
                        " gate ok=all(items is yes)and yes>=1}";
    const char *answers = "facts:\n  covid: true\nanswers:\n  c:\n    \"1\": はい\n";
    char *formatted = strdup(format(rules));
    unit_run before = {0}, after = {0};
    unit_evaluate(&before, rules, answers);
    unit_evaluate(&after, formatted, answers);
    cr_assert_eq(unit_number(before.result, "c", "yes"), unit_number(after.result, "c", "yes"));
    cr_assert_eq(unit_number(after.result, "c", "max"), 1);
    cr_assert_eq(tk_result_gate(before.result, "c.ok"), tk_result_gate(after.result, "c.ok"));
    cr_assert_eq(tk_result_gate(after.result, "c.ok"), TK_GATE_PASS);
    unit_free(&before);
    unit_free(&after);
    free(formatted);
}

/* {=== the diff of --check ===} */

static char *diff_of(const char *old_text, const char *new_text, size_t *hunks) {
    char *buffer = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&buffer, &size);
    cr_assert_not_null(stream);
    *hunks = fmt_write_diff(stream, "f.tkn", old_text, strlen(old_text), new_text,
                            strlen(new_text));
    fclose(stream);
    return buffer;
}

Test(fmt, no_diff_for_the_same_text) {
    size_t hunks = 99;
    char *diff = diff_of("a\nb\n", "a\nb\n", &hunks);
    cr_assert_eq(hunks, 0);
    cr_assert_str_eq(diff, "");
    free(diff);
}

Test(fmt, a_diff_hunk_with_three_lines_of_context) {
    size_t hunks = 0;
    char *diff = diff_of("1\n2\n3\n4\nold\n6\n7\n8\n9\n", "1\n2\n3\n4\nnew\n6\n7\n8\n9\n", &hunks);
    cr_assert_eq(hunks, 1);
    cr_assert_str_eq(diff, "--- f.tkn\t(original)\n+++ f.tkn\t(formatted)\n"
                           "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-old\n+new\n 6\n 7\n 8\n");
    free(diff);
}

Test(fmt, distant_changes_get_hunks_of_their_own) {
    size_t hunks = 0;
    char *diff = diff_of("a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n", "A\n1\n2\n3\n4\n5\n6\n7\n8\nB", &hunks);
    cr_assert_eq(hunks, 2);
    cr_assert_str_eq(diff, "--- f.tkn\t(original)\n+++ f.tkn\t(formatted)\n"
                           "@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n"
                           "@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-b\n+B\n\\ No newline at end of file\n");
    free(diff);
}

Test(fmt, a_diff_of_added_and_removed_lines) {
    size_t hunks = 0;
    char *diff = diff_of("x\n\n\ny\n", "x\n\ny\nz\n", &hunks);
    cr_assert_eq(hunks, 1);
    cr_assert_str_eq(diff, "--- f.tkn\t(original)\n+++ f.tkn\t(formatted)\n"
                           "@@ -1,4 +1,4 @@\n x\n \n-\n y\n+z\n");
    free(diff);
}
