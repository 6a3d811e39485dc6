/* test_parser.c — the bison grammar (grammar/parser.y) through parse_module():
   the syntax trees it builds, and its syntax errors, recovery and hints. */
#include "unit.h"

#include "lang/parse.h"

typedef struct parsed {
    arena region;
    diag_list diags;
    source *file;
    ast_module *module;
} parsed;

static ast_module *parse(parsed *run, const char *text) {
    arena_init(&run->region);
    diag_list_init(&run->diags);
    run->file = source_from_text(&run->region, "parse.tkn", text, strlen(text));
    run->module = parse_module(&run->region, run->file, &run->diags);
    cr_assert_not_null(run->module);
    return run->module;
}

static void release(parsed *run) {
    diag_list_release(&run->diags);
    arena_release(&run->region);
}

/* Parse text that must have no diagnostics. */
static ast_module *parse_clean(parsed *run, const char *text) {
    parse(run, text);
    cr_assert_eq(run->diags.count, 0, "unexpected diagnostic: %s",
                 run->diags.count ? run->diags.items[0]->message : "");
    return run->module;
}

/* The expression of `let v = TEXT` in an otherwise empty module. */
static const ast_expr *parse_expr(parsed *run, const char *expr_text) {
    arena scratch;
    arena_init(&scratch);
    const char *text = arena_printf(&scratch, "tenken 1\nmodule m\nlet v = %s\n", expr_text);
    parse_clean(run, text);
    arena_release(&scratch);
    cr_assert_eq(run->module->values.count, 1);
    return ((const ast_value *)run->module->values.items[0])->expr;
}

static const diagnostic *diag_at(const parsed *run, size_t index) {
    cr_assert_lt(index, run->diags.count, "only %zu diagnostics", run->diags.count);
    return run->diags.items[index];
}

static size_t count_code(const diag_list *diags, diag_code code) {
    size_t count = 0;
    for (size_t index = 0; index < diags->count; index++)
        count += diags->items[index]->code == code;
    return count;
}

static const ast_member *member_at(const ast_list *members, size_t index) {
    cr_assert_lt(index, members->count);
    return members->items[index];
}

#define HEADER "tenken 1\nmodule m\n"

/* {=== module header ===} */

Test(parser, version_line_and_module_name) {
    parsed run;
    ast_module *module = parse_clean(&run, "tenken 1\nmodule cloud.safe_use\n");
    cr_assert_eq(module->version, 1);
    cr_assert_str_eq(module->name, "cloud.safe_use");
    cr_assert_eq(module->name_span.start, 16);
    cr_assert_eq(module->name_span.end, 30);
    release(&run);
}

Test(parser, missing_version_line) {
    parsed run;
    parse(&run, "module m\n");
    cr_assert_eq(run.diags.count, 1);
    const diagnostic *record = diag_at(&run, 0);
    cr_assert_eq(record->code, DIAG_TK0102);
    cr_assert_eq(record->location.line, 1);
    cr_assert_eq(record->location.column, 1);
    cr_assert(unit_contains(record->help, "tenken 1"));
    cr_assert_str_eq(run.module->name, "m");
    release(&run);
}

Test(parser, unsupported_version) {
    parsed run;
    parse(&run, "tenken 2\nmodule m\n");
    cr_assert_eq(run.diags.count, 1);
    const diagnostic *record = diag_at(&run, 0);
    cr_assert_eq(record->code, DIAG_TK0102);
    cr_assert_str_eq(record->message, "unsupported language version 2");
    cr_assert_eq(record->location.column, 8);
    cr_assert(unit_contains(record->help, "tenken 1"));
    cr_assert_str_eq(run.module->name, "m");
    release(&run);
}

Test(parser, version_must_be_exactly_1) {
    parsed run;
    parse(&run, "tenken 1.0\nmodule m\n");
    cr_assert_eq(run.diags.count, 1);
    cr_assert_eq(diag_at(&run, 0)->code, DIAG_TK0102);
    release(&run);
}

Test(parser, number_with_two_dots_is_no_number) {
    parsed run;
    parse(&run, HEADER "let v = 1.2.3\n");
    cr_assert_eq(run.diags.count, 1);
    cr_assert_eq(diag_at(&run, 0)->code, DIAG_TK0005);
    release(&run);
}

