/*
 * catalog_build.c — the framework stage of the front end: frameworks, maps and
 * item references are checked and copied into a self-contained catalogue
 * (catalog.h). Frameworks are indexed by id, their nodes by id within the
 * framework (ids collide across editions, so a control is always looked up
 * in one framework). Every map row and item reference must name a control
 * its framework has; an unknown one is an error with the nearest id. A map
 * in the file being checked must say what it does with each source control:
 * a row, or `no-relationship`.
 */
#include "lang/catalog.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "base/suggest.h"
#include "lang/lint.h"
#include "lang/lower.h"

enum { UNMAPPED_LISTED = 8 };

/* The catalogue being built, and per framework its declaration and the
   syntax-tree node of each catalogue node (for the places of diagnostics). */
typedef struct building {
    arena *region;
    diag_list *diags;
    catalog *result;
    text_copier copies;
    const ast_framework **decls;
    const ast_control ***ast_nodes;
    size_t framework_capacity, decl_capacity, ast_capacity, map_capacity, ref_capacity;
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

/* Where a framework's nodes are being added, with their arrays' capacities. */
typedef struct node_index {
    size_t framework;
    size_t capacity, ast_capacity;
} node_index;

static const catalog_control *add_node(building *state, node_index *at, const ast_control *decl,
                                       const catalog_control *parent) {
    catalog_framework *framework = &state->result->frameworks[at->framework];
    catalog_control *node = ARENA_NEW(state->region, catalog_control);
    *node = (catalog_control){decl->kind, copy_string(&state->copies, decl->id),
                              copy_text(&state->copies, &decl->title),
                              copy_text(&state->copies, &decl->note),
                              copy_text(&state->copies, &decl->source_ref), decl->obligation,
                              parent, NULL, 0, parent ? parent->depth + 1 : 0};
    const catalog_control *first = strmap_put(state->region, &framework->node_by_id, node->id, node);
    const ast_control **ast_nodes = state->ast_nodes[at->framework];
    if (first != node) {
        const ast_control *first_decl = NULL;
        for (size_t index = 0; index < framework->node_count && !first_decl; index++)
            if (framework->nodes[index] == first) first_decl = ast_nodes[index];
        diagnostic *record = report(state, SEVERITY_ERROR, DIAG_TK0208, decl->file, decl->where,
                                    "framework '%s' has %s '%s' twice", framework->id,
                                    control_kind_name(decl->kind), decl->id);
        diag_add_note(state->diags, record, first_decl->file, first_decl->where.start,
                      first_decl->where.end, "the first one is here");
        diag_set_help(state->diags, record, "each id names one node of a framework");
    }
    *ARENA_PUSH(state->region, framework->nodes, framework->node_count, at->capacity) = node;
    ast_nodes = arena_grow(state->region, ast_nodes, &at->ast_capacity, framework->node_count,
                           sizeof *ast_nodes);
    ast_nodes[framework->node_count - 1] = decl;
    state->ast_nodes[at->framework] = ast_nodes;
    framework->has_kind[decl->kind] = true;
    node->children = arena_calloc(state->region, decl->children.count + 1, sizeof *node->children);
    for (size_t index = 0; index < decl->children.count; index++)
        node->children[node->child_count++] = add_node(state, at, decl->children.items[index], node);
    return node;
}

/* Coverage counts controls; a catalogue without them (ISMAP's 3-digit
   objectives) counts objectives, then detailed controls, then clauses. */
static control_kind unit_kind_of(const catalog_framework *framework) {
    static const control_kind order[] = {KIND_CONTROL, KIND_OBJECTIVE, KIND_DETAIL, KIND_CLAUSE};
    for (size_t index = 0; index < 4; index++)
        if (framework->has_kind[order[index]]) return order[index];
    return KIND_CONTROL;
}

static void add_gates(building *state, catalog_framework *framework, const ast_framework *decl) {
    framework->gates = arena_calloc(state->region, decl->gates.count + 1, sizeof *framework->gates);
    for (size_t index = 0; index < decl->gates.count; index++) {
        const ast_selection_gate *gate = decl->gates.items[index];
        framework->gates[framework->gate_count++] =
            (catalog_gate){gate->rule, copy_string(&state->copies, gate->name),
                           copy_text(&state->copies, &gate->title), gate->kind, gate->child_kind};
    }
}

static void check_selection_gates(building *state, const catalog_framework *framework,
                                  const ast_framework *decl) {
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
    for (size_t index = 0; index < result->framework_count; index++) {
        if (strcmp(result->frameworks[index].id, decl->id) != 0) continue;
        const ast_framework *first = state->decls[index];
        diagnostic *record = report(state, SEVERITY_ERROR, DIAG_TK0208, decl->file, decl->where,
                                    "framework '%s' is defined twice", decl->id);
        diag_add_note(state->diags, record, first->file, first->where.start, first->where.end,
                      "the first definition is here");
        diag_set_help(state->diags, record,
                      "a framework id names one edition of one catalogue; give another edition "
                      "its own id, such as iso27001_2022");
        return;
    }
    catalog_framework *framework = ARENA_PUSH(state->region, result->frameworks,
                                              result->framework_count,
                                              state->framework_capacity);
    memset(framework, 0, sizeof *framework);
    size_t count = result->framework_count;
    state->decls = arena_grow(state->region, state->decls, &state->decl_capacity, count,
                              sizeof *state->decls);
    state->ast_nodes = arena_grow(state->region, state->ast_nodes, &state->ast_capacity, count,
                                  sizeof *state->ast_nodes);
    state->decls[count - 1] = decl;
    framework->id = copy_string(&state->copies, decl->id);
    framework->title = copy_text(&state->copies, &decl->title);
    framework->note = copy_text(&state->copies, &decl->note);
    framework->source_ref = copy_text(&state->copies, &decl->source_ref);
    framework->edition = copy_string(&state->copies, decl->edition);
    node_index at = {count - 1, 0, 0};
    for (size_t index = 0; index < decl->nodes.count; index++)
        add_node(state, &at, decl->nodes.items[index], NULL);
    framework->unit_kind = unit_kind_of(framework);
    add_gates(state, framework, decl);
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
                                "framework '%s' has no control '%s'", framework->id, id);
    const char *normal = normalized_id(state->region, id);
    if (strcmp(normal, id) != 0 && catalog_node(framework, normal)) {
        diag_set_help(state->diags, record,
                      "did you mean '%s'? %s writes ids without an 'A.' prefix or leading zeros",
                      normal, framework->id);
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
                      framework->id, framework->edition);
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

static void copy_map(building *state, const ast_map *decl) {
    catalog *result = state->result;
    catalog_map *map = ARENA_PUSH(state->region, result->maps, result->map_count,
                                  state->map_capacity);
    text_copier *copies = &state->copies;
    *map = (catalog_map){copy_string(copies, decl->from), copy_string(copies, decl->to),
                         copy_text(copies, &decl->title), copy_text(copies, &decl->source_ref),
                         copy_string(copies, decl->file->path),
                         source_locate(decl->file, decl->where.start).line, NULL, 0};
    map->rows = arena_calloc(state->region, decl->rows.count + 1, sizeof *map->rows);
    for (size_t index = 0; index < decl->rows.count; index++) {
        const ast_map_row *row = decl->rows.items[index];
        map->rows[map->row_count++] =
            (catalog_row){row->relation, copy_string(copies, row->source_id),
                          copy_string(copies, row->target_id), copy_text(copies, &row->note),
                          copy_text(copies, &row->source_ref)};
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
    copy_map(state, map);
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
        const catalog_control *node = from->nodes[index];
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
                                from->id, listed, missing > UNMAPPED_LISTED ? ", …" : "");
    diag_set_help(state->diags, record,
                  "map each one, or write `\"ID\" no-relationship` where there is no counterpart");
}

/* Ids of one framework that differ only by full-width and half-width
   characters: answers and map rows must match ids exactly. */
static void lint_widths(building *state, size_t framework_index) {
    const catalog_framework *framework = &state->result->frameworks[framework_index];
    const ast_control **decls = state->ast_nodes[framework_index];
    strmap seen = {0};
    for (size_t index = 0; index < framework->node_count; index++) {
        const ast_control *node = decls[index];
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

static void collect_item_refs(building *state, const ast_module *module, const ast_item *item,
                              const char *checklist) {
    for (size_t index = 0; index < item->refs.count; index++) {
        const ast_ref *ref = item->refs.items[index];
        const catalog_framework *framework = find_framework(state, ref->framework, item->file,
                                                            ref->framework_span);
        if (framework) check_control(state, framework, ref->control, item->file, ref->control_span);
        text_copier *copies = &state->copies;
        *ARENA_PUSH(state->region, state->result->refs, state->result->ref_count,
                    state->ref_capacity) =
            (catalog_ref){copy_string(copies, module->name), copy_string(copies, checklist),
                          copy_string(copies, item->id), ref->relation,
                          copy_string(copies, ref->framework), copy_string(copies, ref->control)};
    }
}

/* The items of a checklist body, sections included, in source order. */
static void collect_refs(building *state, const ast_module *module, const ast_list *members,
                         const char *checklist) {
    for (size_t index = 0; index < members->count; index++) {
        const ast_member *member = members->items[index];
        if (member->kind == MEMBER_ITEM)
            collect_item_refs(state, module, member->node, checklist);
        else if (member->kind == MEMBER_SECTION)
            collect_refs(state, module, &((const ast_section *)member->node)->members, checklist);
    }
}

/* {=== building and loading ===} */

static void add_modules(building *state, const module_set *modules) {
    catalog *result = state->result;
    result->modules = arena_calloc(state->region, modules->count + 1, sizeof *result->modules);
    for (size_t index = 0; index < modules->count; index++) {
        const ast_module *module = modules->modules[index];
        if (!module->name) continue;
        result->modules[result->module_count++] =
            (catalog_module){copy_string(&state->copies, module->name),
                             copy_string(&state->copies, module->file->path)};
    }
}

catalog *catalog_build(arena *region, const module_set *modules, const ast_module *lint_module,
                       diag_list *diags) {
    building state = {.region = region, .diags = diags, .result = ARENA_NEW(region, catalog),
                      .copies = {region, region, {0}}};
    add_modules(&state, modules);
    for (size_t module = 0; module < modules->count; module++) {
        const ast_module *decl = modules->modules[module];
        for (size_t index = 0; index < decl->frameworks.count; index++)
            add_framework(&state, decl->frameworks.items[index]);
    }
    for (size_t index = 0; index < state.result->framework_count; index++) {
        catalog_framework *framework = &state.result->frameworks[index];
        strmap_put(region, &state.result->framework_by_id, framework->id, framework);
        check_selection_gates(&state, framework, state.decls[index]);
    }
    size_t errors_before = diags->error_count;
    for (size_t module = 0; module < modules->count; module++) {
        const ast_module *decl = modules->modules[module];
        for (size_t index = 0; index < decl->maps.count; index++)
            check_map(&state, decl->maps.items[index]);
        for (size_t index = 0; index < decl->checklists.count; index++) {
            const ast_checklist *checklist = decl->checklists.items[index];
            collect_refs(&state, decl, &checklist->members, checklist->name);
        }
    }
    if (lint_module && diags->error_count == errors_before) {
        for (size_t index = 0; index < lint_module->maps.count; index++)
            lint_unmapped(&state, lint_module->maps.items[index]);
        for (size_t index = 0; index < state.result->framework_count; index++)
            if (state.decls[index]->file == lint_module->file) lint_widths(&state, index);
    }
    return state.result;
}

catalog *catalog_load(arena *region, const char *const *files, size_t file_count,
                      const char *const *directories, size_t directory_count, diag_list *diags) {
    arena scratch;
    arena_init_within(&scratch, region);
    search_path search = {directories, directory_count};
    module_set modules = {0};
    bool readable = true;
    for (size_t index = 0; index < file_count; index++)
        readable &= modules_load_more(&scratch, files[index], &search, diags, &modules);
    size_t errors_before = diags->error_count;
    catalog *result = readable && errors_before == 0 ? catalog_build(region, &modules, NULL, diags)
                                                     : NULL;
    if (diags->error_count > errors_before) result = NULL;
    diag_forget_file(diags, diags->last_file);
    arena_release(&scratch);
    return result;
}
