/*
 * catalog.c — the framework stage of the compiler. Frameworks are indexed by
 * id, their nodes by id within the framework (ids collide across editions, so
 * a control is always looked up in one framework). Every map row and item
 * reference must name a control its framework has; an unknown one is an
 * error with the nearest id. A map in the file being checked must say what
 * it does with each source control: a row, or `no-relationship`.
 */
#include "lang/catalog.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "lang/lint.h"
#include "base/suggest.h"

enum { UNMAPPED_LISTED = 8 };

typedef struct building {
    arena *region;
    diag_list *diags;
    catalog *result;
    size_t framework_capacity, map_capacity, ref_capacity;
} building;

static diagnostic *report(building *state, diag_severity severity, diag_code code,
                          const source *file, span where, const char *format, ...)
    __attribute__((format(printf, 6, 7)));

static diagnostic *report(building *state, diag_severity severity, diag_code code,
                          const source *file, span where, const char *format, ...) {
    char message[400];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    return diag_report(state->diags, severity, code, file, where.start, where.end, "%s", message);
}

/* {=== frameworks ===} */

static void index_node(building *state, catalog_framework *framework, const ast_control *node,
                       size_t *capacity) {
    const ast_control *first = strmap_put(state->region, &framework->node_by_id, node->id,
                                          (void *)node);
    if (first != node) {
        diagnostic *record = report(state, SEVERITY_ERROR, DIAG_TK0208, node->file, node->where,
                                    "framework '%s' has %s '%s' twice", framework->ast->id,
                                    control_kind_name(node->kind), node->id);
        diag_add_note(state->diags, record, first->file, first->where.start, first->where.end,
                      "the first one is here");
        diag_set_help(state->diags, record, "each id names one node of a framework");
    }
    *ARENA_PUSH(state->region, framework->nodes, framework->node_count, *capacity) = node;
    framework->has_kind[node->kind] = true;
    for (size_t index = 0; index < node->children.count; index++) {
        ast_control *child = node->children.items[index];
        child->parent = (ast_control *)node;
        child->depth = node->depth + 1;
        index_node(state, framework, child, capacity);
    }
}

/* Coverage counts controls; a catalogue without them (ISMAP's 3-digit
   objectives) counts objectives, then detailed controls, then clauses. */
static control_kind unit_kind_of(const catalog_framework *framework) {
    static const control_kind order[] = {KIND_CONTROL, KIND_OBJECTIVE, KIND_DETAIL, KIND_CLAUSE};
    for (size_t index = 0; index < 4; index++)
        if (framework->has_kind[order[index]]) return order[index];
    return KIND_CONTROL;
}

static void check_selection_gates(building *state, const catalog_framework *framework) {
    const ast_framework *decl = framework->ast;
    for (size_t index = 0; index < decl->gates.count; index++) {
        const ast_selection_gate *gate = decl->gates.items[index];
        for (size_t other = 0; other < index; other++) {
            const ast_selection_gate *first = decl->gates.items[other];
            if (strcmp(first->name, gate->name) != 0) continue;
            diagnostic *record = report(state, SEVERITY_ERROR, DIAG_TK0208, decl->file,
                                        gate->where, "gate '%s' is defined twice", gate->name);
            diag_add_note(state->diags, record, decl->file, first->where.start,
                          first->where.end, "the first definition is here");
            diag_set_help(state->diags, record, "rename one of them or remove the copy");
            break;
        }
        if (gate->rule == SELECT_RULE_MANDATORY) continue;
        control_kind kinds[2] = {gate->kind, gate->child_kind};
        size_t kind_count = gate->rule == SELECT_RULE_SELECTS ? 2 : 1;
        for (size_t which = 0; which < kind_count; which++) {
            if (framework->has_kind[kinds[which]]) continue;
            diagnostic *record = report(state, SEVERITY_ERROR, DIAG_TK0704, decl->file,
                                        gate->where, "gate '%s' is over %s nodes, but framework "
                                        "'%s' has none", gate->name,
                                        control_kind_name(kinds[which]), decl->id);
            diag_set_help(state->diags, record,
                          "declare nodes with `%s \"id\" …` or choose a kind the framework has",
                          control_kind_name(kinds[which]));
        }
    }
}

