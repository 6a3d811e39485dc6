/*
 * expr_text.c — writing a graph expression back as rule source. Parentheses
 * are added only where the grammar's precedence needs them: if < or < and <
 * not < comparisons and `is` < + - < * / < unary minus < primaries.
 */
#include "report/expr_text.h"

#include <stdio.h>
#include <string.h>

enum {
    LEVEL_IF = 1, LEVEL_OR, LEVEL_AND, LEVEL_NOT, LEVEL_COMPARE, LEVEL_ADD, LEVEL_MULTIPLY,
    LEVEL_NEGATE, LEVEL_PRIMARY,
};

typedef struct printer {
    arena *region;
    const tk_graph *graph;
    size_t checklist;
} printer;

typedef struct printed {
    const char *text;
    int level;
} printed;

static printed print(const printer *state, const gexpr *expr);

/* The expression as an operand that must bind at least as tightly as `level`. */
static const char *operand(const printer *state, const gexpr *expr, int level) {
    printed inner = print(state, expr);
    if (inner.level >= level) return inner.text;
    return arena_printf(state->region, "(%s)", inner.text);
}

const char *expr_number_text(arena *region, decimal number) {
    return arena_strdup(region, DECIMAL_TEXT(number));
}

const char *band_bounds_text(arena *region, const graph_band *band) {
    const char *lower = band->has_lower ? arena_printf(region, "%s %s",
                                                       band->lower_inclusive ? ">=" : ">",
                                                       expr_number_text(region, band->lower))
                                        : "";
    if (!band->has_upper) return lower;
    return arena_printf(region, "%s%s%s %s", lower, *lower ? " " : "",
                        band->upper_inclusive ? "<=" : "<", expr_number_text(region, band->upper));
}

const char *expr_quote(arena *region, const char *text) {
    size_t length = strlen(text), used = 0;
    char *quoted = arena_alloc(region, length * 2 + 3);
    quoted[used++] = '"';
    for (const char *cursor = text; *cursor; cursor++) {
        switch (*cursor) {
        case '"': quoted[used++] = '\\'; quoted[used++] = '"'; break;
        case '\\': quoted[used++] = '\\'; quoted[used++] = '\\'; break;
        case '\n': quoted[used++] = '\\'; quoted[used++] = 'n'; break;
        case '\t': quoted[used++] = '\\'; quoted[used++] = 't'; break;
        default: quoted[used++] = *cursor;
        }
    }
    quoted[used++] = '"';
    quoted[used] = '\0';
    return quoted;
}

/* A fact, value, gate or item as an expression in this checklist names it. */
static const char *node_name(const printer *state, size_t index) {
    const graph_node *node = &state->graph->nodes[index];
    bool local = node->checklist == NO_INDEX || node->checklist == state->checklist;
    const char *checklist = local ? NULL : state->graph->checklists[node->checklist].name;
    if (node->kind == NODE_ITEM) {
        const char *id = expr_quote(state->region, node->name);
        return checklist ? arena_printf(state->region, "item %s.%s", checklist, id)
                         : arena_printf(state->region, "item %s", id);
    }
    const char *word = node->kind == NODE_GATE ? "gate " : "";
    return checklist ? arena_printf(state->region, "%s%s.%s", word, checklist, node->name)
                     : arena_printf(state->region, "%s%s", word, node->name);
}

static bool same_items(const size_t *left, size_t left_count, const size_t *right,
                       size_t right_count) {
    return left_count == right_count &&
           (left_count == 0 || memcmp(left, right, left_count * sizeof *left) == 0);
}

/* items, section NAME or checklist NAME: the selection whose items these are. */
static const char *selection_text(const printer *state, const gaggregate *aggregate) {
    const tk_graph *graph = state->graph;
    if (state->checklist != NO_INDEX) {
        const graph_checklist *own = &graph->checklists[state->checklist];
        if (aggregate->section < own->section_count) /* the section the selection names */
            return arena_printf(state->region, "section %s", own->sections[aggregate->section].name);
        if (same_items(aggregate->items, aggregate->item_count, own->items, own->item_count))
            return "items";
        for (size_t index = 0; index < own->section_count; index++) {
            const graph_section *section = &own->sections[index];
            if (same_items(aggregate->items, aggregate->item_count, section->items,
                           section->item_count))
                return arena_printf(state->region, "section %s", section->name);
        }
    }
    for (size_t index = 0; index < graph->checklist_count; index++) {
        const graph_checklist *other = &graph->checklists[index];
        if (same_items(aggregate->items, aggregate->item_count, other->items, other->item_count))
            return arena_printf(state->region, "checklist %s", other->name);
    }
    return "items";
}


