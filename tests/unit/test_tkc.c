/*
 * test_tkc.c — compiled graphs (src/lang/tkc*.c): a graph written and loaded back
 * is the same graph, field by field, and evaluates, reports and runs its
 * tests the same; every truncation, a flipped byte anywhere (with the
 * checksum off, so the record parser sees it), a foreign file and another
 * format version fail with their diagnostic and no crash; files are written
 * atomically.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lang/tkc.h"
#include "unit.h"

static const char rules[] =
    "tenken 1\n"
    "module unit.tkc\n"
    "scale confirm {\n"
    "  yes 2 ja \"はい\" en \"yes\" alias \"○\" alias \"Y\"\n"
    "  partly 1 ja \"一部\"\n"
    "  no 0 ja \"いいえ\" en \"no\"\n"
    "}\n"
    "fact covid : bool = false \"コロナ禍\"\n"
    "fact size : enum(micro, small, medium) = small\n"
    "fact staff : number = 4\n"
    "fact started : date = \"2024-04-01\"\n"
    "fact owner : string\n"
    "checklist c ja \"点検\" en \"Check\" {\n"
    "  scale confirm\n"
    "  source \"シート\"\n"
    "  item \"1\" ja \"一\" { label en \"One\" question \"Q?\" note \"N\" source \"S\" tags \"a\", \"b\" }\n"
    "  section first ja \"第一\" {\n"
    "    item \"2\" \"二\" { exclude when covid because ja \"除外\" en \"excluded\" weight 2 }\n"
    "    section inner \"内\" {\n"
    "      item \"3\" \"三\" { only when size is medium or staff > 10 }\n"
    "    }\n"
    "  }\n"
    "  item \"4\" \"四\" { options { done 1 \"済\" alias \"ok\" open 0 \"未\" } }\n"
    "  score total \"合計\" = sum(points of items, unanswered as 0)\n"
    "  score most = max(points of section first)\n"
    "  let ratio = if total > 0 then total / sum(max of items) else 0\n"
    "  let kind = size\n"
    "  gate ready \"準備\" = all(section first is yes) and item \"1\" is yes and item \"4\" is done\n"
    "}\n"
    "let big = staff >= 10 or size is medium\n"
    "gate top = gate c.ready and not big\n"
    "stages ladder \"段階\" {\n"
    "  stage \"0\" \"検討\"\n"
    "  stage \"1\" \"試行\" enter when gate c.ready\n"
    "  stage \"2\" \"導入\" enter when gate top\n"
    "  stage \"x\" \"並行\" during \"1\" .. \"2\"\n"
    "  start \"2\" when covid\n"
    "}\n"
    "variant strict extends unit.tkc { fact covid = true }\n"
    "test \"passes\" {\n"
    "  given c.* = 1\n"
    "  given c.\"1\" = yes\n"
    "  given c.\"2\" = \"○\"\n"
    "  given c.\"3\" = yes\n"
    "  given size = micro\n"
    "  given owner = \"山田\"\n"
    "  expect gate c.ready is pass\n"
    "  expect stage ladder is \"2\"\n"
    "  expect stage ladder during \"x\"\n"
    "  expect item c.\"3\" is not_applicable\n"
    "  expect c.kind == size\n"
    "}\n"
    "test \"fails on purpose\" {\n"
    "  given c.\"1\" = no\n"
    "  expect gate c.ready is fail blocking \"1\"\n"
    "  expect c.total == 99\n"
    "  expect c.most is unknown\n"
    "  expect stage ladder is \"1\"\n"
    "}\n";

static const char answers[] =
    "subject: S\n"
    "facts: {covid: true, size: medium, owner: 山田}\n"
    "answers:\n"
    "  c: {\"1\": ○, \"3\": 一部, \"4\": ok}\n";

/* {=== helpers ===} */

typedef struct encoded {
    arena region;
    unsigned char *bytes;
    size_t length;
} encoded;

