/*
 * typecheck.c — the type rules. Numbers: arithmetic and ordering. Booleans:
 * and, or, not, conditions, gates. Equality needs both sides of one type.
 * Aggregates: sum, min and max of numbers (an item counts as its points),
 * count of anything, all and any of `items is KEY`; the XCCDF scoring
 * models score items, or give their maximum with `max of`.
 */
#include "lang/typecheck.h"

#include <stdarg.h>
#include <string.h>

typedef struct checker {
    tk_graph *graph;
    diag_list *diags;
    const source *const *sources;   /* per graph file; NULL: places are not shown */
} checker;

static diagnostic *report_at(checker *state, const gexpr *expr, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* An error at an expression, in the file it is written in. */
static diagnostic *report_at(checker *state, const gexpr *expr, const char *format, ...) {
    const source *file = state->sources && expr->place.file < state->graph->files.count
                             ? state->sources[expr->place.file]
                             : NULL;
    va_list args;
    va_start(args, format);
    diagnostic *record = diag_report_va(state->diags, SEVERITY_ERROR, DIAG_TK0301, file,
                                        expr->place.where.start, expr->place.where.end, format,
                                        args);
    va_end(args);
    return record;
}

static value_type type_error(checker *state, const gexpr *expr, value_type wanted,
                             value_type found, const char *hint) {
    diagnostic *record = report_at(state, expr, "expected %s here, found %s",
                                   value_type_name(wanted), value_type_name(found));
    if (hint) diag_set_help(state->diags, record, "%s", hint);
    return TYPE_ERROR;
}

static value_type check_expr(checker *state, const gexpr *expr);

/* Check an operand against the type it must have; errors propagate quietly. */
static bool expect_type(checker *state, const gexpr *expr, value_type wanted, const char *hint) {
    value_type found = check_expr(state, expr);
    if (found == TYPE_ERROR) return false;
    if (found == wanted) return true;
    type_error(state, expr, wanted, found, hint);
    return false;
}

static bool same_members(const graph_names *left, const graph_names *right) {
    if (!left || !right || left->count != right->count) return false;
    for (size_t index = 0; index < left->count; index++)
        if (strcmp(left->names[index], right->names[index]) != 0) return false;
    return true;
}

static value_type check_binary(checker *state, const gexpr *expr) {
    switch (expr->op) {
    case OP_OR:
    case OP_AND: {
        bool left = expect_type(state, expr->left, TYPE_BOOL, "'and' and 'or' join conditions");
        bool right = expect_type(state, expr->right, TYPE_BOOL, "'and' and 'or' join conditions");
        return left && right ? TYPE_BOOL : TYPE_ERROR;
    }
    case OP_EQ:
    case OP_NE: {
        value_type left = check_expr(state, expr->left);
        value_type right = check_expr(state, expr->right);
        if (left == TYPE_ERROR || right == TYPE_ERROR) return TYPE_ERROR;
        if (left != right)
            return type_error(state, expr->right, left, right,
                              "compare values of the same type; compare options with 'is'");
        if (left == TYPE_ENUM && !same_members(expr->left->enum_members, expr->right->enum_members)) {
            diagnostic *record = report_at(state, expr, "these enums have different members");
            diag_set_help(state->diags, record,
                          "compare each with one of its own members: FACT is MEMBER");
            return TYPE_ERROR;
        }
        return TYPE_BOOL;
    }
    case OP_LT: case OP_LE: case OP_GT: case OP_GE: {
        value_type left = check_expr(state, expr->left);
        if (left == TYPE_ERROR) return TYPE_ERROR;
        if (left != TYPE_NUMBER && left != TYPE_DATE)
            return type_error(state, expr->left, TYPE_NUMBER, left, "only numbers and dates are ordered");
        return expect_type(state, expr->right, left, NULL) ? TYPE_BOOL : TYPE_ERROR;
    }
    default: {
        bool left = expect_type(state, expr->left, TYPE_NUMBER, "arithmetic is on numbers");
        bool right = expect_type(state, expr->right, TYPE_NUMBER, "arithmetic is on numbers");
        return left && right ? TYPE_NUMBER : TYPE_ERROR;
    }
    }
}

/* An XCCDF model scores the items (a condition for an unanswered one: pass or
   fail), or gives its maximum with `max of`. Its items share one checklist,
   whose section is the root (a compiled file could say otherwise). */
static value_type check_xccdf(checker *state, const gexpr *expr) {
    const gaggregate *aggregate = &expr->aggregate;
    const char *name = aggregate_name(aggregate->function);
    if (aggregate->element == ELEMENT_IS ||
        (aggregate->element == ELEMENT_ATTRIBUTE && aggregate->attribute != ATTR_MAX)) {
        diagnostic *record = report_at(state, expr, "%s() scores items, or gives its maximum",
                                       name);
        diag_set_help(state->diags, record, "write %s(items) or %s(max of items)", name, name);
        return TYPE_ERROR;
    }
    const tk_graph *graph = state->graph;
    size_t list = aggregate->item_count ? graph->nodes[aggregate->items[0]].checklist : NO_INDEX;
    bool fits = aggregate->section == NO_INDEX || aggregate->item_count == 0 ||
                (list < graph->checklist_count &&
                 aggregate->section < graph->checklists[list].section_count);
    for (size_t index = 0; index < aggregate->item_count && fits; index++)
        fits = graph->nodes[aggregate->items[index]].checklist == list;
    if (!fits) {
        report_at(state, expr, "%s() selects items of no one checklist and section", name);
        return TYPE_ERROR;
    }
    if (aggregate->unanswered_as &&
        !expect_type(state, aggregate->unanswered_as, TYPE_BOOL,
                     "an unanswered item then counts as a pass (true) or a fail (false)"))
        return TYPE_ERROR;
    return TYPE_NUMBER;
}

static value_type check_aggregate(checker *state, const gexpr *expr) {
    const gaggregate *aggregate = &expr->aggregate;
    bool is_predicate = aggregate->element == ELEMENT_IS;
    if (aggregate_is_xccdf(aggregate->function)) return check_xccdf(state, expr);
    switch (aggregate->function) {
    case AGG_ALL:
    case AGG_ANY:
        if (!is_predicate) {
            diagnostic *record =
                report_at(state, expr, "all() and any() need a condition on the items");
            diag_set_help(state->diags, record, "write all(items is OPTION)");
            return TYPE_ERROR;
        }
        break;
    case AGG_SUM:
    case AGG_MIN:
    case AGG_MAX:
        if (is_predicate) {
            diagnostic *record =
                report_at(state, expr, "sum(), min() and max() add up numbers, not conditions");
            diag_set_help(state->diags, record,
                          "count the items with count(items is OPTION), or sum their points "
                          "with sum(points of items)");
            return TYPE_ERROR;
        }
        break;
    case AGG_COUNT: break;
    case AGG_XCCDF_DEFAULT:
    case AGG_XCCDF_FLAT:
    case AGG_XCCDF_FLAT_UNWEIGHTED:
    case AGG_XCCDF_ABSOLUTE: break; /* check_xccdf */
    }
    if (aggregate->unanswered_as) {
        value_type wanted = is_predicate ? TYPE_BOOL : TYPE_NUMBER;
        if (aggregate->function == AGG_COUNT && !is_predicate) wanted = TYPE_NUMBER;
        if (!expect_type(state, aggregate->unanswered_as, wanted,
                         is_predicate ? "an unanswered item then counts as true or false"
                                      : "an unanswered item then counts as this many points"))
            return TYPE_ERROR;
    }
    bool boolean = aggregate->function == AGG_ALL || aggregate->function == AGG_ANY;
    return boolean ? TYPE_BOOL : TYPE_NUMBER;
}

/* round(x, n), floor(x), ceil(x), abs(x): x a number; n a whole literal
   (the compiler makes it one; a compiled file could say otherwise). */
static value_type check_call(checker *state, const gexpr *expr) {
    const char *name = number_function_name(expr->function);
    bool is_round = expr->function == FN_ROUND;
    long long places = 0;
    if (is_round != (expr->right != NULL) ||
        (is_round && !(expr->right->kind == G_NUMBER && expr->right->type != TYPE_ENUM &&
                       decimal_to_whole(expr->right->number, &places) &&
                       places >= -DECIMAL_DIGITS && places <= DECIMAL_DIGITS))) {
        report_at(state, expr, "%s() is given arguments it does not take", name);
        return TYPE_ERROR;
    }
    const char *hint = is_round ? "round takes a number and the count of decimals: round(x, 2)"
                                : expr->function == FN_ABS ? "abs takes one number: abs(x)"
                                : expr->function == FN_FLOOR ? "floor takes one number: floor(x)"
                                                             : "ceil takes one number: ceil(x)";
    return expect_type(state, expr->left, TYPE_NUMBER, hint) ? TYPE_NUMBER : TYPE_ERROR;
}

static value_type check_expr_kind(checker *state, const gexpr *expr) {
    switch (expr->kind) {
    case G_NUMBER: return expr->type == TYPE_ENUM ? TYPE_ENUM : TYPE_NUMBER;
    case G_BOOL: return TYPE_BOOL;
    case G_STRING: return TYPE_STRING;
    case G_NODE: return state->graph->nodes[expr->node].type;
    case G_ITEM_POINTS: return TYPE_NUMBER;
    case G_ITEM_IS:
    case G_FACT_IS: return TYPE_BOOL;
    case G_NOT:
        return expect_type(state, expr->left, TYPE_BOOL, "'not' negates a condition")
                   ? TYPE_BOOL : TYPE_ERROR;
    case G_NEGATE:
        return expect_type(state, expr->left, TYPE_NUMBER, NULL) ? TYPE_NUMBER : TYPE_ERROR;
    case G_BINARY: return check_binary(state, expr);
    case G_IF: {
        if (!expect_type(state, expr->left, TYPE_BOOL, "'if' needs a condition"))
            return TYPE_ERROR;
        value_type then_type = check_expr(state, expr->right);
        if (then_type == TYPE_ERROR) return TYPE_ERROR;
        if (!expect_type(state, expr->otherwise, then_type,
                         "both branches of 'if' must have the same type"))
            return TYPE_ERROR;
        if (then_type == TYPE_ENUM &&
            !same_members(expr->right->enum_members, expr->otherwise->enum_members)) {
            diagnostic *record =
                report_at(state, expr, "the branches of 'if' are enums with different members");
            diag_set_help(state->diags, record, "give both branches values of one enum");
            return TYPE_ERROR;
        }
        return then_type;
    }
    case G_AGGREGATE: return check_aggregate(state, expr);
    case G_CALL: return check_call(state, expr);
    }
    return TYPE_ERROR;
}

/* The members an enum-typed expression ranges over: a node's, or a branch's. */
static const graph_names *enum_members_of(const checker *state, const gexpr *expr) {
    if (expr->kind == G_NODE) return state->graph->nodes[expr->node].enum_members;
    if (expr->kind == G_IF) return expr->right->enum_members;
    return expr->enum_members;
}

static value_type check_expr(checker *state, const gexpr *constant_expr) {
    gexpr *expr = (gexpr *)constant_expr; /* types are filled in while the graph is built */
    expr->type = check_expr_kind(state, expr);
    if (expr->type == TYPE_ENUM) expr->enum_members = enum_members_of(state, expr);
    return expr->type;
}

static void check_fact_default(checker *state, graph_node *node) {
    const gexpr *value = node->fact->default_value;
    if (!value) return;
    value_type wanted = node->fact->type == TYPE_DATE ? TYPE_STRING : node->fact->type;
    if (!expect_type(state, value, wanted, "the default must have the fact's type")) return;
    if (node->fact->type == TYPE_DATE && !text_is_date(value->string)) {
        diagnostic *record = report_at(state, value, "'%s' is not a date", value->string);
        diag_set_help(state->diags, record, "write a date as \"YYYY-MM-DD\"");
    }
}

/* A shown clause belongs to a number value: a gate or a condition, enum or
   string value has no decimals to show (TK0309). */
static void check_format(checker *state, const graph_node *node) {
    const graph_format *format = &node->value->format;
    if (!format->given || (node->kind == NODE_VALUE && node->type == TYPE_NUMBER) ||
        node->type == TYPE_ERROR)
        return;
    const source *file = state->sources && node->place.file < state->graph->files.count
                             ? state->sources[node->place.file]
                             : NULL;
    const char *what = node->kind == NODE_GATE ? "a gate, which passes or fails"
                                               : value_type_name(node->type);
    diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0309, file,
                                     format->where.start, format->where.end,
                                     "'%s' is %s, not a number: it has nothing to show in "
                                     "decimals", node->name, what);
    diag_set_help(state->diags, record, "give `shown …` only to a value that is a number");
}

