/*
 * resolve.c — declarations into graph nodes, binding names. Scales and facts
 * come from the root module and the modules it imports; checklists, their
 * sections, items and values, stage ladders and bands come from the root module.
 * Every unknown name is reported with the closest known one; every
 * duplicate with where the first one stands. What a node needs later (its
 * texts, labels, tags, references) is copied into the graph here; its
 * expressions are lowered by lower_expr.c once every name is known.
 */
#include "lang/lower.h"

#include <string.h>

#include "base/suggest.h"

/* The first definition of a node, as a duplicate's report points at it. */
static void report_node_duplicate(lowering *state, span where, size_t first, const char *what,
                                  const char *name) {
    const graph_node *node = &state->graph->nodes[first];
    lower_report_duplicate(state, state->file, where, lowering_source(state, node->place),
                           node->place.where, what, name);
}

/* {=== nodes ===} */

/* A new node for a declaration (kept beside it until its expressions are
   lowered). */
static size_t add_node(lowering *state, node_kind kind, const char *name, span where,
                       const void *decl) {
    tk_graph *graph = state->graph;
    size_t decl_capacity = state->node_capacity;
    state->node_decls = arena_grow(state->scratch, state->node_decls, &decl_capacity,
                                   graph->node_count + 1, sizeof *state->node_decls);
    state->node_decls[graph->node_count] = decl;
    graph_node *node = ARENA_PUSH(&graph->region, graph->nodes, graph->node_count,
                                  state->node_capacity);
    memset(node, 0, sizeof *node);
    node->kind = kind;
    node->name = lower_string(state, name);
    node->checklist = state->checklist;
    node->place = lower_place(state, state->file, where);
    return graph->node_count - 1;
}

/* {=== scales ===} */

/* Answers match options by key, label and alias; each must name one option. */
static void check_option_words(lowering *state, const ast_scale *decl, strmap *words,
                               const char *word, span where, const ast_option *option) {
    const ast_option *other = strmap_put(state->scratch, words, word, (void *)option);
    if (other == option) return;
    diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0208, decl->file,
                                     where.start, where.end,
                                     "'%s' names two options of the scale", word);
    diag_add_note(state->diags, record, decl->file, other->where.start, other->where.end,
                  "option '%s' has it too", other->key);
    diag_set_help(state->diags, record, "an answer must name one option; drop one of them");
}

static void check_option_points(lowering *state, const ast_scale *decl, size_t index) {
    const ast_option *option = decl->options.items[index];
    for (size_t earlier = 0; earlier < index; earlier++) {
        const ast_option *other = decl->options.items[earlier];
        if (!decimal_equal(other->points, option->points)) continue;
        diagnostic *record = diag_report(state->diags, SEVERITY_WARNING, DIAG_TK0303,
            decl->file, option->where.start, option->where.end,
            "options '%s' and '%s' have the same points", other->key, option->key);
        diag_set_help(state->diags, record,
                      "answers cannot name these options by points; use their keys or labels");
        return;
    }
}

static graph_names alias_texts(lowering *state, const ast_option *option) {
    const char **texts = arena_calloc(&state->graph->region, option->aliases.count + 1,
                                      sizeof(char *));
    for (size_t index = 0; index < option->aliases.count; index++)
        texts[index] = lower_string(state, ((const ast_alias *)option->aliases.items[index])->text);
    return (graph_names){texts, option->aliases.count};
}

static void copy_option(lowering *state, const ast_scale *decl, const ast_option *option,
                        strmap *words, graph_option *target) {
    target->key = lower_string(state, option->key);
    target->points = option->points;
    target->label = lower_text(state, &option->label);
    target->aliases = alias_texts(state, option);
    check_option_words(state, decl, words, option->key, option->where, option);
    for (size_t variant = 0; variant < option->label.count; variant++)
        check_option_words(state, decl, words, option->label.variants[variant].text,
                           option->label.where, option);
    for (size_t alias = 0; alias < option->aliases.count; alias++) {
        const ast_alias *entry = option->aliases.items[alias];
        check_option_words(state, decl, words, entry->text, entry->where, option);
    }
}

