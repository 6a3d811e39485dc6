/*
 * diff.c — what changed between two results of the same subject (visit 1
 * and visit 3): the header and register fields, facts, items whose answer
 * changed with the points gained or lost, values old → new with the
 * difference, gates whose status changed, and the current stage of each
 * ladder. The changes of each pair are collected once, into the model of
 * diff.h, which the format's diff writer renders (tk_report_diff, formats.c).
 */
#include <string.h>

#include "report/diff.h"

static diff_change *add_change(diff_set *set, diff_kind kind, size_t node, size_t checklist,
                               const char *name, const char *title) {
    diff_change *added = ARENA_PUSH(&set->new.scratch, set->changes, set->count, set->capacity);
    *added = (diff_change){kind, node, checklist, name, title ? title : "", {0}, {0}, false, {0}};
    return added;
}

/* {=== collecting the changes ===} */

const char *diff_number_text(diff_set *set, decimal number) {
    return report_number(&set->new, number);
}

/* after - before, when both sides are numbers and the difference fits. */
static void set_delta(diff_change *change, diff_side before, diff_side after) {
    change->has_delta = decimal_sub(after.has_number ? after.number : decimal_from_int(0),
                                    before.has_number ? before.number : decimal_from_int(0),
                                    &change->delta);
}

static diff_side value_side(diff_set *set, const report_context *report, size_t node) {
    eval_value value = report->result->values[node];
    const graph_node *decl = &report->graph->nodes[node];
    switch (value.kind) {
    case EV_NUMBER:
        if (decl->type == TYPE_ENUM)
            return (diff_side){decl->enum_members->names[decimal_to_index(value.number)], false,
                               {0}};
        return (diff_side){report_shown_number(&set->new, report_node_format(report, node),
                                               value.number),
                           true, value.number};
    case EV_BOOL: return (diff_side){!decimal_is_zero(value.number) ? "true" : "false", false, {0}};
    case EV_STRING: return (diff_side){value.string, false, {0}};
    case EV_NA: return (diff_side){"n/a", false, {0}};
    default: return (diff_side){"unknown", false, {0}};
    }
}

/* Numbers compare exactly too: two that a shown clause rounds alike differ. */
static bool same_side(diff_side left, diff_side right) {
    if (left.has_number && right.has_number && !decimal_equal(left.number, right.number))
        return false;
    return strcmp(left.text, right.text) == 0;
}

static void compare_header(diff_set *set) {
    const tk_answers *old = set->old.result->answers, *new = set->new.result->answers;
    const char *fields[2 + REGISTER_KEY_COUNT][3] = {
        {"assessed", old->assessed, new->assessed}, {"assessor", old->assessor, new->assessor}};
    for (size_t key = 0; key < REGISTER_KEY_COUNT; key++) {
        fields[2 + key][0] = answers_register_keys[key];
        fields[2 + key][1] = old->register_fields[key];
        fields[2 + key][2] = new->register_fields[key];
    }
    for (size_t index = 0; index < 2 + REGISTER_KEY_COUNT; index++) {
        const char *before = fields[index][1] ? fields[index][1] : "";
        const char *after = fields[index][2] ? fields[index][2] : "";
        if (!strcmp(before, after)) continue;
        diff_change *found =
            add_change(set, DIFF_HEADER, NO_INDEX, NO_INDEX, fields[index][0], NULL);
        found->old.text = before;
        found->new.text = after;
    }
}

static void compare_facts(diff_set *set) {
    const tk_graph *graph = set->new.graph;
    for (size_t index = 0; index < graph->fact_count; index++) {
        size_t node = graph->facts[index];
        diff_side before = value_side(set, &set->old, node);
        diff_side after = value_side(set, &set->new, node);
        if (same_side(before, after)) continue;
        const char *title = report_text(&set->new, &graph->nodes[node].fact->description, "");
        diff_change *found =
            add_change(set, DIFF_FACT, node, NO_INDEX, graph->nodes[node].name, title);
        found->old = before;
        found->new = after;
    }
}

/* An item as one side shows it: the answer's label, the option it is
   counted as, or its state. */
