/* test_lexer.c — the reentrant flex scanner (grammar/lexer.l): token kinds and
   values, byte-offset locations, and the diagnostics for bad strings and bytes. */
#include "unit.h"

#include "lang/parse.h"

#include "grammar/parser.h"
#define YYSTYPE TK_YYSTYPE
#define YYLTYPE TK_YYLTYPE
#include "grammar/lexer.h"

/* One scan of a text: its own arena, diagnostics and scanner. */
typedef struct scan {
    arena region;
    diag_list diags;
    source *file;
    lexer_state state;
    yyscan_t scanner;
} scan;

static void scan_bytes(scan *run, const char *bytes, size_t length) {
    arena_init(&run->region);
    diag_list_init(&run->diags);
    run->file = source_from_text(&run->region, "lex.tkn", bytes, length);
    run->state = (lexer_state){run->file, &run->diags, &run->region, 0, false};
    cr_assert_eq(tk_yylex_init_extra(&run->state, &run->scanner), 0);
    tk_yy_scan_bytes(run->file->text, (int)run->file->length, run->scanner);
}

static void scan_text(scan *run, const char *text) { scan_bytes(run, text, strlen(text)); }

static void scan_end(scan *run) {
    tk_yylex_destroy(run->scanner);
    diag_list_release(&run->diags);
    arena_release(&run->region);
}

typedef struct token {
    int kind;
    TK_YYSTYPE value;
    TK_YYLTYPE where;
} token;

static token next(scan *run) {
    token result;
    memset(&result, 0, sizeof result);
    result.kind = tk_yylex(&result.value, &result.where, run->scanner);
    return result;
}

/* The token kinds of a whole text, up to `max`; returns how many. When
   `errors` is not NULL it receives the number of diagnostics. */
static size_t kinds_of(const char *text, int *kinds, size_t max, size_t *errors) {
    scan run;
    scan_text(&run, text);
    size_t count = 0;
    for (token got = next(&run); got.kind != 0 && count < max; got = next(&run))
        kinds[count++] = got.kind;
    if (errors) *errors = run.diags.count;
    scan_end(&run);
    return count;
}

/* {=== tokens ===} */

Test(lexer, keywords) {
    int kinds[8];
    size_t count = kinds_of("tenken module checklist section item items exclude because",
                            kinds, 8, NULL);
    int expected[] = {KW_TENKEN, KW_MODULE, KW_CHECKLIST, KW_SECTION, KW_ITEM, KW_ITEMS,
                      KW_EXCLUDE, KW_BECAUSE};
    cr_assert_eq(count, 8);
    for (size_t index = 0; index < 8; index++)
        cr_assert_eq(kinds[index], expected[index], "token %zu", index);
}

Test(lexer, more_keywords_and_operators) {
    int kinds[10];
    size_t count = kinds_of("only when unanswered as ja en == != <= >=", kinds, 10, NULL);
    int expected[] = {KW_ONLY, KW_WHEN, KW_UNANSWERED, KW_AS, KW_JA, KW_EN,
                      OP_EQ_TOKEN, OP_NE_TOKEN, OP_LE_TOKEN, OP_GE_TOKEN};
    cr_assert_eq(count, 10);
    for (size_t index = 0; index < 10; index++)
        cr_assert_eq(kinds[index], expected[index], "token %zu", index);
}

Test(lexer, single_character_tokens) {
    int kinds[12];
    size_t count = kinds_of("{ } ( ) , . : = < > + -", kinds, 12, NULL);
    const char *expected = "{}(),.:=<>+-";
    cr_assert_eq(count, 12);
    for (size_t index = 0; index < 12; index++)
        cr_assert_eq(kinds[index], expected[index], "token %zu", index);
}

Test(lexer, names_keep_their_text) {
    scan run;
    scan_text(&run, "yes_no _x sections Item2");
    const char *expected[] = {"yes_no", "_x", "sections", "Item2"};
    for (size_t index = 0; index < 4; index++) {
        token got = next(&run);
        cr_assert_eq(got.kind, IDENT, "token %zu", index);
        cr_assert_str_eq(got.value.token.text, expected[index]);
    }
    cr_assert_eq(next(&run).kind, 0);
    scan_end(&run);
}

