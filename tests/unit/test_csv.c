/* test_csv.c — the RFC 4180 reader (src/csv.c): quoting, the byte order mark,
   CRLF and LF, positions, and what it says about bad quoting; and reading a
   register as answer sets (src/register.c): headings, cells, diagnostics. */
#include "unit.h"

#include "base/csv.h"

/* Read every record of `text` into records[] (at most 8); returns how many. */
static size_t read_all(arena *region, const char *text, csv_record *records) {
    csv_reader reader;
    csv_reader_init(&reader, text, strlen(text));
    size_t count = 0;
    while (count < 8 && csv_next(&reader, region, &records[count])) count++;
    return count;
}

static void assert_fields(const csv_record *record, size_t count, const char *const *texts) {
    cr_assert_eq(record->count, count, "%zu fields, expected %zu", record->count, count);
    for (size_t index = 0; index < count; index++)
        cr_assert_str_eq(record->fields[index].text, texts[index], "field %zu", index);
}

/* {=== records and fields ===} */

Test(csv, plain_fields_and_lf) {
    arena region;
    arena_init(&region);
    csv_record records[8];
    cr_assert_eq(read_all(&region, "a,b,c\n1,2,3\n", records), 2);
    assert_fields(&records[0], 3, (const char *[]){"a", "b", "c"});
    assert_fields(&records[1], 3, (const char *[]){"1", "2", "3"});
    cr_assert_eq(records[1].fields[2].start, 10);
    cr_assert_eq(records[0].problem, CSV_FINE);
    arena_release(&region);
}

Test(csv, crlf_and_no_final_line_end) {
    arena region;
    arena_init(&region);
    csv_record records[8];
    cr_assert_eq(read_all(&region, "a,b\r\nc,d", records), 2);
    assert_fields(&records[0], 2, (const char *[]){"a", "b"});
    assert_fields(&records[1], 2, (const char *[]){"c", "d"});
    cr_assert_eq(records[0].end, 3, "the record ends before CRLF");
    arena_release(&region);
}

Test(csv, byte_order_mark_is_skipped) {
    arena region;
    arena_init(&region);
    csv_record records[8];
    cr_assert_eq(read_all(&region, "\xEF\xBB\xBF管理番号,サービス名\r\n", records), 1);
    assert_fields(&records[0], 2, (const char *[]){"管理番号", "サービス名"});
    cr_assert_eq(records[0].fields[0].start, 3);
    arena_release(&region);
}

Test(csv, quoted_commas_quotes_and_line_ends) {
    arena region;
    arena_init(&region);
    csv_record records[8];
    const char *text = "\"a, b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nx,\"\",y\r\n";
    cr_assert_eq(read_all(&region, text, records), 2);
    assert_fields(&records[0], 3, (const char *[]){"a, b", "say \"hi\"", "two\r\nlines"});
    cr_assert(records[0].fields[0].quoted);
    cr_assert_eq(records[0].fields[1].start, 7);
    cr_assert_eq(records[0].fields[1].end, 19, "the end includes the closing quote");
    assert_fields(&records[1], 3, (const char *[]){"x", "", "y"});
    cr_assert_eq(records[0].problem, CSV_FINE);
    arena_release(&region);
}

Test(csv, empty_fields_and_blank_lines) {
    arena region;
    arena_init(&region);
    csv_record records[8];
    cr_assert_eq(read_all(&region, ",,\n\na,,\n", records), 3);
    assert_fields(&records[0], 3, (const char *[]){"", "", ""});
    cr_assert(csv_record_is_blank(&records[0]));
    cr_assert(csv_record_is_blank(&records[1]));
    cr_assert_not(csv_record_is_blank(&records[2]));
    arena_release(&region);
}

/* {=== bad quoting ===} */

Test(csv, unterminated_quote_ends_the_text) {
    arena region;
    arena_init(&region);
    csv_record records[8];
    cr_assert_eq(read_all(&region, "a,\"open\nb,c\n", records), 1);
    cr_assert_eq(records[0].problem, CSV_UNTERMINATED_QUOTE);
    cr_assert_eq(records[0].problem_start, 2, "at the opening quote");
    arena_release(&region);
}

