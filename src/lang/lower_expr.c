/*
 * lower_expr.c — expressions into graph expressions. Names are bound to
 * nodes (a value of the enclosing checklist, a module value, a fact; an
 * item by checklist and id), `is` to an option or an enum member, and an
 * aggregate's selection to the item nodes it runs over (and to the section
 * it names, the root of an XCCDF scoring model's tree). Each lowered
 * expression keeps its place in the rule file for the type checker's
 * diagnostics; conditions the reports quote keep their text as written.
 */
#include "lang/lower.h"

#include <math.h>
#include <string.h>

#include "base/suggest.h"

static const gexpr *lower_expr(lowering *state, const ast_expr *expr);
static const gexpr *lower_expr_here(lowering *state, const ast_expr *expr);

static graph_checklist *current_checklist(lowering *state) {
    return &state->graph->checklists[state->checklist];
}

/* "a, b and c": the words of a list, for a help line. */
static const char *word_list(lowering *state, const char *const *words, size_t count) {
    const char *list = "";
    for (size_t index = 0; index < count; index++)
        list = arena_printf(state->scratch, "%s%s%s", list,
                            index == 0 ? "" : index + 1 == count ? " and " : ", ", words[index]);
    return list;
}


static gexpr *new_gexpr(lowering *state, gexpr_kind kind, span where) {
    gexpr *lowered = ARENA_NEW(&state->graph->region, gexpr);
    lowered->kind = kind;
    lowered->place = lower_place(state, state->file, where);
    lowered->node = NO_INDEX;
    lowered->option = -1;
    return lowered;
}

static size_t find_checklist(lowering *state, const char *name, span where) {
    size_t index = graph_lookup(&state->graph->checklist_by_name, name);
    if (index != NO_INDEX) return index;
    diagnostic *record = lower_report(state, DIAG_TK0206, where, "unknown checklist '%s'", name);
    suggestion best;
    suggest_begin(&best, name);
    lower_suggest_from_map(&best, &state->graph->checklist_by_name);
    lower_help(state, record, &best, NULL);
    return NO_INDEX;
}

/* A name in an expression: a value of this checklist, a module value, a fact. */
static gexpr *lower_name(lowering *state, const ast_expr *expr) {
    tk_graph *graph = state->graph;
    size_t node = NO_INDEX;
    if (expr->qualifier && state->checklist != NO_INDEX) /* SECTION.NAME in its checklist */
        node = graph_lookup(&current_checklist(state)->value_by_name,
                            arena_printf(state->scratch, "%s.%s", expr->qualifier, expr->name));
    if (node == NO_INDEX && expr->qualifier) {
        size_t checklist = find_checklist(state, expr->qualifier, expr->where);
        if (checklist == NO_INDEX) return NULL;
        node = graph_lookup(&graph->checklists[checklist].value_by_name, expr->name);
    } else if (node == NO_INDEX) {
        if (state->checklist != NO_INDEX)
            node = graph_lookup(&current_checklist(state)->value_by_name, expr->name);
        if (node == NO_INDEX) node = graph_lookup(&graph->value_by_name, expr->name);
        if (node == NO_INDEX) node = graph_lookup(&graph->fact_by_name, expr->name);
    }
    if (node != NO_INDEX) {
        gexpr *lowered = new_gexpr(state, G_NODE, expr->where);
        lowered->node = node;
        return lowered;
    }
    if (!expr->qualifier && strmap_get(&state->unloaded_names, expr->name)) return NULL;
    diagnostic *record = lower_report(state, DIAG_TK0202, expr->name_span, "unknown name '%s'",
                                expr->name);
    suggestion best;
    suggest_begin(&best, expr->name);
    if (expr->qualifier) {
        size_t checklist = graph_lookup(&graph->checklist_by_name, expr->qualifier);
        lower_suggest_from_map(&best, &graph->checklists[checklist].value_by_name);
    } else {
        if (state->checklist != NO_INDEX)
            lower_suggest_from_map(&best, &current_checklist(state)->value_by_name);
        lower_suggest_from_map(&best, &graph->value_by_name);
        lower_suggest_from_map(&best, &graph->fact_by_name);
    }
    lower_help(state, record, &best,
                         "declare it as a fact, or as a value with let or score");
    return NULL;
}