Test(parser, imports_with_and_without_names) {
    parsed run;
    ast_module *module = parse_clean(&run, HEADER "import std.scales\n"
                                           "import std.more (yes_no, cloud)\n");
    cr_assert_eq(module->imports.count, 2);
    const ast_import *all = module->imports.items[0];
    const ast_import *some = module->imports.items[1];
    cr_assert_str_eq(all->module, "std.scales");
    cr_assert_eq(all->names.count, 0);
    cr_assert_str_eq(some->module, "std.more");
    cr_assert_eq(some->names.count, 2);
    cr_assert_str_eq(some->names.items[1], "cloud");
    release(&run);
}

/* {=== scales ===} */

static const ast_option *option_at(const ast_scale *scale, size_t index) {
    cr_assert_lt(index, scale->options.count);
    return scale->options.items[index];
}

Test(parser, scale_options_points_and_labels) {
    parsed run;
    ast_module *module = parse_clean(&run, HEADER
        "scale yes_no {\n"
        "  yes 1 ja \"はい\" en \"yes\"\n"
        "  no 0 \"no\"\n"
        "}\n");
    cr_assert_eq(module->scales.count, 1);
    const ast_scale *scale = module->scales.items[0];
    cr_assert_str_eq(scale->name, "yes_no");
    cr_assert_eq(scale->options.count, 2);
    const ast_option *yes = option_at(scale, 0), *no = option_at(scale, 1);
    cr_assert_str_eq(yes->key, "yes");
    cr_assert_float_eq(decimal_to_double(yes->points), 1.0, 1e-9);
    cr_assert_eq(yes->label.count, 2);
    cr_assert_str_eq(yes->label.variants[0].lang, "ja");
    cr_assert_str_eq(yes->label.variants[0].text, "はい");
    cr_assert_str_eq(yes->label.variants[1].lang, "en");
    cr_assert_str_eq(ast_text_pick(&yes->label, "en"), "yes");
    cr_assert_str_eq(no->key, "no");
    cr_assert_null(no->label.variants[0].lang);
    cr_assert_float_eq(decimal_to_double(no->points), 0.0, 1e-9);
    release(&run);
}

Test(parser, scale_aliases_and_negative_points) {
    parsed run;
    ast_module *module = parse_clean(&run, HEADER
        "scale s {\n"
        "  not_yet 1 ja \"まだ確認していない\" alias \"未確認\" alias \"未\"\n"
        "  risk -2 \"risk\"\n"
        "  half 0.5 \"half\"\n"
        "}\n");
    const ast_scale *scale = module->scales.items[0];
    const ast_option *not_yet = option_at(scale, 0);
    cr_assert_eq(not_yet->aliases.count, 2);
    cr_assert_str_eq(((const ast_alias *)not_yet->aliases.items[0])->text, "未確認");
    cr_assert_str_eq(((const ast_alias *)not_yet->aliases.items[1])->text, "未");
    cr_assert_float_eq(decimal_to_double(option_at(scale, 1)->points), -2.0, 1e-9);
    cr_assert_float_eq(decimal_to_double(option_at(scale, 2)->points), 0.5, 1e-9);
    release(&run);
}

Test(parser, a_language_given_twice_is_a_duplicate) {
    parsed run;
    parse(&run, HEADER "scale s { a 1 ja \"x\" ja \"y\" }\n");
    cr_assert_eq(run.diags.count, 1);
    cr_assert_eq(diag_at(&run, 0)->code, DIAG_TK0208);
    release(&run);
}

/* {=== facts ===} */

static const ast_fact *fact_at(const ast_module *module, size_t index) {
    cr_assert_lt(index, module->facts.count);
    return module->facts.items[index];
}