static void add_framework(building *state, const ast_framework *decl) {
    catalog *result = state->result;
    const catalog_framework *first = catalog_find(result, decl->id);
    if (first) {
        diagnostic *record = report(state, SEVERITY_ERROR, DIAG_TK0208, decl->file, decl->where,
                                    "framework '%s' is defined twice", decl->id);
        diag_add_note(state->diags, record, first->ast->file, first->ast->where.start,
                      first->ast->where.end, "the first definition is here");
        diag_set_help(state->diags, record,
                      "a framework id names one edition of one catalogue; give another edition "
                      "its own id, such as iso27001_2022");
        return;
    }
    catalog_framework *framework = ARENA_PUSH(state->region, result->frameworks,
                                              result->framework_count,
                                              state->framework_capacity);
    memset(framework, 0, sizeof *framework);
    framework->ast = decl;
    size_t capacity = 0;
    for (size_t index = 0; index < decl->nodes.count; index++) {
        ast_control *node = decl->nodes.items[index];
        node->parent = NULL;
        node->depth = 0;
        index_node(state, framework, node, &capacity);
    }
    framework->unit_kind = unit_kind_of(framework);
}

/* {=== looking up controls ===} */

/* An id as other tables write it: "A.5.1.1" or "05.1.1" for "5.1.1". */
static const char *normalized_id(arena *region, const char *id) {
    if (strncmp(id, "A.", 2) == 0) id += 2;
    char *out = arena_strdup(region, id);
    size_t used = 0;
    bool part_start = true;
    for (const char *cursor = id; *cursor; cursor++) {
        if (part_start && *cursor == '0' && isdigit((unsigned char)cursor[1])) continue;
        part_start = *cursor == '.';
        out[used++] = *cursor;
    }
    out[used] = '\0';
    return out;
}

static const catalog_framework *find_framework(building *state, const char *id,
                                               const source *file, span where) {
    return catalog_require(state->result, id, file, where, NULL, state->diags);
}

static bool check_control(building *state, const catalog_framework *framework, const char *id,
                          const source *file, span where) {
    if (catalog_node(framework, id)) return true;
    diagnostic *record = report(state, SEVERITY_ERROR, DIAG_TK0702, file, where,
                                "framework '%s' has no control '%s'", framework->ast->id, id);
    const char *normal = normalized_id(state->region, id);
    if (strcmp(normal, id) != 0 && catalog_node(framework, normal)) {
        diag_set_help(state->diags, record,
                      "did you mean '%s'? %s writes ids without an 'A.' prefix or leading zeros",
                      normal, framework->ast->id);
        return false;
    }
    suggestion best;
    suggest_begin(&best, id);
    for (size_t index = 0; index < framework->node_count; index++)
        suggest_consider(&best, framework->nodes[index]->id);
    const char *name = suggest_result(&best);
    if (name)
        diag_set_help(state->diags, record, "did you mean '%s'?", name);
    else
        diag_set_help(state->diags, record,
                      "ids are looked up in %s edition %s only; they differ between editions",
                      framework->ast->id, framework->ast->edition);
    return false;
}

/* {=== maps ===} */

/* Rows that say two things about one pair, or map a control marked new. */
static void check_contradictions(building *state, const ast_map *map) {
    strmap pairs = {0}, targets = {0};
    for (size_t index = 0; index < map->rows.count; index++) {
        const ast_map_row *row = map->rows.items[index];
        if (row->target_id && row->relation != RELATION_NEW)
            strmap_put(state->region, &targets, row->target_id, (void *)row);
        const char *key = arena_printf(state->region, "%s\x1f%s", row->source_id ? row->source_id : "",
                                       row->target_id ? row->target_id : "");
        const ast_map_row *first = strmap_put(state->region, &pairs, key, (void *)row);
        if (first == row) continue;
        diagnostic *record = report(state, SEVERITY_ERROR, DIAG_TK0703, map->file, row->where,
                                    "a second row for the same controls");
        diag_add_note(state->diags, record, map->file, first->where.start, first->where.end,
                      "the first row is here");
        diag_set_help(state->diags, record, "keep one relation per pair of controls");
    }
    for (size_t index = 0; index < map->rows.count; index++) {
        const ast_map_row *row = map->rows.items[index];
        if (row->relation != RELATION_NEW) continue;
        const ast_map_row *mapped = strmap_get(&targets, row->target_id);
        if (!mapped) continue;
        diagnostic *record = report(state, SEVERITY_ERROR, DIAG_TK0703, map->file, row->where,
                                    "'%s' is marked new, but a row maps to it", row->target_id);
        diag_add_note(state->diags, record, map->file, mapped->where.start, mapped->where.end,
                      "mapped here");
        diag_set_help(state->diags, record,
                      "`new` says the control has no counterpart; remove it or the row");
    }
}

