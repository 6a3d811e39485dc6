/*
 * resolve.c — binding names. Scales and facts come from the root module and
 * the modules it imports; checklists, their sections, items and values come
 * from the root module. Every unknown name is reported with the closest
 * known one; every duplicate with where the first one stands.
 */
#include "lang/resolve.h"

#include <stdarg.h>
#include <string.h>

#include "base/suggest.h"

typedef struct resolver {
    arena *region;
    diag_list *diags;
    tk_graph *graph;
    const module_set *modules;
    strmap scales;              /* name -> graph_scale* */
    strmap scale_decls;         /* name -> ast_scale*, for duplicate reports */
    strmap unloaded_names;      /* names listed by imports that failed to load */
    size_t node_capacity;
    size_t checklist_capacity;
    size_t fact_capacity, value_capacity, ladder_capacity;
    size_t checklist;           /* scope while lowering: a checklist, or NO_INDEX */
    const source *file;         /* file of the declaration being lowered */
} resolver;

static const char *const aggregate_names[] = {"sum", "count", "all", "any", "min", "max"};
static const char *const attribute_names[] = {"points", "max", "weight"};

/* {=== reporting helpers ===} */

static diagnostic *report(resolver *state, diag_code code, span where, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static diagnostic *report(resolver *state, diag_code code, span where, const char *format, ...) {
    va_list args;
    va_start(args, format);
    diagnostic *record = diag_report_va(state->diags, SEVERITY_ERROR, code, state->file,
                                        where.start, where.end, format, args);
    va_end(args);
    return record;
}

static void help_with_suggestion(resolver *state, diagnostic *record, const suggestion *best,
                                 const char *fallback) {
    const char *name = suggest_result(best);
    if (name)
        diag_set_help(state->diags, record, "did you mean '%s'?", name);
    else if (fallback)
        diag_set_help(state->diags, record, "%s", fallback);
}

static void suggest_from_map(suggestion *best, const strmap *map) {
    for (size_t slot = 0; slot < map->capacity; slot++)
        if (map->slots[slot].key) suggest_consider(best, map->slots[slot].key);
}

static void report_duplicate(resolver *state, const source *file, span where,
                             const source *first_file, span first, const char *what,
                             const char *name) {
    diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0208, file,
                                     where.start, where.end, "%s '%s' is defined twice",
                                     what, name);
    diag_add_note(state->diags, record, first_file, first.start, first.end,
                  "the first definition is here");
    diag_set_help(state->diags, record, "rename one of them or remove the copy");
}

/* {=== nodes ===} */

static size_t add_node(resolver *state, node_kind kind, const char *name, span where) {
    tk_graph *graph = state->graph;
    graph_node *node = ARENA_PUSH(state->region, graph->nodes, graph->node_count,
                                  state->node_capacity);
    memset(node, 0, sizeof *node);
    node->kind = kind;
    node->name = name;
    node->checklist = state->checklist;
    node->file = state->file;
    node->where = where;
    return graph->node_count - 1;
}

/* {=== scales ===} */

/* Answers match options by key, label and alias; each must name one option. */
static void check_option_words(resolver *state, const ast_scale *decl, strmap *words,
                               const char *word, span where, const ast_option *option) {
    const ast_option *other = strmap_put(state->region, words, word, (void *)option);
    if (other == option) return;
    diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0208, decl->file,
                                     where.start, where.end,
                                     "'%s' names two options of the scale", word);
    diag_add_note(state->diags, record, decl->file, other->where.start, other->where.end,
                  "option '%s' has it too", other->key);
    diag_set_help(state->diags, record, "an answer must name one option; drop one of them");
}

static void check_option_points(resolver *state, const ast_scale *decl, size_t index) {
    const ast_option *option = decl->options.items[index];
    for (size_t earlier = 0; earlier < index; earlier++) {
        const ast_option *other = decl->options.items[earlier];
        if (other->points != option->points) continue;
        diagnostic *record = diag_report(state->diags, SEVERITY_WARNING, DIAG_TK0303,
            decl->file, option->where.start, option->where.end,
            "options '%s' and '%s' have the same points", other->key, option->key);
        diag_set_help(state->diags, record,
                      "answers cannot name these options by points; use their keys or labels");
        return;
    }
}