Test(parser, facts_of_each_type_with_defaults) {
    parsed run;
    ast_module *module = parse_clean(&run, HEADER
        "fact cloud: bool = true \"uses a cloud\"\n"
        "fact staff: number = 12\n"
        "fact debt: number = -3\n"
        "fact owner: string = \"総務部\"\n"
        "fact since: date\n"
        "fact tier: enum(small, medium, large) = medium ja \"規模\"\n");
    cr_assert_eq(module->facts.count, 6);
    const ast_fact *cloud = fact_at(module, 0);
    cr_assert_eq(cloud->type, FACT_BOOL);
    cr_assert_eq(cloud->default_value->kind, EXPR_BOOL);
    cr_assert(cloud->default_value->boolean);
    cr_assert_str_eq(ast_text_pick(&cloud->description, "ja"), "uses a cloud");
    cr_assert_eq(fact_at(module, 1)->type, FACT_NUMBER);
    cr_assert_float_eq(decimal_to_double(fact_at(module, 1)->default_value->number), 12.0, 1e-9);
    cr_assert_float_eq(decimal_to_double(fact_at(module, 2)->default_value->number), -3.0, 1e-9);
    cr_assert_eq(fact_at(module, 3)->type, FACT_STRING);
    cr_assert_eq(fact_at(module, 3)->default_value->kind, EXPR_STRING);
    cr_assert_str_eq(fact_at(module, 3)->default_value->name, "総務部");
    cr_assert_eq(fact_at(module, 4)->type, FACT_DATE);
    cr_assert_null(fact_at(module, 4)->default_value);
    const ast_fact *tier = fact_at(module, 5);
    cr_assert_eq(tier->type, FACT_ENUM);
    cr_assert_eq(tier->enum_members.count, 3);
    cr_assert_str_eq(tier->enum_members.items[2], "large");
    cr_assert_eq(tier->default_value->kind, EXPR_NAME);
    cr_assert_str_eq(tier->default_value->name, "medium");
    cr_assert_str_eq(ast_text_pick(&tier->description, "ja"), "規模");
    release(&run);
}

/* {=== checklists ===} */

static const char checklist_text[] = HEADER
    "checklist c ja \"チェック\" en \"Check\" {\n"
    "  scale yes_no\n"
    "  source \"guide\"\n"
    "  item \"1\" \"first\"\n"
    "  section s1 \"Section one\" {\n"
    "    item a {\n"
    "      label ja \"ラベル\" en \"Label\"\n"
    "      question \"Q?\"\n"
    "      note \"n\"\n"
    "      weight 2\n"
    "      tags \"x\", \"y\"\n"
    "      source \"p.3\"\n"
    "    }\n"
    "    section inner { item 1.1 }\n"
    "  }\n"
    "  item b { options { ok 1 \"ok\" ng 0 \"ng\" } }\n"
    "  score total = sum(points of items)\n"
    "  gate g = all(items is yes)\n"
    "  let v = 1\n"
    "}\n";

Test(parser, checklist_members_in_source_order) {
    parsed run;
    ast_module *module = parse_clean(&run, checklist_text);
    cr_assert_eq(module->checklists.count, 1);
    const ast_checklist *checklist = module->checklists.items[0];
    cr_assert_str_eq(checklist->name, "c");
    cr_assert_str_eq(ast_text_pick(&checklist->title, "en"), "Check");
    ast_member_kind expected[] = {MEMBER_SCALE, MEMBER_SOURCE, MEMBER_ITEM, MEMBER_SECTION,
                              MEMBER_ITEM, MEMBER_VALUE, MEMBER_VALUE, MEMBER_VALUE};
    cr_assert_eq(checklist->members.count, 8);
    for (size_t index = 0; index < 8; index++)
        cr_assert_eq(member_at(&checklist->members, index)->kind, expected[index],
                     "member %zu", index);
    cr_assert_str_eq(member_at(&checklist->members, 0)->name, "yes_no");
    release(&run);
}

Test(parser, items_with_ids_and_fields) {
    parsed run;
    ast_module *module = parse_clean(&run, checklist_text);
    const ast_checklist *checklist = module->checklists.items[0];
    const ast_item *first = member_at(&checklist->members, 2)->node;
    cr_assert_str_eq(first->id, "1");
    cr_assert_str_eq(ast_text_pick(&first->text, NULL), "first");
    cr_assert_float_eq(decimal_to_double(first->weight), 1.0, 1e-9);
    cr_assert_not(first->has_weight);
    const ast_section *section = member_at(&checklist->members, 3)->node;
    cr_assert_str_eq(section->name, "s1");
    const ast_item *a = member_at(&section->members, 0)->node;
    cr_assert_str_eq(a->id, "a");
    cr_assert_str_eq(ast_text_pick(&a->label, "ja"), "ラベル");
    cr_assert_str_eq(ast_text_pick(&a->question, "en"), "Q?");
    cr_assert_str_eq(ast_text_pick(&a->note, NULL), "n");
    cr_assert_str_eq(ast_text_pick(&a->source_ref, NULL), "p.3");
    cr_assert(a->has_weight);
    cr_assert_float_eq(decimal_to_double(a->weight), 2.0, 1e-9);
    cr_assert_eq(a->tags.count, 2);
    cr_assert_str_eq(a->tags.items[1], "y");
    release(&run);
}

