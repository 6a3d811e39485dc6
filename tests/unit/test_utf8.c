/* test_utf8.c — UTF-8 decoding and display width (src/utf8.c), "did you mean"
   suggestions (src/suggest.c) and offset-to-line/column mapping (src/source.c). */
#include "unit.h"

#include "base/source.h"
#include "base/suggest.h"
#include "base/utf8.h"

/* {=== utf8_decode ===} */

static size_t decode(const char *bytes, uint32_t *code_point) {
    *code_point = 0xFFFFFFFF;
    return utf8_decode(bytes, strlen(bytes), code_point);
}

Test(utf8_decode, ascii_is_one_byte) {
    uint32_t code_point;
    cr_assert_eq(decode("A", &code_point), 1);
    cr_assert_eq(code_point, 0x41);
}

Test(utf8_decode, two_three_and_four_byte_sequences) {
    uint32_t code_point;
    cr_assert_eq(decode("\xC3\xA9", &code_point), 2);
    cr_assert_eq(code_point, 0xE9);
    cr_assert_eq(decode("\xE3\x81\x82", &code_point), 3); /* あ */
    cr_assert_eq(code_point, 0x3042);
    cr_assert_eq(decode("\xF0\x9F\x98\x80", &code_point), 4);
    cr_assert_eq(code_point, 0x1F600);
}

Test(utf8_decode, decodes_only_the_first_code_point) {
    uint32_t code_point;
    cr_assert_eq(decode("\xE6\x97\xA5\xE6\x9C\xAC", &code_point), 3); /* 日本 */
    cr_assert_eq(code_point, 0x65E5);
}

Test(utf8_decode, rejects_overlong_forms) {
    uint32_t code_point;
    cr_assert_eq(decode("\xC0\x80", &code_point), 0);
    cr_assert_eq(decode("\xC1\xBF", &code_point), 0);
    cr_assert_eq(decode("\xE0\x80\x80", &code_point), 0);
    cr_assert_eq(decode("\xE0\x9F\xBF", &code_point), 0);
    cr_assert_eq(decode("\xF0\x80\x80\x80", &code_point), 0);
    cr_assert_eq(decode("\xF0\x8F\xBF\xBF", &code_point), 0);
}

Test(utf8_decode, rejects_surrogates) {
    uint32_t code_point;
    cr_assert_eq(decode("\xED\xA0\x80", &code_point), 0); /* U+D800 */
    cr_assert_eq(decode("\xED\xBF\xBF", &code_point), 0); /* U+DFFF */
    cr_assert_eq(decode("\xED\x9F\xBF", &code_point), 3); /* U+D7FF is fine */
    cr_assert_eq(code_point, 0xD7FF);
}

Test(utf8_decode, rejects_truncated_sequences) {
    uint32_t code_point = 0;
    cr_assert_eq(utf8_decode("\xE3\x81\x82", 2, &code_point), 0);
    cr_assert_eq(utf8_decode("\xF0\x9F\x98\x80", 3, &code_point), 0);
    cr_assert_eq(utf8_decode("\xC3", 1, &code_point), 0);
    cr_assert_eq(utf8_decode("", 0, &code_point), 0);
}

Test(utf8_decode, rejects_bad_continuation_and_lead_bytes) {
    uint32_t code_point;
    cr_assert_eq(decode("\xE3\x41\x82", &code_point), 0);
    cr_assert_eq(decode("\x80", &code_point), 0);
    cr_assert_eq(decode("\xBF", &code_point), 0);
    cr_assert_eq(decode("\xF8\x88\x80\x80\x80", &code_point), 0);
    cr_assert_eq(decode("\xFF", &code_point), 0);
}

Test(utf8_decode, rejects_code_points_above_10ffff) {
    uint32_t code_point;
    cr_assert_eq(decode("\xF4\x90\x80\x80", &code_point), 0);
    cr_assert_eq(decode("\xF4\x8F\xBF\xBF", &code_point), 4);
    cr_assert_eq(code_point, 0x10FFFF);
}

/* {=== utf8_first_invalid ===} */

Test(utf8_first_invalid, valid_text_gives_its_length) {
    const char *text = "abc \xE6\x97\xA5\xE6\x9C\xAC";
    cr_assert_eq(utf8_first_invalid(text, strlen(text)), strlen(text));
    cr_assert_eq(utf8_first_invalid("", 0), 0);
}

Test(utf8_first_invalid, points_at_the_bad_byte) {
    cr_assert_eq(utf8_first_invalid("ab\xFF" "cd", 5), 2);
    cr_assert_eq(utf8_first_invalid("\xE3\x81\x82" "\x82", 4), 3);
    cr_assert_eq(utf8_first_invalid("x\xED\xA0\x80", 4), 1);
}

Test(utf8_first_invalid, a_truncated_tail_is_invalid) {
    cr_assert_eq(utf8_first_invalid("\xE3\x81\x82\xE3\x81", 5), 3);
}

Test(utf8_first_invalid, shift_jis_is_invalid) {
    /* 確認 in Shift_JIS */
    cr_assert_eq(utf8_first_invalid("a: \x8A\x6D\x94\x46", 7), 3);
}

/* {=== display width ===} */

static size_t width(const char *text) { return utf8_display_width(text, strlen(text)); }

Test(utf8_width, ascii_is_one_column_each) {
    cr_assert_eq(width("abc"), 3);
    cr_assert_eq(width(""), 0);
}