static graph_scale *build_scale(resolver *state, const ast_scale *decl) {
    graph_scale *scale = ARENA_NEW(state->region, graph_scale);
    scale->name = decl->name;
    scale->options = arena_calloc(state->region, decl->options.count + 1, sizeof(graph_option));
    if (decl->options.count == 0 && !decl->after_syntax_error) {
        diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0304, decl->file,
                                         decl->where.start, decl->where.end,
                                         "the scale has no options");
        diag_set_help(state->diags, record, "add options: KEY POINTS \"label\"");
    }
    strmap words = {0}, keys = {0};
    scale->option_count = 0;
    for (size_t index = 0; index < decl->options.count; index++) {
        const ast_option *option = decl->options.items[index];
        const ast_option *first = strmap_put(state->region, &keys, option->key, (void *)option);
        if (first != option) {
            report_duplicate(state, decl->file, option->where, decl->file, first->where,
                             "option", option->key);
            continue;
        }
        graph_option *target = &scale->options[scale->option_count];
        target->key = option->key;
        target->points = option->points;
        target->label = &option->label;
        target->aliases = &option->aliases;
        if (scale->option_count++ == 0 || option->points > scale->max_points)
            scale->max_points = option->points;
        check_option_words(state, decl, &words, option->key, option->where, option);
        for (size_t variant = 0; variant < option->label.count; variant++)
            check_option_words(state, decl, &words, option->label.variants[variant].text,
                               option->label.where, option);
        for (size_t alias = 0; alias < option->aliases.count; alias++) {
            const ast_alias *entry = option->aliases.items[alias];
            check_option_words(state, decl, &words, entry->text, entry->where, option);
        }
        check_option_points(state, decl, index);
    }
    graph_index_scale(state->region, scale);
    return scale;
}

static void add_scale(resolver *state, const ast_scale *decl) {
    const ast_scale *first = strmap_put(state->region, &state->scale_decls, decl->name,
                                        (void *)decl);
    if (first != decl) {
        report_duplicate(state, decl->file, decl->where, first->file, first->where, "scale",
                         decl->name);
        return;
    }
    strmap_put(state->region, &state->scales, decl->name, build_scale(state, decl));
}

/* {=== facts ===} */

static void add_fact(resolver *state, const ast_fact *decl) {
    size_t existing = graph_lookup(&state->graph->fact_by_name, decl->name);
    if (existing != NO_INDEX) {
        const graph_node *first = &state->graph->nodes[existing];
        report_duplicate(state, decl->file, decl->where, first->file, first->where, "fact",
                         decl->name);
        return;
    }
    state->file = decl->file;
    size_t node = add_node(state, NODE_FACT, decl->name, decl->where);
    graph_fact *fact = ARENA_NEW(state->region, graph_fact);
    fact->decl = decl;
    fact->type = decl->type == FACT_BOOL     ? TYPE_BOOL
                 : decl->type == FACT_NUMBER ? TYPE_NUMBER
                 : decl->type == FACT_STRING ? TYPE_STRING
                 : decl->type == FACT_DATE   ? TYPE_DATE
                                             : TYPE_ENUM;
    state->graph->nodes[node].fact = fact;
    state->graph->nodes[node].type = fact->type;
    for (size_t member = 1; member < decl->enum_members.count; member++)
        for (size_t earlier = 0; earlier < member; earlier++)
            if (!strcmp(decl->enum_members.items[member], decl->enum_members.items[earlier])) {
                diagnostic *record = report(state, DIAG_TK0208, decl->where,
                                            "fact '%s' lists the value '%s' twice", decl->name,
                                            (const char *)decl->enum_members.items[member]);
                diag_set_help(state->diags, record, "list each value once");
                break;
            }
    if (fact->type == TYPE_ENUM) state->graph->nodes[node].enum_members = &decl->enum_members;
    strmap_put(state->region, &state->graph->fact_by_name, decl->name, graph_index_value(node));
    *ARENA_PUSH(state->region, state->graph->facts, state->graph->fact_count,
                state->fact_capacity) = node;
}

/* {=== imports: which scales and facts a module brings ===} */

static bool import_wants(const ast_import *import, const char *name) {
    if (import->names.count == 0) return true;
    for (size_t index = 0; index < import->names.count; index++)
        if (strcmp(import->names.items[index], name) == 0) return true;
    return false;
}

static void check_import_names(resolver *state, const ast_module *root,
                               const ast_import *import, const ast_module *imported) {
    for (size_t index = 0; index < import->names.count; index++) {
        const char *name = import->names.items[index];
        bool found = false;
        suggestion best;
        suggest_begin(&best, name);
        for (size_t scale = 0; scale < imported->scales.count; scale++) {
            const ast_scale *decl = imported->scales.items[scale];
            found |= strcmp(decl->name, name) == 0;
            suggest_consider(&best, decl->name);
        }
        for (size_t fact = 0; fact < imported->facts.count; fact++) {
            const ast_fact *decl = imported->facts.items[fact];
            found |= strcmp(decl->name, name) == 0;
            suggest_consider(&best, decl->name);
        }
        if (found) continue;
        state->file = root->file;
        diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0202, root->file,
            import->where.start, import->where.end, "module '%s' has no scale or fact '%s'",
            import->module, name);
        help_with_suggestion(state, record, &best, NULL);
    }
}

