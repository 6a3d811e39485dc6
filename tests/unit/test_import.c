/* test_import.c — `tenken import` in the library (src/import*.c): the names
   and lists options may hold, strings as the rule language reads them, a
   framework table made into a tree, a mapping table, and the problems of a
   table reported with their codes while nothing is written. The exact texts
   of the command are tested by tests/import.sh. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tenken.h"
#include "frameworks/import_text.h"

/* A table written to a temporary file; *path is to be unlinked and freed. */
static char *write_table(const char *text) {
    char *path = strdup("/tmp/tenken-import-XXXXXX");
    int descriptor = mkstemp(path);
    cr_assert(descriptor >= 0);
    cr_assert_eq(write(descriptor, text, strlen(text)), (ssize_t)strlen(text));
    close(descriptor);
    return path;
}

typedef struct import_run {
    tk_diags *diags;
    char *text;
    size_t length;
    tk_import_status status;
} import_run;

static void framework_of(import_run *run, const char *table,
                         const tk_import_framework_options *options) {
    char *path = write_table(table);
    run->diags = tk_diags_new();
    run->status = tk_import_framework(path, options, run->diags, &run->text, &run->length);
    unlink(path);
    free(path);
}

static void map_of(import_run *run, const char *table, const tk_import_map_options *options) {
    char *path = write_table(table);
    run->diags = tk_diags_new();
    run->status = tk_import_map(path, options, run->diags, &run->text, &run->length);
    unlink(path);
    free(path);
}

static void release(import_run *run) {
    free(run->text);
    tk_diags_free(run->diags);
}

/* The text after the comment line: the block itself. */
static const char *block_of(const import_run *run) {
    const char *comment = strstr(run->text, "# Imported");
    cr_assert_not_null(comment);
    return strchr(comment, '\n') + 1;
}

/* {=== names, lists and strings ===} */

Test(import, names_are_what_the_scanner_reads_as_one_name) {
    cr_assert(import_is_name("iso27001_2022"));
    cr_assert(import_is_name("_x"));
    cr_assert_not(import_is_name(""));
    cr_assert_not(import_is_name("27001"));
    cr_assert_not(import_is_name("iso-27001"));
    cr_assert_not(import_is_name("ＩＳＯ"));
    cr_assert_not(import_is_name("checklist"), "a keyword is no name");
    cr_assert_not(import_is_name("item"));
}

Test(import, module_names_are_names_joined_by_dots) {
    cr_assert(import_is_module_name("stdlib.frameworks.iso27001_2022"));
    cr_assert(import_is_module_name("x.item"), "keywords are words of module names");
    cr_assert_not(import_is_module_name("a..b"));
    cr_assert_not(import_is_module_name(".a"));
    cr_assert_not(import_is_module_name("a."));
    cr_assert_not(import_is_module_name("a-b.c"));
}

Test(import, lists_are_split_at_commas_and_trimmed) {
    arena region;
    arena_init(&region);
    const char *items[4];
    size_t count = 0;
    cr_assert(import_split_list(&region, " 管理策番号 , 管理策,,", items, 4, &count));
    cr_assert_eq(count, 4);
    cr_assert_str_eq(items[0], "管理策番号");
    cr_assert_str_eq(items[1], "管理策");
    cr_assert_str_eq(items[2], "");
    cr_assert_str_eq(items[3], "");
    cr_assert_not(import_split_list(&region, "a,b,c,d,e", items, 4, &count));
    arena_release(&region);
}

Test(import, strings_escape_quotes_backslashes_and_tabs) {
    char *text = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&text, &length);
    import_write_string(stream, "a \"b\" C:\\x\ty");
    fclose(stream);
    cr_assert_str_eq(text, "\"a \\\"b\\\" C:\\\\x\\ty\"");
    free(text);
}

Test(import, control_characters_are_found_tabs_are_not) {
    cr_assert_eq(import_bad_character("a\tb", 3), 3);
    cr_assert_eq(import_bad_character("ab\ncd", 5), 2);
    cr_assert_eq(import_bad_character("a\x7f", 2), 1);
    cr_assert_eq(import_bad_character("\xc2\x85", 2), 0, "C1 controls (NEL) too");
    cr_assert_eq(import_bad_character("点検", strlen("点検")), strlen("点検"));
}

/* {=== options ===} */

Test(import, framework_options_are_checked) {
    char message[256];
    tk_import_framework_options options = {.id = "ismap", .edition = "2023"};
    cr_assert(tk_import_framework_options_check(&options, message, sizeof message));
    options.kinds = "clause,chapter";
    cr_assert_not(tk_import_framework_options_check(&options, message, sizeof message));
    cr_assert(unit_contains(message, "'chapter' is no kind"), "%s", message);
    options.kinds = NULL;
    options.columns = "id";
    cr_assert_not(tk_import_framework_options_check(&options, message, sizeof message));
    options.columns = "id,title,,";
    cr_assert(tk_import_framework_options_check(&options, message, sizeof message));
    options.edition = NULL;
    cr_assert_not(tk_import_framework_options_check(&options, message, sizeof message));
    cr_assert(unit_contains(message, "--edition is required"), "%s", message);
}