static tk_graph *compile_rules(tk_diags *diags, const char *variant) {
    tk_compile_options options = {NULL, 0, variant};
    tk_graph *graph = compile_text(UNIT_RULES_PATH, rules, &options, diags);
    cr_assert_not_null(graph, "rules do not compile: %s", unit_codes(diags));
    return graph;
}

static void encode(const tk_graph *graph, encoded *file) {
    arena_init(&file->region);
    tk_diags *diags = tk_diags_new();
    cr_assert(tkc_encode(graph, &file->region, "unit.tkc", &file->bytes, &file->length,
                         diag_list_of(diags)),
              "not encoded: %s", unit_codes(diags));
    tk_diags_free(diags);
}

static tk_graph *load(const encoded *file, tk_diags *diags, bool verify) {
    return tkc_load_bytes(file->bytes, file->length, "unit.tkc", verify, diag_list_of(diags));
}

/* Everything a report prints for one answer set, as a string. */
static char *report_of(const tk_graph *graph, tk_report_format format, bool explain,
                       const char *lang) {
    tk_diags *diags = tk_diags_new();
    tk_answer_reader *reader = answers_open_text(graph, UNIT_ANSWERS_PATH, answers, diags);
    tk_answers *set = tk_answers_next(reader, diags);
    cr_assert_not_null(set);
    tk_result *result = tk_evaluate(graph, set);
    char *text = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&text, &size);
    tk_report_options options = {format, lang, explain, false};
    tk_report(result, stream, &options);
    fclose(stream);
    tk_result_free(result);
    tk_answers_free(set);
    tk_answers_close(reader);
    tk_diags_free(diags);
    return text;
}

/* Every test's name, file, line and failures, as a string. */
static char *tests_of(const tk_graph *graph) {
    char *text = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&text, &size);
    for (size_t index = 0; index < tk_graph_test_count(graph); index++) {
        tk_test_result *result = tk_test_run(graph, index);
        fprintf(stream, "%s %s:%u %d\n", tk_test_name(result), tk_test_file(result),
                tk_test_line(result), tk_test_passed(result));
        for (size_t failure = 0; failure < tk_test_failure_count(result); failure++)
            fprintf(stream, "  %s\n", tk_test_failure(result, failure));
        tk_test_result_free(result);
    }
    fclose(stream);
    return text;
}

/* {=== field by field ===} */

/* A number read back exactly as written: the same digits and exponent. */
static bool same_decimal(decimal left, decimal right) {
    return left.coefficient == right.coefficient && left.exponent == right.exponent;
}

static void same_str(const char *left, const char *right, const char *what) {
    if (!left || !right) cr_assert_eq(left == NULL, right == NULL, "%s: one is NULL", what);
    else cr_assert_str_eq(left, right, "%s", what);
}

static void same_text(const graph_text *left, const graph_text *right, const char *what) {
    cr_assert_eq(left->count, right->count, "%s: text count", what);
    for (size_t index = 0; index < left->count; index++) {
        same_str(left->variants[index].lang, right->variants[index].lang, what);
        same_str(left->variants[index].text, right->variants[index].text, what);
    }
}

static void same_names(const graph_names *left, const graph_names *right, const char *what) {
    cr_assert_eq(left == NULL, right == NULL, "%s", what);
    if (!left) return;
    cr_assert_eq(left->count, right->count, "%s: count", what);
    for (size_t index = 0; index < left->count; index++)
        same_str(left->names[index], right->names[index], what);
}

static void same_nodes(const size_t *left, size_t left_count, const size_t *right,
                       size_t right_count, const char *what) {
    cr_assert_eq(left_count, right_count, "%s: count", what);
    for (size_t index = 0; index < left_count; index++)
        cr_assert_eq(left[index], right[index], "%s: entry %zu", what, index);
}