/* gate NAME or gate CHECKLIST.NAME: a name that must denote a gate. */
static gexpr *lower_gate(lowering *state, const ast_expr *expr) {
    gexpr *lowered = lower_name(state, expr);
    if (!lowered) return NULL;
    if (state->graph->nodes[lowered->node].kind == NODE_GATE) return lowered;
    diagnostic *record = lower_report(state, DIAG_TK0301, expr->name_span, "'%s' is not a gate",
                                expr->name);
    diag_set_help(state->diags, record, "drop the word 'gate', or name a gate");
    return NULL;
}

static size_t find_item(lowering *state, const char *qualifier, const char *id, span where) {
    size_t checklist = state->checklist;
    if (qualifier) {
        checklist = find_checklist(state, qualifier, where);
        if (checklist == NO_INDEX) return NO_INDEX;
    } else if (checklist == NO_INDEX) {
        diagnostic *record = lower_report(state, DIAG_TK0203, where,
                                    "item '%s' needs its checklist here", id);
        diag_set_help(state->diags, record,
                      "outside a checklist write item CHECKLIST.\"%s\"", id);
        return NO_INDEX;
    }
    const graph_checklist *target = &state->graph->checklists[checklist];
    size_t node = graph_lookup(&target->item_by_id, id);
    if (node != NO_INDEX) return node;
    diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0203, state->file,
                                     where.start, where.end,
                                     "checklist '%s' has no item '%s'", target->name, id);
    suggestion best;
    suggest_begin(&best, id);
    lower_suggest_from_map(&best, &target->item_by_id);
    lower_help(state, record, &best, NULL);
    return NO_INDEX;
}

/* An option by key, or by one of its labels or aliases (as answers name them). */
static int option_index(const graph_scale *scale, const char *word) {
    for (size_t index = 0; index < scale->option_count; index++)
        if (strcmp(scale->options[index].key, word) == 0) return (int)index;
    for (size_t index = 0; index < scale->option_count; index++) {
        const graph_option *option = &scale->options[index];
        for (size_t variant = 0; variant < option->label.count; variant++)
            if (strcmp(option->label.variants[variant].text, word) == 0) return (int)index;
        for (size_t alias = 0; alias < option->aliases.count; alias++)
            if (strcmp(option->aliases.names[alias], word) == 0) return (int)index;
    }
    return -1;
}

static int find_option(lowering *state, const graph_scale *scale, const char *key, span where,
                       const char *item_id) {
    if (!scale) return -1;
    int found = option_index(scale, key);
    if (found >= 0) return found;
    diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0204, state->file,
                                     where.start, where.end,
                                     "item '%s' has no option '%s'", item_id, key);
    suggestion best;
    suggest_begin(&best, key);
    for (size_t index = 0; index < scale->option_count; index++)
        suggest_consider(&best, scale->options[index].key);
    lower_help(state, record, &best, "compare with an option key of the item's scale");
    return -1;
}

static int find_enum_member(lowering *state, const graph_node *fact, const char *member,
                            span where) {
    const graph_names *members = fact->enum_members;
    for (size_t index = 0; index < members->count; index++)
        if (strcmp(members->names[index], member) == 0) return (int)index;
    diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0204, state->file,
                                     where.start, where.end,
                                     "fact '%s' has no value '%s'", fact->name, member);
    suggestion best;
    suggest_begin(&best, member);
    for (size_t index = 0; index < members->count; index++)
        suggest_consider(&best, members->names[index]);
    lower_help(state, record, &best, NULL);
    return -1;
}

/* operand is KEY: an item's option, or an enum fact's member. */
static gexpr *lower_is(lowering *state, const ast_expr *expr) {
    const ast_expr *operand = expr->left;
    if (operand->kind == EXPR_ITEM) {
        size_t node = find_item(state, operand->qualifier, operand->name, operand->name_span);
        if (node == NO_INDEX) return NULL;
        const graph_item *item = state->graph->nodes[node].item;
        int option = find_option(state, item->scale, expr->option_key, expr->option_span,
                                 operand->name);
        if (option < 0) return NULL;
        gexpr *lowered = new_gexpr(state, G_ITEM_IS, expr->where);
        lowered->node = node;
        lowered->option = option;
        return lowered;
    }
    if (operand->kind == EXPR_NAME) {
        gexpr *name = lower_name(state, operand);
        if (!name) return NULL;
        const graph_node *node = &state->graph->nodes[name->node];
        if (node->kind == NODE_FACT && node->fact->type == TYPE_ENUM) {
            int member = find_enum_member(state, node, expr->option_key,
                                          expr->option_span);
            if (member < 0) return NULL;
            gexpr *lowered = new_gexpr(state, G_FACT_IS, expr->where);
            lowered->node = name->node;
            lowered->option = member;
            return lowered;
        }
    }
    diagnostic *record = lower_report(state, DIAG_TK0301, operand->where,
                                "'is' compares an item or an enum fact with one of its options");
    diag_set_help(state->diags, record, "write item \"ID\" is OPTION, or FACT is VALUE");
    return NULL;
}