Test(csv, quote_inside_a_plain_field) {
    arena region;
    arena_init(&region);
    csv_record records[8];
    cr_assert_eq(read_all(&region, "ab\"c,d\nok\n", records), 2);
    cr_assert_eq(records[0].problem, CSV_QUOTE_IN_FIELD);
    cr_assert_eq(records[0].problem_start, 2);
    assert_fields(&records[0], 2, (const char *[]){"ab\"c", "d"});
    cr_assert_eq(records[1].problem, CSV_FINE, "the next record is read as usual");
    arena_release(&region);
}

Test(csv, text_after_the_closing_quote) {
    arena region;
    arena_init(&region);
    csv_record records[8];
    cr_assert_eq(read_all(&region, "\"ab\"cd,e\n", records), 1);
    cr_assert_eq(records[0].problem, CSV_TEXT_AFTER_QUOTE);
    cr_assert_eq(records[0].problem_start, 4);
    cr_assert_eq(records[0].problem_end, 6);
    assert_fields(&records[0], 2, (const char *[]){"ab", "e"});
    arena_release(&region);
}

/* {=== writing ===} */

Test(csv, write_quotes_only_when_needed) {
    char *buffer = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&buffer, &size);
    csv_write_field(stream, "plain 日本語");
    fputc('|', stream);
    csv_write_field(stream, "a,b");
    fputc('|', stream);
    csv_write_field(stream, "say \"hi\"");
    fputc('|', stream);
    csv_write_field(stream, "two\nlines");
    fputc('|', stream);
    csv_write_field(stream, " padded");
    fclose(stream);
    cr_assert_str_eq(buffer, "plain 日本語|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\" padded\"");
    free(buffer);
}

/* {=== a register as answer sets ===} */

static const char rules[] =
    "tenken 1\nmodule t\n"
    "scale confirm { confirmed 3 ja \"確認した\" en \"confirmed\" not_yet 1 ja \"まだ確認していない\" "
    "alias \"未確認\" dont_know 0 ja \"わからない\" }\n"
    "fact remote: bool\n"
    "checklist c { scale confirm\n"
    "  item \"1\" { label ja \"利用業務\" en \"Business use\" }\n"
    "  item \"2\"\n"
    "  score total ja \"総合評価\" = sum(points of items)\n"
    "}\n";

static tk_answers *read_register(unit_run *run, const char *text) {
    unit_compile_ok(run, rules);
    run->diags = run->diags ? run->diags : tk_diags_new();
    run->reader = answers_open_text(run->graph, "register.csv", text, run->diags);
    cr_assert_not_null(run->reader);
    run->answers = tk_answers_next(run->reader, run->diags);
    return run->answers;
}

Test(register_csv, headings_by_name_label_and_id) {
    unit_run run = {0};
    tk_answers *answers = read_register(&run,
        "\xEF\xBB\xBF管理番号,サービス名,作成日,Status,remote,利用業務,2,総合評価\r\n"
        "S0004,顧客管理ZZZ,2024/11/06,調査中,true,確認した,未確認,4\r\n");
    cr_assert_not_null(answers);
    cr_assert_eq(tk_diags_error_count(run.diags), 0, "codes: %s", unit_codes(run.diags));
    cr_assert_str_eq(answers->subject, "S0004 顧客管理ZZZ");
    cr_assert_str_eq(answers->register_fields[REGISTER_STATUS], "調査中");
    cr_assert_str_eq(answers->assessed, "2024/11/06");
    cr_assert(answers->facts[unit_fact(run.graph, "remote")].given);
    cr_assert_eq(answers->options[unit_item(run.graph, "c", "1")], 0);
    cr_assert_eq(answers->options[unit_item(run.graph, "c", "2")], 1);
    cr_assert_eq(answers->document, 1);
    unit_free(&run);
}