static diff_side item_side(diff_set *set, report_context *report, size_t node) {
    const item_outcome *item = &report->result->items[node];
    if (item->state == STATE_ANSWERED)
        return (diff_side){report_option_label(report, node), true, item->points};
    const char *counted = report_counted_as(report, node);
    if (counted) return (diff_side){counted, true, item->points};
    return (diff_side){set->new.words->state[item->state].brief, false, {0}};
}

static bool item_changed(const diff_set *set, size_t node) {
    const item_outcome *before = &set->old.result->items[node];
    const item_outcome *after = &set->new.result->items[node];
    if (before->state != after->state) return true;
    if (before->state == STATE_ANSWERED || before->state == STATE_NOT_APPLICABLE)
        return before->option != after->option; /* not applicable: the option counted */
    if (before->state != STATE_INVALID) return false;
    const char *old_raw = set->old.result->answers->raw[node];
    const char *new_raw = set->new.result->answers->raw[node];
    return !old_raw || !new_raw || strcmp(old_raw, new_raw) != 0;
}

static void compare_items(diff_set *set, size_t list) {
    const graph_checklist *checklist = &set->new.graph->checklists[list];
    for (size_t index = 0; index < checklist->item_count; index++) {
        size_t node = checklist->items[index];
        if (!item_changed(set, node)) continue;
        const graph_node *item = &set->new.graph->nodes[node];
        const char *label = report_text(&set->new, &item->item->label,
                                        report_text(&set->new, &item->item->text, ""));
        diff_change *found = add_change(set, DIFF_ITEM, node, list, item->name, label);
        found->old = item_side(set, &set->old, node);
        found->new = item_side(set, &set->new, node);
        if (found->old.has_number || found->new.has_number)
            set_delta(found, found->old, found->new);
    }
}

static void compare_values(diff_set *set, const size_t *nodes, size_t count, size_t list) {
    const tk_graph *graph = set->new.graph;
    for (size_t index = 0; index < count; index++) {
        size_t node = nodes[index];
        const graph_node *decl = &graph->nodes[node];
        const char *title = report_text(&set->new, &decl->value->title, "");
        if (decl->kind == NODE_GATE) {
            tk_gate_status before = set->old.result->gates[node].status;
            tk_gate_status after = set->new.result->gates[node].status;
            if (before == after) continue;
            diff_change *found = add_change(set, DIFF_GATE, node, list, decl->name, title);
            found->old.text = report_gate_status_name(before);
            found->new.text = report_gate_status_name(after);
            continue;
        }
        diff_side before = value_side(set, &set->old, node);
        diff_side after = value_side(set, &set->new, node);
        if (same_side(before, after)) continue;
        diff_change *found = add_change(set, DIFF_VALUE, node, list, decl->name, title);
        found->old = before;
        found->new = after;
        if (before.has_number && after.has_number) set_delta(found, before, after);
    }
}

static diff_side stage_side(const diff_set *set, const report_context *report, size_t node) {
    const graph_stages *ladder = report->graph->nodes[node].stages;
    size_t current = report->result->ladders[node].current;
    if (current == NO_INDEX) return (diff_side){set->new.words->diff_no_stage, false, {0}};
    return (diff_side){ladder->stages[current].id, false, {0}};
}

static void compare_stages(diff_set *set) {
    const tk_graph *graph = set->new.graph;
    for (size_t index = 0; index < graph->ladder_count; index++) {
        size_t node = graph->ladders[index];
        diff_side before = stage_side(set, &set->old, node);
        diff_side after = stage_side(set, &set->new, node);
        if (same_side(before, after)) continue;
        const graph_stages *ladder = graph->nodes[node].stages;
        diff_change *found = add_change(set, DIFF_STAGE, node, NO_INDEX, graph->nodes[node].name,
                                   report_text(&set->new, &ladder->title, ""));
        found->old = before;
        found->new = after;
    }
}

/* A band reached, with its label: "B おおむね…"; else pending, n/a or none. */
static diff_side band_side(diff_set *set, const report_context *report, size_t node) {
    int band = eval_band(report->result, node);
    if (band < BAND_FIRST)
        return (diff_side){report_band_name(report, set->new.words, node), false, {0}};
    const graph_band *reached = &report->graph->nodes[node].bands->bands[band - BAND_FIRST];
    const char *label = report_text(&set->new, &reached->title, "");
    return (diff_side){*label ? arena_printf(&set->new.scratch, "%s %s", reached->id, label)
                              : reached->id, false, {0}};
}