/* The item nodes an aggregate runs over; a fresh array per aggregate. */
static bool select_items(lowering *state, const ast_aggregate *aggregate, gaggregate *target) {
    const size_t *items = NULL;
    size_t count = 0;
    target->section = NO_INDEX;
    if (aggregate->selection == SELECT_CHECKLIST) {
        size_t checklist = find_checklist(state, aggregate->selection_name,
                                          aggregate->selection_span);
        if (checklist == NO_INDEX) return false;
        items = state->graph->checklists[checklist].items;
        count = state->graph->checklists[checklist].item_count;
    } else if (state->checklist == NO_INDEX) {
        diagnostic *record = lower_report(state, DIAG_TK0206, aggregate->selection_span,
                                    "'%s' needs a checklist here",
                                    aggregate->selection == SELECT_ITEMS ? "items" : "section");
        diag_set_help(state->diags, record,
                      "outside a checklist select with `checklist NAME`");
        return false;
    } else if (aggregate->selection == SELECT_ITEMS) {
        items = current_checklist(state)->items;
        count = current_checklist(state)->item_count;
    } else {
        const graph_checklist *checklist = current_checklist(state);
        size_t found = NO_INDEX;
        suggestion best;
        suggest_begin(&best, aggregate->selection_name);
        for (size_t index = 0; index < checklist->section_count; index++) {
            suggest_consider(&best, checklist->sections[index].name);
            if (strcmp(checklist->sections[index].name, aggregate->selection_name) == 0)
                found = index;
        }
        if (found == NO_INDEX) {
            diagnostic *record = lower_report(state, DIAG_TK0205, aggregate->selection_span,
                                        "unknown section '%s'", aggregate->selection_name);
            char *names = "";
            for (size_t index = 0; index < checklist->section_count; index++)
                names = arena_printf(&state->graph->region, "%s%s%s", names, index ? ", " : "",
                                     checklist->sections[index].name);
            lower_help(state, record, &best,
                                 checklist->section_count
                                     ? arena_printf(&state->graph->region, "the sections of '%s' are %s",
                                                    checklist->name, names)
                                     : "the checklist has no sections");
            return false;
        }
        items = checklist->sections[found].items;
        count = checklist->sections[found].item_count;
        target->section = found;
    }
    target->items = arena_calloc(&state->graph->region, count + 1, sizeof(size_t));
    if (count) memcpy(target->items, items, count * sizeof(size_t));
    target->item_count = count;
    return true;
}

static bool lower_element(lowering *state, const ast_aggregate *aggregate, gaggregate *target) {
    if (aggregate->element == ELEMENT_ATTRIBUTE) {
        int attribute = item_attribute_by_name(aggregate->attribute);
        if (attribute >= 0) {
            target->attribute = (item_attribute)attribute;
            return true;
        }
        diagnostic *record = lower_report(state, DIAG_TK0210, aggregate->attribute_span,
                                    "items have no attribute '%s'", aggregate->attribute);
        suggestion best;
        suggest_begin(&best, aggregate->attribute);
        for (size_t index = 0; index < ITEM_ATTRIBUTE_COUNT; index++)
            suggest_consider(&best, item_attribute_names[index]);
        lower_help(state, record, &best,
                             arena_printf(state->scratch, "the attributes are %s",
                                          word_list(state, item_attribute_names,
                                                    ITEM_ATTRIBUTE_COUNT)));
        return false;
    }
    if (aggregate->element != ELEMENT_IS) return true;
    target->options = arena_calloc(&state->graph->region, target->item_count + 1, sizeof(int));
    bool found_all = true;
    for (size_t index = 0; index < target->item_count; index++) {
        const graph_node *node = &state->graph->nodes[target->items[index]];
        target->options[index] = find_option(state, node->item->scale, aggregate->option_key,
                                             aggregate->option_span, node->name);
        if (target->options[index] < 0 && node->item->scale) found_all = false;
        if (!found_all) break; /* one report per aggregate */
    }
    return found_all;
}