/* Everything but the place, which a loaded graph does not keep. */
static void same_expr(const gexpr *left, const gexpr *right) {
    cr_assert_eq(left == NULL, right == NULL, "an expression is missing");
    if (!left) return;
    cr_assert_eq(left->kind, right->kind);
    cr_assert_eq(left->type, right->type);
    same_names(left->enum_members, right->enum_members, "expression enum");
    cr_assert(same_decimal(left->number, right->number) && left->boolean == right->boolean);
    same_str(left->string, right->string, "expression string");
    cr_assert_eq(left->node, right->node);
    cr_assert_eq(left->option, right->option);
    cr_assert_eq(left->op, right->op);
    const gaggregate *a = &left->aggregate, *b = &right->aggregate;
    cr_assert(a->function == b->function && a->element == b->element &&
              a->attribute == b->attribute);
    same_nodes(a->items, a->item_count, b->items, b->item_count, "aggregate items");
    cr_assert_eq(a->options == NULL, b->options == NULL);
    for (size_t index = 0; a->options && index < a->item_count; index++)
        cr_assert_eq(a->options[index], b->options[index]);
    same_expr(a->unanswered_as, b->unanswered_as);
    same_expr(left->left, right->left);
    same_expr(left->right, right->right);
    same_expr(left->otherwise, right->otherwise);
}

static void same_condition(const graph_condition *left, const graph_condition *right) {
    same_expr(left->expr, right->expr);
    same_str(left->written, right->written, "condition as written");
}

static void same_scale(const graph_scale *left, const graph_scale *right) {
    same_str(left->name, right->name, "scale name");
    cr_assert_eq(left->option_count, right->option_count);
    cr_assert(same_decimal(left->max_points, right->max_points));
    for (size_t index = 0; index < left->option_count; index++) {
        const graph_option *a = &left->options[index], *b = &right->options[index];
        same_str(a->key, b->key, "option key");
        cr_assert(same_decimal(a->points, b->points));
        same_text(&a->label, &b->label, "option label");
        same_names(&a->aliases, &b->aliases, "aliases");
        cr_assert_eq(a->label_is_own, b->label_is_own);
    }
}

static void same_item(const graph_item *left, const graph_item *right) {
    same_text(&left->text, &right->text, "item text");
    same_text(&left->label, &right->label, "item label");
    same_text(&left->question, &right->question, "item question");
    same_text(&left->note, &right->note, "item note");
    same_text(&left->source_ref, &right->source_ref, "item source");
    same_text(&left->printed, &right->printed, "item printed");
    same_names(&left->tags, &right->tags, "item tags");
    same_scale(left->scale, right->scale);
    cr_assert(same_decimal(left->weight, right->weight));
    cr_assert_eq(left->section, right->section);
    cr_assert_eq(left->exclusion_count, right->exclusion_count);
    for (size_t index = 0; index < left->exclusion_count; index++) {
        same_condition(&left->exclusions[index].condition, &right->exclusions[index].condition);
        same_text(&left->exclusions[index].reason, &right->exclusions[index].reason, "reason");
    }
    cr_assert_eq(left->only_when_count, right->only_when_count);
    for (size_t index = 0; index < left->only_when_count; index++)
        same_condition(&left->only_when[index], &right->only_when[index]);
    cr_assert_eq(left->ref_count, right->ref_count);
    for (size_t index = 0; index < left->ref_count; index++) {
        cr_assert_eq(left->refs[index].relation, right->refs[index].relation);
        same_str(left->refs[index].framework, right->refs[index].framework, "ref framework");
        same_str(left->refs[index].control, right->refs[index].control, "ref control");
    }
}

static void same_ladder(const graph_stages *left, const graph_stages *right) {
    same_text(&left->title, &right->title, "ladder title");
    cr_assert_eq(left->stage_count, right->stage_count);
    for (size_t index = 0; index < left->stage_count; index++) {
        const graph_stage *a = &left->stages[index], *b = &right->stages[index];
        same_str(a->id, b->id, "stage id");
        same_text(&a->title, &b->title, "stage title");
        same_condition(&a->enter_when, &b->enter_when);
        cr_assert(a->is_during == b->is_during && a->during_from == b->during_from &&
                  a->during_to == b->during_to);
    }
    cr_assert_eq(left->start_count, right->start_count);
    for (size_t index = 0; index < left->start_count; index++) {
        cr_assert_eq(left->starts[index].stage, right->starts[index].stage);
        same_condition(&left->starts[index].condition, &right->starts[index].condition);
    }
}