static void check_node(checker *state, graph_node *node) {
    switch (node->kind) {
    case NODE_FACT: check_fact_default(state, node); break;
    case NODE_ITEM:
        for (size_t index = 0; index < node->item->exclusion_count; index++)
            expect_type(state, node->item->exclusions[index].condition.expr, TYPE_BOOL,
                        "an exclusion condition is true or false");
        for (size_t index = 0; index < node->item->only_when_count; index++)
            expect_type(state, node->item->only_when[index].expr, TYPE_BOOL,
                        "an only-when condition is true or false");
        break;
    case NODE_VALUE:
        node->type = node->expr ? check_expr(state, node->expr) : TYPE_ERROR;
        if (node->type == TYPE_ENUM) node->enum_members = node->expr->enum_members;
        check_format(state, node);
        break;
    case NODE_STAGES:
        for (size_t index = 0; index < node->stages->stage_count; index++)
            if (node->stages->stages[index].enter_when.expr)
                expect_type(state, node->stages->stages[index].enter_when.expr, TYPE_BOOL,
                            "a stage is entered when its condition is true, as in gate c.ready");
        for (size_t index = 0; index < node->stages->start_count; index++)
            if (node->stages->starts[index].condition.expr)
                expect_type(state, node->stages->starts[index].condition.expr, TYPE_BOOL,
                            "a start condition is true or false");
        break;
    case NODE_BANDS:
        if (node->expr)
            expect_type(state, node->expr, TYPE_NUMBER,
                        "bands divide a number, as in bands grade of c.total");
        break;
    case NODE_GATE:
        node->type = TYPE_BOOL;
        if (node->expr)
            expect_type(state, node->expr, TYPE_BOOL,
                        "a gate passes when its condition is true, as in all(items is yes)");
        check_format(state, node);
        break;
    }
}

void check_types(tk_graph *graph, const source *const *sources, diag_list *diags) {
    checker state = {graph, diags, sources};
    for (size_t index = 0; index < graph->node_count; index++)
        check_node(&state, &graph->nodes[index]);
}

value_type check_expression(tk_graph *graph, const gexpr *expr, const source *const *sources,
                            diag_list *diags) {
    checker state = {graph, diags, sources};
    return check_expr(&state, expr);
}