static gexpr *lower_aggregate(lowering *state, const ast_expr *expr) {
    const ast_aggregate *aggregate = &expr->aggregate;
    gexpr *lowered = new_gexpr(state, G_AGGREGATE, expr->where);
    int function = aggregate_by_name(aggregate->function);
    if (function < 0 && number_function_by_name(aggregate->function) >= 0) {
        diagnostic *record = lower_report(state, DIAG_TK0308, expr->where,
                                          "%s() takes a number, not items", aggregate->function);
        diag_set_help(state->diags, record, "add the items up first: %s(sum(points of items)%s)",
                      aggregate->function, strcmp(aggregate->function, "round") ? "" : ", 2");
        return NULL;
    }
    if (function < 0) {
        diagnostic *record = lower_report(state, DIAG_TK0209, aggregate->function_span,
                                    "unknown function '%s'", aggregate->function);
        suggestion best;
        suggest_begin(&best, aggregate->function);
        for (size_t index = 0; index < AGGREGATE_FUNCTION_COUNT; index++)
            suggest_consider(&best, aggregate_names[index]);
        lower_help(state, record, &best,
                             arena_printf(state->scratch, "the functions are %s",
                                          word_list(state, aggregate_names,
                                                    AGGREGATE_FUNCTION_COUNT)));
        return NULL;
    }
    lowered->aggregate.function = (aggregate_function)function;
    lowered->aggregate.element = aggregate->element;
    if (!select_items(state, aggregate, &lowered->aggregate)) return NULL;
    if (!lower_element(state, aggregate, &lowered->aggregate)) return NULL;
    if (aggregate->unanswered_as) {
        lowered->aggregate.unanswered_as = lower_expr(state, aggregate->unanswered_as);
        if (!lowered->aggregate.unanswered_as) return NULL;
    }
    return lowered;
}

/* NAME(…) where NAME is no number function: an aggregate given a number, or
   a word the language does not know. */
static gexpr *unknown_call(lowering *state, const ast_expr *expr) {
    int aggregate = aggregate_by_name(expr->name);
    if (aggregate >= 0) {
        diagnostic *record = lower_report(state, DIAG_TK0308, expr->left->where,
                                          "%s() runs over items, not over a number", expr->name);
        const char *example = aggregate == AGG_COUNT || aggregate == AGG_ALL ||
                                      aggregate == AGG_ANY ? "items is OPTION"
                              : aggregate_is_xccdf((aggregate_function)aggregate)
                                  ? "items" : "points of items";
        suggestion best; /* count(itmes) */
        suggest_begin(&best, expr->left->kind == EXPR_NAME ? expr->left->name : "");
        suggest_consider(&best, "items");
        lower_help(state, record, &best, arena_printf(state->scratch,
                   "give it a selection of items: %s(%s)", expr->name, example));
        return NULL;
    }
    diagnostic *record = lower_report(state, DIAG_TK0209, expr->name_span,
                                      "unknown function '%s'", expr->name);
    suggestion best;
    suggest_begin(&best, expr->name);
    for (size_t index = 0; index < NUMBER_FUNCTION_COUNT; index++)
        suggest_consider(&best, number_function_names[index]);
    lower_help(state, record, &best,
               arena_printf(state->scratch, "the functions of a number are %s",
                            word_list(state, number_function_names, NUMBER_FUNCTION_COUNT)));
    return NULL;
}

/* round's count of decimals: a whole literal from -34 to 34 (negative:
   tens, hundreds), kept as a number literal. */
static gexpr *lower_decimals(lowering *state, const ast_expr *expr) {
    const ast_expr *literal = expr->kind == EXPR_NEGATE ? expr->left : expr;
    long long places = DECIMAL_DIGITS + 1;
    if (literal->kind == EXPR_NUMBER && decimal_to_whole(literal->number, &places))
        places = expr == literal ? places : -places;
    if (places >= -DECIMAL_DIGITS && places <= DECIMAL_DIGITS) {
        gexpr *lowered = new_gexpr(state, G_NUMBER, expr->where);
        lowered->number = decimal_from_int(places);
        return lowered;
    }
    diagnostic *record = literal->kind == EXPR_NUMBER
        ? lower_report(state, DIAG_TK0308, expr->where, "round's count of decimals must be a "
                       "whole number from -%d to %d", DECIMAL_DIGITS, DECIMAL_DIGITS)
        : lower_report(state, DIAG_TK0308, expr->where,
                       "round's count of decimals must be written as a number");
    diag_set_help(state->diags, record,
                  "round(x, 2) keeps two decimals; round(x, 0) whole numbers; round(x, -1) tens");
    return NULL;
}

