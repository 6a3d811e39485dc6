/*
 * variant.c — applying a variant's changes to its base module:
 *   fact NAME = VALUE            fixes a fact (answers cannot change it)
 *   exclude C."ID" [when …] because …   adds an exclusion
 *   include C."ID"               drops the item's exclusions and conditions
 *   item C."ID" { fields }       replaces the fields given, adds conditions
 *   checklist C { members }      adds members; a value of the same name is replaced
 */
#include "lang/variant.h"

#include <stdarg.h>
#include <string.h>

#include "base/suggest.h"

typedef struct patcher {
    arena *region;
    diag_list *diags;
    ast_module *base;
    const ast_variant *variant;
} patcher;

const ast_variant *variant_find(const ast_module *root, const char *name) {
    for (size_t index = 0; index < root->variants.count; index++) {
        const ast_variant *variant = root->variants.items[index];
        if (strcmp(variant->name, name) == 0) return variant;
    }
    return NULL;
}

static diagnostic *report(patcher *state, diag_code code, span where, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static diagnostic *report(patcher *state, diag_code code, span where, const char *format, ...) {
    va_list args;
    va_start(args, format);
    diagnostic *record = diag_report_va(state->diags, SEVERITY_ERROR, code, state->variant->file,
                                        where.start, where.end, format, args);
    va_end(args);
    return record;
}

static ast_checklist *find_checklist(patcher *state, const char *name, span where) {
    suggestion best;
    suggest_begin(&best, name);
    for (size_t index = 0; index < state->base->checklists.count; index++) {
        ast_checklist *checklist = state->base->checklists.items[index];
        if (strcmp(checklist->name, name) == 0) return checklist;
        suggest_consider(&best, checklist->name);
    }
    diagnostic *record = report(state, DIAG_TK0206, where, "module '%s' has no checklist '%s'",
                                state->variant->base, name);
    if (suggest_result(&best))
        diag_set_help(state->diags, record, "did you mean '%s'?", suggest_result(&best));
    return NULL;
}

/* The item with this id among members, nested sections included. */
static ast_item *find_member_item(const ast_list *members, const char *id) {
    for (size_t index = 0; index < members->count; index++) {
        const ast_member *member = members->items[index];
        if (member->kind == MEMBER_ITEM && strcmp(((ast_item *)member->node)->id, id) == 0)
            return member->node;
        if (member->kind == MEMBER_SECTION) {
            ast_item *found = find_member_item(&((ast_section *)member->node)->members, id);
            if (found) return found;
        }
    }
    return NULL;
}

static void suggest_member_items(suggestion *best, const ast_list *members) {
    for (size_t index = 0; index < members->count; index++) {
        const ast_member *member = members->items[index];
        if (member->kind == MEMBER_ITEM) suggest_consider(best, ((ast_item *)member->node)->id);
        if (member->kind == MEMBER_SECTION)
            suggest_member_items(best, &((ast_section *)member->node)->members);
    }
}

static ast_item *find_item(patcher *state, const ast_change *change) {
    ast_checklist *checklist = find_checklist(state, change->name, change->where);
    if (!checklist) return NULL;
    ast_item *item = find_member_item(&checklist->members, change->item_id);
    if (item) return item;
    diagnostic *record = report(state, DIAG_TK0203, change->item_span,
                                "checklist '%s' has no item '%s'", change->name, change->item_id);
    suggestion best;
    suggest_begin(&best, change->item_id);
    suggest_member_items(&best, &checklist->members);
    if (suggest_result(&best))
        diag_set_help(state->diags, record, "did you mean '%s'?", suggest_result(&best));
    return NULL;
}

static void fix_fact(patcher *state, const ast_change *change) {
    for (size_t index = 0; index < state->base->facts.count; index++) {
        ast_fact *fact = state->base->facts.items[index];
        if (strcmp(fact->name, change->name) != 0) continue;
        fact->default_value = change->expr;
        fact->fixed = true;
        return;
    }
    diagnostic *record = report(state, DIAG_TK0202, change->where,
                                "module '%s' declares no fact '%s'", state->variant->base,
                                change->name);
    suggestion best;
    suggest_begin(&best, change->name);
    for (size_t index = 0; index < state->base->facts.count; index++)
        suggest_consider(&best, ((const ast_fact *)state->base->facts.items[index])->name);
    if (suggest_result(&best))
        diag_set_help(state->diags, record, "did you mean '%s'?", suggest_result(&best));
}

static void add_exclusion(patcher *state, const ast_change *change) {
    ast_item *item = find_item(state, change);
    if (!item) return;
    ast_exclusion *exclusion = ARENA_NEW(state->region, ast_exclusion);
    exclusion->condition = change->expr;
    if (!exclusion->condition) { /* no condition: the variant always excludes it */
        exclusion->condition = ARENA_NEW(state->region, ast_expr);
        exclusion->condition->kind = EXPR_BOOL;
        exclusion->condition->boolean = true;
        exclusion->condition->where = change->where;
        exclusion->condition->file = state->variant->file;
    }
    exclusion->reason = change->reason;
    exclusion->where = change->where;
    exclusion->until = change->until;
    exclusion->until_span = change->until_span;
    ast_list_push(state->region, &item->exclusions, exclusion);
}

static void include_item(patcher *state, const ast_change *change) {
    ast_item *item = find_item(state, change);
    if (!item) return;
    item->exclusions = (ast_list){0};
    item->only_when = (ast_list){0};
}

/* Replace the fields the change gives; conditions, tags and refs are added. */
static void change_item(patcher *state, const ast_change *change) {
    ast_item *item = find_item(state, change);
    if (!item) return;
    const ast_item *fields = change->item;
    ast_text *texts[] = {&item->text, &item->label, &item->question, &item->note,
                         &item->source_ref, &item->printed};
    const ast_text *given[] = {&fields->text, &fields->label, &fields->question, &fields->note,
                               &fields->source_ref, &fields->printed};
    for (size_t index = 0; index < sizeof texts / sizeof *texts; index++)
        if (given[index]->count) *texts[index] = *given[index];
    if (fields->scale_name || fields->options) {
        item->scale_name = fields->scale_name;
        item->scale_span = fields->scale_span;
        item->options = fields->options;
    }
    if (fields->has_weight) item->weight = fields->weight, item->has_weight = true;
    if (fields->counts_as) {
        item->counts_as = fields->counts_as;
        item->counts_as_span = fields->counts_as_span;
        item->counts_as_file = fields->counts_as_file;
    }
    for (size_t index = 0; index < fields->tags.count; index++)
        ast_list_push(state->region, &item->tags, fields->tags.items[index]);
    for (size_t index = 0; index < fields->exclusions.count; index++)
        ast_list_push(state->region, &item->exclusions, fields->exclusions.items[index]);
    for (size_t index = 0; index < fields->only_when.count; index++)
        ast_list_push(state->region, &item->only_when, fields->only_when.items[index]);
    for (size_t index = 0; index < fields->refs.count; index++)
        ast_list_push(state->region, &item->refs, fields->refs.items[index]);
}

/* A value member of the same name as one the checklist has replaces it. */
static bool replace_value(ast_checklist *checklist, ast_member *added) {
    if (added->kind != MEMBER_VALUE) return false;
    const ast_value *value = added->node;
    for (size_t index = 0; index < checklist->members.count; index++) {
        ast_member *member = checklist->members.items[index];
        if (member->kind == MEMBER_VALUE &&
            strcmp(((const ast_value *)member->node)->name, value->name) == 0) {
            checklist->members.items[index] = added;
            return true;
        }
    }
    return false;
}

static void change_checklist(patcher *state, const ast_change *change) {
    ast_checklist *checklist = NULL;
    for (size_t index = 0; index < state->base->checklists.count; index++) {
        ast_checklist *candidate = state->base->checklists.items[index];
        if (strcmp(candidate->name, change->name) == 0) checklist = candidate;
    }
    if (!checklist) { /* a checklist the base does not have: the variant adds it */
        ast_list_push(state->region, &state->base->checklists, change->checklist);
        return;
    }
    const ast_list *members = &change->checklist->members;
    for (size_t index = 0; index < members->count; index++)
        if (!replace_value(checklist, members->items[index]))
            ast_list_push(state->region, &checklist->members, members->items[index]);
}

static void apply_change(patcher *state, const ast_change *change) {
    switch (change->kind) {
    case CHANGE_FACT: fix_fact(state, change); break;
    case CHANGE_EXCLUDE: add_exclusion(state, change); break;
    case CHANGE_INCLUDE: include_item(state, change); break;
    case CHANGE_ITEM: change_item(state, change); break;
    case CHANGE_CHECKLIST: change_checklist(state, change); break;
    }
}

bool variant_apply(arena *region, module_set *modules, const ast_variant *variant,
                   diag_list *diags) {
    ast_module *root = modules->modules[0];
    ast_module *base = modules_find(modules, variant->base);
    if (!base) return false; /* the loader has reported it */
    patcher state = {region, diags, base, variant};
    for (size_t index = 0; index < variant->changes.count; index++)
        apply_change(&state, variant->changes.items[index]);
    const char *root_name = root->name ? root->name : "";
    base->name = arena_printf(region, "%s.%s", root_name, variant->name);
    if (base != root) {
        base->tests = root->tests;
        base->variants = root->variants;
        for (size_t index = 1; index < modules->count; index++)
            if (modules->modules[index] == base) modules->modules[index] = root;
        modules->modules[0] = base;
    }
    return true;
}
