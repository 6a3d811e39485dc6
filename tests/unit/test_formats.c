/*
 * test_formats.c — the table of output formats (report/formats.c) and the
 * format names of the other families: every format writes results, every
 * name parses back to its format for what it writes, unknown names do not,
 * a format without a diff or coverage writer falls back to text, and the
 * names the commands' usage messages list are the table's. Also the words
 * of every item state in both languages (report/words.h).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/formats.h"
#include "tenken.h"

static const tk_report_use uses[] = {TK_REPORT_USE_RESULTS, TK_REPORT_USE_DIFFS,
                                     TK_REPORT_USE_COVERAGE};
enum { USES = sizeof uses / sizeof *uses, MAX_NAMES = 16 };

/* The names listed for a use, joined by spaces. */
static char *listed(tk_report_use use) {
    static char joined[256];
    joined[0] = '\0';
    const char *name;
    for (size_t index = 0; (name = tk_report_format_name(use, index)); index++) {
        if (index) strcat(joined, " ");
        strcat(joined, name);
    }
    return joined;
}

Test(formats, every_format_writes_results_under_its_own_name) {
    for (int format = TK_REPORT_TEXT; format <= TK_REPORT_HTML; format++) {
        const report_format *row =
            report_format_for((tk_report_format)format, TK_REPORT_USE_RESULTS);
        cr_assert_not_null(row->result, "format %d writes no result", format);
        cr_assert_not_null(row->names[0], "format %d has no name", format);
        tk_report_format parsed;
        cr_assert(tk_report_format_by_name(row->names[0], TK_REPORT_USE_RESULTS, &parsed),
                  "'%s' does not parse", row->names[0]);
        cr_assert_eq((int)parsed, format, "'%s' parses to %d, not %d", row->names[0], parsed,
                     format);
    }
}

Test(formats, every_listed_name_parses_back_for_its_use) {
    for (size_t use = 0; use < USES; use++) {
        const char *name;
        size_t index = 0;
        for (; (name = tk_report_format_name(uses[use], index)); index++) {
            tk_report_format parsed;
            cr_assert(tk_report_format_by_name(name, uses[use], &parsed), "'%s' (use %zu)", name,
                      use);
            cr_assert_str_eq(report_format_for(parsed, uses[use])->names[0], name);
            for (size_t other = 0; other < index; other++)
                cr_assert_str_neq(tk_report_format_name(uses[use], other), name,
                                  "'%s' listed twice", name);
        }
        cr_assert_gt(index, 0, "use %zu lists no format", use);
    }
}

Test(formats, every_spelling_of_every_format_parses) {
    for (int format = TK_REPORT_TEXT; format <= TK_REPORT_HTML; format++) {
        const report_format *row =
            report_format_for((tk_report_format)format, TK_REPORT_USE_RESULTS);
        for (size_t spelling = 0; spelling < FORMAT_NAMES && row->names[spelling]; spelling++) {
            tk_report_format parsed;
            cr_assert(tk_report_format_by_name(row->names[spelling], TK_REPORT_USE_RESULTS,
                                               &parsed));
            cr_assert_eq((int)parsed, format, "'%s'", row->names[spelling]);
        }
    }
    tk_report_format parsed;
    cr_assert(tk_report_format_by_name("markdown", TK_REPORT_USE_DIFFS, &parsed));
    cr_assert_eq(parsed, TK_REPORT_MARKDOWN);
}

Test(formats, the_uses_list_what_each_format_writes) {
    cr_assert_str_eq(listed(TK_REPORT_USE_RESULTS), "text json jsonl csv html md");
    cr_assert_str_eq(listed(TK_REPORT_USE_DIFFS), "text json jsonl html md");
    cr_assert_str_eq(listed(TK_REPORT_USE_COVERAGE), "text json csv md");
}

Test(formats, no_name_is_text_and_unknown_names_fail) {
    for (size_t use = 0; use < USES; use++) {
        tk_report_format parsed = TK_REPORT_HTML;
        cr_assert(tk_report_format_by_name(NULL, uses[use], &parsed));
        cr_assert_eq(parsed, TK_REPORT_TEXT);
        const char *unknown[] = {"", "xml", "TEXT", "md ", "htm", "jsonlines"};
        for (size_t index = 0; index < sizeof unknown / sizeof *unknown; index++)
            cr_assert_not(tk_report_format_by_name(unknown[index], uses[use], &parsed), "'%s'",
                          unknown[index]);
    }
    tk_report_format parsed;
    cr_assert_not(tk_report_format_by_name("csv", TK_REPORT_USE_DIFFS, &parsed));
    cr_assert_not(tk_report_format_by_name("html", TK_REPORT_USE_COVERAGE, &parsed));
    cr_assert_null(tk_report_format_name(TK_REPORT_USE_RESULTS, 99));
}

Test(formats, what_a_format_does_not_write_it_writes_as_text) {
    const report_format *text = report_format_for(TK_REPORT_TEXT, TK_REPORT_USE_RESULTS);
    cr_assert_eq(report_format_for(TK_REPORT_CSV, TK_REPORT_USE_DIFFS), text);
    cr_assert_eq(report_format_for(TK_REPORT_HTML, TK_REPORT_USE_COVERAGE), text);
    cr_assert_eq(report_format_for((tk_report_format)99, TK_REPORT_USE_RESULTS), text);
    for (size_t use = 0; use < USES; use++) {
        const report_format *row = report_format_for(TK_REPORT_TEXT, uses[use]);
        cr_assert(row->result && row->diff && row->coverage, "text writes everything");
    }
}

