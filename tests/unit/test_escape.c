/* test_escape.c — src/base/escape.c with hostile text for every kind of
   output (HTML, Markdown, YAML, CSV, the terminal, DOT); the answer
   writer's round trip: every string tk_answers_save writes is read back by
   tk_answers_open byte for byte; and the diff report's Markdown and HTML,
   which escape what the Markdown and HTML reports escape. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <yaml.h>

#include "base/escape.h"
#include "unit.h"

/* {=== capturing output ===} */

typedef struct capture {
    char *text;
    size_t size;
} capture;

typedef void (*stream_writer)(FILE *stream, const char *text);

/* What `write` writes for text; the caller frees it (capture_free). */
static const char *written(capture *into, stream_writer write, const char *text) {
    into->text = NULL;
    into->size = 0;
    FILE *stream = open_memstream(&into->text, &into->size);
    cr_assert_not_null(stream);
    write(stream, text);
    fclose(stream);
    return into->text;
}

static void capture_free(capture *into) { free(into->text); }

#define EXPECT(write, text, expected)                                                          \
    do {                                                                                       \
        capture out_;                                                                          \
        const char *text_ = (text);                                                            \
        cr_expect_str_eq(written(&out_, write, text_), expected, "%s of \"%s\"", #write,       \
                         text_ ? text_ : "NULL");                                              \
        capture_free(&out_);                                                                   \
    } while (0)

#define FFFD "\xEF\xBF\xBD"

/* {=== HTML ===} */

Test(escape_html, markup_and_both_quotes_become_references) {
    EXPECT(escape_html, "<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    EXPECT(escape_html, "\" onmouseover=\"x", "&quot; onmouseover=&quot;x");
    EXPECT(escape_html, "&lt;", "&amp;lt;");
}

Test(escape_html, controls_and_invalid_utf8_become_replacement_characters) {
    EXPECT(escape_html, "a\x1b[31mb", "a" FFFD "[31mb");
    EXPECT(escape_html, "del\x7f", "del" FFFD);
    EXPECT(escape_html, "csi\xC2\x9B" "2J", "csi" FFFD "2J");
    EXPECT(escape_html, "cr\r", "cr" FFFD);
    EXPECT(escape_html, "\xEF\xBF\xBE\xEF\xBF\xBF", FFFD FFFD);
    EXPECT(escape_html, "bad\xC0\xAF", "bad" FFFD FFFD);        /* overlong '/' */
    EXPECT(escape_html, "cut\xE3\x81", "cut" FFFD FFFD);
    EXPECT(escape_html, "sur\xED\xA0\x80", "sur" FFFD FFFD FFFD);
}

Test(escape_html, text_tab_and_line_feed_pass_through) {
    EXPECT(escape_html, "tab\tline\n𠮷 日本語", "tab\tline\n𠮷 日本語");
    EXPECT(escape_html, NULL, "");
}

/* {=== Markdown ===} */

Test(escape_md, text_escapes_every_markup_character) {
    EXPECT(escape_md_text, "| *b* _i_ [l](u) ![i](u) `c` <b> # ~s~ & \\",
           "\\| \\*b\\* \\_i\\_ \\[l\\](u) \\!\\[i\\](u) \\`c\\` \\<b\\> \\# \\~s\\~ \\& \\\\");
}

Test(escape_md, text_drops_controls_and_keeps_one_line) {
    EXPECT(escape_md_text, "a\r\nb\nc\rd\te", "a b c d e");
    EXPECT(escape_md_text, "\x1b[2Jx\x7f\xC2\x85y\xC2\x9B", "\\[2Jxy");
    EXPECT(escape_md_text, "bad\xFF", "bad" FFFD);
    EXPECT(escape_md_text, "法令確認_契約 𠮷", "法令確認\\_契約 𠮷");
}

Test(escape_md, line_escapes_only_the_cell_border) {
    EXPECT(escape_md_line, "a|b *c* safe_use", "a\\|b *c* safe_use");
    EXPECT(escape_md_line, "one\ntwo\r\nthree", "one two three");
    EXPECT(escape_md_line, "\x1b]0;title\x07x\xFE", "]0;titlex" FFFD);
}