static void compare_bands(diff_set *set) {
    const tk_graph *graph = set->new.graph;
    for (size_t index = 0; index < graph->band_set_count; index++) {
        size_t node = graph->band_sets[index];
        diff_side before = band_side(set, &set->old, node);
        diff_side after = band_side(set, &set->new, node);
        if (same_side(before, after)) continue;
        const graph_text *title = &graph->nodes[node].bands->title;
        diff_change *found = add_change(set, DIFF_BAND, node, NO_INDEX, graph->nodes[node].name,
                                        report_text(&set->new, title, ""));
        found->old = before;
        found->new = after;
    }
}

static void collect(diff_set *set) {
    const tk_graph *graph = set->new.graph;
    compare_header(set);
    compare_facts(set);
    for (size_t list = 0; list < graph->checklist_count; list++) {
        compare_items(set, list);
        compare_values(set, graph->checklists[list].values, graph->checklists[list].value_count,
                       list);
    }
    compare_values(set, graph->values, graph->value_count, NO_INDEX);
    compare_stages(set);
    compare_bands(set);
}

/* {=== the pairs, one at a time ===} */

static void release_set(diff_run *run) {
    if (!run->collected) return;
    report_close(&run->set.old);
    report_close(&run->set.new);
    run->collected = false;
}

diff_set *diff_next(diff_run *run) {
    release_set(run);
    if (run->next >= run->count) return NULL;
    const tk_result *old = run->old[run->next], *new = run->new[run->next];
    run->next++;
    run->set = (diff_set){.changes = NULL};
    report_open(&run->set.old, old, old->graph, run->stream, run->options);
    report_open(&run->set.new, new, new->graph, run->stream, run->options);
    recovery_own(run->protect, &run->set.old.scratch, NULL, NULL);
    recovery_own(run->protect, &run->set.new.scratch, NULL, NULL);
    run->collected = true;
    collect(&run->set);
    return &run->set;
}

const char *diff_rules(const diff_run *run) {
    return run->count ? run->new[0]->graph->module : NULL;
}

/* {=== shared by the renderers ===} */

const char *diff_shown(const char *text) {
    return *text ? text : "—";
}

const char *diff_subject(const tk_answers *answers) {
    return answers->subject ? answers->subject : answers->path;
}

const char *diff_delta_text(diff_set *set, const diff_change *change) {
    if (!change->has_delta) return "";
    if (decimal_is_zero(change->delta)) return "±0";
    const char *sign = decimal_is_negative(change->delta) ? "-" : "+";
    const graph_format *format =   /* a value's delta in its shown clause: "≈ +0.02 %" */
        change->kind == DIFF_VALUE ? report_node_format(&set->new, change->node) : NULL;
    const char *shown = report_shown_number(&set->new, format, decimal_abs(change->delta));
    bool rounded = strncmp(shown, "≈ ", strlen("≈ ")) == 0;
    return arena_printf(&set->new.scratch, "%s%s%s", rounded ? "≈ " : "", sign,
                        shown + (rounded ? strlen("≈ ") : 0));
}

const char *diff_side_with_points(diff_set *set, const diff_change *change, diff_side side) {
    if (change->kind != DIFF_ITEM || !side.has_number) return side.text;
    return arena_printf(&set->new.scratch, "%s (%s)", side.text,
                        diff_number_text(set, side.number));
}

const char *diff_header_word(const diff_set *set, const char *field) {
    for (size_t key = 0; key < REGISTER_KEY_COUNT; key++)
        if (!strcmp(field, answers_register_keys[key])) return set->new.words->register_field[key];
    return field;
}

bool diff_has_changes_in(const diff_set *set, size_t list) {
    for (size_t index = 0; index < set->count; index++)
        if (set->changes[index].checklist == list &&
            (set->changes[index].kind == DIFF_ITEM || set->changes[index].kind == DIFF_VALUE ||
             set->changes[index].kind == DIFF_GATE))
            return true;
    return false;
}

const char *diff_files_line(diff_set *set) {
    const tk_answers *old = set->old.result->answers, *new = set->new.result->answers;
    return arena_printf(&set->new.scratch, "%s: %s (%s) → %s (%s)", set->new.graph->module,
                        old->path, old->assessed ? old->assessed : "—", new->path,
                        new->assessed ? new->assessed : "—");
}