static const char *aggregate_text(const printer *state, const gaggregate *aggregate) {
    const char *selection = selection_text(state, aggregate);
    const char *element = selection;
    if (aggregate->element == ELEMENT_ATTRIBUTE) {
        element = arena_printf(state->region, "%s of %s", item_attribute_name(aggregate->attribute),
                               selection);
    } else if (aggregate->element == ELEMENT_IS) {
        const char *key = "?";
        if (aggregate->item_count && aggregate->options && aggregate->options[0] >= 0) {
            const graph_item *first = state->graph->nodes[aggregate->items[0]].item;
            if (first->scale) key = first->scale->options[aggregate->options[0]].key;
        }
        element = arena_printf(state->region, "%s is %s", selection, key);
    }
    const char *unanswered = "";
    if (aggregate->unanswered_as)
        unanswered = arena_printf(state->region, ", unanswered as %s",
                                  print(state, aggregate->unanswered_as).text);
    return arena_printf(state->region, "%s(%s%s)", aggregate_name(aggregate->function), element,
                        unanswered);
}

static printed print_binary(const printer *state, const gexpr *expr) {
    int level, left_level, right_level;
    switch (expr->op) {
    case OP_OR: level = LEVEL_OR, left_level = LEVEL_OR, right_level = LEVEL_AND; break;
    case OP_AND: level = LEVEL_AND, left_level = LEVEL_AND, right_level = LEVEL_NOT; break;
    case OP_ADD:
    case OP_SUB: level = LEVEL_ADD, left_level = LEVEL_ADD, right_level = LEVEL_MULTIPLY; break;
    case OP_MUL:
    case OP_DIV:
        level = LEVEL_MULTIPLY, left_level = LEVEL_MULTIPLY, right_level = LEVEL_NEGATE;
        break;
    default: /* comparisons do not chain */
        level = LEVEL_COMPARE, left_level = LEVEL_ADD, right_level = LEVEL_ADD;
    }
    const char *text = arena_printf(state->region, "%s %s %s",
                                    operand(state, expr->left, left_level),
                                    binary_op_name(expr->op),
                                    operand(state, expr->right, right_level));
    return (printed){text, level};
}

static printed print(const printer *state, const gexpr *expr) {
    arena *region = state->region;
    if (!expr) return (printed){"?", LEVEL_PRIMARY};
    switch (expr->kind) {
    case G_NUMBER:
        if (expr->type == TYPE_ENUM && expr->enum_members)
            return (printed){expr->enum_members->names[decimal_to_index(expr->number)],
                             LEVEL_PRIMARY};
        return (printed){expr_number_text(region, expr->number),
                         decimal_is_negative(expr->number) ? LEVEL_NEGATE : LEVEL_PRIMARY};
    case G_BOOL: return (printed){expr->boolean ? "true" : "false", LEVEL_PRIMARY};
    case G_STRING: return (printed){expr_quote(region, expr->string), LEVEL_PRIMARY};
    case G_NODE:
    case G_ITEM_POINTS: return (printed){node_name(state, expr->node), LEVEL_PRIMARY};
    case G_ITEM_IS: {
        const graph_item *item = state->graph->nodes[expr->node].item;
        const char *key = item->scale && expr->option >= 0
                              ? item->scale->options[expr->option].key
                              : "?";
        return (printed){arena_printf(region, "%s is %s", node_name(state, expr->node), key),
                         LEVEL_COMPARE};
    }
    case G_FACT_IS: {
        const graph_node *fact = &state->graph->nodes[expr->node];
        const char *member = fact->enum_members && expr->option >= 0
                                 ? (const char *)fact->enum_members->names[expr->option]
                                 : "?";
        return (printed){arena_printf(region, "%s is %s", node_name(state, expr->node), member),
                         LEVEL_COMPARE};
    }
    case G_NOT:
        return (printed){arena_printf(region, "not %s", operand(state, expr->left, LEVEL_NOT)),
                         LEVEL_NOT};
    case G_NEGATE: {
        const char *inner = operand(state, expr->left, LEVEL_NEGATE);
        return (printed){arena_printf(region, inner[0] == '-' ? "- %s" : "-%s", inner),
                         LEVEL_NEGATE};
    }
    case G_BINARY: return print_binary(state, expr);
    case G_IF:
        return (printed){arena_printf(region, "if %s then %s else %s",
                                      operand(state, expr->left, LEVEL_OR),
                                      operand(state, expr->right, LEVEL_OR),
                                      operand(state, expr->otherwise, LEVEL_IF)),
                         LEVEL_IF};
    case G_AGGREGATE: return (printed){aggregate_text(state, &expr->aggregate), LEVEL_PRIMARY};
    case G_CALL:
        return (printed){arena_printf(region, "%s(%s%s%s)", number_function_name(expr->function),
                                      operand(state, expr->left, LEVEL_IF),
                                      expr->right ? ", " : "",
                                      expr->right ? operand(state, expr->right, LEVEL_IF) : ""),
                         LEVEL_PRIMARY};
    }
    return (printed){"?", LEVEL_PRIMARY};
}

const char *expr_text(arena *region, const tk_graph *graph, const gexpr *expr, size_t checklist) {
    printer state = {region, graph, checklist};
    return print(&state, expr).text;
}