static void same_node(const graph_node *left, const graph_node *right) {
    cr_assert_eq(left->kind, right->kind);
    same_str(left->name, right->name, "node name");
    cr_assert_eq(left->checklist, right->checklist);
    cr_assert_eq(left->type, right->type, "type of '%s'", left->name);
    same_names(left->enum_members, right->enum_members, "node enum");
    same_expr(left->expr, right->expr);
    if (left->kind == NODE_ITEM) same_item(left->item, right->item);
    if (left->kind == NODE_STAGES) same_ladder(left->stages, right->stages);
    if (left->kind == NODE_FACT) {
        cr_assert_eq(left->fact->type, right->fact->type);
        cr_assert_eq(left->fact->fixed, right->fact->fixed);
        same_text(&left->fact->description, &right->fact->description, "fact");
        same_expr(left->fact->default_value, right->fact->default_value);
    }
    if (left->kind == NODE_VALUE || left->kind == NODE_GATE) {
        cr_assert_eq(left->value->kind, right->value->kind);
        same_text(&left->value->title, &right->value->title, "value title");
        same_str(left->value->written, right->value->written, "value as written");
    }
}

/* The layout the reports walk: kinds, indices and order. */
static void same_members(const graph_member *left, size_t left_count, const graph_member *right,
                         size_t right_count) {
    cr_assert_eq(left_count, right_count, "member count");
    for (size_t index = 0; index < left_count; index++)
        cr_assert(left[index].kind == right[index].kind && left[index].index == right[index].index);
}

static void same_checklist(const graph_checklist *left, const graph_checklist *right) {
    same_str(left->name, right->name, "checklist name");
    same_text(&left->title, &right->title, "checklist title");
    same_text(&left->source_ref, &right->source_ref, "checklist source");
    same_str(left->scale_name, right->scale_name, "checklist scale");
    same_nodes(left->items, left->item_count, right->items, right->item_count, "items");
    same_nodes(left->values, left->value_count, right->values, right->value_count, "values");
    cr_assert_eq(left->section_count, right->section_count);
    for (size_t index = 0; index < left->section_count; index++) {
        const graph_section *a = &left->sections[index], *b = &right->sections[index];
        same_str(a->name, b->name, "section");
        same_text(&a->title, &b->title, "section title");
        cr_assert_eq(a->parent, b->parent);
        same_nodes(a->items, a->item_count, b->items, b->item_count, "section items");
        same_members(a->members, a->member_count, b->members, b->member_count);
    }
    same_members(left->members, left->member_count, right->members, right->member_count);
}

static void same_test(const tk_graph *compiled, const tk_graph *loaded, const graph_test *left,
                      const graph_test *right) {
    same_str(left->name, right->name, "test name");
    same_str(compiled->files.names[left->file], loaded->files.names[right->file], "test file");
    cr_assert_eq(left->line, right->line);
    cr_assert_eq(left->given_count, right->given_count);
    for (size_t index = 0; index < left->given_count; index++) {
        const graph_given *a = &left->givens[index], *b = &right->givens[index];
        cr_assert(a->kind == b->kind && a->node == b->node && a->option == b->option);
        same_expr(a->value, b->value);
    }
    cr_assert_eq(left->expect_count, right->expect_count);
    for (size_t index = 0; index < left->expect_count; index++) {
        const graph_expect *a = &left->expects[index], *b = &right->expects[index];
        cr_assert(a->kind == b->kind && a->node == b->node && a->wanted == b->wanted);
        same_str(a->written, b->written, "expectation");
        cr_assert(a->line == b->line && a->column == b->column);
        cr_assert(a->has_blocking == b->has_blocking && a->has_waiting == b->has_waiting);
        same_expr(a->expr, b->expr);
        same_nodes(a->blocking, a->blocking_count, b->blocking, b->blocking_count, "blocking");
        same_nodes(a->waiting, a->waiting_count, b->waiting, b->waiting_count, "waiting");
    }
}

