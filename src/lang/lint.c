/*
 * lint.c — the warnings of `tenken check`. A fact nothing uses is not
 * warned about: facts are also the context an assessment records. They run on a module that
 * compiled without errors (variants are deliberate edits of a module that
 * has been checked, and are not linted again). Each warning has its code in
 * the 06xx block; -Werror turns them into errors.
 */
#include "lang/lint.h"

#include "lang/lower.h"

#include <stddef.h>
#include <string.h>

#include "base/strmap.h"
#include "base/utf8.h"

typedef struct linter {
    const tk_graph *graph;
    const lowering *lowering;   /* the sources and each node's declaration */
    const ast_module *root;
    diag_list *diags;
    bool *node_used;        /* per node: some expression refers to it */
    arena scratch;
} linter;

/* {=== division by a constant zero ===} */

/* The value of an expression of number literals and arithmetic alone; false
   when it has anything else in it, or does not fit. */
static bool constant_number(const gexpr *expr, decimal *value) {
    decimal left, right;
    switch (expr->kind) {
    case G_NUMBER: *value = expr->number; return expr->type != TYPE_ENUM;
    case G_NEGATE:
        if (!constant_number(expr->left, &left)) return false;
        *value = decimal_negate(left);
        return true;
    case G_BINARY:
        if (!constant_number(expr->left, &left) || !constant_number(expr->right, &right))
            return false;
        switch (expr->op) {
        case OP_ADD: return decimal_add(left, right, value);
        case OP_SUB: return decimal_sub(left, right, value);
        case OP_MUL: return decimal_mul(left, right, value);
        case OP_DIV: return decimal_div(left, right, value);
        default: return false;
        }
    default: return false;
    }
}

static void warn_zero_divisor(linter *state, const gexpr *divisor) {
    decimal value;
    if (!constant_number(divisor, &value) || !decimal_is_zero(value)) return;
    diagnostic *record = diag_report(state->diags, SEVERITY_WARNING, DIAG_TK0610,
                                     lowering_source(state->lowering, divisor->place),
                                     divisor->place.where.start, divisor->place.where.end,
                                     "division by zero: this divisor is always 0");
    diag_set_help(state->diags, record,
                  "the value will be n/a whatever the answers; divide by something else");
}

/* {=== which nodes expressions use ===} */

static void mark_expr(linter *state, const gexpr *expr) {
    if (!expr) return;
    if (expr->kind == G_BINARY && expr->op == OP_DIV) warn_zero_divisor(state, expr->right);
    if (expr->node != NO_INDEX) state->node_used[expr->node] = true;
    if (expr->kind == G_AGGREGATE) {
        for (size_t index = 0; index < expr->aggregate.item_count; index++)
            state->node_used[expr->aggregate.items[index]] = true;
        mark_expr(state, expr->aggregate.unanswered_as);
    }
    mark_expr(state, expr->left);
    mark_expr(state, expr->right);
    mark_expr(state, expr->otherwise);
}

static void mark_node(linter *state, const graph_node *node) {
    switch (node->kind) {
    case NODE_FACT: mark_expr(state, node->fact->default_value); break;
    case NODE_ITEM:
        for (size_t index = 0; index < node->item->exclusion_count; index++)
            mark_expr(state, node->item->exclusions[index].condition.expr);
        for (size_t index = 0; index < node->item->only_when_count; index++)
            mark_expr(state, node->item->only_when[index].expr);
        break;
    case NODE_STAGES:
        for (size_t index = 0; index < node->stages->stage_count; index++)
            mark_expr(state, node->stages->stages[index].enter_when.expr);
        for (size_t index = 0; index < node->stages->start_count; index++)
            mark_expr(state, node->stages->starts[index].condition.expr);
        break;
    default: mark_expr(state, node->expr); break;
    }
}

/* {=== scales and imports ===} */

static void mark_scale_use(linter *state, strmap *used) {
    for (size_t index = 0; index < state->graph->node_count; index++) {
        const graph_node *node = &state->graph->nodes[index];
        if (node->kind == NODE_ITEM && node->item->scale && node->item->scale->name)
            strmap_put(&state->scratch, used, node->item->scale->name, (void *)node);
    }
}