Test(parser, nested_sections_and_inline_options) {
    parsed run;
    ast_module *module = parse_clean(&run, checklist_text);
    const ast_checklist *checklist = module->checklists.items[0];
    const ast_section *section = member_at(&checklist->members, 3)->node;
    const ast_section *inner = member_at(&section->members, 1)->node;
    cr_assert_str_eq(inner->name, "inner");
    const ast_item *dotted = member_at(&inner->members, 0)->node;
    cr_assert_str_eq(dotted->id, "1.1");
    const ast_item *b = member_at(&checklist->members, 4)->node;
    cr_assert_not_null(b->options);
    cr_assert_null(b->scale_name);
    cr_assert_eq(b->options->options.count, 2);
    cr_assert_str_eq(option_at(b->options, 1)->key, "ng");
    release(&run);
}

Test(parser, values_scores_and_gates) {
    parsed run;
    ast_module *module = parse_clean(&run, checklist_text);
    const ast_checklist *checklist = module->checklists.items[0];
    const ast_value *total = member_at(&checklist->members, 5)->node;
    const ast_value *gate = member_at(&checklist->members, 6)->node;
    const ast_value *let = member_at(&checklist->members, 7)->node;
    cr_assert_eq(total->kind, VALUE_SCORE);
    cr_assert_str_eq(total->name, "total");
    cr_assert_eq(total->expr->kind, EXPR_AGGREGATE);
    cr_assert_eq(gate->kind, VALUE_GATE);
    cr_assert_eq(gate->expr->aggregate.element, ELEMENT_IS);
    cr_assert_eq(let->kind, VALUE_LET);
    cr_assert_eq(let->expr->kind, EXPR_NUMBER);
    release(&run);
}

Test(parser, a_second_label_is_a_duplicate) {
    parsed run;
    parse(&run, HEADER "checklist c { item a { label \"x\" label \"y\" } }\n");
    cr_assert_eq(run.diags.count, 1);
    const diagnostic *record = diag_at(&run, 0);
    cr_assert_eq(record->code, DIAG_TK0208);
    cr_assert_eq(record->note_count, 1);
    release(&run);
}

/* {=== exclusions and conditions ===} */

static const char conditions_text[] = HEADER
    "checklist c {\n"
    "  item x {\n"
    "    exclude when not cloud because \"no cloud\"\n"
    "    exclude when staff < 5 because ja \"小規模\" en \"small\"\n"
    "    only when item \"1\" is yes\n"
    "  }\n"
    "}\n";

Test(parser, exclusions_with_reasons) {
    parsed run;
    ast_module *module = parse_clean(&run, conditions_text);
    const ast_checklist *checklist = module->checklists.items[0];
    const ast_item *item = member_at(&checklist->members, 0)->node;
    cr_assert_eq(item->exclusions.count, 2);
    const ast_exclusion *first = item->exclusions.items[0];
    const ast_exclusion *second = item->exclusions.items[1];
    cr_assert_eq(first->condition->kind, EXPR_NOT);
    cr_assert_str_eq(first->condition->left->name, "cloud");
    cr_assert_str_eq(ast_text_pick(&first->reason, "ja"), "no cloud");
    cr_assert_eq(second->condition->kind, EXPR_BINARY);
    cr_assert_eq(second->condition->op, OP_LT);
    cr_assert_str_eq(ast_text_pick(&second->reason, "en"), "small");
    release(&run);
}

Test(parser, only_when_condition) {
    parsed run;
    ast_module *module = parse_clean(&run, conditions_text);
    const ast_checklist *checklist = module->checklists.items[0];
    const ast_item *item = member_at(&checklist->members, 0)->node;
    cr_assert_eq(item->only_when.count, 1);
    const ast_expr *condition = item->only_when.items[0];
    cr_assert_eq(condition->kind, EXPR_IS);
    cr_assert_str_eq(condition->option_key, "yes");
    cr_assert_eq(condition->left->kind, EXPR_ITEM);
    cr_assert_str_eq(condition->left->name, "1");
    cr_assert_null(condition->left->qualifier);
    release(&run);
}