static void same_graph(const tk_graph *left, const tk_graph *right) {
    same_str(left->module, right->module, "module");
    same_str(left->base_module, right->base_module, "base module");
    same_str(left->variant, right->variant, "variant");
    same_names(&left->variant_names, &right->variant_names, "variant names");
    same_names(&left->files, &right->files, "files");
    cr_assert_eq(left->node_count, right->node_count);
    for (size_t index = 0; index < left->node_count; index++)
        same_node(&left->nodes[index], &right->nodes[index]);
    cr_assert_eq(left->checklist_count, right->checklist_count);
    for (size_t index = 0; index < left->checklist_count; index++)
        same_checklist(&left->checklists[index], &right->checklists[index]);
    same_nodes(left->facts, left->fact_count, right->facts, right->fact_count, "facts");
    same_nodes(left->values, left->value_count, right->values, right->value_count, "values");
    same_nodes(left->ladders, left->ladder_count, right->ladders, right->ladder_count, "ladders");
    cr_assert_eq(left->test_count, right->test_count);
    for (size_t index = 0; index < left->test_count; index++)
        same_test(left, right, &left->tests[index], &right->tests[index]);
    cr_assert_eq(left->checklist_by_name.count, right->checklist_by_name.count);
    cr_assert_eq(left->fact_by_name.count, right->fact_by_name.count);
    cr_assert_eq(left->value_by_name.count, right->value_by_name.count);
    cr_assert_eq(left->ladder_by_name.count, right->ladder_by_name.count);
}

/* {=== round trips ===} */

static void assert_round_trip(const char *variant) {
    tk_diags *diags = tk_diags_new();
    tk_graph *compiled = compile_rules(diags, variant);
    encoded file;
    encode(compiled, &file);
    tk_graph *loaded = load(&file, diags, true);
    cr_assert_not_null(loaded, "not loaded: %s", unit_codes(diags));
    cr_assert(tk_graph_is_precompiled(loaded) && !tk_graph_is_precompiled(compiled));
    same_graph(compiled, loaded);
    const struct { tk_report_format format; bool explain; const char *lang; } reports[] = {
        {TK_REPORT_TEXT, false, "ja"}, {TK_REPORT_TEXT, true, "en"},
        {TK_REPORT_JSON, true, "ja"},  {TK_REPORT_JSONL, false, "en"},
    };
    for (size_t index = 0; index < sizeof reports / sizeof *reports; index++) {
        char *expected = report_of(compiled, reports[index].format, reports[index].explain,
                                   reports[index].lang);
        char *actual = report_of(loaded, reports[index].format, reports[index].explain,
                                 reports[index].lang);
        cr_assert_str_eq(actual, expected);
        free(expected);
        free(actual);
    }
    char *expected = tests_of(compiled), *actual = tests_of(loaded);
    cr_assert_str_eq(actual, expected);
    free(expected);
    free(actual);
    tk_graph_free(loaded);
    tk_graph_free(compiled);
    arena_release(&file.region);
    tk_diags_free(diags);
}

Test(tkc, a_graph_loads_back_the_same) { assert_round_trip(NULL); }

Test(tkc, a_variant_loads_back_the_same) { assert_round_trip("strict"); }

/* Writing a loaded graph gives the very bytes it was loaded from. */
static void assert_rewrites_the_same(const char *variant) {
    tk_diags *diags = tk_diags_new();
    tk_graph *compiled = compile_rules(diags, variant);
    encoded first, second;
    encode(compiled, &first);
    tk_graph *loaded = load(&first, diags, true);
    cr_assert_not_null(loaded);
    encode(loaded, &second);
    cr_assert_eq(first.length, second.length);
    cr_assert(memcmp(first.bytes, second.bytes, first.length) == 0);
    tk_graph_free(loaded);
    tk_graph_free(compiled);
    arena_release(&first.region);
    arena_release(&second.region);
    tk_diags_free(diags);
}