Test(utf8_width, japanese_takes_two_columns) {
    cr_assert_eq(width("日本語"), 6);
    cr_assert_eq(width("確認した"), 8);
    cr_assert_eq(width("ｱ"), 1); /* half-width katakana stays narrow */
    cr_assert_eq(utf8_char_width(0x3042), 2);
}

Test(utf8_width, fullwidth_digits_take_two_columns) {
    cr_assert_eq(width("１"), 2);
    cr_assert_eq(width("１.1"), 4);
    cr_assert_eq(utf8_char_width(0xFF11), 2);
}

Test(utf8_width, tab_advances_to_the_next_multiple_of_eight) {
    cr_assert_eq(width("\t"), 8);
    cr_assert_eq(width("\tx"), 9);
    cr_assert_eq(width("ab\t"), 8);
    cr_assert_eq(width("1234567\t"), 8);
    cr_assert_eq(width("12345678\t"), 16);
    cr_assert_eq(width("日本\t"), 8);
}

Test(utf8_width, combining_mark_takes_no_column) {
    cr_assert_eq(width("e\xCC\x81"), 1);            /* e + U+0301 */
    cr_assert_eq(width("\xE3\x81\x8B\xE3\x82\x99"), 2); /* か + U+3099 */
    cr_assert_eq(utf8_char_width(0x0301), 0);
    cr_assert_eq(utf8_char_width(0x200B), 0);
}

Test(utf8_width, invalid_byte_takes_one_column) {
    cr_assert_eq(utf8_display_width("a\xFF" "b", 3), 3);
}

Test(utf8_length, counts_code_points) {
    const char *text = "日本a";
    cr_assert_eq(utf8_length(text, strlen(text)), 3);
    cr_assert_eq(utf8_length("", 0), 0);
}

/* {=== suggestions ===} */

static const char *suggest_among(const char *wanted, const char *const *candidates,
                                 size_t count) {
    suggestion best;
    suggest_begin(&best, wanted);
    for (size_t index = 0; index < count; index++) suggest_consider(&best, candidates[index]);
    return suggest_result(&best);
}

Test(suggest, finds_a_close_scale_name) {
    const char *const scales[] = {"confirm", "yes_no", "manage"};
    cr_assert_str_eq(suggest_among("yes_n", scales, 3), "yes_no");
}

Test(suggest, folds_fullwidth_digits) {
    const char *const ids[] = {"2.1", "1.1", "1.2"};
    cr_assert_str_eq(suggest_among("１.1", ids, 3), "1.1");
}

Test(suggest, prefers_the_closest_candidate) {
    const char *const names[] = {"sections", "section"};
    cr_assert_str_eq(suggest_among("sectoin", names, 2), "section");
}

Test(suggest, ignores_case) {
    const char *const names[] = {"checklist"};
    cr_assert_str_eq(suggest_among("CHECKLIST", names, 1), "checklist");
}

Test(suggest, nothing_for_far_names) {
    const char *const names[] = {"yes_no", "confirm", "manage"};
    cr_assert_null(suggest_among("zzzzzzzz", names, 3));
    cr_assert_null(suggest_among("ab", names, 3));
}

Test(suggest, nothing_without_candidates) {
    cr_assert_null(suggest_among("yes_no", NULL, 0));
}

/* {=== source positions ===} */

typedef struct loaded {
    arena region;
    source *file;
} loaded;

static void load(loaded *text, const char *bytes) {
    arena_init(&text->region);
    text->file = source_from_text(&text->region, "t.tkn", bytes, strlen(bytes));
}

static void unload(loaded *text) { arena_release(&text->region); }

Test(source, maps_offsets_to_lines_and_columns) {
    loaded text;
    load(&text, "ab\ncd\n");
    source_position first = source_locate(text.file, 0);
    source_position d = source_locate(text.file, 4);
    cr_assert_eq(first.line, 1);
    cr_assert_eq(first.column, 1);
    cr_assert_eq(d.line, 2);
    cr_assert_eq(d.column, 2);
    cr_assert_eq(text.file->line_count, 3);
    unload(&text);
}

Test(source, columns_count_display_width) {
    loaded text;
    load(&text, "x\n日本x\n\ty");
    source_position x = source_locate(text.file, 2 + 6);
    source_position y = source_locate(text.file, 2 + 6 + 2 + 1);
    cr_assert_eq(x.line, 2);
    cr_assert_eq(x.column, 5);
    cr_assert_eq(y.line, 3);
    cr_assert_eq(y.column, 9);
    unload(&text);
}

Test(source, offset_past_the_end_is_clamped) {
    loaded text;
    load(&text, "ab\ncd");
    source_position end = source_locate(text.file, 1000);
    cr_assert_eq(end.line, 2);
    cr_assert_eq(end.column, 3);
    unload(&text);
}

Test(source, line_text_drops_the_line_ending) {
    loaded text;
    load(&text, "one\r\ntwo\nthree");
    size_t length = 0;
    const char *line = source_line(text.file, 1, &length);
    cr_assert_eq(length, 3);
    cr_assert_eq(strncmp(line, "one", 3), 0);
    line = source_line(text.file, 3, &length);
    cr_assert_eq(length, 5);
    cr_assert_eq(strncmp(line, "three", 5), 0);
    source_line(text.file, 9, &length);
    cr_assert_eq(length, 0);
    unload(&text);
}

Test(source, leading_bom_is_dropped) {
    loaded text;
    load(&text, "\xEF\xBB\xBFtenken 1");
    cr_assert_eq(text.file->length, 8);
    cr_assert_str_eq(text.file->text, "tenken 1");
    unload(&text);
}