Test(escape_md, code_span_fence_is_longer_than_any_backtick_run) {
    EXPECT(escape_md_code, "plain", "`plain`");
    EXPECT(escape_md_code, "a``b`", "``` a``b` ```");
    EXPECT(escape_md_code, " lead", "`  lead `");
    EXPECT(escape_md_code, "a|b\n\x1b\xFF", "`a\\|b " FFFD "`");
}

/* {=== YAML ===} */

Test(escape_yaml, escapes_are_yamls) {
    EXPECT(escape_yaml, "", "\"\"");
    EXPECT(escape_yaml, "say \"hi\" \\ 'x'", "\"say \\\"hi\\\" \\\\ 'x'\"");
    EXPECT(escape_yaml, "\t\r\n\x01\x1b\x7f", "\"\\t\\r\\n\\x01\\x1B\\x7F\"");
    EXPECT(escape_yaml, "\xC2\x85\xE2\x80\xA8\xE2\x80\xA9", "\"\\N\\L\\P\"");
    EXPECT(escape_yaml, "\xC2\x80\xC2\x9F", "\"\\x80\\x9F\"");
    EXPECT(escape_yaml, "\xEF\xBB\xBF" "bom", "\"\\uFEFFbom\"");
    EXPECT(escape_yaml, "\xEF\xBF\xBE", "\"\\uFFFE\"");
    EXPECT(escape_yaml, "- a: b # c ~ null", "\"- a: b # c ~ null\"");
    EXPECT(escape_yaml, "𠮷 日本語", "\"𠮷 日本語\"");
    EXPECT(escape_yaml, "bad\xFF", "\"bad" FFFD "\"");
}

/* The text libyaml reads from `key: SCALAR`, or NULL when it cannot. */
static char *yaml_read_back(const char *document) {
    yaml_parser_t parser;
    yaml_document_t parsed;
    char *text = NULL;
    cr_assert(yaml_parser_initialize(&parser));
    yaml_parser_set_input_string(&parser, (const unsigned char *)document, strlen(document));
    if (yaml_parser_load(&parser, &parsed)) {
        yaml_node_t *root = yaml_document_get_root_node(&parsed);
        if (root && root->type == YAML_MAPPING_NODE) {
            yaml_node_t *value =
                yaml_document_get_node(&parsed, root->data.mapping.pairs.start->value);
            if (value->type == YAML_SCALAR_NODE) text = strdup((char *)value->data.scalar.value);
        }
        yaml_document_delete(&parsed);
    }
    yaml_parser_delete(&parser);
    return text;
}

/* The strings an answer file must carry exactly: the YAML round trips. */
static const char *const hostile[] = {
    "DEL\x7f", "NEL\xC2\x85", "LS\xE2\x80\xA8", "PS\xE2\x80\xA9", "tab\there\t", "cr\rcr",
    "lf\nlf\n", "crlf\r\n", "\x01\x02\x08\x0b\x0c\x1b[31mred\x1b[0m\x1f", "- leading dash",
    "a: b", "# hash", "x #y", "\"double\"", "'single'", "back\\slash\\x7F", "~", "null", "Null",
    "yes", "no", "true", "", " ", "  leading", "trailing  ", "\xEF\xBB\xBF" "bom", "mid\xEF\xBB\xBF",
    "𠮷野家", "日本語のメモ", "C1 \xC2\x80\xC2\x9B\xC2\x9F", "nonchar \xEF\xBF\xBE\xEF\xBF\xBF",
    "bidi \xE2\x80\xAE" "txt", "---", "a\n---\nb", "...", "%YAML", "@at `tick`", "&anchor *alias",
    "!tag", "{flow: [1, 2]}", "| literal", "> folded", "? key", "12", "0x1F", "3.5", ".inf",
};

Test(escape_yaml, every_hostile_string_reads_back_the_same) {
    for (size_t index = 0; index < sizeof hostile / sizeof *hostile; index++) {
        capture out;
        const char *scalar = written(&out, escape_yaml, hostile[index]);
        size_t size = strlen(scalar) + 8;
        char *document = malloc(size);
        cr_assert_not_null(document);
        snprintf(document, size, "key: %s\n", scalar);
        char *back = yaml_read_back(document);
        cr_expect_not_null(back, "libyaml refuses %s", document);
        if (back) cr_expect_str_eq(back, hostile[index], "%s", document);
        free(back);
        free(document);
        capture_free(&out);
    }
}

/* {=== CSV ===} */