Test(parser, exclusion_without_reason) {
    parsed run;
    parse(&run, HEADER "checklist c {\n  item x {\n    exclude when cloud\n  }\n}\n");
    cr_assert_eq(run.diags.count, 1);
    const diagnostic *record = diag_at(&run, 0);
    cr_assert_eq(record->code, DIAG_TK0101);
    cr_assert_str_eq(record->message, "an exclusion needs a reason");
    cr_assert(unit_contains(record->help, "because"));
    release(&run);
}

/* {=== expressions ===} */

static void assert_binary(const ast_expr *expr, binary_op op) {
    cr_assert_eq(expr->kind, EXPR_BINARY);
    cr_assert_eq(expr->op, op, "operator %d, expected %d", (int)expr->op, (int)op);
}

Test(expressions, and_binds_tighter_than_or) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "a or b and c");
    assert_binary(expr, OP_OR);
    cr_assert_str_eq(expr->left->name, "a");
    assert_binary(expr->right, OP_AND);
    release(&run);
}

Test(expressions, not_binds_tighter_than_and) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "not a and b");
    assert_binary(expr, OP_AND);
    cr_assert_eq(expr->left->kind, EXPR_NOT);
    cr_assert_str_eq(expr->right->name, "b");
    release(&run);
}

Test(expressions, comparison_binds_tighter_than_not) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "not a == b");
    cr_assert_eq(expr->kind, EXPR_NOT);
    assert_binary(expr->left, OP_EQ);
    release(&run);
}

Test(expressions, multiplication_binds_tighter_than_addition) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "1 + 2 * 3");
    assert_binary(expr, OP_ADD);
    cr_assert_float_eq(decimal_to_double(expr->left->number), 1.0, 1e-9);
    assert_binary(expr->right, OP_MUL);
    release(&run);
}

Test(expressions, parentheses_group) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "(1 + 2) * 3");
    assert_binary(expr, OP_MUL);
    assert_binary(expr->left, OP_ADD);
    cr_assert_eq(expr->left->where.start, expr->where.start);
    release(&run);
}

Test(expressions, subtraction_is_left_associative) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "9 - 4 - 2");
    assert_binary(expr, OP_SUB);
    assert_binary(expr->left, OP_SUB);
    cr_assert_float_eq(decimal_to_double(expr->right->number), 2.0, 1e-9);
    release(&run);
}

Test(expressions, unary_minus_binds_tightest) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "-x * 2 >= 1");
    assert_binary(expr, OP_GE);
    assert_binary(expr->left, OP_MUL);
    cr_assert_eq(expr->left->left->kind, EXPR_NEGATE);
    release(&run);
}

Test(expressions, if_then_else_takes_the_rest) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "if a then 1 else 2 + 3");
    cr_assert_eq(expr->kind, EXPR_IF);
    cr_assert_str_eq(expr->left->name, "a");
    cr_assert_float_eq(decimal_to_double(expr->right->number), 1.0, 1e-9);
    assert_binary(expr->otherwise, OP_ADD);
    release(&run);
}

Test(expressions, comparisons_do_not_chain) {
    parsed run;
    parse(&run, HEADER "let v = a < b < c\n");
    cr_assert_geq(run.diags.count, 1);
    cr_assert_eq(diag_at(&run, 0)->code, DIAG_TK0101);
    release(&run);
}

Test(expressions, qualified_names_and_items) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "c.total + item c.\"1.1\" + item x");
    assert_binary(expr, OP_ADD);
    const ast_expr *name = expr->left->left;
    const ast_expr *qualified_item = expr->left->right;
    cr_assert_eq(name->kind, EXPR_NAME);
    cr_assert_str_eq(name->qualifier, "c");
    cr_assert_str_eq(name->name, "total");
    cr_assert_eq(qualified_item->kind, EXPR_ITEM);
    cr_assert_str_eq(qualified_item->qualifier, "c");
    cr_assert_str_eq(qualified_item->name, "1.1");
    cr_assert_eq(expr->right->kind, EXPR_ITEM);
    cr_assert_str_eq(expr->right->name, "x");
    release(&run);
}

