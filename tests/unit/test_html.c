/* test_html.c — the HTML and Markdown reports (src/report/html.c, md.c):
   escaping, the radar chart's geometry, and what a rendered page holds. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/report.h"
#include "unit.h"

/* {=== capturing output ===} */

typedef struct capture {
    FILE *stream;
    char *text;
    size_t size;
} capture;

static FILE *capture_open(capture *into) {
    into->text = NULL;
    into->size = 0;
    into->stream = open_memstream(&into->text, &into->size);
    cr_assert_not_null(into->stream);
    return into->stream;
}

/* Close the stream; the text stays until capture_free. */
static const char *capture_close(capture *into) {
    fclose(into->stream);
    return into->text;
}

static void capture_free(capture *into) { free(into->text); }

static const char *escaped_html(capture *into, const char *text) {
    html_escape(capture_open(into), text);
    return capture_close(into);
}

static const char *escaped_md(capture *into, const char *text) {
    md_escape(capture_open(into), text);
    return capture_close(into);
}

static size_t occurrences(const char *text, const char *part) {
    size_t count = 0;
    for (const char *at = strstr(text, part); at; at = strstr(at + 1, part)) count++;
    return count;
}

/* {=== HTML escaping ===} */

Test(html_escape, markup_characters_become_references) {
    capture out;
    cr_assert_str_eq(escaped_html(&out, "<a href=\"x\">Tom & Jerry's</a>"),
                     "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    capture_free(&out);
}

Test(html_escape, references_are_escaped_again) {
    capture out;
    cr_assert_str_eq(escaped_html(&out, "&amp; &#39; ]]>"), "&amp;amp; &amp;#39; ]]&gt;");
    capture_free(&out);
}

Test(html_escape, japanese_passes_through) {
    capture out;
    cr_assert_str_eq(escaped_html(&out, "Ⅰ．サービス選択時のポイント"), "Ⅰ．サービス選択時のポイント");
    capture_free(&out);
}

Test(html_escape, control_characters_become_replacement_characters) {
    capture out;
    cr_assert_str_eq(escaped_html(&out, "a\x01" "b\rc\x7f" "d"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d");
    capture_free(&out);
    cr_assert_str_eq(escaped_html(&out, "tab\tand\nnewline"), "tab\tand\nnewline");
    capture_free(&out);
    /* U+0085, a C1 control, in UTF-8 */
    cr_assert_str_eq(escaped_html(&out, "x\xC2\x85y"), "x\xEF\xBF\xBDy");
    capture_free(&out);
}

Test(html_escape, invalid_utf8_becomes_replacement_characters) {
    capture out;
    cr_assert_str_eq(escaped_html(&out, "a\xFF" "b\xE3\x81"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
    capture_free(&out);
}

Test(html_escape, null_and_empty_write_nothing) {
    capture out;
    cr_assert_str_eq(escaped_html(&out, NULL), "");
    capture_free(&out);
    cr_assert_str_eq(escaped_html(&out, ""), "");
    capture_free(&out);
}

/* {=== Markdown escaping ===} */

Test(md_escape, table_and_emphasis_characters_are_escaped) {
    capture out;
    cr_assert_str_eq(escaped_md(&out, "a|b*c_d[e](f) `g` <h> #i ~j~ &k \\l !m"),
                     "a\\|b\\*c\\_d\\[e\\](f) \\`g\\` \\<h\\> \\#i \\~j\\~ \\&k \\\\l \\!m");
    capture_free(&out);
}

Test(md_escape, line_breaks_become_spaces) {
    capture out;
    cr_assert_str_eq(escaped_md(&out, "one\ntwo\r\nthree\tfour"), "one two three four");
    capture_free(&out);
}

Test(md_escape, japanese_passes_through) {
    capture out;
    cr_assert_str_eq(escaped_md(&out, "法令確認_契約条項確認（約款添付）"), "法令確認\\_契約条項確認（約款添付）");
    capture_free(&out);
}

/* {=== radar geometry ===} */

static const radar_geometry sheet = {380, 250, 170, 15, 3};

static double distance_from_centre(const radar_geometry *geometry, radar_point point) {
    return hypot(point.x - geometry->cx, point.y - geometry->cy);
}

Test(radar, full_points_lie_on_the_outer_ring) {
    for (size_t spoke = 0; spoke < sheet.spokes; spoke++)
        cr_assert_float_eq(distance_from_centre(&sheet, radar_point_at(&sheet, spoke, 3)), 170, 1e-9,
                           "spoke %zu", spoke);
}

Test(radar, zero_lies_at_the_centre) {
    for (size_t spoke = 0; spoke < sheet.spokes; spoke++) {
        radar_point point = radar_point_at(&sheet, spoke, 0);
        cr_assert_float_eq(point.x, 380, 1e-9);
        cr_assert_float_eq(point.y, 250, 1e-9);
    }
}

Test(radar, points_are_proportional_to_the_scale) {
    cr_assert_float_eq(distance_from_centre(&sheet, radar_point_at(&sheet, 4, 1)), 170.0 / 3, 1e-9);
    cr_assert_float_eq(distance_from_centre(&sheet, radar_point_at(&sheet, 9, 2)), 340.0 / 3, 1e-9);
}

Test(radar, the_first_spoke_points_up) {
    radar_point top = radar_point_at(&sheet, 0, 3);
    cr_assert_float_eq(top.x, 380, 1e-9);
    cr_assert_float_eq(top.y, 80, 1e-9);
}

Test(radar, spokes_go_clockwise_at_equal_angles) {
    radar_geometry square = {0, 0, 10, 4, 1};
    radar_point right = radar_point_at(&square, 1, 1), bottom = radar_point_at(&square, 2, 1),
                left = radar_point_at(&square, 3, 1);
    cr_assert_float_eq(right.x, 10, 1e-9);
    cr_assert_float_eq(right.y, 0, 1e-9);
    cr_assert_float_eq(bottom.x, 0, 1e-9);
    cr_assert_float_eq(bottom.y, 10, 1e-9);
    cr_assert_float_eq(left.x, -10, 1e-9);
    cr_assert_float_eq(left.y, 0, 1e-9);
    for (size_t spoke = 0; spoke < sheet.spokes; spoke++)
        cr_assert_float_eq(radar_spoke_angle(&sheet, spoke), 2 * 3.141592653589793 * spoke / 15, 1e-12);
}

Test(radar, values_outside_the_scale_are_clamped) {
    cr_assert_float_eq(distance_from_centre(&sheet, radar_point_at(&sheet, 3, 5)), 170, 1e-9);
    cr_assert_float_eq(distance_from_centre(&sheet, radar_point_at(&sheet, 3, -1)), 0, 1e-9);
    radar_geometry empty = {10, 10, 5, 3, 0};
    radar_point point = radar_point_at(&empty, 1, 1);
    cr_assert_float_eq(point.x, 10, 1e-9);
    cr_assert_float_eq(point.y, 10, 1e-9);
}

/* {=== rendered pages ===} */

static const char rules[] =
    "tenken 1\n"
    "module test.html\n"
    "scale level { good 3 ja \"良い\" en \"good\" fair 2 ja \"普通\" en \"fair\"\n"
    "              poor 1 ja \"悪い\" en \"poor\" none 0 ja \"なし\" en \"none\" }\n"
    "scale yes_no { yes 1 \"はい\" no 0 \"いいえ\" }\n"
    "fact small : bool = false\n"
    "checklist sheet ja \"点検表\" en \"Sheet\" {\n"
    "  scale level\n"
    "  section one ja \"第一\" en \"First\" {\n"
    "    item \"1\" ja \"施錠 & 鍵\" en \"Locks & keys\"\n"
    "    item \"2\" ja \"<b>照明</b>\" en \"Lights\"\n"
    "  }\n"
    "  section two ja \"第二\" en \"Second\" {\n"
    "    item \"3\" ja \"消火器\" en \"Extinguishers\"\n"
    "    item \"4\" ja \"避難経路\" en \"Escape routes\" {\n"
    "      exclude when small because ja \"小規模のため\" en \"a small site\"\n"
    "    }\n"
    "  }\n"
    "  score total ja \"合計\" en \"Total\" = sum(points of items)\n"
    "  score max ja \"満点\" en \"Maximum\" = sum(max of items)\n"
    "}\n"
    "checklist yes_no ja \"はい・いいえ\" {\n"
    "  scale yes_no\n"
    "  item \"a\" \"一\"\n"
    "  item \"b\" \"二\"\n"
    "  item \"c\" \"三\"\n"
    "  gate ready = all(items is yes)\n"
    "}\n";

static const char *render(unit_run *run, capture *into, const char *answers, tk_report_format format,
                          const char *lang) {
    unit_evaluate(run, rules, answers);
    tk_report_options options = {format, lang, false, false};
    FILE *stream = capture_open(into);
    tk_report_begin(run->graph, stream, &options);
    tk_report(run->result, stream, &options);
    tk_report_end(run->graph, stream, &options);
    return capture_close(into);
}

Test(html_page, one_spoke_per_item_and_a_point_per_answer) {
    unit_run run = {0};
    capture out;
    const char *page = render(&run, &out,
                              "answers:\n  sheet:\n    \"1\": good\n    \"2\": fair\n    \"3\": none\n"
                              "  yes_no:\n    a: はい\n    b: いいえ\n",
                              TK_REPORT_HTML, "ja");
    cr_assert(unit_contains(page, "<!DOCTYPE html>\n<html lang=\"ja\">"), "%s", page);
    cr_assert(unit_contains(page, "</body>\n</html>\n"));
    cr_assert_eq(occurrences(page, "<svg class=\"radar-chart\""), 1, "only the scored checklist");
    cr_assert_eq(occurrences(page, "class=\"spoke-label\""), 4);
    cr_assert_eq(occurrences(page, "<circle class=\"radar-point\""), 3);
    /* 4 spokes around (380, 250), radius 170: item 1 (3/3) at the top of the outer
       ring, item 3 (0 points) at the centre */
    cr_assert(unit_contains(page, "<circle class=\"radar-point\" cx=\"380\" cy=\"80\""), "%s", page);
    cr_assert(unit_contains(page, "<circle class=\"radar-point\" cx=\"380\" cy=\"250\""), "%s", page);
    cr_assert(unit_contains(page, "<span class=\"score\">未確定 / 12</span>"), "item 4 is unanswered");
    cr_assert(unit_contains(page, "&lt;b&gt;照明&lt;/b&gt;"));
    cr_assert(unit_contains(page, "施錠 &amp; 鍵"));
    cr_assert_not(unit_contains(page, "<b>照明"));
    cr_assert(unit_contains(page, "<table class=\"items compact\">"), "a table for the Yes/No list");
    cr_assert(unit_contains(page, "<li class=\"waiting\" data-item=\"c\">"));
    cr_assert(unit_contains(page, "<li class=\"blocking\" data-item=\"b\">"));
    capture_free(&out);
    unit_free(&run);
}

Test(html_page, the_excluded_item_is_a_gap_in_the_chart) {
    unit_run run = {0};
    capture out;
    const char *page = render(&run, &out,
                              "facts:\n  small: true\nanswers:\n  sheet:\n    \"1\": good\n"
                              "    \"2\": good\n    \"3\": good\n",
                              TK_REPORT_HTML, "en");
    cr_assert(unit_contains(page, "<html lang=\"en\">"));
    cr_assert_eq(occurrences(page, "<circle class=\"radar-point\""), 3);
    cr_assert_eq(occurrences(page, "stroke-dasharray"), 1, "the excluded spoke is dashed");
    cr_assert(unit_contains(page, "(excluded)</tspan>"), "%s", page);
    cr_assert(unit_contains(page, "<span class=\"score\">9 / 9</span><span>Total</span>"),
              "the excluded item does not count");
    cr_assert(unit_contains(page, "a small site <span class=\"note\">(when <code>small</code>)</span>"), "the reason of the exclusion");
    /* a fan from the centre over spokes 1-3, not a closed polygon through a 0 */
    cr_assert(unit_contains(page, "<path class=\"radar-area\" d=\" M380,250 L380,80 L550,250 L380,420 Z\""),
              "%s", page);
    capture_free(&out);
    unit_free(&run);
}

Test(md_page, tables_for_items_values_and_gates) {
    unit_run run = {0};
    capture out;
    const char *page = render(&run, &out,
                              "subject: \"A | B\"\nanswers:\n  sheet:\n    \"1\": good\n"
                              "  yes_no:\n    a: はい\n",
                              TK_REPORT_MARKDOWN, "en");
    cr_assert(unit_contains(page, "# A \\| B\n"), "%s", page);
    cr_assert(unit_contains(page, "| 1 | Locks \\& keys | good | 3/3 |\n"), "%s", page);
    cr_assert(unit_contains(page, "| 2 | Lights | unanswered | –/3 |\n"), "%s", page);
    cr_assert(unit_contains(page, "| `ready` |  | pending |  | b c |\n"), "%s", page);
    cr_assert(unit_contains(page, "| First | 3 / 6 | 1 / 2 |\n"), "%s", page);
    cr_assert_not(unit_contains(page, "<!DOCTYPE"));
    capture_free(&out);
    unit_free(&run);
}