static void csv_through_arena(FILE *stream, const char *text) {
    arena region;
    arena_init(&region);
    char *row = NULL;
    size_t length = 0, capacity = 0;
    escape_csv_append(&region, &row, &length, &capacity, "first");
    escape_csv_append(&region, &row, &length, &capacity, text);
    fwrite(row + 5, 1, length - 5, stream);
    arena_release(&region);
}

Test(escape_csv, quotes_only_when_needed) {
    EXPECT(escape_csv, "plain 日本語", "plain 日本語");
    EXPECT(escape_csv, "a,b", "\"a,b\"");
    EXPECT(escape_csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
    EXPECT(escape_csv, "two\r\nlines", "\"two\r\nlines\"");
    EXPECT(escape_csv, "\tpadded ", "\"\tpadded \"");
    EXPECT(escape_csv, "", "");
}

Test(escape_csv, controls_and_invalid_utf8_become_replacement_characters) {
    EXPECT(escape_csv, "\x1b[2J\x7f\xC2\x9B" "x", FFFD "[2J" FFFD FFFD "x");
    EXPECT(escape_csv, "bad\xFF,", "\"bad" FFFD ",\"");
}

Test(escape_csv, the_arena_buffer_holds_the_same_bytes) {
    const char *texts[] = {"plain", "a,\"b\"", "\x1b\xFF x ", "𠮷\n"};
    for (size_t index = 0; index < 4; index++) {
        capture direct, buffered;
        cr_expect_str_eq(written(&buffered, csv_through_arena, texts[index]),
                         written(&direct, escape_csv, texts[index]));
        capture_free(&direct);
        capture_free(&buffered);
    }
}

/* {=== the terminal ===} */

Test(escape_terminal, escape_sequences_and_c1_controls_show_as_question_marks) {
    EXPECT(escape_terminal, "\x1b[31mRED\x1b[0m", "?[31mRED?[0m");
    EXPECT(escape_terminal, "\x1b]0;pwned\x07", "?]0;pwned?");
    EXPECT(escape_terminal, "csi\xC2\x9B" "2J del\x7f", "csi?2J del?");
    EXPECT(escape_terminal, "bad\xFF\xE3\x81", "bad???");
}

Test(escape_terminal, bidirectional_controls_show_as_question_marks) {
    EXPECT(escape_terminal, "abc\xE2\x80\xAE" "fed", "abc?fed");                  /* U+202E */
    EXPECT(escape_terminal, "\xE2\x81\xA6x\xE2\x81\xA9", "?x?");                  /* U+2066, U+2069 */
    EXPECT(escape_terminal, "\xE2\x80\x8F\xD8\x9C", "??");                         /* U+200F, U+061C */
}

Test(escape_terminal, white_space_shows_as_spaces_text_as_it_is) {
    EXPECT(escape_terminal, "one\ntwo\r\tthree", "one two  three");
    EXPECT(escape_terminal, "件名 𠮷 é", "件名 𠮷 é");
}

Test(escape_terminal, a_quote_shows_line_breaks_as_question_marks) {
    EXPECT(escape_terminal_quote, "a\nb\tc\x1b[2J", "a?b?c?[2J");
}

Test(escape_terminal, the_copy_is_the_same_and_null_stays_null) {
    arena region;
    arena_init(&region);
    cr_expect_str_eq(escape_terminal_copy(&region, "x\x1b\xE2\x80\xAE\n𠮷\xFF"), "x?? 𠮷?");
    cr_expect_str_eq(escape_terminal_copy(&region, ""), "");
    cr_expect_null(escape_terminal_copy(&region, NULL));
    arena_release(&region);
}

Test(escape_terminal, a_shown_character_is_never_longer) {
    for (uint32_t code_point = 0; code_point < 0x3000; code_point++) {
        uint32_t shown = escape_terminal_char(code_point);
        cr_expect(shown == code_point || shown < 0x80, "U+%04X", (unsigned)code_point);
    }
}

/* {=== DOT ===} */

Test(escape_dot, quotes_backslashes_and_line_breaks) {
    arena region;
    arena_init(&region);
    cr_expect_str_eq(escape_dot(&region, "say \"hi\" \\l"), "say \\\"hi\\\" \\\\l");
    cr_expect_str_eq(escape_dot(&region, "a\nb\rc\xE2\x80\xA8" "d\xC2\x85" "e\x1b"),
                     "a b c d e ");
    cr_expect_str_eq(escape_dot(&region, "bad\xFF\"\xFE"), "bad" FFFD "\\\"" FFFD);
    cr_expect_str_eq(escape_dot(&region, "日本語 𠮷"), "日本語 𠮷");
    arena_release(&region);
}

/* {=== the answer writer's round trip ===} */

static const char round_trip_rules[] =
    "tenken 1\nmodule t\n"
    "scale s { good 1 ja \"良い\" bad 0 ja \"悪い\" }\n"
    "fact owner: string\n"
    "fact tier: enum(null, small)\n"
    "checklist c { scale s\n"
    "  item \"1\"\n"
    "  item \"2\"\n"
    "  item \"- a: b # 'c' \\\"d\\\" \\\\e\"\n"
    "}\n";

typedef struct round_trip {
    unit_run run;
    size_t noted, invalid, odd_id, owner, tier;
    char directory[64];
    char path[96];
} round_trip;

static void round_trip_begin(round_trip *trip) {
    memset(trip, 0, sizeof *trip);
    unit_compile_ok(&trip->run, round_trip_rules);
    trip->noted = unit_item(trip->run.graph, "c", "1");
    trip->invalid = unit_item(trip->run.graph, "c", "2");
    trip->odd_id = unit_item(trip->run.graph, "c", "- a: b # 'c' \"d\" \\e");
    trip->owner = unit_fact(trip->run.graph, "owner");
    trip->tier = unit_fact(trip->run.graph, "tier");
    strcpy(trip->directory, "/tmp/tenken-escape.XXXXXX");
    cr_assert_not_null(mkdtemp(trip->directory));
    snprintf(trip->path, sizeof trip->path, "%s/answers.yaml", trip->directory);
}

static void round_trip_end(round_trip *trip) {
    unlink(trip->path);
    rmdir(trip->directory);
    unit_free(&trip->run);
}

/* An answer set with `text` everywhere a string goes: the subject, a note
   and evidence, a string fact, and an answer that is no option (except the
   empty text, which the reader takes as no answer and no fact). */
static tk_answers *answers_holding(round_trip *trip, const char *text) {
    tk_answers *answers = answers_create(trip->run.graph, "in.yaml", 1);
    answers->subject = text;
    answers->options[trip->noted] = 0;
    answers->notes[trip->noted] = text;
    answers->evidence[trip->noted] = text;
    answers->options[trip->odd_id] = 1;
    answers->facts[trip->tier] = (fact_value){true, TYPE_ENUM, {0}, NULL};
    if (*text) {
        answers->options[trip->invalid] = ANSWER_INVALID;
        answers->raw[trip->invalid] = text;
        answers->facts[trip->owner] = (fact_value){true, TYPE_STRING, {0}, text};
    }
    return answers;
}

/* Save, read back; every string must be the same, and the file must read
   without a diagnostic but the one for the answer that is no option. */
static void check_round_trip(round_trip *trip, const char *text, const char *expected) {
    tk_answers *saved = answers_holding(trip, text);
    const char *error = NULL;
    cr_assert(tk_answers_save(saved, trip->path, &error), "save: %s", error);
    tk_answers_free(saved);
    tk_diags *diags = tk_diags_new();
    tk_answer_reader *reader = tk_answers_open(trip->run.graph, trip->path, diags);
    cr_assert_not_null(reader);
    tk_answers *back = tk_answers_next(reader, diags);
    cr_assert_not_null(back, "not read back (%s): %s", unit_codes(diags), text);
    const char *codes = unit_codes(diags);
    cr_expect_str_eq(codes, *text ? "TK0505" : "", "diagnostics for \"%s\"", text);
    cr_expect_str_eq(back->notes[trip->noted], expected, "note");
    cr_expect_str_eq(back->evidence[trip->noted], expected, "evidence");
    cr_expect_eq(back->options[trip->noted], 0);
    cr_expect_eq(back->options[trip->odd_id], 1, "an item id with YAML's characters");
    cr_expect(back->facts[trip->tier].given && decimal_is_zero(back->facts[trip->tier].number),
              "an enum member named null");
    if (*text) {
        cr_expect_str_eq(back->subject ? back->subject : "(none)", expected, "subject");
        cr_expect_eq(back->options[trip->invalid], ANSWER_INVALID);
        cr_expect_str_eq(back->raw[trip->invalid], expected, "raw answer");
        cr_expect(back->facts[trip->owner].given, "fact given");
        cr_expect_str_eq(back->facts[trip->owner].string, expected, "fact");
    }
    tk_answers_free(back);
    tk_answers_close(reader);
    tk_diags_free(diags);
}

Test(answers_write, every_string_reads_back_byte_for_byte) {
    round_trip trip;
    round_trip_begin(&trip);
    for (size_t index = 0; index < sizeof hostile / sizeof *hostile; index++)
        check_round_trip(&trip, hostile[index], hostile[index]);
    round_trip_end(&trip);
}

/* A YAML file is UTF-8: a byte that is not cannot be carried, and is
   written (and so read back) as U+FFFD; the file is never refused. */
Test(answers_write, invalid_utf8_is_written_as_replacement_characters) {
    round_trip trip;
    round_trip_begin(&trip);
    check_round_trip(&trip, "a\xFF" "b\xE3\x81", "a" FFFD "b" FFFD FFFD);
    round_trip_end(&trip);
}

/* {=== the diff report's Markdown and HTML ===} */

static const char diff_rules[] =
    "tenken 1\nmodule t\n"
    "scale s { good 1 ja \"良い\" bad 0 ja \"悪い\" }\n"
    "checklist c { scale s item \"1\" { label ja \"a|b <i>x</i>\" } }\n";

/* A subject and an invalid answer with an escape sequence, a C1 CSI, markup
   and a line break. */
#define HOSTILE_YAML "\"\\e[31m<script>x</script>\\x9B2J|y\\nz\""

static tk_answers *diff_side(unit_run *run, const char *text, tk_answer_reader **reader) {
    *reader = answers_open_text(run->graph, "answers.yaml", text, run->diags);
    cr_assert_not_null(*reader);
    tk_answers *answers = tk_answers_next(*reader, run->diags);
    cr_assert_not_null(answers, "%s", unit_codes(run->diags));
    return answers;
}

/* The diff of a plain set and a hostile one, in `format`. */
static char *hostile_diff(tk_report_format format) {
    unit_run run = {0};
    unit_compile_ok(&run, diff_rules);
    tk_answer_reader *old_reader, *new_reader;
    tk_answers *old = diff_side(&run, "tenken: 1\nsubject: s\nanswers:\n  c:\n    \"1\": 良い\n",
                                &old_reader);
    tk_answers *new = diff_side(&run, "tenken: 1\nsubject: " HOSTILE_YAML "\nanswers:\n  c:\n"
                                      "    \"1\": " HOSTILE_YAML "\n", &new_reader);
    const tk_result *olds[] = {tk_evaluate(run.graph, old)}, *news[] = {tk_evaluate(run.graph, new)};
    char *text = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&text, &size);
    tk_report_options options = {format, "ja", false, false};
    tk_report_diff(olds, news, 1, stream, &options);
    fclose(stream);
    tk_result_free((tk_result *)olds[0]);
    tk_result_free((tk_result *)news[0]);
    tk_answers_free(old);
    tk_answers_free(new);
    tk_answers_close(old_reader);
    tk_answers_close(new_reader);
    unit_free(&run);
    return text;
}

static void expect_no_control_characters(const char *text) {
    cr_expect_null(strchr(text, '\x1b'), "an ESC byte: %s", text);
    cr_expect_null(strstr(text, "\xC2\x9B"), "a C1 CSI: %s", text);
}

Test(diff_report, html_escapes_what_the_html_report_escapes) {
    char *html = hostile_diff(TK_REPORT_HTML);
    expect_no_control_characters(html);
    cr_expect_null(strstr(html, "<script>"), "%s", html);
    cr_expect_not_null(strstr(html, "&lt;script&gt;x&lt;/script&gt;"), "%s", html);
    cr_expect_not_null(strstr(html, "&lt;i&gt;x&lt;/i&gt;"), "%s", html);
    free(html);
}

Test(diff_report, markdown_keeps_every_text_in_its_line_and_cell) {
    char *md = hostile_diff(TK_REPORT_MARKDOWN);
    expect_no_control_characters(md);
    cr_expect_not_null(strstr(md, "\n# [31m<script>x</script>2J\\|y z\n"), "heading: %s", md);
    cr_expect_not_null(strstr(md, "| a\\|b <i>x</i> |"), "label: %s", md);
    free(md);
}