Test(register_csv, english_headings_and_labels) {
    unit_run run = {0};
    tk_answers *answers = read_register(&run, "ID,Service,Business use\nS1,Mail,confirmed\n");
    cr_assert_eq(tk_diags_error_count(run.diags), 0, "codes: %s", unit_codes(run.diags));
    cr_assert_str_eq(answers->subject, "S1 Mail");
    cr_assert_eq(answers->options[unit_item(run.graph, "c", "1")], 0);
    unit_free(&run);
}

Test(register_csv, blank_rows_are_skipped_and_sets_counted) {
    unit_run run = {0};
    read_register(&run, "管理番号,1\n\n,,\nS1,確認した\n,\nS2,わからない\n");
    cr_assert_str_eq(run.answers->subject, "S1");
    tk_answers *second = tk_answers_next(run.reader, run.diags);
    cr_assert_not_null(second);
    cr_assert_str_eq(second->subject, "S2");
    cr_assert_eq(second->document, 2);
    cr_assert_null(tk_answers_next(run.reader, run.diags));
    tk_answers_free(second);
    unit_free(&run);
}

Test(register_csv, unknown_heading_suggests) {
    unit_run run = {0};
    read_register(&run, "管理番号,利用業務x\nS1,確認した\n");
    const diagnostic *record = unit_find(run.diags, DIAG_TK0516);
    cr_assert_not_null(record, "codes: %s", unit_codes(run.diags));
    cr_assert_eq(record->location.line, 1);
    cr_assert_eq(record->location.column, 10);
    cr_assert(unit_contains(record->help, "利用業務"), "help: %s", record->help);
    unit_free(&run);
}

Test(register_csv, wrong_field_count_at_the_row) {
    unit_run run = {0};
    read_register(&run, "管理番号,1,2\r\nS1,確認した\r\nS2,1,2,3\r\n");
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0515), 1);
    const diagnostic *record = unit_find(run.diags, DIAG_TK0515);
    cr_assert_eq(record->location.line, 2);
    cr_assert_eq(record->location.column, 12, "just after the last field");
    tk_answers *second = tk_answers_next(run.reader, run.diags);
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0515), 2);
    for (size_t index = 0; index < unit_diag_count(run.diags); index++)
        if (unit_diag(run.diags, index)->code == DIAG_TK0515) record = unit_diag(run.diags, index);
    cr_assert_eq(record->location.line, 3);
    cr_assert_eq(record->location.column, 8, "at the first field too many");
    tk_answers_free(second);
    unit_free(&run);
}

Test(register_csv, answer_that_is_no_option) {
    unit_run run = {0};
    tk_answers *answers = read_register(&run, "管理番号,1\nS1,\"kakunin\"\n");
    const diagnostic *record = unit_find(run.diags, DIAG_TK0505);
    cr_assert_not_null(record, "codes: %s", unit_codes(run.diags));
    cr_assert_eq(record->location.line, 2);
    cr_assert_eq(record->location.column, 4);
    cr_assert_eq(answers->options[unit_item(run.graph, "c", "1")], ANSWER_INVALID);
    unit_free(&run);
}

Test(register_csv, unterminated_quote_stops_reading) {
    unit_run run = {0};
    tk_answers *answers = read_register(&run, "管理番号,1\nS1,\"確認した\nS2,わからない\n");
    cr_assert_null(answers);
    const diagnostic *record = unit_find(run.diags, DIAG_TK0514);
    cr_assert_not_null(record, "codes: %s", unit_codes(run.diags));
    cr_assert_eq(record->location.line, 2);
    cr_assert_eq(record->location.column, 4);
    unit_free(&run);
}

Test(register_csv, duplicate_column) {
    unit_run run = {0};
    read_register(&run, "管理番号,1,利用業務\nS1,確認した,わからない\n");
    const diagnostic *record = unit_find(run.diags, DIAG_TK0509);
    cr_assert_not_null(record, "codes: %s", unit_codes(run.diags));
    cr_assert_eq(record->location.column, 12);
    unit_free(&run);
}