static graph_scale *build_scale(lowering *state, const ast_scale *decl) {
    tk_graph *graph = state->graph;
    graph_scale *scale = ARENA_NEW(&graph->region, graph_scale);
    scale->name = lower_string(state, decl->name);
    scale->options = arena_calloc(&graph->region, decl->options.count + 1, sizeof(graph_option));
    if (decl->options.count == 0 && !decl->after_syntax_error) {
        diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0304, decl->file,
                                         decl->where.start, decl->where.end,
                                         "the scale has no options");
        diag_set_help(state->diags, record, "add options: KEY POINTS \"label\"");
    }
    strmap words = {0}, keys = {0};
    for (size_t index = 0; index < decl->options.count; index++) {
        const ast_option *option = decl->options.items[index];
        const ast_option *first = strmap_put(state->scratch, &keys, option->key, (void *)option);
        if (first != option) {
            lower_report_duplicate(state, decl->file, option->where, decl->file, first->where,
                                   "option", option->key);
            continue;
        }
        copy_option(state, decl, option, &words, &scale->options[scale->option_count++]);
        check_option_points(state, decl, index);
    }
    graph_index_scale(&graph->region, scale);
    *ARENA_PUSH(&graph->region, graph->scales, graph->scale_count, state->scale_capacity) = scale;
    return scale;
}

static void add_scale(lowering *state, const ast_scale *decl) {
    const ast_scale *first = strmap_put(state->scratch, &state->scale_decls, decl->name,
                                        (void *)decl);
    if (first != decl) {
        lower_report_duplicate(state, decl->file, decl->where, first->file, first->where,
                               "scale", decl->name);
        return;
    }
    strmap_put(state->scratch, &state->scales, decl->name, build_scale(state, decl));
}

/* {=== facts ===} */

static value_type fact_value_type(fact_type type) {
    switch (type) {
    case FACT_BOOL: return TYPE_BOOL;
    case FACT_NUMBER: return TYPE_NUMBER;
    case FACT_STRING: return TYPE_STRING;
    case FACT_DATE: return TYPE_DATE;
    case FACT_ENUM: break;
    }
    return TYPE_ENUM;
}

static void check_enum_members(lowering *state, const ast_fact *decl) {
    for (size_t member = 1; member < decl->enum_members.count; member++)
        for (size_t earlier = 0; earlier < member; earlier++)
            if (!strcmp(decl->enum_members.items[member], decl->enum_members.items[earlier])) {
                diagnostic *record = lower_report(state, DIAG_TK0208, decl->where,
                                                  "fact '%s' lists the value '%s' twice",
                                                  decl->name,
                                                  (const char *)decl->enum_members.items[member]);
                diag_set_help(state->diags, record, "list each value once");
                break;
            }
}

static void add_fact(lowering *state, const ast_fact *decl) {
    tk_graph *graph = state->graph;
    state->file = decl->file;
    size_t existing = graph_lookup(&graph->fact_by_name, decl->name);
    if (existing != NO_INDEX) {
        report_node_duplicate(state, decl->where, existing, "fact", decl->name);
        return;
    }
    size_t node = add_node(state, NODE_FACT, decl->name, decl->where, decl);
    graph_fact *fact = ARENA_NEW(&graph->region, graph_fact);
    fact->type = fact_value_type(decl->type);
    fact->fixed = decl->fixed;
    fact->description = lower_text(state, &decl->description);
    graph->nodes[node].fact = fact;
    graph->nodes[node].type = fact->type;
    check_enum_members(state, decl);
    if (fact->type == TYPE_ENUM) {
        graph_names *members = ARENA_NEW(&graph->region, graph_names);
        *members = lower_names(state, &decl->enum_members);
        graph->nodes[node].enum_members = members;
        *ARENA_PUSH(&graph->region, graph->enums, graph->enum_count, state->enum_capacity) =
            members;
    }
    strmap_put(&graph->region, &graph->fact_by_name, graph->nodes[node].name,
               graph_index_value(node));
    *ARENA_PUSH(&graph->region, graph->facts, graph->fact_count, state->fact_capacity) = node;
}

/* {=== imports: which scales and facts a module brings ===} */

static bool import_wants(const ast_import *import, const char *name) {
    if (import->names.count == 0) return true;
    for (size_t index = 0; index < import->names.count; index++)
        if (strcmp(import->names.items[index], name) == 0) return true;
    return false;
}

static void check_import_names(lowering *state, const ast_module *root,
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
        lower_help(state, record, &best, NULL);
    }
}