static void resolve_imports(resolver *state, const ast_module *root) {
    for (size_t index = 0; index < root->imports.count; index++) {
        const ast_import *import = root->imports.items[index];
        const ast_module *imported = modules_find(state->modules, import->module);
        if (!imported) { /* reported by the loader; do not report its names again */
            for (size_t name = 0; name < import->names.count; name++)
                strmap_put(state->region, &state->unloaded_names, import->names.items[name],
                           (void *)import);
            continue;
        }
        if (imported == root) continue;
        check_import_names(state, root, import, imported);
        for (size_t scale = 0; scale < imported->scales.count; scale++) {
            const ast_scale *decl = imported->scales.items[scale];
            if (import_wants(import, decl->name)) add_scale(state, decl);
        }
        for (size_t fact = 0; fact < imported->facts.count; fact++) {
            const ast_fact *decl = imported->facts.items[fact];
            if (import_wants(import, decl->name)) add_fact(state, decl);
        }
    }
}

/* {=== checklists: sections, items and values ===} */

static graph_checklist *current_checklist(resolver *state) {
    return &state->graph->checklists[state->checklist];
}

/* A scale by name, reported where it is named when unknown. */
static const graph_scale *find_scale(resolver *state, const char *name, span where) {
    const graph_scale *scale = strmap_get(&state->scales, name);
    if (scale || strmap_get(&state->unloaded_names, name)) return scale;
    diagnostic *record = report(state, DIAG_TK0201, where, "unknown scale '%s'", name);
    suggestion best;
    suggest_begin(&best, name);
    suggest_from_map(&best, &state->scales);
    help_with_suggestion(state, record, &best,
                         "define it with `scale NAME { … }` or import it");
    return NULL;
}

/* An item's scale: its own options, its own `scale NAME`, or the checklist's
   default (looked up once, in resolve_checklist). */
static const graph_scale *item_scale(resolver *state, const ast_item *item,
                                     const ast_checklist *checklist,
                                     const graph_scale *default_scale) {
    if (item->options) return build_scale(state, item->options);
    if (item->scale_name) return find_scale(state, item->scale_name, item->scale_span);
    if (checklist->scale_name) return default_scale; /* NULL: reported once already */
    diagnostic *record = report(state, DIAG_TK0302, item->where, "item '%s' has no options",
                                item->id);
    diag_set_help(state->diags, record,
                  "give the item `scale NAME` or `options { … }`, or give the checklist "
                  "a default `scale NAME`");
    return NULL;
}

static void add_item(resolver *state, ast_item *item, size_t section) {
    graph_checklist *checklist = current_checklist(state);
    size_t existing = graph_lookup(&checklist->item_by_id, item->id);
    if (existing != NO_INDEX) {
        const graph_node *first = &state->graph->nodes[existing];
        report_duplicate(state, state->file, item->where, first->file, first->where, "item",
                         item->id);
        return;
    }
    size_t node = add_node(state, NODE_ITEM, item->id, item->where);
    if (item->file) state->graph->nodes[node].file = item->file;
    graph_item *target = ARENA_NEW(state->region, graph_item);
    target->decl = item;
    target->weight = item->weight;
    target->section = section;
    state->graph->nodes[node].item = target;
    state->graph->nodes[node].type = TYPE_NUMBER;
    item->node = node;
    strmap_put(state->region, &checklist->item_by_id, item->id, graph_index_value(node));
    *ARENA_PUSH(state->region, checklist->items, checklist->item_count,
                checklist->item_capacity) = node;
    for (size_t parent = section; parent != NO_INDEX; parent = checklist->sections[parent].parent) {
        graph_section *enclosing = &checklist->sections[parent];
        *ARENA_PUSH(state->region, enclosing->items, enclosing->item_count,
                    enclosing->item_capacity) = node;
    }
}