Test(lexer, a_keyword_prefix_is_a_name) {
    scan run;
    scan_text(&run, "itemize");
    token got = next(&run);
    cr_assert_eq(got.kind, IDENT);
    cr_assert_str_eq(got.value.token.text, "itemize");
    scan_end(&run);
}

Test(lexer, numbers_keep_their_text) {
    scan run;
    scan_text(&run, "3 1.1 10.2.3 007");
    token three = next(&run), dotted = next(&run), deep = next(&run), padded = next(&run);
    cr_assert_eq(three.kind, NUMBER);
    cr_assert_str_eq(three.value.token.text, "3");
    cr_assert_eq(dotted.kind, NUMBER);
    cr_assert_str_eq(dotted.value.token.text, "1.1");
    cr_assert_eq(deep.kind, NUMBER);
    cr_assert_str_eq(deep.value.token.text, "10.2.3");
    cr_assert_str_eq(padded.value.token.text, "007");
    scan_end(&run);
}

Test(lexer, strings_with_escapes) {
    scan run;
    scan_text(&run, "\"a\\\"b\\\\c\\nd\\te\" \"確認した\" \"\"");
    token escaped = next(&run), japanese = next(&run), empty = next(&run);
    cr_assert_eq(escaped.kind, STRING);
    cr_assert_str_eq(escaped.value.token.text, "a\"b\\c\nd\te");
    cr_assert_eq(japanese.kind, STRING);
    cr_assert_str_eq(japanese.value.token.text, "確認した");
    cr_assert_eq(empty.kind, STRING);
    cr_assert_str_eq(empty.value.token.text, "");
    cr_assert_eq(run.diags.count, 0);
    scan_end(&run);
}

Test(lexer, comments_and_white_space_are_skipped) {
    int kinds[4];
    size_t count = kinds_of("# heading\r\n\titem # item is a keyword\n  \"1\" # end",
                            kinds, 4, NULL);
    cr_assert_eq(count, 2);
    cr_assert_eq(kinds[0], KW_ITEM);
    cr_assert_eq(kinds[1], STRING);
}

Test(lexer, empty_text_is_end_of_file) {
    scan run;
    scan_text(&run, "");
    cr_assert_eq(next(&run).kind, 0);
    scan_end(&run);
}

/* {=== locations ===} */

Test(lexer, locations_are_byte_offsets) {
    scan run;
    scan_text(&run, "item \"確認\" x\n  1.1");
    token item = next(&run), text = next(&run), name = next(&run), number = next(&run);
    cr_assert_eq(item.where.start, 0);
    cr_assert_eq(item.where.end, 4);
    cr_assert_eq(text.where.start, 5);
    cr_assert_eq(text.where.end, 13); /* two quotes and six bytes */
    cr_assert_eq(name.where.start, 14);
    cr_assert_eq(name.where.end, 15);
    cr_assert_eq(number.where.start, 18);
    cr_assert_eq(number.where.end, 21);
    scan_end(&run);
}

/* {=== errors ===} */

Test(lexer, unterminated_string) {
    scan run;
    scan_text(&run, "label \"open\nitem");
    next(&run);
    token text = next(&run);
    cr_assert_eq(text.kind, STRING);
    cr_assert_str_eq(text.value.token.text, "open");
    cr_assert_eq(next(&run).kind, KW_ITEM);
    cr_assert_eq(run.diags.count, 1);
    const diagnostic *record = run.diags.items[0];
    cr_assert_eq(record->code, DIAG_TK0003);
    cr_assert_str_eq(record->message, "unterminated string");
    cr_assert_eq(record->location.line, 1);
    cr_assert_eq(record->location.column, 7);
    scan_end(&run);
}

Test(lexer, unterminated_string_at_end_of_file) {
    scan run;
    scan_text(&run, "\"abc");
    token text = next(&run);
    cr_assert_eq(text.kind, STRING);
    cr_assert_str_eq(text.value.token.text, "abc");
    cr_assert_eq(next(&run).kind, 0);
    cr_assert_eq(run.diags.count, 1);
    cr_assert_eq(run.diags.items[0]->code, DIAG_TK0003);
    scan_end(&run);
}