/* round(x, n), floor(x), ceil(x), abs(x). */
static gexpr *lower_call(lowering *state, const ast_expr *expr) {
    int function = number_function_by_name(expr->name);
    if (function < 0) return unknown_call(state, expr);
    bool is_round = function == FN_ROUND;
    if (is_round != (expr->right != NULL)) {
        diagnostic *record = lower_report(state, DIAG_TK0308, expr->where,
                                          "%s() takes %s, not %s", expr->name,
                                          is_round ? "two arguments" : "one argument",
                                          is_round ? "one" : "two");
        if (is_round)
            diag_set_help(state->diags, record,
                          "round takes a number and the count of decimals: round(x, 2)");
        else
            diag_set_help(state->diags, record, "%s takes one number: %s(x)", expr->name,
                          expr->name);
        return NULL;
    }
    gexpr *lowered = new_gexpr(state, G_CALL, expr->where);
    lowered->function = (number_function)function;
    lowered->left = lower_expr(state, expr->left);
    if (is_round) lowered->right = lower_decimals(state, expr->right);
    return lowered->left && (!is_round || lowered->right) ? lowered : NULL;
}

/* Lower an expression in the file it is written in (a variant's changes are
   written in another file than the module they change). */
static const gexpr *lower_expr(lowering *state, const ast_expr *expr) {
    const source *outer_file = state->file;
    if (expr->file) state->file = expr->file;
    const gexpr *lowered = lower_expr_here(state, expr);
    state->file = outer_file;
    return lowered;
}

static const gexpr *lower_expr_here(lowering *state, const ast_expr *expr) {
    gexpr *lowered = NULL;
    switch (expr->kind) {
    case EXPR_NUMBER:
        lowered = new_gexpr(state, G_NUMBER, expr->where);
        lowered->number = expr->number;
        return lowered;
    case EXPR_BOOL:
        lowered = new_gexpr(state, G_BOOL, expr->where);
        lowered->boolean = expr->boolean;
        return lowered;
    case EXPR_STRING:
        lowered = new_gexpr(state, G_STRING, expr->where);
        lowered->string = lower_string(state, expr->name);
        return lowered;
    case EXPR_NAME: return lower_name(state, expr);
    case EXPR_GATE: return lower_gate(state, expr);
    case EXPR_STAGE: {
        diagnostic *record = lower_report(state, DIAG_TK0301, expr->where,
                                    "a stage ladder is not a value");
        diag_set_help(state->diags, record,
                      "in a test, check the current stage with: expect stage NAME is STAGE");
        return NULL;
    }
    case EXPR_BAND: {
        diagnostic *record = lower_report(state, DIAG_TK0301, expr->where,
                                          "a bands declaration is not a value");
        diag_set_help(state->diags, record,
                      "use the value it divides; in a test, check the band with: "
                      "expect band NAME is BAND");
        return NULL;
    }
    case EXPR_ITEM: {
        size_t node = find_item(state, expr->qualifier, expr->name, expr->name_span);
        if (node == NO_INDEX) return NULL;
        lowered = new_gexpr(state, G_ITEM_POINTS, expr->where);
        lowered->node = node;
        return lowered;
    }
    case EXPR_IS: return lower_is(state, expr);
    case EXPR_AGGREGATE: return lower_aggregate(state, expr);
    case EXPR_CALL: return lower_call(state, expr);
    case EXPR_NOT:
    case EXPR_NEGATE:
        lowered = new_gexpr(state, expr->kind == EXPR_NOT ? G_NOT : G_NEGATE, expr->where);
        lowered->left = lower_expr(state, expr->left);
        return lowered->left ? lowered : NULL;
    case EXPR_BINARY:
        lowered = new_gexpr(state, G_BINARY, expr->where);
        lowered->op = expr->op;
        lowered->left = lower_expr(state, expr->left);
        lowered->right = lower_expr(state, expr->right);
        return lowered->left && lowered->right ? lowered : NULL;
    case EXPR_IF:
        lowered = new_gexpr(state, G_IF, expr->where);
        lowered->left = lower_expr(state, expr->left);
        lowered->right = lower_expr(state, expr->right);
        lowered->otherwise = lower_expr(state, expr->otherwise);
        return lowered->left && lowered->right && lowered->otherwise ? lowered : NULL;
    }
    return NULL;
}