Test(tkc, a_loaded_graph_is_written_byte_for_byte_the_same) {
    assert_rewrites_the_same(NULL);
    assert_rewrites_the_same("strict");
}

Test(tkc, tests_run_from_the_loaded_graph) {
    tk_diags *diags = tk_diags_new();
    tk_graph *compiled = compile_rules(diags, NULL);
    encoded file;
    encode(compiled, &file);
    tk_graph *loaded = load(&file, diags, true);
    cr_assert_eq(tk_graph_test_count(loaded), 2);
    tk_test_result *passing = tk_test_run(loaded, 0), *failing = tk_test_run(loaded, 1);
    cr_assert(tk_test_passed(passing), "%s", tk_test_failure(passing, 0));
    cr_assert_eq(tk_test_failure_count(failing), 2, "%s", tk_test_failure(failing, 0));
    cr_assert(unit_contains(tk_test_failure(failing, 0), "test.tkn:"));
    cr_assert(unit_contains(tk_test_failure(failing, 0), "expect c.total == 99: found 0"),
              "%s", tk_test_failure(failing, 0));
    cr_assert(unit_contains(tk_test_failure(failing, 1), "the current stage is 0"));
    tk_test_result_free(passing);
    tk_test_result_free(failing);
    tk_graph_free(loaded);
    tk_graph_free(compiled);
    arena_release(&file.region);
    tk_diags_free(diags);
}

/* {=== damaged files ===} */

static encoded small_file(void) {
    tk_diags *diags = tk_diags_new();
    tk_graph *graph = compile_rules(diags, NULL);
    encoded file;
    encode(graph, &file);
    tk_graph_free(graph);
    tk_diags_free(diags);
    return file;
}

Test(tkc, every_truncation_is_an_error) {
    encoded file = small_file();
    for (size_t length = 0; length < file.length; length++) {
        tk_diags *diags = tk_diags_new();
        unsigned char *copy = malloc(length + 1); /* exactly `length` bytes readable */
        memcpy(copy, file.bytes, length);
        tk_graph *graph = tkc_load_bytes(copy, length, "cut.tkc", true, diag_list_of(diags));
        cr_assert_null(graph, "a file cut to %zu bytes loaded", length);
        cr_assert_eq(unit_diag_count(diags), 1);
        cr_assert_str_eq(unit_code(diags, 0), "TK0904", "cut to %zu: %s", length,
                         unit_diag(diags, 0)->message);
        free(copy);
        tk_diags_free(diags);
    }
    arena_release(&file.region);
}

/* Load, and when it loads, evaluate and report: nothing may crash. */
static bool load_and_use(const unsigned char *bytes, size_t length) {
    tk_diags *diags = tk_diags_new();
    tk_graph *graph = tkc_load_bytes(bytes, length, "mutant.tkc", false, diag_list_of(diags));
    if (!graph) {
        cr_assert_eq(unit_diag_count(diags), 1);
        cr_assert_str_eq(unit_code(diags, 0), "TK0904");
    } else {
        FILE *sink = fopen("/dev/null", "w");
        tk_answers *empty = answers_create(graph, "empty", 1);
        tk_result *result = tk_evaluate(graph, empty);
        tk_report_options options = {TK_REPORT_TEXT, "en", true, false};
        tk_report(result, sink, &options);
        options.format = TK_REPORT_JSON;
        tk_report(result, sink, &options);
        tk_result_free(result);
        tk_answers_free(empty);
        for (size_t index = 0; index < tk_graph_test_count(graph); index++)
            tk_test_result_free(tk_test_run(graph, index));
        fclose(sink);
    }
    tk_graph_free(graph);
    tk_diags_free(diags);
    return graph != NULL;
}