static void resolve_imports(lowering *state, const module_set *modules, const ast_module *root) {
    for (size_t index = 0; index < root->imports.count; index++) {
        const ast_import *import = root->imports.items[index];
        const ast_module *imported = modules_find(modules, import->module);
        if (!imported) { /* reported by the loader; do not report its names again */
            for (size_t name = 0; name < import->names.count; name++)
                strmap_put(state->scratch, &state->unloaded_names, import->names.items[name],
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

static graph_checklist *current_checklist(lowering *state) {
    return &state->graph->checklists[state->checklist];
}

/* A scale by name, reported where it is named when unknown. */
static const graph_scale *find_scale(lowering *state, const char *name, span where) {
    const graph_scale *scale = strmap_get(&state->scales, name);
    if (scale || strmap_get(&state->unloaded_names, name)) return scale;
    diagnostic *record = lower_report(state, DIAG_TK0201, where, "unknown scale '%s'", name);
    suggestion best;
    suggest_begin(&best, name);
    lower_suggest_from_map(&best, &state->scales);
    lower_help(state, record, &best,
                         "define it with `scale NAME { … }` or import it");
    return NULL;
}

/* An item's scale: its own options, its own `scale NAME`, or the checklist's
   default (looked up once, in resolve_checklist). */
static const graph_scale *item_scale(lowering *state, const ast_item *item,
                                     const ast_checklist *checklist,
                                     const graph_scale *default_scale) {
    if (item->options) return build_scale(state, item->options);
    if (item->scale_name) return find_scale(state, item->scale_name, item->scale_span);
    if (checklist->scale_name) return default_scale; /* NULL: reported once already */
    diagnostic *record = lower_report(state, DIAG_TK0302, item->where,
                                      "item '%s' has no options", item->id);
    diag_set_help(state->diags, record,
                  "give the item `scale NAME` or `options { … }`, or give the checklist "
                  "a default `scale NAME`");
    return NULL;
}

static graph_ref *copy_refs(lowering *state, const ast_item *item) {
    graph_ref *refs = arena_calloc(&state->graph->region, item->refs.count + 1, sizeof *refs);
    for (size_t index = 0; index < item->refs.count; index++) {
        const ast_ref *ref = item->refs.items[index];
        refs[index].relation = ref->relation;
        refs[index].framework = lower_string(state, ref->framework);
        refs[index].control = lower_string(state, ref->control);
    }
    return refs;
}

/* The texts, tags and references of an item, copied into the graph. */
static graph_item *copy_item(lowering *state, const ast_item *item, size_t section) {
    graph_item *target = ARENA_NEW(&state->graph->region, graph_item);
    target->weight = item->weight;
    target->section = section;
    target->counted_option = -1;
    target->text = lower_text(state, &item->text);
    target->label = lower_text(state, &item->label);
    target->question = lower_text(state, &item->question);
    target->note = lower_text(state, &item->note);
    target->source_ref = lower_text(state, &item->source_ref);
    target->printed = lower_text(state, &item->printed);
    target->tags = lower_names(state, &item->tags);
    target->refs = copy_refs(state, item);
    target->ref_count = item->refs.count;
    return target;
}

/* A checklist being built: the capacities of its growing arrays, and per
   section where it is written (for duplicate reports). */
typedef struct section_builder {
    span where;
    size_t item_capacity, member_capacity;
} section_builder;

typedef struct checklist_builder {
    size_t item_capacity, section_capacity, value_capacity, member_capacity;
    section_builder *sections;
    size_t section_slots, section_slots_capacity;
} checklist_builder;

static void add_member(lowering *state, checklist_builder *builder, size_t section,
                       graph_member_kind kind, size_t index) {
    graph_checklist *checklist = current_checklist(state);
    graph_member **members = &checklist->members;
    size_t *count = &checklist->member_count, *capacity = &builder->member_capacity;
    if (section != NO_INDEX) {
        members = &checklist->sections[section].members;
        count = &checklist->sections[section].member_count;
        capacity = &builder->sections[section].member_capacity;
    }
    *ARENA_PUSH(&state->graph->region, *members, *count, *capacity) = (graph_member){kind, index};
}

static void add_item(lowering *state, checklist_builder *builder, ast_item *item,
                     size_t section) {
    tk_graph *graph = state->graph;
    graph_checklist *checklist = current_checklist(state);
    size_t existing = graph_lookup(&checklist->item_by_id, item->id);
    item->node = NO_INDEX;
    if (existing != NO_INDEX) {
        report_node_duplicate(state, item->where, existing, "item", item->id);
        return;
    }
    const source *outer_file = state->file;
    if (item->file) state->file = item->file;
    size_t node = add_node(state, NODE_ITEM, item->id, item->where, item);
    state->file = outer_file;
    graph->nodes[node].item = copy_item(state, item, section);
    graph->nodes[node].type = TYPE_NUMBER;
    item->node = node;
    strmap_put(&graph->region, &checklist->item_by_id, graph->nodes[node].name,
               graph_index_value(node));
    *ARENA_PUSH(&graph->region, checklist->items, checklist->item_count,
                builder->item_capacity) = node;
    for (size_t parent = section; parent != NO_INDEX; parent = checklist->sections[parent].parent) {
        graph_section *enclosing = &checklist->sections[parent];
        *ARENA_PUSH(&graph->region, enclosing->items, enclosing->item_count,
                    builder->sections[parent].item_capacity) = node;
    }
    add_member(state, builder, section, G_MEMBER_ITEM, node);
}

static void add_value(lowering *state, ast_value *value, strmap *names, size_t **list,
                      size_t *count, size_t *capacity) {
    tk_graph *graph = state->graph;
    size_t existing = graph_lookup(names, value->name);
    if (existing == NO_INDEX) existing = graph_lookup(&graph->fact_by_name, value->name);
    if (existing != NO_INDEX) {
        report_node_duplicate(state, value->where, existing,
                              value->kind == VALUE_GATE ? "gate" : "value", value->name);
        return;
    }
    const source *outer_file = state->file;
    if (value->file) state->file = value->file;
    size_t node = add_node(state, value->kind == VALUE_GATE ? NODE_GATE : NODE_VALUE,
                           value->name, value->where, value);
    graph_value *target = ARENA_NEW(&graph->region, graph_value);
    target->kind = value->kind;
    target->title = lower_text(state, &value->title);
    target->written =
        value->expr ? lower_written(state, value->expr->file ? value->expr->file : state->file,
                                    value->expr->where)
                    : "";
    if (value->format)
        target->format = (graph_format){true, value->format->decimals, value->format->percent,
                                        lower_text(state, &value->format->unit),
                                        value->format->where};
    state->file = outer_file;
    graph->nodes[node].value = target;
    value->node = node;
    strmap_put(&graph->region, names, graph->nodes[node].name, graph_index_value(node));
    *ARENA_PUSH(&graph->region, *list, *count, *capacity) = node;
}

static void add_members(lowering *state, checklist_builder *builder, ast_checklist *decl,
                        const ast_list *members, size_t section);

/* {=== values of every section ===} */

/* The sections of a body in source order, nested ones after their parent. */
static void collect_sections(lowering *state, const ast_list *members, ast_list *sections) {
    for (size_t index = 0; index < members->count; index++) {
        const ast_member *member = members->items[index];
        if (member->kind != MEMBER_SECTION) continue;
        const ast_section *section = member->node;
        ast_list_push(state->scratch, sections, member->node);
        collect_sections(state, &section->members, sections);
    }
}

/* Whether a name is the name of a value declared for every section. */
static bool every_section_name(const ast_list *members, const char *name) {
    for (size_t index = 0; index < members->count; index++) {
        const ast_member *member = members->items[index];
        if (member->kind == MEMBER_SECTION &&
            every_section_name(&((const ast_section *)member->node)->members, name))
            return true;
        if (member->kind != MEMBER_VALUE) continue;
        const ast_value *value = member->node;
        if (value->every_section && !strcmp(value->name, name)) return true;
    }
    return false;
}

/* The template's expression for one section: `items` selects the section's
   items, and another value of every section is this section's one. */
static ast_expr *expr_for_section(lowering *state, const ast_checklist *decl,
                                  const ast_expr *expr, const char *section) {
    if (!expr) return NULL;
    ast_expr *copy = ARENA_NEW(state->scratch, ast_expr);
    *copy = *expr;
    if (copy->kind == EXPR_AGGREGATE && copy->aggregate.selection == SELECT_ITEMS) {
        copy->aggregate.selection = SELECT_SECTION;
        copy->aggregate.selection_name = section;
    }
    if ((copy->kind == EXPR_NAME || copy->kind == EXPR_GATE) && !copy->qualifier &&
        every_section_name(&decl->members, copy->name))
        copy->name = arena_printf(state->scratch, "%s.%s", section, copy->name);
    copy->left = expr_for_section(state, decl, expr->left, section);
    copy->right = expr_for_section(state, decl, expr->right, section);
    copy->otherwise = expr_for_section(state, decl, expr->otherwise, section);
    copy->aggregate.unanswered_as =
        expr_for_section(state, decl, expr->aggregate.unanswered_as, section);
    return copy;
}

/* A value's title for one section: the section's title, then the value's,
   in each language the value's title has. */
static ast_text title_for_section(lowering *state, const ast_text *title,
                                  const ast_section *section) {
    ast_text joined = *title;
    text_variant *variants = arena_calloc(state->scratch, title->count + 1, sizeof *variants);
    for (size_t index = 0; index < title->count; index++) {
        const char *lang = title->variants[index].lang;
        const char *heading = ast_text_pick(&section->title, lang ? lang : "ja");
        variants[index].lang = lang;
        variants[index].text = arena_printf(state->scratch, "%s %s",
                                            heading ? heading : section->name,
                                            title->variants[index].text);
    }
    joined.variants = variants;
    return joined;
}

/* `score every section NAME = …`: a value SECTION.NAME for each section of
   the checklist, nested ones included, in the order the sections are written. */
static void add_every_section(lowering *state, checklist_builder *builder, ast_checklist *decl,
                              ast_value *template) {
    graph_checklist *checklist = current_checklist(state);
    ast_list sections = {0};
    collect_sections(state, &decl->members, &sections);
    for (size_t index = 0; index < sections.count; index++) {
        const ast_section *section = sections.items[index];
        ast_value *value = ARENA_NEW(state->scratch, ast_value);
        *value = *template;
        value->every_section = false;
        value->section_copy = true;
        value->name = arena_printf(state->scratch, "%s.%s", section->name, template->name);
        value->title = title_for_section(state, &template->title, section);
        value->expr = expr_for_section(state, decl, template->expr, section->name);
        value->checklist = decl;
        ast_list_push(state->scratch, &decl->values, value);
        add_value(state, value, &checklist->value_by_name, &checklist->values,
                  &checklist->value_count, &builder->value_capacity);
    }
}

static void add_section(lowering *state, checklist_builder *builder, ast_checklist *decl,
                        ast_section *section, size_t parent) {
    graph_checklist *checklist = current_checklist(state);
    for (size_t index = 0; index < checklist->section_count; index++) {
        if (strcmp(checklist->sections[index].name, section->name) != 0) continue;
        lower_report_duplicate(state, state->file, section->where, state->file,
                               builder->sections[index].where, "section", section->name);
        return;
    }
    graph_section *target = ARENA_PUSH(&state->graph->region, checklist->sections,
                                       checklist->section_count, builder->section_capacity);
    memset(target, 0, sizeof *target);
    target->name = lower_string(state, section->name);
    target->title = lower_text(state, &section->title);
    target->parent = parent;
    target->weight = decimal_from_int(1);
    size_t index = checklist->section_count - 1;
    section_builder *slot = ARENA_PUSH(state->scratch, builder->sections, builder->section_slots,
                                       builder->section_slots_capacity);
    memset(slot, 0, sizeof *slot);
    slot->where = section->where;
    add_member(state, builder, parent, G_MEMBER_SECTION, index);
    add_members(state, builder, decl, &section->members, index);
}

static void set_default_scale(lowering *state, ast_checklist *decl, const ast_member *member,
                              size_t section) {
    if (decl->scale_name) {
        diagnostic *record = lower_report(state, DIAG_TK0208, member->where,
                                          "the checklist's default scale is given twice");
        diag_set_help(state->diags, record, "keep one `scale NAME` line");
    } else if (section != NO_INDEX) {
        diagnostic *record = lower_report(state, DIAG_TK0101, member->where,
                                          "a default scale belongs to the checklist");
        diag_set_help(state->diags, record,
                      "move `scale NAME` to the checklist, or give the items their own");
    }
    decl->scale_name = member->name;
    decl->scale_span = member->where;
}

/* `weight N` in a section's body; given twice, the last one counts, as for items. */
static void set_section_weight(lowering *state, const ast_member *member, size_t section) {
    if (section != NO_INDEX) {
        current_checklist(state)->sections[section].weight = member->number;
        return;
    }
    diagnostic *record = lower_report(state, DIAG_TK0101, member->where,
                                      "a weight belongs to a section or an item");
    diag_set_help(state->diags, record,
                  "move `weight N` into a section's body, or into an item's braces");
}

static void add_members(lowering *state, checklist_builder *builder, ast_checklist *decl,
                        const ast_list *members, size_t section) {
    graph_checklist *checklist = current_checklist(state);
    for (size_t index = 0; index < members->count; index++) {
        ast_member *member = members->items[index];
        switch (member->kind) {
        case MEMBER_ITEM:
            ((ast_item *)member->node)->checklist = decl;
            ast_list_push(state->scratch, &decl->items, member->node);
            add_item(state, builder, member->node, section);
            break;
        case MEMBER_SECTION: add_section(state, builder, decl, member->node, section); break;
        case MEMBER_VALUE:
            if (((ast_value *)member->node)->every_section) {
                add_every_section(state, builder, decl, member->node);
                break;
            }
            ((ast_value *)member->node)->checklist = decl;
            ast_list_push(state->scratch, &decl->values, member->node);
            add_value(state, member->node, &checklist->value_by_name, &checklist->values,
                      &checklist->value_count, &builder->value_capacity);
            break;
        case MEMBER_SCALE: set_default_scale(state, decl, member, section); break;
        case MEMBER_SOURCE: decl->source_ref = member->text; break;
        case MEMBER_WEIGHT: set_section_weight(state, member, section); break;
        }
    }
}

static void resolve_checklist(lowering *state, ast_checklist *decl) {
    tk_graph *graph = state->graph;
    const ast_checklist *first = strmap_put(state->scratch, &state->checklist_decls,
                                            decl->name, decl);
    if (first != decl) {
        lower_report_duplicate(state, decl->file, decl->where, first->file, first->where,
                               "checklist", decl->name);
        return;
    }
    graph_checklist *checklist = ARENA_PUSH(&graph->region, graph->checklists,
                                            graph->checklist_count, state->checklist_capacity);
    memset(checklist, 0, sizeof *checklist);
    checklist->name = lower_string(state, decl->name);
    state->checklist = graph->checklist_count - 1;
    strmap_put(&graph->region, &graph->checklist_by_name, checklist->name,
               graph_index_value(state->checklist));
    checklist_builder builder = {0};
    add_members(state, &builder, decl, &decl->members, NO_INDEX);
    checklist = current_checklist(state);
    checklist->title = lower_text(state, &decl->title);
    checklist->source_ref = lower_text(state, &decl->source_ref);
    checklist->scale_name = lower_string(state, decl->scale_name);
    const graph_scale *default_scale =
        decl->scale_name ? find_scale(state, decl->scale_name, decl->scale_span) : NULL;
    for (size_t index = 0; index < decl->items.count; index++) {
        const ast_item *item = decl->items.items[index];
        if (item->node != NO_INDEX)
            graph->nodes[item->node].item->scale = item_scale(state, item, decl, default_scale);
    }
}

size_t resolve_add_node(lowering *state, node_kind kind, const char *name, span where,
                        const void *decl) {
    return add_node(state, kind, name, where, decl);
}

/* {=== stage ladders ===} */

static size_t stage_position(const ast_stages *decl, const char *id) {
    for (size_t index = 0; index < decl->stages.count; index++)
        if (strcmp(((const ast_stage *)decl->stages.items[index])->id, id) == 0) return index;
    return NO_INDEX;
}

static size_t find_stage(lowering *state, const ast_stages *decl, const char *id, span where) {
    size_t position = stage_position(decl, id);
    if (position != NO_INDEX) return position;
    diagnostic *record = lower_report(state, DIAG_TK0212, where,
                                      "stages '%s' have no stage '%s'", decl->name, id);
    suggestion best;
    suggest_begin(&best, id);
    for (size_t index = 0; index < decl->stages.count; index++)
        suggest_consider(&best, ((const ast_stage *)decl->stages.items[index])->id);
    lower_help(state, record, &best, NULL);
    return NO_INDEX;
}

static void check_stage_ids(lowering *state, const ast_stages *decl) {
    for (size_t index = 0; index < decl->stages.count; index++) {
        const ast_stage *stage = decl->stages.items[index];
        size_t first = stage_position(decl, stage->id);
        if (first == index) continue;
        const ast_stage *other = decl->stages.items[first];
        lower_report_duplicate(state, decl->file, stage->where, decl->file, other->where,
                               "stage", stage->id);
    }
}

/* A during-stage spans two stages of the ladder, in ladder order. */
static void resolve_during(lowering *state, const ast_stages *decl, const ast_stage *ast,
                           graph_stage *stage) {
    stage->is_during = true;
    stage->during_from = find_stage(state, decl, ast->during_from, ast->during_span);
    stage->during_to = find_stage(state, decl, ast->during_to, ast->during_span);
    if (stage->during_from == NO_INDEX || stage->during_to == NO_INDEX) return;
    const ast_stage *from = decl->stages.items[stage->during_from];
    const ast_stage *to = decl->stages.items[stage->during_to];
    if (from->during_from || to->during_from || stage->during_from > stage->during_to) {
        diagnostic *record = lower_report(state, DIAG_TK0212, ast->during_span,
                                          "'during %s .. %s' is no range of the ladder",
                                          ast->during_from, ast->during_to);
        diag_set_help(state->diags, record,
                      "name two ladder stages, the earlier first, as in during \"3\" .. \"4\"");
    }
}

static void resolve_starts(lowering *state, const ast_stages *decl, graph_stages *ladder) {
    ladder->starts = arena_calloc(&state->graph->region, decl->starts.count + 1,
                                  sizeof(graph_stage_start));
    for (size_t index = 0; index < decl->starts.count; index++) {
        const ast_stage_start *start = decl->starts.items[index];
        size_t stage = find_stage(state, decl, start->stage, start->where);
        ladder->starts[index].stage = stage;
        if (stage != NO_INDEX && ladder->stages[stage].is_during) {
            diagnostic *record = lower_report(state, DIAG_TK0212, start->where,
                                              "'start' names '%s', a stage that runs during "
                                              "others", start->stage);
            diag_set_help(state->diags, record, "start at a stage of the ladder itself");
        }
    }
    ladder->start_count = decl->starts.count;
}

static void add_ladder(lowering *state, ast_stages *decl) {
    tk_graph *graph = state->graph;
    state->file = decl->file;
    size_t existing = graph_lookup(&graph->ladder_by_name, decl->name);
    if (existing != NO_INDEX) {
        report_node_duplicate(state, decl->where, existing, "stages", decl->name);
        return;
    }
    check_stage_ids(state, decl);
    graph_stages *ladder = ARENA_NEW(&graph->region, graph_stages);
    ladder->title = lower_text(state, &decl->title);
    ladder->stage_count = decl->stages.count;
    ladder->stages = arena_calloc(&graph->region, decl->stages.count + 1, sizeof(graph_stage));
    for (size_t index = 0; index < decl->stages.count; index++) {
        const ast_stage *ast = decl->stages.items[index];
        graph_stage *stage = &ladder->stages[index];
        stage->id = lower_string(state, ast->id);
        stage->title = lower_text(state, &ast->title);
        stage->during_from = stage->during_to = NO_INDEX;
        if (ast->during_from) resolve_during(state, decl, ast, stage);
    }
    resolve_starts(state, decl, ladder);
    size_t node = add_node(state, NODE_STAGES, decl->name, decl->where, decl);
    graph->nodes[node].stages = ladder;
    strmap_put(&graph->region, &graph->ladder_by_name, graph->nodes[node].name,
               graph_index_value(node));
    *ARENA_PUSH(&graph->region, graph->ladders, graph->ladder_count, state->ladder_capacity) =
        node;
}

/* {=== the module ===} */

void resolve_modules(lowering *state, const module_set *modules) {
    tk_graph *graph = state->graph;
    ast_module *root = modules->modules[0];
    state->file = root->file;
    lower_file(state, root->file);
    graph->module = lower_string(state, root->name ? root->name : "");
    resolve_imports(state, modules, root);
    state->file = root->file;
    for (size_t index = 0; index < root->scales.count; index++)
        add_scale(state, root->scales.items[index]);
    for (size_t index = 0; index < root->facts.count; index++)
        add_fact(state, root->facts.items[index]);
    state->file = root->file;
    for (size_t index = 0; index < root->checklists.count; index++)
        resolve_checklist(state, root->checklists.items[index]);
    state->checklist = NO_INDEX;
    state->file = root->file;
    for (size_t index = 0; index < root->values.count; index++)
        add_value(state, root->values.items[index], &graph->value_by_name, &graph->values,
                  &graph->value_count, &state->value_capacity);
    for (size_t index = 0; index < root->stages.count; index++)
        add_ladder(state, root->stages.items[index]);
    for (size_t index = 0; index < root->bands.count; index++)
        resolve_bands(state, root->bands.items[index], &state->band_set_capacity);
}