Test(import, map_options_are_checked) {
    char message[256];
    tk_import_map_options options = {.from = "a", .to = "b"};
    cr_assert(tk_import_map_options_check(&options, message, sizeof message));
    options.to_module = "x..y";
    cr_assert_not(tk_import_map_options_check(&options, message, sizeof message));
    cr_assert(unit_contains(message, "--to-module 'x..y'"), "%s", message);
    options.to_module = NULL;
    options.to = "gate";
    cr_assert_not(tk_import_map_options_check(&options, message, sizeof message));
    cr_assert(unit_contains(message, "--to 'gate' cannot be a name"), "%s", message);
}

/* {=== frameworks ===} */

Test(import, a_child_before_its_parent_is_written_inside_it) {
    import_run run = {0};
    tk_import_framework_options options = {.id = "f", .edition = "1", .lang = "en"};
    framework_of(&run,
                 "id,title,parent,obligation\n"
                 "1.1,Child,1,mandatory\n"
                 "1,Top,,\n"
                 "2,Second,,選択\n",
                 &options);
    cr_assert_eq(run.status, TK_IMPORT_WRITTEN, "%s", unit_codes(run.diags));
    cr_assert_str_eq(block_of(&run), "framework f \"f\" edition \"1\" {\n"
                                     "  clause \"1\" en \"Top\" {\n"
                                     "    objective \"1.1\" en \"Child\" mandatory\n"
                                     "  }\n"
                                     "\n"
                                     "  clause \"2\" en \"Second\" selectable\n"
                                     "}\n");
    cr_assert_eq(run.length, strlen(run.text));
    release(&run);
}

Test(import, the_kind_column_overrides_the_level) {
    import_run run = {0};
    tk_import_framework_options options = {.id = "f", .edition = "1", .kinds = "control"};
    framework_of(&run, "kind,id,title,parent\ndetail,a,A,\n,b,B,\n", &options);
    cr_assert_eq(run.status, TK_IMPORT_WRITTEN, "%s", unit_codes(run.diags));
    cr_assert(unit_contains(run.text, "  detail \"a\" ja \"A\"\n"));
    cr_assert(unit_contains(run.text, "  control \"b\" ja \"B\"\n"));
    release(&run);
}

Test(import, every_problem_is_reported_and_nothing_written) {
    import_run run = {0};
    tk_import_framework_options options = {.id = "f", .edition = "1"};
    framework_of(&run,
                 "id,title,parent,obligation\n"
                 "a,A,,\n"
                 "a,Again,,\n"
                 ",No id,a,\n"
                 "b,B,c,\n"
                 "c,C,b,\n"
                 "d,D,x,maybe\n",
                 &options);
    cr_assert_eq(run.status, TK_IMPORT_FINDINGS);
    cr_assert_null(run.text);
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0805), 1);
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0804), 1);
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0807), 1, "one cycle, reported once");
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0806), 1);
    cr_assert_eq(unit_count_code(run.diags, DIAG_TK0808), 1);
    release(&run);
}

Test(import, a_file_that_cannot_be_read_is_io) {
    tk_diags *diags = tk_diags_new();
    char *text = NULL;
    size_t length = 0;
    tk_import_framework_options options = {.id = "f", .edition = "1"};
    cr_assert_eq(tk_import_framework("/nonexistent/table.csv", &options, diags, &text, &length),
                 TK_IMPORT_UNREADABLE);
    cr_assert_str_eq(unit_code(diags, 0), "TK0901");
    cr_assert_eq(tk_diags_io_error_count(diags), 1);
    tk_diags_free(diags);
}

/* {=== maps ===} */

Test(import, map_rows_keep_their_order_and_new_rows_have_no_source) {
    import_run run = {0};
    tk_import_map_options options = {.from = "a", .to = "b", .title = "A to B"};
    map_of(&run,
           "source,relation,target,note\n"
           "1,Equivalent,2,\n"
           ",new,3,added\n"
           "4,no-relationship,,gone\n",
           &options);
    cr_assert_eq(run.status, TK_IMPORT_WRITTEN, "%s", unit_codes(run.diags));
    cr_assert(unit_contains(run.text, "module imported.a_to_b\nimport stdlib.frameworks.a\n"
                                      "import stdlib.frameworks.b\n"));
    cr_assert_str_eq(block_of(&run), "map a -> b \"A to B\" {\n"
                                     "  \"1\" equivalent \"2\"\n"
                                     "  new \"3\" note \"added\"\n"
                                     "  \"4\" no-relationship note \"gone\"\n"
                                     "}\n");
    release(&run);
}

Test(import, a_map_with_bad_rows_is_not_written) {
    import_run run = {0};
    tk_import_map_options options = {.from = "a", .to = "b"};
    map_of(&run, "source,relation,target\n1,subset_of,2\n1,new,2\n,intersects,2\n", &options);
    cr_assert_eq(run.status, TK_IMPORT_FINDINGS);
    cr_assert_null(run.text);
    cr_assert_str_eq(unit_codes(run.diags), "TK0808 TK0808 TK0804");
    release(&run);
}