static void check_map(building *state, const ast_map *map) {
    const catalog_framework *from = find_framework(state, map->from, map->file, map->from_span);
    const catalog_framework *to = find_framework(state, map->to, map->file, map->to_span);
    for (size_t index = 0; index < map->rows.count; index++) {
        const ast_map_row *row = map->rows.items[index];
        if (from && row->source_id)
            check_control(state, from, row->source_id, map->file, row->source_span);
        if (to && row->target_id)
            check_control(state, to, row->target_id, map->file, row->target_span);
    }
    check_contradictions(state, map);
    *ARENA_PUSH(state->region, state->result->maps, state->result->map_count,
                state->map_capacity) = map;
}

/* One warning per map: the source controls without a row, the first few named. */
static void lint_unmapped(building *state, const ast_map *map) {
    const catalog_framework *from = catalog_find(state->result, map->from);
    if (!from) return;
    strmap stated = {0};
    for (size_t index = 0; index < map->rows.count; index++) {
        const ast_map_row *row = map->rows.items[index];
        if (row->source_id) strmap_put(state->region, &stated, row->source_id, (void *)row);
    }
    size_t missing = 0;
    char *listed = "";
    for (size_t index = 0; index < from->node_count; index++) {
        const ast_control *node = from->nodes[index];
        if (!catalog_is_unit(from, node) || strmap_get(&stated, node->id)) continue;
        if (missing < UNMAPPED_LISTED)
            listed = arena_printf(state->region, "%s%s'%s'", listed, missing ? ", " : "",
                                  node->id);
        missing++;
    }
    if (missing == 0) return;
    diagnostic *record = report(state, SEVERITY_WARNING, DIAG_TK0608, map->file, map->from_span,
                                "the map leaves %zu %s of %s unmapped: %s%s", missing,
                                missing == 1 ? control_kind_name(from->unit_kind) : "controls",
                                from->ast->id, listed, missing > UNMAPPED_LISTED ? ", …" : "");
    diag_set_help(state->diags, record,
                  "map each one, or write `\"ID\" no-relationship` where there is no counterpart");
}

/* Ids of one framework that differ only by full-width and half-width
   characters: answers and map rows must match ids exactly. */
static void lint_widths(building *state, const catalog_framework *framework) {
    strmap seen = {0};
    for (size_t index = 0; index < framework->node_count; index++) {
        const ast_control *node = framework->nodes[index];
        const char *folded = lint_fold_width(state->region, node->id);
        const ast_control *first = strmap_put(state->region, &seen, folded, (void *)node);
        if (first == node || strcmp(first->id, node->id) == 0) continue;
        diagnostic *record = report(state, SEVERITY_WARNING, DIAG_TK0606, node->file, node->where,
                                    "ids '%s' and '%s' differ only by full-width and half-width "
                                    "characters", first->id, node->id);
        diag_add_note(state->diags, record, first->file, first->where.start, first->where.end,
                      "'%s' is here", first->id);
        diag_set_help(state->diags, record,
                      "map rows and answers must match ids exactly; give the nodes ids that "
                      "differ plainly");
    }
}

/* {=== item references ===} */

static void collect_item_refs(building *state, const ast_item *item, const char *checklist) {
    for (size_t index = 0; index < item->refs.count; index++) {
        const ast_ref *ref = item->refs.items[index];
        const catalog_framework *framework = find_framework(state, ref->framework, item->file,
                                                            ref->framework_span);
        if (framework) check_control(state, framework, ref->control, item->file, ref->control_span);
        catalog_ref *entry = ARENA_PUSH(state->region, state->result->refs,
                                        state->result->ref_count, state->ref_capacity);
        entry->item = item;
        entry->checklist = checklist;
        entry->ref = ref;
    }
}