/* A module without checklists is a library of scales: it is not warned. */
static void warn_unused_scales(linter *state, const strmap *used) {
    if (state->root->checklists.count == 0) return;
    for (size_t index = 0; index < state->root->scales.count; index++) {
        const ast_scale *scale = state->root->scales.items[index];
        if (strmap_get(used, scale->name)) continue;
        diagnostic *record = diag_report(state->diags, SEVERITY_WARNING, DIAG_TK0601, scale->file,
                                         scale->where.start, scale->where.end,
                                         "scale '%s' is used by no item", scale->name);
        diag_set_help(state->diags, record, "give it to items with `scale %s`, or remove it",
                      scale->name);
    }
}

/* An imported name is used when it is a scale an item uses or a fact something uses. */
static void warn_unused_imports(linter *state, const strmap *used_scales) {
    for (size_t index = 0; index < state->root->imports.count; index++) {
        const ast_import *import = state->root->imports.items[index];
        for (size_t name = 0; name < import->names.count; name++) {
            const char *imported = import->names.items[name];
            size_t fact = graph_lookup(&state->graph->fact_by_name, imported);
            if (strmap_get(used_scales, imported) || (fact != NO_INDEX && state->node_used[fact]))
                continue;
            diagnostic *record = diag_report(state->diags, SEVERITY_WARNING, DIAG_TK0602,
                state->root->file, import->where.start, import->where.end,
                "'%s' is imported from '%s' but not used", imported, import->module);
            diag_set_help(state->diags, record, "drop it from the import list");
        }
    }
}

/* {=== items that can never apply ===} */

/* A condition without any fact, item or value in it: its constant truth, or
   -1 when it is not constant. Only literals and logic are folded. */
static int constant_truth(const gexpr *expr) {
    switch (expr->kind) {
    case G_BOOL: return expr->boolean ? 1 : 0;
    case G_NOT: {
        int operand = constant_truth(expr->left);
        return operand < 0 ? -1 : !operand;
    }
    case G_BINARY:
        if (expr->op == OP_AND || expr->op == OP_OR) {
            int left = constant_truth(expr->left), right = constant_truth(expr->right);
            if (expr->op == OP_AND && (left == 0 || right == 0)) return 0;
            if (expr->op == OP_OR && (left == 1 || right == 1)) return 1;
            return left < 0 || right < 0 ? -1 : expr->op == OP_AND ? (left && right) : (left || right);
        }
        return -1;
    default: return -1;
    }
}

static void warn_never_applies(linter *state, const graph_node *node) {
    const graph_item *item = node->item;
    const gexpr *culprit = NULL;
    for (size_t index = 0; index < item->exclusion_count && !culprit; index++)
        if (constant_truth(item->exclusions[index].condition.expr) == 1)
            culprit = item->exclusions[index].condition.expr;
    for (size_t index = 0; index < item->only_when_count && !culprit; index++)
        if (constant_truth(item->only_when[index].expr) == 0) culprit = item->only_when[index].expr;
    if (!culprit) return;
    const source *file = lowering_source(state->lowering, node->place);
    diagnostic *record = diag_report(state->diags, SEVERITY_WARNING, DIAG_TK0605, file,
                                     node->place.where.start, node->place.where.end,
                                     "item '%s' can never apply", node->name);
    diag_add_note(state->diags, record, file, culprit->place.where.start,
                  culprit->place.where.end,
                  "this condition is always %s", constant_truth(culprit) == 1 ? "true" : "false");
    diag_set_help(state->diags, record,
                  "make the condition depend on a fact or an answer, or remove the item");
}

/* {=== full-width and half-width ids ===} */

const char *lint_fold_width(arena *region, const char *id) {
    size_t length = strlen(id), offset = 0, out = 0;
    char *folded = arena_alloc(region, length + 1);
    while (offset < length) {
        uint32_t code_point;
        size_t size = utf8_decode(id + offset, length - offset, &code_point);
        if (size == 0) size = 1, code_point = (unsigned char)id[offset];
        if (code_point >= 0xFF01 && code_point <= 0xFF5E) {
            folded[out++] = (char)(code_point - 0xFEE0);
        } else {
            memcpy(folded + out, id + offset, size);
            out += size;
        }
        offset += size;
    }
    folded[out] = '\0';
    return folded;
}