Test(lexer, bad_escape) {
    scan run;
    scan_text(&run, "\"a\\qb\"");
    token text = next(&run);
    cr_assert_eq(text.kind, STRING);
    cr_assert_str_eq(text.value.token.text, "aqb");
    cr_assert_eq(run.diags.count, 1);
    const diagnostic *record = run.diags.items[0];
    cr_assert_eq(record->code, DIAG_TK0004);
    cr_assert(unit_contains(record->message, "\\q"), "message: %s", record->message);
    cr_assert_eq(record->location.column, 3);
    cr_assert_eq(record->location.end_column, 5);
    scan_end(&run);
}

Test(lexer, fullwidth_character_outside_a_string) {
    scan run;
    scan_text(&run, "item \xEF\xBC\x91.1 x"); /* item １.1 x */
    cr_assert_eq(next(&run).kind, KW_ITEM);
    token id = next(&run);
    cr_assert_eq(id.kind, STRING, "the id is read as the string it should be");
    cr_assert_str_eq(id.value.token.text, "１.1");
    cr_assert_eq(next(&run).kind, IDENT);
    cr_assert_eq(run.diags.count, 1);
    const diagnostic *record = run.diags.items[0];
    cr_assert_eq(record->code, DIAG_TK0002);
    cr_assert(unit_contains(record->message, "１.1"), "message: %s", record->message);
    cr_assert(unit_contains(record->help, "quotes"), "help: %s", record->help);
    cr_assert(unit_contains(record->help, "\"１.1\""), "help: %s", record->help);
    cr_assert_eq(record->location.column, 6);
    cr_assert_eq(record->location.caret_width, 4);
    scan_end(&run);
}

Test(lexer, japanese_word_outside_a_string) {
    scan run;
    scan_text(&run, "label 確認");
    cr_assert_eq(next(&run).kind, KW_LABEL);
    token word = next(&run);
    cr_assert_eq(word.kind, STRING);
    cr_assert_str_eq(word.value.token.text, "確認");
    cr_assert_eq(run.diags.count, 1);
    cr_assert_eq(run.diags.items[0]->code, DIAG_TK0002);
    cr_assert(unit_contains(run.diags.items[0]->help, "quotes"));
    scan_end(&run);
}

Test(lexer, single_quote_suggests_double_quotes) {
    scan run;
    scan_text(&run, "'x'");
    while (next(&run).kind != 0) continue;
    cr_assert_eq(run.diags.count, 2);
    cr_assert_eq(run.diags.items[0]->code, DIAG_TK0002);
    cr_assert(unit_contains(run.diags.items[0]->help, "double quotes"));
    scan_end(&run);
}

Test(lexer, nul_byte) {
    scan run;
    scan_bytes(&run, "item\0x", 6);
    cr_assert_eq(next(&run).kind, KW_ITEM);
    token name = next(&run);
    cr_assert_eq(name.kind, IDENT);
    cr_assert_str_eq(name.value.token.text, "x");
    cr_assert_eq(name.where.start, 5);
    cr_assert_eq(run.diags.count, 1);
    cr_assert_eq(run.diags.items[0]->code, DIAG_TK0002);
    cr_assert(unit_contains(run.diags.items[0]->message, "NUL"));
    scan_end(&run);
}

Test(lexer, control_byte) {
    scan run;
    scan_text(&run, "a\x01" "b");
    while (next(&run).kind != 0) continue;
    cr_assert_eq(run.diags.count, 1);
    cr_assert_eq(run.diags.items[0]->code, DIAG_TK0002);
    cr_assert(unit_contains(run.diags.items[0]->message, "0x01"));
    scan_end(&run);
}

Test(lexer, scanning_goes_on_after_errors) {
    int kinds[8];
    size_t errors = 0;
    size_t count = kinds_of("item $ \"x\\z\" ~ score", kinds, 8, &errors);
    cr_assert_eq(errors, 3);
    cr_assert_eq(count, 3);
    cr_assert_eq(kinds[0], KW_ITEM);
    cr_assert_eq(kinds[1], STRING);
    cr_assert_eq(kinds[2], KW_SCORE);
}