static void add_value(resolver *state, ast_value *value, strmap *names, size_t **list,
                      size_t *count, size_t *capacity) {
    size_t existing = graph_lookup(names, value->name);
    if (existing == NO_INDEX) existing = graph_lookup(&state->graph->fact_by_name, value->name);
    if (existing != NO_INDEX) {
        const graph_node *first = &state->graph->nodes[existing];
        report_duplicate(state, state->file, value->where, first->file, first->where,
                         value->kind == VALUE_GATE ? "gate" : "value", value->name);
        return;
    }
    size_t node = add_node(state, value->kind == VALUE_GATE ? NODE_GATE : NODE_VALUE,
                           value->name, value->where);
    if (value->file) state->graph->nodes[node].file = value->file;
    state->graph->nodes[node].value_decl = value;
    value->node = node;
    strmap_put(state->region, names, value->name, graph_index_value(node));
    *ARENA_PUSH(state->region, *list, *count, *capacity) = node;
}

static void add_members(resolver *state, ast_checklist *decl, const ast_list *members,
                        size_t section);

static void add_section(resolver *state, ast_checklist *decl, ast_section *section,
                        size_t parent) {
    graph_checklist *checklist = current_checklist(state);
    for (size_t index = 0; index < checklist->section_count; index++) {
        const ast_section *other = checklist->sections[index].decl;
        if (strcmp(other->name, section->name) != 0) continue;
        report_duplicate(state, state->file, section->where, state->file, other->where,
                         "section", section->name);
        return;
    }
    graph_section *target = ARENA_PUSH(state->region, checklist->sections,
                                       checklist->section_count, checklist->section_capacity);
    target->decl = section;
    target->parent = parent;
    add_members(state, decl, &section->members, checklist->section_count - 1);
}

static void add_members(resolver *state, ast_checklist *decl, const ast_list *members,
                        size_t section) {
    graph_checklist *checklist = current_checklist(state);
    for (size_t index = 0; index < members->count; index++) {
        ast_member *member = members->items[index];
        switch (member->kind) {
        case MEMBER_ITEM:
            ((ast_item *)member->node)->checklist = decl;
            ast_list_push(state->region, &decl->items, member->node);
            add_item(state, member->node, section);
            break;
        case MEMBER_SECTION: add_section(state, decl, member->node, section); break;
        case MEMBER_VALUE:
            ((ast_value *)member->node)->checklist = decl;
            ast_list_push(state->region, &decl->values, member->node);
            add_value(state, member->node, &checklist->value_by_name, &checklist->values,
                      &checklist->value_count, &checklist->value_capacity);
            break;
        case MEMBER_SCALE:
            if (decl->scale_name) {
                diagnostic *record = report(state, DIAG_TK0208, member->where,
                                            "the checklist's default scale is given twice");
                diag_set_help(state->diags, record, "keep one `scale NAME` line");
            } else if (section != NO_INDEX) {
                diagnostic *record = report(state, DIAG_TK0101, member->where,
                                            "a default scale belongs to the checklist");
                diag_set_help(state->diags, record,
                              "move `scale NAME` to the checklist, or give the items their own");
            }
            decl->scale_name = member->name;
            decl->scale_span = member->where;
            break;
        case MEMBER_SOURCE: decl->source_ref = member->text; break;
        }
    }
}

static void resolve_checklist(resolver *state, ast_checklist *decl) {
    tk_graph *graph = state->graph;
    size_t existing = graph_lookup(&graph->checklist_by_name, decl->name);
    if (existing != NO_INDEX) {
        const ast_checklist *first = graph->checklists[existing].decl;
        report_duplicate(state, decl->file, decl->where, first->file, first->where, "checklist",
                         decl->name);
        return;
    }
    graph_checklist *checklist = ARENA_PUSH(state->region, graph->checklists,
                                            graph->checklist_count, state->checklist_capacity);
    memset(checklist, 0, sizeof *checklist);
    checklist->decl = decl;
    checklist->name = decl->name;
    state->checklist = graph->checklist_count - 1;
    strmap_put(state->region, &graph->checklist_by_name, decl->name,
               graph_index_value(state->checklist));
    add_members(state, decl, &decl->members, NO_INDEX);
    const graph_scale *default_scale =
        decl->scale_name ? find_scale(state, decl->scale_name, decl->scale_span) : NULL;
    for (size_t index = 0; index < checklist->item_count; index++) {
        graph_item *item = graph->nodes[checklist->items[index]].item;
        item->scale = item_scale(state, item->decl, decl, default_scale);
    }
}

static const gexpr *lower_expr(resolver *state, const ast_expr *expr);
static const gexpr *lower_expr_here(resolver *state, const ast_expr *expr);

/* {=== stage ladders ===} */

static size_t stage_position(const ast_stages *decl, const char *id) {
    for (size_t index = 0; index < decl->stages.count; index++)
        if (strcmp(((const ast_stage *)decl->stages.items[index])->id, id) == 0) return index;
    return NO_INDEX;
}