Test(formats, diagnostics_formats_by_name) {
    const char *names[] = {"text", "json", "sarif"};
    const tk_diag_format formats[] = {TK_DIAG_TEXT, TK_DIAG_JSON, TK_DIAG_SARIF};
    for (size_t index = 0; index < 3; index++) {
        tk_diag_format parsed = (tk_diag_format)-1;
        cr_assert(tk_diag_format_by_name(names[index], &parsed), "'%s'", names[index]);
        cr_assert_eq(parsed, formats[index]);
    }
    tk_diag_format parsed = TK_DIAG_SARIF;
    cr_assert(tk_diag_format_by_name(NULL, &parsed));
    cr_assert_eq(parsed, TK_DIAG_TEXT);
    cr_assert_not(tk_diag_format_by_name("xml", &parsed));
    cr_assert_not(tk_diag_format_by_name("jsonl", &parsed));
}

/* {=== the commands' usage messages ===} */

/* names[0..count) sorted and joined by spaces into joined[512]. */
static char *sorted_and_joined(const char **names, size_t count, char *joined) {
    for (size_t index = 1; index < count; index++)
        for (size_t before = index; before > 0 && strcmp(names[before - 1], names[before]) > 0;
             before--) {
            const char *swap = names[before];
            names[before] = names[before - 1];
            names[before - 1] = swap;
        }
    joined[0] = '\0';
    for (size_t index = 0; index < count; index++) {
        if (index) strcat(joined, " ");
        strcat(joined, names[index]);
    }
    return joined;
}

/* The names a command lists in "--format is a, b or c, not 'x'", sorted
   and joined by spaces; NULL when the command did not say that. */
static char *usage_names(const char *command) {
    const char *tenken = getenv("TENKEN");
    if (!tenken) return NULL;
    char line[512];
    snprintf(line, sizeof line, "'%s' %s --format=no-such-format 2>&1 >/dev/null", tenken,
             command);
    FILE *pipe = popen(line, "r");
    cr_assert_not_null(pipe);
    char message[512] = "";
    if (!fgets(message, sizeof message, pipe)) message[0] = '\0';
    pclose(pipe);
    char *list = strstr(message, "--format is ");
    char *end = list ? strstr(list, ", not '") : NULL;
    if (!list || !end) return NULL;
    *end = '\0';
    list += strlen("--format is ");
    const char *names[MAX_NAMES];
    size_t count = 0;
    for (char *name = strtok(list, ", "); name && count < MAX_NAMES; name = strtok(NULL, ", "))
        if (strcmp(name, "or")) names[count++] = name;
    static char joined[512];    /* apart from table_names', which it is compared with */
    return sorted_and_joined(names, count, joined);
}

/* The table's names for a use, sorted, without `unlisted`. */
static char *table_names(tk_report_use use, const char *unlisted) {
    const char *names[MAX_NAMES];
    size_t count = 0;
    const char *name;
    for (size_t index = 0; (name = tk_report_format_name(use, index)); index++)
        if (!unlisted || strcmp(name, unlisted)) names[count++] = name;
    static char joined[512];
    return sorted_and_joined(names, count, joined);
}

Test(usage, eval_lists_the_formats_that_write_results) {
    char *said = usage_names("eval");
    if (!said) cr_skip_test("TENKEN is not set");
    cr_assert_str_eq(said, table_names(TK_REPORT_USE_RESULTS, NULL));
}

Test(usage, map_lists_the_formats_that_write_coverage) {
    char *said = usage_names("map --from x");
    if (!said) cr_skip_test("TENKEN is not set");
    cr_assert_str_eq(said, table_names(TK_REPORT_USE_COVERAGE, NULL));
}

/* jsonl too: the diff as one line of JSON. */
Test(usage, diff_lists_the_formats_that_write_diffs) {
    char *said = usage_names("diff");
    if (!said) cr_skip_test("TENKEN is not set");
    cr_assert_str_eq(said, table_names(TK_REPORT_USE_DIFFS, NULL));
}

Test(usage, check_lists_the_diagnostics_formats) {
    char *said = usage_names("check x.tkn");
    if (!said) cr_skip_test("TENKEN is not set");
    cr_assert_str_eq(said, "json sarif text");
    tk_diag_format parsed;
    char *name = strtok(said, " ");
    for (; name; name = strtok(NULL, " "))
        cr_assert(tk_diag_format_by_name(name, &parsed), "%s", name);
}

/* {=== the words of item states ===} */

Test(words, every_item_state_has_its_words_in_both_languages) {
    const char *langs[] = {"ja", "en"};
    for (size_t lang = 0; lang < 2; lang++) {
        const report_words *words = report_words_for(langs[lang]);
        for (size_t state = 0; state < ITEM_STATE_COUNT; state++) {
            const state_words *row = &words->state[state];
            cr_assert(row->word && *row->word && row->brief && *row->brief && row->tally_before &&
                          row->tally_after,
                      "%s: %s", langs[lang], item_state_name((item_state)state));
        }
        for (size_t field = 0; field < REGISTER_KEY_COUNT; field++)
            cr_assert(words->register_field[field] && *words->register_field[field]);
    }
    cr_assert_str_eq(report_words_for("en")->state[STATE_NOT_APPLICABLE].brief, "n/a");
    cr_assert_str_eq(report_words_for(NULL)->state[STATE_EXCLUDED].word, "除外");
}