Test(expressions, aggregate_with_unanswered_as) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "sum(points of items, unanswered as 0)");
    cr_assert_eq(expr->kind, EXPR_AGGREGATE);
    const ast_aggregate *aggregate = &expr->aggregate;
    cr_assert_str_eq(aggregate->function, "sum");
    cr_assert_eq(aggregate->element, ELEMENT_ATTRIBUTE);
    cr_assert_str_eq(aggregate->attribute, "points");
    cr_assert_eq(aggregate->selection, SELECT_ITEMS);
    cr_assert_not_null(aggregate->unanswered_as);
    cr_assert_eq(aggregate->unanswered_as->kind, EXPR_NUMBER);
    cr_assert_float_eq(decimal_to_double(aggregate->unanswered_as->number), 0.0, 1e-9);
    release(&run);
}

Test(expressions, aggregate_selections_and_elements) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "count(section s1 is yes) + max(max of checklist other)"
                                            " + count(items)");
    const ast_aggregate *by_section = &expr->left->left->aggregate;
    const ast_aggregate *by_checklist = &expr->left->right->aggregate;
    const ast_aggregate *plain = &expr->right->aggregate;
    cr_assert_eq(by_section->selection, SELECT_SECTION);
    cr_assert_str_eq(by_section->selection_name, "s1");
    cr_assert_eq(by_section->element, ELEMENT_IS);
    cr_assert_str_eq(by_section->option_key, "yes");
    cr_assert_null(by_section->unanswered_as);
    cr_assert_eq(by_checklist->selection, SELECT_CHECKLIST);
    cr_assert_str_eq(by_checklist->selection_name, "other");
    cr_assert_str_eq(by_checklist->attribute, "max");
    cr_assert_str_eq(by_checklist->function, "max");
    cr_assert_eq(plain->element, ELEMENT_ITEMS);
    cr_assert_str_eq(plain->function, "count");
    release(&run);
}

/* Guards a fixed bug (grammar/parser.y, element): `weight` is a keyword, so `weight of items`
   (ATTR_WEIGHT in the resolver) is a syntax error. */
Test(expressions, weight_of_items) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "sum(weight of items)");
    cr_assert_eq(expr->aggregate.element, ELEMENT_ATTRIBUTE);
    cr_assert_str_eq(expr->aggregate.attribute, "weight");
    cr_assert_eq(expr->aggregate.attribute_span.start, 30);
    cr_assert_eq(expr->aggregate.attribute_span.end, 36);
    release(&run);
}

Test(expressions, unanswered_as_a_boolean) {
    parsed run;
    const ast_expr *expr = parse_expr(&run, "all(items is yes, unanswered as false)");
    cr_assert_eq(expr->aggregate.unanswered_as->kind, EXPR_BOOL);
    cr_assert_not(expr->aggregate.unanswered_as->boolean);
    release(&run);
}

/* {=== syntax errors ===} */

Test(syntax_errors, reported_with_tk0101_and_a_place) {
    parsed run;
    parse(&run, HEADER "checklist c {\n  item \"1\" { weight \"x\" }\n}\n");
    cr_assert_geq(run.diags.count, 1);
    const diagnostic *record = diag_at(&run, 0);
    cr_assert_eq(record->code, DIAG_TK0101);
    cr_assert_str_eq(record->message, "unexpected string \"x\"");
    cr_assert_eq(record->location.line, 4);
    cr_assert_eq(record->location.column, 21);
    release(&run);
}

Test(syntax_errors, several_errors_in_one_file) {
    parsed run;
    parse(&run, HEADER
        "scale s { a 1 }\n"
        "fact f: colour\n"
        "checklist c {\n"
        "  item \"1\" { weight \"x\" }\n"
        "  item \"2\" { label 3 }\n"
        "}\n"
        "let ok = 1\n");
    cr_assert_geq(count_code(&run.diags, DIAG_TK0101), 3,
                  "only %zu syntax errors", run.diags.count);
    /* recovery keeps what follows the errors */
    cr_assert_eq(run.module->values.count, 1);
    cr_assert_str_eq(((const ast_value *)run.module->values.items[0])->name, "ok");
    release(&run);
}

Test(syntax_errors, misspelt_keyword_gets_a_suggestion) {
    parsed run;
    parse(&run, HEADER "checklist c {\n  sectoin s { }\n}\n");
    cr_assert_geq(run.diags.count, 1);
    const diagnostic *record = diag_at(&run, 0);
    cr_assert_eq(record->code, DIAG_TK0101);
    cr_assert_str_eq(record->message, "unexpected name 'sectoin'");
    cr_assert_str_eq(record->help, "did you mean 'section'?");
    release(&run);
}