static size_t find_stage(resolver *state, const ast_stages *decl, const char *id, span where) {
    size_t position = stage_position(decl, id);
    if (position != NO_INDEX) return position;
    diagnostic *record = report(state, DIAG_TK0212, where, "stages '%s' have no stage '%s'",
                                decl->name, id);
    suggestion best;
    suggest_begin(&best, id);
    for (size_t index = 0; index < decl->stages.count; index++)
        suggest_consider(&best, ((const ast_stage *)decl->stages.items[index])->id);
    help_with_suggestion(state, record, &best, NULL);
    return NO_INDEX;
}

static void check_stage_ids(resolver *state, const ast_stages *decl) {
    for (size_t index = 0; index < decl->stages.count; index++) {
        const ast_stage *stage = decl->stages.items[index];
        size_t first = stage_position(decl, stage->id);
        if (first == index) continue;
        const ast_stage *other = decl->stages.items[first];
        report_duplicate(state, decl->file, stage->where, decl->file, other->where, "stage",
                         stage->id);
    }
}

/* A during-stage spans two stages of the ladder, in ladder order. */
static void resolve_during(resolver *state, const ast_stages *decl, graph_stage *stage) {
    const ast_stage *ast = stage->decl;
    stage->is_during = true;
    stage->during_from = find_stage(state, decl, ast->during_from, ast->during_span);
    stage->during_to = find_stage(state, decl, ast->during_to, ast->during_span);
    if (stage->during_from == NO_INDEX || stage->during_to == NO_INDEX) return;
    const ast_stage *from = decl->stages.items[stage->during_from];
    const ast_stage *to = decl->stages.items[stage->during_to];
    if (from->during_from || to->during_from || stage->during_from > stage->during_to) {
        diagnostic *record = report(state, DIAG_TK0212, ast->during_span,
                                    "'during %s .. %s' is no range of the ladder", ast->during_from,
                                    ast->during_to);
        diag_set_help(state->diags, record,
                      "name two ladder stages, the earlier first, as in during \"3\" .. \"4\"");
    }
}

static void add_ladder(resolver *state, ast_stages *decl) {
    size_t existing = graph_lookup(&state->graph->ladder_by_name, decl->name);
    if (existing != NO_INDEX) {
        const graph_node *first = &state->graph->nodes[existing];
        report_duplicate(state, decl->file, decl->where, first->file, first->where, "stages",
                         decl->name);
        return;
    }
    state->file = decl->file;
    check_stage_ids(state, decl);
    graph_stages *ladder = ARENA_NEW(state->region, graph_stages);
    ladder->decl = decl;
    ladder->stage_count = decl->stages.count;
    ladder->stages = arena_calloc(state->region, decl->stages.count + 1, sizeof(graph_stage));
    for (size_t index = 0; index < decl->stages.count; index++) {
        ladder->stages[index].decl = decl->stages.items[index];
        if (ladder->stages[index].decl->during_from)
            resolve_during(state, decl, &ladder->stages[index]);
    }
    ladder->starts = arena_calloc(state->region, decl->starts.count + 1, sizeof(graph_stage_start));
    for (size_t index = 0; index < decl->starts.count; index++) {
        const ast_stage_start *start = decl->starts.items[index];
        size_t stage = find_stage(state, decl, start->stage, start->where);
        ladder->starts[index].stage = stage;
        if (stage != NO_INDEX && ladder->stages[stage].is_during) {
            diagnostic *record = report(state, DIAG_TK0212, start->where,
                                        "'start' names '%s', a stage that runs during others",
                                        start->stage);
            diag_set_help(state->diags, record, "start at a stage of the ladder itself");
        }
    }
    ladder->start_count = decl->starts.count;
    size_t node = add_node(state, NODE_STAGES, decl->name, decl->where);
    state->graph->nodes[node].stages = ladder;
    decl->node = node;
    strmap_put(state->region, &state->graph->ladder_by_name, decl->name, graph_index_value(node));
    *ARENA_PUSH(state->region, state->graph->ladders, state->graph->ladder_count,
                state->ladder_capacity) = node;
}

static void lower_ladder(resolver *state, graph_stages *ladder) {
    for (size_t index = 0; index < ladder->stage_count; index++) {
        const ast_expr *condition = ladder->stages[index].decl->enter_when;
        if (condition) ladder->stages[index].enter_when = lower_expr(state, condition);
    }
    for (size_t index = 0; index < ladder->start_count; index++) {
        const ast_stage_start *start = ladder->decl->starts.items[index];
        ladder->starts[index].condition = lower_expr(state, start->condition);
    }
}

/* {=== expressions ===} */