Test(tkc, every_flipped_byte_is_caught_or_harmless) {
    encoded file = small_file();
    unsigned char *copy = malloc(file.length);
    size_t loaded = 0;
    for (size_t offset = TKC_HEADER_SIZE; offset < file.length; offset++) {
        for (unsigned mask = 1; mask < 256; mask <<= 1) {
            memcpy(copy, file.bytes, file.length);
            copy[offset] ^= (unsigned char)mask;
            loaded += load_and_use(copy, file.length);
        }
    }
    cr_assert_lt(loaded, (file.length - TKC_HEADER_SIZE) * 8, "no flip was caught");
    free(copy);
    arena_release(&file.region);
}

Test(tkc, the_checksum_catches_a_flipped_byte) {
    encoded file = small_file();
    file.bytes[file.length / 2] ^= 0x20;
    tk_diags *diags = tk_diags_new();
    cr_assert_null(tkc_load_bytes(file.bytes, file.length, "x.tkc", true, diag_list_of(diags)));
    cr_assert(unit_contains(unit_diag(diags, 0)->message, "checksum"));
    tk_diags_free(diags);
    arena_release(&file.region);
}

Test(tkc, a_foreign_file_and_another_version) {
    tk_diags *diags = tk_diags_new();
    const char yaml[] = "answers:\n  c: {\"1\": yes}\n";
    cr_assert_null(tkc_load_bytes((const unsigned char *)yaml, sizeof yaml - 1, "a.tkc", true,
                                  diag_list_of(diags)));
    cr_assert_str_eq(unit_code(diags, 0), "TK0902");
    encoded file = small_file();
    file.bytes[8] = 5;
    cr_assert_null(tkc_load_bytes(file.bytes, file.length, "b.tkc", true, diag_list_of(diags)));
    cr_assert_str_eq(unit_code(diags, 1), "TK0903");
    cr_assert(unit_contains(unit_diag(diags, 1)->message, "format version 5"));
    cr_assert(unit_contains(unit_diag(diags, 1)->help, "tenken compile"));
    tk_diags_free(diags);
    arena_release(&file.region);
}

/* {=== what the writer refuses, and how it writes ===} */

Test(tkc, an_enum_if_that_could_not_be_written_does_not_compile) {
    /* An enum `if` whose branches have different members could yield an
       index past the members of its type; the type checker refuses it, so
       no such graph reaches the writer. */
    unit_run run = {0};
    unit_compile(&run, "tenken 1\nmodule unit.enum_if\n"
                       "fact a : enum(x, y) = x\nfact b : enum(p, q, r, s) = s\n"
                       "fact flag : bool = false\nlet pick = if flag then a else b\n");
    cr_assert_null(run.graph);
    cr_assert_not_null(unit_find(run.diags, DIAG_TK0301), "%s", unit_codes(run.diags));
    unit_free(&run);
}

Test(tkc, files_are_written_whole_or_not_at_all) {
    char directory[] = "/tmp/tkc-unit.XXXXXX";
    cr_assert_not_null(mkdtemp(directory));
    char path[256], missing[256];
    snprintf(path, sizeof path, "%s/rules.tkc", directory);
    snprintf(missing, sizeof missing, "%s/no/such/dir.tkc", directory);
    tk_diags *diags = tk_diags_new();
    tk_graph *graph = compile_rules(diags, NULL);
    cr_assert(tk_write_compiled(graph, path, diags));
    cr_assert_not(tk_write_compiled(graph, missing, diags));
    cr_assert_not_null(unit_find(diags, DIAG_TK0901), "%s", unit_codes(diags));
    tk_graph *loaded = tk_load_compiled(path, diags);
    cr_assert_not_null(loaded);
    same_graph(graph, loaded);
    tk_graph *again = tk_compile_file(path, NULL, diags);
    cr_assert_not_null(again, "tk_compile_file does not load a .tkc");
    tk_compile_options other = {NULL, 0, "strict"};
    cr_assert_null(tk_compile_file(path, &other, diags));
    cr_assert_not_null(unit_find(diags, DIAG_TK0905), "%s", unit_codes(diags));
    unlink(path);
    cr_assert_eq(rmdir(directory), 0, "a temporary file was left behind");
    tk_graph_free(again);
    tk_graph_free(loaded);
    tk_graph_free(graph);
    tk_diags_free(diags);
}