/* A fact's default: a literal, or for an enum fact one of its members. */
static const gexpr *lower_fact_default(lowering *state, const graph_node *node,
                                       const ast_fact *fact) {
    const ast_expr *value = fact->default_value;
    if (!value) return NULL;
    if (fact->type == FACT_ENUM && value->kind == EXPR_NAME && !value->qualifier) {
        int member = find_enum_member(state, node, value->name, value->where);
        if (member < 0) return NULL;
        gexpr *lowered = new_gexpr(state, G_NUMBER, value->where);
        lowered->number = decimal_from_int(member);
        lowered->type = TYPE_ENUM;
        lowered->enum_members = node->enum_members;
        return lowered;
    }
    if (value->kind == EXPR_NAME) {
        diagnostic *record = lower_report(state, DIAG_TK0301, value->where,
                                          "a default must be a literal, not the name '%s'",
                                          value->name);
        diag_set_help(state->diags, record, "write true, false, a number or a \"string\"");
        return NULL;
    }
    return lower_expr(state, value);
}

/* A condition with its text as written, in the file it is written in. */
static graph_condition lower_condition(lowering *state, const ast_expr *expr) {
    graph_condition condition = {lower_expr(state, expr), NULL};
    condition.written = lower_written(state, expr->file ? expr->file : state->file, expr->where);
    return condition;
}

/* `otherwise counts as KEY`: an option of the item's own scale. */
static int lower_counts_as(lowering *state, const graph_item *item, const ast_item *decl) {
    if (!decl->counts_as || !item->scale) return -1;
    int found = option_index(item->scale, decl->counts_as);
    if (found >= 0) return found;
    diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0204,
                                     decl->counts_as_file,
                                     decl->counts_as_span.start, decl->counts_as_span.end,
                                     "item '%s' cannot count as '%s': its scale has no such "
                                     "option", decl->id, decl->counts_as);
    const char **keys = arena_calloc(state->scratch, item->scale->option_count + 1,
                                     sizeof *keys);
    suggestion best;
    suggest_begin(&best, decl->counts_as);
    for (size_t index = 0; index < item->scale->option_count; index++) {
        keys[index] = item->scale->options[index].key;
        suggest_consider(&best, keys[index]);
    }
    lower_help(state, record, &best,
               arena_printf(state->scratch, "count it as one of its options: %s",
                            word_list(state, keys, item->scale->option_count)));
    return -1;
}

/* An exclusion's expiry: a calendar date, kept as written. */
static const char *lower_until(lowering *state, const ast_exclusion *exclusion) {
    if (!exclusion->until) return NULL;
    if (!text_is_date(exclusion->until)) {
        diagnostic *record = lower_report(state, DIAG_TK0301, exclusion->until_span,
                                          "'%s' is not a date", exclusion->until);
        diag_set_help(state->diags, record, "write a calendar date as YYYY-MM-DD");
        return NULL;
    }
    return arena_strdup(&state->graph->region, exclusion->until);
}

/* Whether the bounds are written low first (their numbers may still hold no
   whole number). */
static bool fact_bound_order(const ast_fact_bounds *bounds) {
    return decimal_compare(bounds->minimum->number, bounds->maximum->number) <= 0;
}

/* A number fact's bounds, checked to leave some number in range. */
static void lower_fact_bounds(lowering *state, graph_fact *fact, const ast_fact *decl) {
    const ast_fact_bounds *bounds = &decl->bounds;
    fact->whole = bounds->whole;
    fact->minimum = bounds->minimum ? lower_expr(state, bounds->minimum) : NULL;
    fact->maximum = bounds->maximum ? lower_expr(state, bounds->maximum) : NULL;
    if (!fact->minimum || !fact->maximum) return; /* an open end always holds a number */
    decimal low = fact->minimum->number, high = fact->maximum->number;
    if (bounds->whole && !(decimal_ceil(low, &low) && decimal_floor(high, &high))) return;
    if (decimal_compare(low, high) <= 0) return;
    fact->minimum = fact->maximum = NULL;
    diagnostic *record = lower_report(state, DIAG_TK0307, bounds->where,
                                      "the range of fact '%s' holds no %s", decl->name,
                                      bounds->whole ? "whole number" : "number");
    diag_set_help(state->diags, record, bounds->whole && fact_bound_order(bounds)
                  ? "widen the range to hold a whole number, or drop `whole`"
                  : "write the lower bound first; both bounds are included, as in 0 .. 100");
}