static gexpr *new_gexpr(resolver *state, gexpr_kind kind, span where) {
    gexpr *lowered = ARENA_NEW(state->region, gexpr);
    lowered->kind = kind;
    lowered->where = where;
    lowered->file = state->file;
    lowered->node = NO_INDEX;
    lowered->option = -1;
    return lowered;
}

static size_t find_checklist(resolver *state, const char *name, span where) {
    size_t index = graph_lookup(&state->graph->checklist_by_name, name);
    if (index != NO_INDEX) return index;
    diagnostic *record = report(state, DIAG_TK0206, where, "unknown checklist '%s'", name);
    suggestion best;
    suggest_begin(&best, name);
    suggest_from_map(&best, &state->graph->checklist_by_name);
    help_with_suggestion(state, record, &best, NULL);
    return NO_INDEX;
}

/* A name in an expression: a value of this checklist, a module value, a fact. */
static gexpr *lower_name(resolver *state, const ast_expr *expr) {
    tk_graph *graph = state->graph;
    size_t node = NO_INDEX;
    if (expr->qualifier) {
        size_t checklist = find_checklist(state, expr->qualifier, expr->where);
        if (checklist == NO_INDEX) return NULL;
        node = graph_lookup(&graph->checklists[checklist].value_by_name, expr->name);
    } else {
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
    diagnostic *record = report(state, DIAG_TK0202, expr->name_span, "unknown name '%s'",
                                expr->name);
    suggestion best;
    suggest_begin(&best, expr->name);
    if (expr->qualifier) {
        size_t checklist = graph_lookup(&graph->checklist_by_name, expr->qualifier);
        suggest_from_map(&best, &graph->checklists[checklist].value_by_name);
    } else {
        if (state->checklist != NO_INDEX)
            suggest_from_map(&best, &current_checklist(state)->value_by_name);
        suggest_from_map(&best, &graph->value_by_name);
        suggest_from_map(&best, &graph->fact_by_name);
    }
    help_with_suggestion(state, record, &best,
                         "declare it as a fact, or as a value with let or score");
    return NULL;
}

/* gate NAME or gate CHECKLIST.NAME: a name that must denote a gate. */
static gexpr *lower_gate(resolver *state, const ast_expr *expr) {
    gexpr *lowered = lower_name(state, expr);
    if (!lowered) return NULL;
    if (state->graph->nodes[lowered->node].kind == NODE_GATE) return lowered;
    diagnostic *record = report(state, DIAG_TK0301, expr->name_span, "'%s' is not a gate",
                                expr->name);
    diag_set_help(state->diags, record, "drop the word 'gate', or name a gate");
    return NULL;
}

static size_t find_item(resolver *state, const char *qualifier, const char *id, span where) {
    size_t checklist = state->checklist;
    if (qualifier) {
        checklist = find_checklist(state, qualifier, where);
        if (checklist == NO_INDEX) return NO_INDEX;
    } else if (checklist == NO_INDEX) {
        diagnostic *record = report(state, DIAG_TK0203, where,
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
    suggest_from_map(&best, &target->item_by_id);
    help_with_suggestion(state, record, &best, NULL);
    return NO_INDEX;
}

/* An option by key, or by one of its labels or aliases (as answers name them). */
static int option_index(const graph_scale *scale, const char *word) {
    for (size_t index = 0; index < scale->option_count; index++)
        if (strcmp(scale->options[index].key, word) == 0) return (int)index;
    for (size_t index = 0; index < scale->option_count; index++) {
        const graph_option *option = &scale->options[index];
        for (size_t variant = 0; variant < option->label->count; variant++)
            if (strcmp(option->label->variants[variant].text, word) == 0) return (int)index;
        for (size_t alias = 0; alias < option->aliases->count; alias++)
            if (strcmp(((const ast_alias *)option->aliases->items[alias])->text, word) == 0)
                return (int)index;
    }
    return -1;
}

static int find_option(resolver *state, const graph_scale *scale, const char *key, span where,
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
    help_with_suggestion(state, record, &best, "compare with an option key of the item's scale");
    return -1;
}

static int find_enum_member(resolver *state, const ast_fact *fact, const char *member,
                            span where) {
    for (size_t index = 0; index < fact->enum_members.count; index++)
        if (strcmp(fact->enum_members.items[index], member) == 0) return (int)index;
    diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0204, state->file,
                                     where.start, where.end,
                                     "fact '%s' has no value '%s'", fact->name, member);
    suggestion best;
    suggest_begin(&best, member);
    for (size_t index = 0; index < fact->enum_members.count; index++)
        suggest_consider(&best, fact->enum_members.items[index]);
    help_with_suggestion(state, record, &best, NULL);
    return -1;
}

/* operand is KEY: an item's option, or an enum fact's member. */
static gexpr *lower_is(resolver *state, const ast_expr *expr) {
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
            int member = find_enum_member(state, node->fact->decl, expr->option_key,
                                          expr->option_span);
            if (member < 0) return NULL;
            gexpr *lowered = new_gexpr(state, G_FACT_IS, expr->where);
            lowered->node = name->node;
            lowered->option = member;
            return lowered;
        }
    }
    diagnostic *record = report(state, DIAG_TK0301, operand->where,
                                "'is' compares an item or an enum fact with one of its options");
    diag_set_help(state->diags, record, "write item \"ID\" is OPTION, or FACT is VALUE");
    return NULL;
}