static void warn_width_collisions(linter *state, const graph_checklist *checklist) {
    strmap seen = {0};
    for (size_t index = 0; index < checklist->item_count; index++) {
        const graph_node *node = &state->graph->nodes[checklist->items[index]];
        const char *folded = lint_fold_width(&state->scratch, node->name);
        const graph_node *first = strmap_put(&state->scratch, &seen, folded, (void *)node);
        if (first == node) continue;
        diagnostic *record = diag_report(state->diags, SEVERITY_WARNING, DIAG_TK0606,
            lowering_source(state->lowering, node->place), node->place.where.start,
            node->place.where.end,
            "items '%s' and '%s' differ only by full-width and half-width characters",
            first->name, node->name);
        diag_add_note(state->diags, record, lowering_source(state->lowering, first->place),
                      first->place.where.start, first->place.where.end, "'%s' is here",
                      first->name);
        diag_set_help(state->diags, record,
                      "answers must match ids exactly; give the items ids that differ plainly");
    }
}

/* {=== languages ===} */

typedef struct text_field {
    const char *name;
    size_t offset;          /* of the ast_text in ast_item */
} text_field;

static const text_field item_texts[] = {
    {"text", offsetof(ast_item, text)},
    {"label", offsetof(ast_item, label)},
    {"question", offsetof(ast_item, question)},
    {"note", offsetof(ast_item, note)},
};

static bool text_has(const ast_text *text, const char *lang) {
    for (size_t index = 0; index < text->count; index++)
        if (!text->variants[index].lang || strcmp(text->variants[index].lang, lang) == 0)
            return true;
    return false;
}

static const ast_text *item_text(const ast_item *item, const text_field *field) {
    return (const ast_text *)((const char *)item + field->offset);
}

static const ast_item *item_decl(const linter *state, size_t node) {
    return state->lowering->node_decls[node];
}

/* A field given in one language where another item of the checklist gives
   it in both. */
static void warn_missing_language(linter *state, const graph_checklist *checklist,
                                  const text_field *field) {
    static const char *const langs[] = {"ja", "en"};
    for (size_t lang = 0; lang < 2; lang++) {
        const ast_item *sibling = NULL;
        for (size_t index = 0; index < checklist->item_count && !sibling; index++) {
            const ast_item *item = item_decl(state, checklist->items[index]);
            const ast_text *text = item_text(item, field);
            if (text_has(text, "ja") && text_has(text, "en")) sibling = item;
        }
        if (!sibling) continue;
        for (size_t index = 0; index < checklist->item_count; index++) {
            const graph_node *node = &state->graph->nodes[checklist->items[index]];
            const ast_text *text = item_text(item_decl(state, checklist->items[index]), field);
            if (text->count == 0 || text_has(text, langs[lang])) continue;
            diagnostic *record = diag_report(state->diags, SEVERITY_WARNING, DIAG_TK0607,
                lowering_source(state->lowering, node->place), text->where.start, text->where.end,
                "item '%s' has no %s %s, while item '%s' has one", node->name, langs[lang],
                field->name, sibling->id);
            diag_set_help(state->diags, record, "add it: %s ja \"…\" en \"…\"", field->name);
        }
    }
}

void lint_graph(const lowering *lowered, const ast_module *root) {
    const tk_graph *graph = lowered->graph;
    linter state = {graph, lowered, root, lowered->diags, NULL, {0}};
    arena_init_within(&state.scratch, &lowered->diags->region);
    state.node_used = arena_calloc(&state.scratch, graph->node_count + 1, sizeof(bool));
    for (size_t index = 0; index < graph->node_count; index++)
        mark_node(&state, &graph->nodes[index]);
    strmap used_scales = {0};
    mark_scale_use(&state, &used_scales);
    warn_unused_scales(&state, &used_scales);
    warn_unused_imports(&state, &used_scales);
    for (size_t index = 0; index < graph->node_count; index++)
        if (graph->nodes[index].kind == NODE_ITEM) warn_never_applies(&state, &graph->nodes[index]);
    for (size_t index = 0; index < root->bands.count; index++)
        lint_bands(state.diags, root->bands.items[index]);
    for (size_t index = 0; index < graph->checklist_count; index++) {
        warn_width_collisions(&state, &graph->checklists[index]);
        for (size_t field = 0; field < sizeof item_texts / sizeof *item_texts; field++)
            warn_missing_language(&state, &graph->checklists[index], &item_texts[field]);
    }
    arena_release(&state.scratch);
}