/* A number fact's default (or the value a variant fixes) within its bounds. */
static void check_fact_default_bounds(lowering *state, const graph_fact *fact,
                                      const ast_fact *decl) {
    const gexpr *value = fact->default_value;
    if (!value || value->kind != G_NUMBER || graph_fact_accepts(fact, value->number)) return;
    diagnostic *record = lower_report(state, DIAG_TK0307, decl->default_value->where,
                                      "the default of fact '%s' is not %s", decl->name,
                                      graph_fact_bounds_text(&state->diags->region, fact));
    diag_set_help(state->diags, record, "give a default the fact accepts, or widen its range");
}

static void lower_item(lowering *state, graph_item *item, const ast_item *decl) {
    arena *region = &state->graph->region;
    item->exclusions = arena_calloc(region, decl->exclusions.count + 1, sizeof(graph_exclusion));
    for (size_t index = 0; index < decl->exclusions.count; index++) {
        const ast_exclusion *exclusion = decl->exclusions.items[index];
        graph_condition condition = lower_condition(state, exclusion->condition);
        if (!condition.expr) continue;
        item->exclusions[item->exclusion_count].condition = condition;
        item->exclusions[item->exclusion_count].reason = lower_text(state, &exclusion->reason);
        item->exclusions[item->exclusion_count].until = lower_until(state, exclusion);
        item->exclusion_count++;
    }
    item->only_when = arena_calloc(region, decl->only_when.count + 1, sizeof(graph_condition));
    for (size_t index = 0; index < decl->only_when.count; index++) {
        graph_condition condition = lower_condition(state, decl->only_when.items[index]);
        if (condition.expr) item->only_when[item->only_when_count++] = condition;
    }
    item->counted_option = lower_counts_as(state, item, decl);
}

static void lower_ladder(lowering *state, graph_stages *ladder, const ast_stages *decl) {
    for (size_t index = 0; index < ladder->stage_count; index++) {
        const ast_expr *condition = ((const ast_stage *)decl->stages.items[index])->enter_when;
        if (condition) ladder->stages[index].enter_when = lower_condition(state, condition);
    }
    for (size_t index = 0; index < ladder->start_count; index++) {
        const ast_stage_start *start = decl->starts.items[index];
        ladder->starts[index].condition = lower_condition(state, start->condition);
    }
}

/* A value's expression. One written for every section is lowered once per
   section: what is wrong with it is said once, at the place it is written. */
static const gexpr *lower_value_expr(lowering *state, const ast_value *decl) {
    bool outer = state->diags->once_per_place;
    state->diags->once_per_place = decl->section_copy;
    const gexpr *lowered = lower_expr(state, decl->expr);
    state->diags->once_per_place = outer;
    return lowered;
}

void lower_expressions(lowering *state) {
    tk_graph *graph = state->graph;
    for (size_t index = 0; index < graph->node_count; index++) {
        graph_node *node = &graph->nodes[index];
        const void *decl = state->node_decls[index];
        state->checklist = node->checklist;
        state->file = lowering_source(state, node->place);
        switch (node->kind) {
        case NODE_FACT:
            node->fact->default_value = lower_fact_default(state, node, decl);
            lower_fact_bounds(state, node->fact, decl);
            check_fact_default_bounds(state, node->fact, decl);
            break;
        case NODE_ITEM: lower_item(state, node->item, decl); break;
        case NODE_VALUE:
        case NODE_GATE: node->expr = lower_value_expr(state, decl); break;
        case NODE_STAGES: lower_ladder(state, node->stages, decl); break;
        case NODE_BANDS: node->expr = lower_expr(state, ((const ast_bands *)decl)->value); break;
        }
    }
    state->checklist = NO_INDEX;
}

const gexpr *lower_expression(lowering *state, const ast_expr *expr, const source *file) {
    size_t outer_checklist = state->checklist;
    const source *outer_file = state->file;
    state->checklist = NO_INDEX;
    state->file = file;
    const gexpr *lowered = lower_expr(state, expr);
    state->checklist = outer_checklist;
    state->file = outer_file;
    return lowered;
}