/* The item nodes an aggregate runs over; a fresh array per aggregate. */
static bool select_items(resolver *state, const ast_aggregate *aggregate, gaggregate *target) {
    const size_t *items = NULL;
    size_t count = 0;
    if (aggregate->selection == SELECT_CHECKLIST) {
        size_t checklist = find_checklist(state, aggregate->selection_name,
                                          aggregate->selection_span);
        if (checklist == NO_INDEX) return false;
        items = state->graph->checklists[checklist].items;
        count = state->graph->checklists[checklist].item_count;
    } else if (state->checklist == NO_INDEX) {
        diagnostic *record = report(state, DIAG_TK0206, aggregate->selection_span,
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
            suggest_consider(&best, checklist->sections[index].decl->name);
            if (strcmp(checklist->sections[index].decl->name, aggregate->selection_name) == 0)
                found = index;
        }
        if (found == NO_INDEX) {
            diagnostic *record = report(state, DIAG_TK0205, aggregate->selection_span,
                                        "unknown section '%s'", aggregate->selection_name);
            char *names = "";
            for (size_t index = 0; index < checklist->section_count; index++)
                names = arena_printf(state->region, "%s%s%s", names, index ? ", " : "",
                                     checklist->sections[index].decl->name);
            help_with_suggestion(state, record, &best,
                                 checklist->section_count
                                     ? arena_printf(state->region, "the sections of '%s' are %s",
                                                    checklist->name, names)
                                     : "the checklist has no sections");
            return false;
        }
        items = checklist->sections[found].items;
        count = checklist->sections[found].item_count;
    }
    target->items = arena_calloc(state->region, count + 1, sizeof(size_t));
    if (count) memcpy(target->items, items, count * sizeof(size_t));
    target->item_count = count;
    return true;
}