/* {=== as tables ===} */

static const char *delta_class(const diff_change *change) {
    if (!change->has_delta || decimal_is_zero(change->delta)) return "same";
    return decimal_is_negative(change->delta) ? "down" : "up";
}

static const char *change_scope_name(diff_set *set, const diff_change *change) {
    if (change->checklist == NO_INDEX) return change->name;
    return arena_printf(&set->new.scratch, "%s.%s",
                        set->new.graph->checklists[change->checklist].name, change->name);
}

static diff_row *add_row(diff_set *set, diff_table *table, size_t *capacity) {
    return ARENA_PUSH(&set->new.scratch, table->rows, table->row_count, *capacity);
}

static void items_table(diff_set *set, diff_table *table) {
    const report_words *words = set->new.words;
    *table = (diff_table){words->diff_items,
                          {words->diff_checklist, words->diff_item, words->diff_label,
                           words->diff_old, words->diff_new, words->diff_points_delta},
                          6, 0, NULL};
    size_t capacity = 0;
    for (size_t index = 0; index < set->count; index++) {
        const diff_change *found = &set->changes[index];
        if (found->kind != DIFF_ITEM) continue;
        *add_row(set, table, &capacity) = (diff_row){
            {set->new.graph->checklists[found->checklist].name, found->name, found->title,
             diff_side_with_points(set, found, found->old),
             diff_side_with_points(set, found, found->new), diff_delta_text(set, found)},
            delta_class(found)};
    }
}

/* A table of header fields, facts, values, gates, stages or bands. */
static void values_table(diff_set *set, diff_table *table, diff_kind kind, const char *heading) {
    const report_words *words = set->new.words;
    bool titled = kind != DIFF_HEADER, with_delta = kind == DIFF_VALUE;
    *table = (diff_table){.heading = heading};
    table->head[table->columns++] = words->diff_name;
    if (titled) table->head[table->columns++] = words->diff_title;
    table->head[table->columns++] = words->diff_old;
    table->head[table->columns++] = words->diff_new;
    if (with_delta) table->head[table->columns++] = words->diff_delta;
    size_t capacity = 0;
    for (size_t index = 0; index < set->count; index++) {
        const diff_change *found = &set->changes[index];
        if (found->kind != kind) continue;
        diff_row *row = add_row(set, table, &capacity);
        *row = (diff_row){{NULL}, with_delta ? delta_class(found) : NULL};
        size_t cell = 0;
        row->cells[cell++] = kind == DIFF_FACT || kind >= DIFF_STAGE ? found->name
                             : kind == DIFF_HEADER ? diff_header_word(set, found->name)
                                                   : change_scope_name(set, found);
        if (titled) row->cells[cell++] = found->title;
        row->cells[cell++] = diff_shown(found->old.text);
        row->cells[cell++] = diff_shown(found->new.text);
        if (with_delta) row->cells[cell++] = diff_delta_text(set, found);
    }
}

void diff_tables(diff_set *set, diff_table tables[DIFF_KIND_COUNT]) {
    const report_words *words = set->new.words;
    values_table(set, &tables[DIFF_HEADER], DIFF_HEADER, words->diff_headers);
    values_table(set, &tables[DIFF_FACT], DIFF_FACT, words->diff_facts);
    items_table(set, &tables[DIFF_ITEM]);
    values_table(set, &tables[DIFF_VALUE], DIFF_VALUE, words->diff_values);
    values_table(set, &tables[DIFF_GATE], DIFF_GATE, words->diff_gates);
    values_table(set, &tables[DIFF_STAGE], DIFF_STAGE, words->diff_stages);
    values_table(set, &tables[DIFF_BAND], DIFF_BAND, words->diff_bands);
}

/* {=== a run ===} */

diff_run diff_start(const tk_result *const *old, const tk_result *const *new, size_t count,
                    FILE *stream, const tk_report_options *options, recovery *protect) {
    bool english = options->lang && !strcmp(options->lang, "en");
    return (diff_run){old, new, count, 0, stream, options, english ? "en" : "ja",
                      report_words_for(options->lang), {.changes = NULL}, false, protect};
}

void diff_finish(diff_run *run) {
    release_set(run);
}