/* The items of a checklist body, sections included, in source order. */
static void collect_refs(building *state, const ast_list *members, const char *checklist) {
    for (size_t index = 0; index < members->count; index++) {
        const ast_member *member = members->items[index];
        if (member->kind == MEMBER_ITEM)
            collect_item_refs(state, member->node, checklist);
        else if (member->kind == MEMBER_SECTION)
            collect_refs(state, &((const ast_section *)member->node)->members, checklist);
    }
}

/* {=== entry ===} */

catalog *catalog_build(arena *region, const module_set *modules, const ast_module *lint_module,
                       diag_list *diags) {
    building state = {region, diags, ARENA_NEW(region, catalog), 0, 0, 0};
    for (size_t module = 0; module < modules->count; module++) {
        const ast_module *decl = modules->modules[module];
        for (size_t index = 0; index < decl->frameworks.count; index++)
            add_framework(&state, decl->frameworks.items[index]);
    }
    for (size_t index = 0; index < state.result->framework_count; index++) {
        catalog_framework *framework = &state.result->frameworks[index];
        strmap_put(region, &state.result->framework_by_id, framework->ast->id, framework);
        check_selection_gates(&state, framework);
    }
    size_t errors_before = diags->error_count;
    for (size_t module = 0; module < modules->count; module++) {
        const ast_module *decl = modules->modules[module];
        for (size_t index = 0; index < decl->maps.count; index++)
            check_map(&state, decl->maps.items[index]);
        for (size_t index = 0; index < decl->checklists.count; index++) {
            const ast_checklist *checklist = decl->checklists.items[index];
            collect_refs(&state, &checklist->members, checklist->name);
        }
    }
    if (lint_module && diags->error_count == errors_before) {
        for (size_t index = 0; index < lint_module->maps.count; index++)
            lint_unmapped(&state, lint_module->maps.items[index]);
        for (size_t index = 0; index < state.result->framework_count; index++)
            if (state.result->frameworks[index].ast->file == lint_module->file)
                lint_widths(&state, &state.result->frameworks[index]);
    }
    return state.result;
}

const catalog_framework *catalog_require(const catalog *catalogue, const char *id,
                                         const source *file, span where, const char *option,
                                         diag_list *diags) {
    const catalog_framework *framework = catalog_find(catalogue, id);
    if (framework) return framework;
    diagnostic *record =
        option ? diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0701, option,
                                     "unknown framework '%s'", id)
               : diag_report(diags, SEVERITY_ERROR, DIAG_TK0701, file, where.start, where.end,
                             "unknown framework '%s'", id);
    suggestion best;
    suggest_begin(&best, id);
    for (size_t index = 0; index < catalogue->framework_count; index++)
        suggest_consider(&best, catalogue->frameworks[index].ast->id);
    if (suggest_result(&best))
        diag_set_help(diags, record, "did you mean '%s'?", suggest_result(&best));
    else if (option)
        diag_set_help(diags, record, "the catalogue has %zu frameworks; load the file that "
                      "defines it, or add its directory with -I", catalogue->framework_count);
    else
        diag_set_help(diags, record,
                      "import the module that defines it, e.g. `import stdlib.frameworks.%s`",
                      id);
    return NULL;
}

const catalog_framework *catalog_find(const catalog *catalogue, const char *id) {
    const catalog_framework *found = strmap_get(&catalogue->framework_by_id, id);
    if (found) return found;
    for (size_t index = 0; index < catalogue->framework_count; index++) /* while building */
        if (strcmp(catalogue->frameworks[index].ast->id, id) == 0) return &catalogue->frameworks[index];
    return NULL;
}

const ast_control *catalog_node(const catalog_framework *framework, const char *id) {
    return strmap_get(&framework->node_by_id, id);
}

bool catalog_is_unit(const catalog_framework *framework, const ast_control *node) {
    return node->kind == framework->unit_kind;
}

const ast_control *catalog_top(const ast_control *node) {
    while (node->parent) node = node->parent;
    return node;
}