static bool lower_element(resolver *state, const ast_aggregate *aggregate, gaggregate *target) {
    if (aggregate->element == ELEMENT_ATTRIBUTE) {
        for (size_t index = 0; index < 3; index++)
            if (strcmp(aggregate->attribute, attribute_names[index]) == 0) {
                target->attribute = (item_attribute)index;
                return true;
            }
        diagnostic *record = report(state, DIAG_TK0210, aggregate->attribute_span,
                                    "items have no attribute '%s'", aggregate->attribute);
        suggestion best;
        suggest_begin(&best, aggregate->attribute);
        for (size_t index = 0; index < 3; index++) suggest_consider(&best, attribute_names[index]);
        help_with_suggestion(state, record, &best, "the attributes are points, max and weight");
        return false;
    }
    if (aggregate->element != ELEMENT_IS) return true;
    target->options = arena_calloc(state->region, target->item_count + 1, sizeof(int));
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

static gexpr *lower_aggregate(resolver *state, const ast_expr *expr) {
    const ast_aggregate *aggregate = &expr->aggregate;
    gexpr *lowered = new_gexpr(state, G_AGGREGATE, expr->where);
    size_t function = 0;
    while (function < 6 && strcmp(aggregate->function, aggregate_names[function]) != 0)
        function++;
    if (function == 6) {
        diagnostic *record = report(state, DIAG_TK0209, aggregate->function_span,
                                    "unknown function '%s'", aggregate->function);
        suggestion best;
        suggest_begin(&best, aggregate->function);
        for (size_t index = 0; index < 6; index++) suggest_consider(&best, aggregate_names[index]);
        help_with_suggestion(state, record, &best,
                             "the functions are sum, count, all, any, min and max");
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

/* Lower an expression in the file it is written in (a variant's changes are
   written in another file than the module they change). */
static const gexpr *lower_expr(resolver *state, const ast_expr *expr) {
    const source *outer_file = state->file;
    if (expr->file) state->file = expr->file;
    const gexpr *lowered = lower_expr_here(state, expr);
    state->file = outer_file;
    return lowered;
}

static const gexpr *lower_expr_here(resolver *state, const ast_expr *expr) {
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
        lowered->string = expr->name;
        return lowered;
    case EXPR_NAME: return lower_name(state, expr);
    case EXPR_GATE: return lower_gate(state, expr);
    case EXPR_STAGE: {
        diagnostic *record = report(state, DIAG_TK0301, expr->where,
                                    "a stage ladder is not a value");
        diag_set_help(state->diags, record,
                      "in a test, check the current stage with: expect stage NAME is STAGE");
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
static const gexpr *lower_fact_default(resolver *state, const ast_fact *fact) {
    const ast_expr *value = fact->default_value;
    if (!value) return NULL;
    if (fact->type == FACT_ENUM && value->kind == EXPR_NAME && !value->qualifier) {
        int member = find_enum_member(state, fact, value->name, value->where);
        if (member < 0) return NULL;
        gexpr *lowered = new_gexpr(state, G_NUMBER, value->where);
        lowered->number = member;
        lowered->type = TYPE_ENUM;
        lowered->enum_members = &fact->enum_members;
        return lowered;
    }
    if (value->kind == EXPR_NAME) {
        diagnostic *record = report(state, DIAG_TK0301, value->where,
                                    "a default must be a literal, not the name '%s'", value->name);
        diag_set_help(state->diags, record, "write true, false, a number or a \"string\"");
        return NULL;
    }
    return lower_expr(state, value);
}

static void lower_item(resolver *state, graph_item *item) {
    const ast_item *decl = item->decl;
    item->exclusions = arena_calloc(state->region, decl->exclusions.count + 1,
                                    sizeof(graph_exclusion));
    for (size_t index = 0; index < decl->exclusions.count; index++) {
        const ast_exclusion *exclusion = decl->exclusions.items[index];
        const gexpr *condition = lower_expr(state, exclusion->condition);
        if (!condition) continue;
        item->exclusions[item->exclusion_count].condition = condition;
        item->exclusions[item->exclusion_count].reason = &exclusion->reason;
        item->exclusion_count++;
    }
    item->only_when = arena_calloc(state->region, decl->only_when.count + 1, sizeof(gexpr *));
    for (size_t index = 0; index < decl->only_when.count; index++) {
        const gexpr *condition = lower_expr(state, decl->only_when.items[index]);
        if (condition) item->only_when[item->only_when_count++] = condition;
    }
}

static void lower_all(resolver *state) {
    tk_graph *graph = state->graph;
    for (size_t index = 0; index < graph->node_count; index++) {
        graph_node *node = &graph->nodes[index];
        state->checklist = node->checklist;
        state->file = node->file;
        switch (node->kind) {
        case NODE_FACT: node->fact->default_value = lower_fact_default(state, node->fact->decl); break;
        case NODE_ITEM: lower_item(state, node->item); break;
        case NODE_VALUE:
        case NODE_GATE: node->expr = lower_expr(state, node->value_decl->expr); break;
        case NODE_STAGES: lower_ladder(state, node->stages); break;
        }
    }
}

void resolve_modules(tk_graph *graph, const module_set *modules, diag_list *diags) {
    resolver state = {0};
    state.region = &graph->region;
    state.diags = diags;
    state.graph = graph;
    state.modules = modules;
    state.checklist = NO_INDEX;
    ast_module *root = modules->modules[0];
    state.file = root->file;
    graph->module = root->name ? root->name : "";
    resolve_imports(&state, root);
    state.file = root->file;
    for (size_t index = 0; index < root->scales.count; index++)
        add_scale(&state, root->scales.items[index]);
    for (size_t index = 0; index < root->facts.count; index++)
        add_fact(&state, root->facts.items[index]);
    state.file = root->file;
    for (size_t index = 0; index < root->checklists.count; index++)
        resolve_checklist(&state, root->checklists.items[index]);
    state.checklist = NO_INDEX;
    for (size_t index = 0; index < root->values.count; index++)
        add_value(&state, root->values.items[index], &graph->value_by_name, &graph->values,
                  &graph->value_count, &state.value_capacity);
    for (size_t index = 0; index < root->stages.count; index++)
        add_ladder(&state, root->stages.items[index]);
    lower_all(&state);
}

const gexpr *resolve_expression(tk_graph *graph, const ast_expr *expr, const source *file,
                                diag_list *diags) {
    resolver state = {0};
    state.region = &graph->region;
    state.diags = diags;
    state.graph = graph;
    state.checklist = NO_INDEX;
    state.file = file;
    return lower_expr(&state, expr);
}