Test(syntax_errors, expected_tokens_are_listed_in_words) {
    parsed run;
    parse(&run, HEADER "fact f bool\n");
    cr_assert_geq(run.diags.count, 1);
    const diagnostic *record = diag_at(&run, 0);
    cr_assert_str_eq(record->message, "unexpected 'bool'");
    cr_assert_str_eq(record->help, "expected ':' here");
    release(&run);
}

Test(syntax_errors, end_of_file_is_named_in_words) {
    parsed run;
    parse(&run, HEADER "checklist c {\n");
    cr_assert_geq(run.diags.count, 1);
    cr_assert_str_eq(diag_at(&run, 0)->message, "unexpected end of file");
    release(&run);
}

static const char *const broken_texts[] = {
    HEADER "checklist c { item \"1\" { weight \"x\" } }\n",
    HEADER "checklist c {\n  sectoin s { }\n}\n",
    HEADER "checklist c {\n",
    HEADER "let v = \n",
    HEADER "let v = (1 + \n",
    HEADER "fact f: enum() \n",
    HEADER "scale s { a \"x\" 1 }\n",
    HEADER "checklist c { item x { exclude when a } }\n",
    HEADER "checklist c { item }\n",
    HEADER "let v = sum(points of)\n",
    HEADER "let v = a < b < c\n",
    HEADER "import\n",
    HEADER "module n\n",
    "tenken\n",
    "tenken 1\n",
    "tenken 1\nmodule\n",
    "",
    HEADER "}\n",
    HEADER "let 3 = 4\n",
    HEADER "checklist c { item \"1\" { options { } tags 1 } }\n",
};

static void assert_plain_words(const char *text) {
    static const char *const raw_names[] = {"IDENT", "KW_", "OP_", "YYEOF", "YYEMPTY",
                                            "YYUNDEF", "$end", "$undefined", "UMINUS",
                                            "NUMBER", "STRING", "TK_YY", "invalid token"};
    if (!text) return;
    for (size_t index = 0; index < sizeof raw_names / sizeof *raw_names; index++)
        cr_assert(!unit_contains(text, raw_names[index]), "raw token name in: %s", text);
}

Test(syntax_errors, no_raw_token_names_in_messages) {
    for (size_t case_index = 0; case_index < sizeof broken_texts / sizeof *broken_texts;
         case_index++) {
        parsed run;
        parse(&run, broken_texts[case_index]);
        cr_assert_geq(run.diags.count, 1, "case %zu has no diagnostic", case_index);
        for (size_t index = 0; index < run.diags.count; index++) {
            assert_plain_words(run.diags.items[index]->message);
            assert_plain_words(run.diags.items[index]->help);
        }
        release(&run);
    }
}

/* {=== frameworks, maps and references ===} */

Test(parser, framework_nodes_nest_with_kinds_obligations_and_gates) {
    parsed run;
    parse_clean(&run, "tenken 1\nmodule m\n"
                      "framework f ja \"基準\" en \"Criteria\" edition \"2024\" {\n"
                      "  source \"s\"\n"
                      "  clause \"3\" ja \"ガバナンス\" mandatory\n"
                      "  clause \"5\" \"Controls\" {\n"
                      "    objective \"5.1.1\" \"Policy\" {\n"
                      "      detail \"5.1.1.1\" \"Define\" selectable\n"
                      "      note \"n\"\n"
                      "    }\n"
                      "  }\n"
                      "  gate a = every objective applies\n"
                      "  gate b \"B\" = every applied objective selects detail\n"
                      "  gate c = every mandatory selected\n"
                      "}\n");
    cr_assert_eq(run.module->frameworks.count, 1);
    const ast_framework *framework = run.module->frameworks.items[0];
    cr_assert_str_eq(framework->id, "f");
    cr_assert_str_eq(framework->edition, "2024");
    cr_assert_eq(framework->title.count, 2);
    cr_assert_eq(framework->nodes.count, 2);
    const ast_control *governance = framework->nodes.items[0];
    cr_assert_eq(governance->kind, KIND_CLAUSE);
    cr_assert_eq(governance->obligation, OBLIGATION_MANDATORY);
    const ast_control *controls = framework->nodes.items[1];
    cr_assert_eq(controls->children.count, 1);
    const ast_control *objective = controls->children.items[0];
    cr_assert_eq(objective->kind, KIND_OBJECTIVE);
    const ast_control *detail = objective->children.items[0];
    cr_assert_str_eq(detail->id, "5.1.1.1");
    cr_assert_eq(detail->kind, KIND_DETAIL);
    cr_assert_eq(detail->obligation, OBLIGATION_SELECTABLE);
    cr_assert_eq(objective->note.count, 1);
    cr_assert_eq(framework->gates.count, 3);
    const ast_selection_gate *selects = framework->gates.items[1];
    cr_assert_eq(selects->rule, SELECT_RULE_SELECTS);
    cr_assert_eq(selects->kind, KIND_OBJECTIVE);
    cr_assert_eq(selects->child_kind, KIND_DETAIL);
    cr_assert_eq(((const ast_selection_gate *)framework->gates.items[2])->rule,
                 SELECT_RULE_MANDATORY);
    release(&run);
}

Test(parser, map_rows_take_every_relation_new_and_notes) {
    parsed run;
    parse_clean(&run, "tenken 1\nmodule m\n"
                      "map a -> b \"A to B\" {\n"
                      "  source \"Annex B\"\n"
                      "  \"1\" equivalent \"1\"\n"
                      "  \"2\" equal \"2\" note \"same\"\n"
                      "  \"3\" subset-of \"3\" source \"row\"\n"
                      "  \"4\" superset-of \"4\" note ja \"注\" en \"note\" source \"s\"\n"
                      "  \"5\" intersects \"5\"\n"
                      "  \"6\" no-relationship note \"none\"\n"
                      "  new \"7\"\n"
                      "}\n");
    cr_assert_eq(run.module->maps.count, 1);
    const ast_map *map = run.module->maps.items[0];
    cr_assert_str_eq(map->from, "a");
    cr_assert_str_eq(map->to, "b");
    cr_assert_eq(map->source_ref.count, 1);
    cr_assert_eq(map->rows.count, 7);
    const relation_kind expected[] = {RELATION_EQUIVALENT, RELATION_EQUAL, RELATION_SUBSET_OF,
                                      RELATION_SUPERSET_OF, RELATION_INTERSECTS,
                                      RELATION_NO_RELATIONSHIP, RELATION_NEW};
    for (size_t index = 0; index < 7; index++)
        cr_assert_eq(((const ast_map_row *)map->rows.items[index])->relation, expected[index]);
    const ast_map_row *fourth = map->rows.items[3];
    cr_assert_eq(fourth->note.count, 2);
    cr_assert_eq(fourth->source_ref.count, 1);
    const ast_map_row *none = map->rows.items[5];
    cr_assert_null(none->target_id);
    const ast_map_row *added = map->rows.items[6];
    cr_assert_null(added->source_id);
    cr_assert_str_eq(added->target_id, "7");
    release(&run);
}

Test(parser, item_refs_carry_framework_id_and_relation) {
    parsed run;
    parse_clean(&run, "tenken 1\nmodule m\n"
                      "checklist c {\n"
                      "  item \"1\" \"x\" { ref iso27001_2022:\"8.13\" subset-of iso27017_2015:\"CLD.8.1.5\" }\n"
                      "}\n");
    const ast_checklist *checklist = run.module->checklists.items[0];
    const ast_item *item = member_at(&checklist->members, 0)->node;
    cr_assert_eq(item->refs.count, 2);
    const ast_ref *first = item->refs.items[0], *second = item->refs.items[1];
    cr_assert_str_eq(first->framework, "iso27001_2022");
    cr_assert_str_eq(first->control, "8.13");
    cr_assert_eq(first->relation, RELATION_INTERSECTS);
    cr_assert_str_eq(second->control, "CLD.8.1.5");
    cr_assert_eq(second->relation, RELATION_SUBSET_OF);
    release(&run);
}

Test(parser, framework_without_edition_says_what_was_expected) {
    parsed run;
    parse(&run, "tenken 1\nmodule m\nframework f \"F\" { control \"1\" \"one\" }\n");
    cr_assert_eq(count_code(&run.diags, DIAG_TK0101), 1);
    cr_assert_str_eq(diag_at(&run, 0)->help, "expected 'ja', 'en' or 'edition' here");
    release(&run);
}
