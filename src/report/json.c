/*
 * json.c — everything the JSON and JSON Lines formats write: the result
 * (tenken-result/1, doc/result-format.md), pretty for one answer set, one
 * line per set for JSON Lines; the diff of two results (tenken-diff/1);
 * the coverage of `tenken map` (doc/mappings.md). Keys are fixed; item
 * states are spelt as kinds.h names them; a value that cannot be computed
 * is null with its reason in `why`.
 */
#include <string.h>

#include "report/formats.h"
#include "report/explain_text.h"
#include "base/json_write.h"

static void write_value(json_writer *writer, eval_value value) {
    switch (value.kind) {
    case EV_NUMBER: json_decimal(writer, value.number); break;
    case EV_BOOL: json_bool(writer, !decimal_is_zero(value.number)); break;
    case EV_STRING: json_string(writer, value.string); break;
    default: json_null(writer); break;
    }
}

static void write_fact_value(json_writer *writer, const tk_graph *graph, size_t node,
                             eval_value value) {
    const graph_node *fact = &graph->nodes[node];
    if (fact->type == TYPE_ENUM && value.kind == EV_NUMBER) {
        json_string(writer, fact->enum_members->names[decimal_to_index(value.number)]);
        return;
    }
    write_value(writer, value);
}

static void write_item_trace(report_context *report, json_writer *writer, size_t node) {
    const tk_answers *answers = report->result->answers;
    const graph_item *item = report->graph->nodes[node].item;
    json_key(writer, "trace");
    json_begin_object(writer);
    json_key(writer, "answer");
    json_string(writer, answers->raw[node]);
    json_key(writer, "weight");
    json_decimal(writer, item->weight);
    json_key(writer, "scale");
    json_string(writer, item->scale && item->scale->name ? item->scale->name : NULL);
    if (item->exclusion_count) {
        json_key(writer, "exclusions");
        json_begin_array(writer);
        for (size_t index = 0; index < item->exclusion_count; index++)
            json_string(writer, report_condition_text(&item->exclusions[index].condition));
        json_end_array(writer);
    }
    json_end_object(writer);
}

/* The option an item takes, under `key` ("option" when answered,
   "counted_as" when not applicable and counted as it): its key, its label
   and the points it counts. */
static void write_option(report_context *report, json_writer *writer, size_t node,
                         const char *key) {
    const item_outcome *item = &report->result->items[node];
    json_key(writer, key);
    json_string(writer, report->graph->nodes[node].item->scale->options[item->option].key);
    json_key(writer, "label");
    json_string(writer, report_option_label(report, node));
    json_key(writer, "points");
    json_decimal(writer, item->points);
}

/* An exclusion with an expiry: `until` (and `until_checked`) on an excluded
   item; `exclusion_expired` with the date and reason on one it no longer
   excludes. */
static void write_item_expiry(report_context *report, json_writer *writer, size_t node) {
    const item_outcome *item = &report->result->items[node];
    const graph_item *decl = report->graph->nodes[node].item;
    if (item->expired != NO_INDEX) {
        json_key(writer, "exclusion_expired");
        json_begin_object(writer);
        json_key(writer, "until");
        json_string(writer, decl->exclusions[item->expired].until);
        json_key(writer, "reason");
        json_string(writer, report_text(report, &decl->exclusions[item->expired].reason, ""));
        json_end_object(writer);
    }
    if (item->state != STATE_EXCLUDED || !decl->exclusions[item->reason].until) return;
    json_key(writer, "until");
    json_string(writer, decl->exclusions[item->reason].until);
    json_key(writer, "until_checked");
    json_bool(writer, !item->expiry_unchecked);
}

static void write_item(report_context *report, json_writer *writer, size_t node) {
    const item_outcome *item = &report->result->items[node];
    const tk_answers *answers = report->result->answers;
    json_key(writer, report->graph->nodes[node].name);
    json_begin_object(writer);
    json_key(writer, "state");
    json_string(writer, item_state_name(item->state));
    if (item->state == STATE_ANSWERED) {
        const graph_option *option =
            &report->graph->nodes[node].item->scale->options[item->option];
        json_key(writer, "option");
        json_string(writer, option->key);
        json_key(writer, "label");
        json_string(writer, report_option_label(report, node));
        json_key(writer, "points");
        json_decimal(writer, item->points);
    }
    if (item->state == STATE_NOT_APPLICABLE && item->option >= 0)
        write_option(report, writer, node, "counted_as");
    if (item->state == STATE_INVALID && answers->given_twice[node]) {
        json_key(writer, "reason");
        json_string(writer, "answered more than once");
    } else if (item->state == STATE_INVALID) {
        json_key(writer, "answer");
        json_string(writer, answers->raw[node]);
    }
    const char *reason = report_item_reason(report, node);
    if (reason) {
        json_key(writer, "reason");
        json_string(writer, reason);
    }
    write_item_expiry(report, writer, node);
    json_key(writer, "max");
    json_decimal(writer, item->max);
    if (report_state_applies(item->state) || item->option >= 0) {
        json_key(writer, "gain");
        json_decimal(writer, report_item_gain(report, node));
    }
    if (answers->notes[node]) {
        json_key(writer, "note");
        json_string(writer, answers->notes[node]);
    }
    if (answers->evidence[node]) {
        json_key(writer, "evidence");
        json_string(writer, answers->evidence[node]);
    }
    if (report->options->explain) write_item_trace(report, writer, node);
    json_end_object(writer);
}

static void write_node_list(json_writer *writer, const tk_graph *graph, const size_t *nodes,
                            size_t count) {
    json_begin_array(writer);
    for (size_t index = 0; index < count; index++) json_string(writer, graph->nodes[nodes[index]].name);
    json_end_array(writer);
}

static const char *why_null(eval_value value) {
    return value.kind == EV_NA ? "n/a" : value.kind == EV_UNKNOWN ? "unknown" : NULL;
}

static void write_cause_value(report_context *report, json_writer *writer,
                              const gate_cause *cause, eval_value value) {
    const graph_names *members = cause->node != NO_INDEX
                                     ? report->graph->nodes[cause->node].enum_members
                                     : cause->subject->enum_members;
    if (members && value.kind == EV_NUMBER)
        json_string(writer, report_cause_value(report, cause, value));
    else
        write_value(writer, value);
}

/* One cause: {"fact"|"value"|"expression": …, "value": …, "needs": ">=", "bound": …}. */
static void write_gate_cause(report_context *report, json_writer *writer, const gate_cause *cause,
                             size_t gate) {
    json_begin_object(writer);
    bool named = cause->node != NO_INDEX;
    json_key(writer, !named ? "expression"
                     : report->graph->nodes[cause->node].kind == NODE_FACT ? "fact"
                                                                           : "value");
    json_string(writer, report_cause_subject(report, cause, gate));
    json_key(writer, "is");
    write_cause_value(report, writer, cause, cause->value);
    if (report_cause_sign(cause)) {
        json_key(writer, "needs");
        json_string(writer, binary_op_name(cause->needs));
        json_key(writer, "bound");
        write_cause_value(report, writer, cause, cause->bound);
    }
    json_key(writer, "text");
    json_string(writer, report_cause_text(report, cause, gate));
    json_end_object(writer);
}

/* What a gate that does not pass names besides its item lists, when it
   names anything: the blocking items counted through `unanswered as`, and
   the facts and values. */
static void write_gate_causes(report_context *report, json_writer *writer, size_t node) {
    const gate_outcome *gate = &report->result->gates[node];
    if (report_blocking_unanswered_count(report, gate)) {
        json_key(writer, "blocking_unanswered");
        json_begin_array(writer);
        for (size_t index = 0; index < gate->blocking_count; index++)
            if (report_blocking_unanswered(report, gate->blocking[index]))
                json_string(writer, report->graph->nodes[gate->blocking[index]].name);
        json_end_array(writer);
    }
    if (gate->cause_count == 0) return;
    json_key(writer, "causes");
    json_begin_array(writer);
    for (size_t index = 0; index < gate->cause_count; index++)
        write_gate_cause(report, writer, &gate->causes[index], node);
    json_end_array(writer);
}

static void write_gate_status(report_context *report, json_writer *writer, size_t node) {
    const gate_outcome *gate = &report->result->gates[node];
    json_begin_object(writer);
    json_key(writer, "status");
    json_string(writer, report_gate_status_name(gate->status));
    json_key(writer, "blocking");
    write_node_list(writer, report->graph, gate->blocking, gate->blocking_count);
    json_key(writer, "waiting");
    write_node_list(writer, report->graph, gate->waiting, gate->waiting_count);
    write_gate_causes(report, writer, node);
    if (report->options->explain) {
        json_key(writer, "trace");
        json_begin_object(writer);
        json_key(writer, "condition");
        json_string(writer, report_value_written(report, node));
        json_end_object(writer);
    }
    json_end_object(writer);
}

/* "shown": the number values with a shown clause, as the reports write them. */
static void write_shown(report_context *report, json_writer *writer, const size_t *nodes,
                        size_t count) {
    bool any = false;
    for (size_t index = 0; index < count; index++) {
        if (!report_node_format(report, nodes[index]) ||
            report->result->values[nodes[index]].kind != EV_NUMBER)
            continue;
        if (!any) json_key(writer, "shown"), json_begin_object(writer);
        any = true;
        json_key(writer, report->graph->nodes[nodes[index]].name);
        json_string(writer, report_value_text(report, report->words, nodes[index]));
    }
    if (any) json_end_object(writer);
}

/* values, shown, why (for the null ones) and gates of one scope. */
static void write_values(report_context *report, json_writer *writer, const size_t *nodes,
                         size_t count) {
    const tk_graph *graph = report->graph;
    const tk_result *result = report->result;
    json_key(writer, "values");
    json_begin_object(writer);
    for (size_t index = 0; index < count; index++) {
        const graph_node *node = &graph->nodes[nodes[index]];
        if (node->kind != NODE_VALUE) continue;
        json_key(writer, node->name);
        eval_value value = result->values[nodes[index]];
        if (node->type == TYPE_ENUM && value.kind == EV_NUMBER)
            json_string(writer, node->enum_members->names[decimal_to_index(value.number)]);
        else
            write_value(writer, value);
    }
    json_end_object(writer);
    write_shown(report, writer, nodes, count);
    bool any_null = false;
    for (size_t index = 0; index < count; index++)
        any_null |= graph->nodes[nodes[index]].kind == NODE_VALUE &&
                    why_null(result->values[nodes[index]]) != NULL;
    if (any_null) {
        json_key(writer, "why");
        json_begin_object(writer);
        for (size_t index = 0; index < count; index++) {
            const char *why = why_null(result->values[nodes[index]]);
            if (graph->nodes[nodes[index]].kind != NODE_VALUE || !why) continue;
            json_key(writer, graph->nodes[nodes[index]].name);
            json_string(writer, why);
        }
        json_end_object(writer);
    }
    json_key(writer, "gates");
    json_begin_object(writer);
    for (size_t index = 0; index < count; index++) {
        size_t node = nodes[index];
        if (graph->nodes[node].kind != NODE_GATE) continue;
        json_key(writer, graph->nodes[node].name);
        write_gate_status(report, writer, node);
    }
    json_end_object(writer);
}

/* The counts of items: all, applicable, then those in each state, the
   states that apply first. */
static void write_summary(json_writer *writer, checklist_summary summary) {
    json_key(writer, "summary");
    json_begin_object(writer);
    json_key(writer, "items");
    json_number(writer, (double)summary.items);
    json_key(writer, "applicable");
    json_number(writer, (double)summary.applicable);
    for (int applies = 1; applies >= 0; applies--)
        for (size_t state = 0; state < ITEM_STATE_COUNT; state++) {
            if (report_state_applies((item_state)state) != applies) continue;
            json_key(writer, item_state_name((item_state)state));
            json_number(writer, (double)summary.states[state]);
        }
    json_end_object(writer);
}

static void write_checklist(report_context *report, json_writer *writer,
                            const graph_checklist *checklist) {
    json_key(writer, checklist->name);
    json_begin_object(writer);
    json_key(writer, "items");
    json_begin_object(writer);
    for (size_t index = 0; index < checklist->item_count; index++)
        write_item(report, writer, checklist->items[index]);
    json_end_object(writer);
    write_summary(writer, report_summarize(report, checklist));
    write_values(report, writer, checklist->values, checklist->value_count);
    json_end_object(writer);
}

static void write_header(report_context *report, json_writer *writer) {
    const tk_answers *answers = report->result->answers;
    json_key(writer, "format");
    json_string(writer, TK_RESULT_FORMAT);
    json_key(writer, "rules");
    json_string(writer, report->graph->module);
    json_key(writer, "subject");
    json_string(writer, answers->subject);
    json_key(writer, "assessed");
    json_string(writer, answers->assessed);
    json_key(writer, "assessor");
    json_string(writer, answers->assessor);
    if (answers_have_register(answers)) {
        json_key(writer, "register");
        json_begin_object(writer);
        for (size_t field = 0; field < REGISTER_KEY_COUNT; field++) {
            json_key(writer, answers_register_keys[field]);
            json_string(writer, answers->register_fields[field]);
        }
        json_end_object(writer);
    }
    json_key(writer, "source");
    json_begin_object(writer);
    json_key(writer, "file");
    json_string(writer, answers->path);
    json_key(writer, "document");
    json_number(writer, (double)answers->document);
    json_end_object(writer);
}

/* The stage after the current one: its status, condition, and its gates. */
static void write_next_stage(report_context *report, json_writer *writer, size_t node) {
    const graph_stages *ladder = report->graph->nodes[node].stages;
    const ladder_outcome *outcome = &report->result->ladders[node];
    const graph_stage *next = &ladder->stages[outcome->next];
    json_key(writer, "next");
    json_begin_object(writer);
    json_key(writer, "stage");
    json_string(writer, next->id);
    json_key(writer, "status");
    json_string(writer, report_gate_status_name(outcome->next_status));
    json_key(writer, "condition");
    json_string(writer, report_condition_text(&next->enter_when));
    json_key(writer, "gates");
    json_begin_object(writer);
    size_t *gates;
    size_t count = report_condition_gates(report, next->enter_when.expr, &gates);
    for (size_t index = 0; index < count; index++) {
        json_key(writer, report_gate_name(report, gates[index]));
        write_gate_status(report, writer, gates[index]);
    }
    json_end_object(writer);
    json_end_object(writer);
}

static void write_ladder(report_context *report, json_writer *writer, size_t node) {
    const graph_stages *ladder = report->graph->nodes[node].stages;
    const ladder_outcome *outcome = &report->result->ladders[node];
    json_key(writer, report->graph->nodes[node].name);
    json_begin_object(writer);
    json_key(writer, "current");
    json_string(writer, outcome->current == NO_INDEX ? NULL : ladder->stages[outcome->current].id);
    for (int during = 0; during < 2; during++) {
        json_key(writer, during ? "during" : "entered");
        json_begin_array(writer);
        for (size_t index = 0; index < ladder->stage_count; index++)
            if (outcome->entered[index] && ladder->stages[index].is_during == (during == 1))
                json_string(writer, ladder->stages[index].id);
        json_end_array(writer);
    }
    if (outcome->next != NO_INDEX) write_next_stage(report, writer, node);
    json_end_object(writer);
}

/* A band's bounds: each one given, with whether it is inclusive. */
static void write_bounds(json_writer *writer, const graph_band *band) {
    json_begin_object(writer);
    if (band->has_lower) {
        json_key(writer, band->lower_inclusive ? ">=" : ">");
        json_decimal(writer, band->lower);
    }
    if (band->has_upper) {
        json_key(writer, band->upper_inclusive ? "<=" : "<");
        json_decimal(writer, band->upper);
    }
    json_end_object(writer);
}

/* A bands declaration: the value, its status, and the band reached. */
static void write_bands(report_context *report, json_writer *writer, size_t node) {
    static const char *const statuses[] = {"pending", "n/a", "none", "reached"};
    const graph_bands *bands = report->graph->nodes[node].bands;
    int reached = eval_band(report->result, node);
    const graph_band *band = reached >= BAND_FIRST ? &bands->bands[reached - BAND_FIRST] : NULL;
    json_key(writer, report->graph->nodes[node].name);
    json_begin_object(writer);
    json_key(writer, "value");
    write_value(writer, report->result->values[node]);
    if (report_node_format(report, node) && report->result->values[node].kind == EV_NUMBER) {
        json_key(writer, "shown");
        json_string(writer, report_value_text(report, report->words, node));
    }
    json_key(writer, "status");
    json_string(writer, statuses[reached < BAND_FIRST ? reached : BAND_FIRST]);
    json_key(writer, "band");
    json_string(writer, band ? band->id : NULL);
    json_key(writer, "label");
    json_string(writer, band ? report_text(report, &band->title, NULL) : NULL);
    json_key(writer, "bounds");
    if (band) write_bounds(writer, band);
    else json_null(writer);
    json_end_object(writer);
}

static void write_result(report_context *report, bool pretty) {
    const tk_graph *graph = report->graph;
    json_writer writer;
    json_writer_init(&writer, report->stream, pretty);
    json_begin_object(&writer);
    write_header(report, &writer);
    json_key(&writer, "facts");
    json_begin_object(&writer);
    for (size_t index = 0; index < graph->fact_count; index++) {
        size_t node = graph->facts[index];
        json_key(&writer, graph->nodes[node].name);
        write_fact_value(&writer, graph, node, report->result->values[node]);
    }
    json_end_object(&writer);
    json_key(&writer, "checklists");
    json_begin_object(&writer);
    for (size_t index = 0; index < graph->checklist_count; index++)
        write_checklist(report, &writer, &graph->checklists[index]);
    json_end_object(&writer);
    write_values(report, &writer, graph->values, graph->value_count);
    json_key(&writer, "stages");
    json_begin_object(&writer);
    for (size_t index = 0; index < graph->ladder_count; index++)
        write_ladder(report, &writer, graph->ladders[index]);
    json_end_object(&writer);
    if (graph->band_set_count) {
        json_key(&writer, "bands");
        json_begin_object(&writer);
        for (size_t index = 0; index < graph->band_set_count; index++)
            write_bands(report, &writer, graph->band_sets[index]);
        json_end_object(&writer);
    }
    json_end_object(&writer);
    fputc('\n', report->stream);
}

void json_result(report_context *report) {
    write_result(report, true);
}

void json_line_result(report_context *report) {
    write_result(report, false);
}

/* {=== the diff of two results ===} */

static void diff_side_value(json_writer *writer, diff_side value) {
    if (value.has_number) json_decimal(writer, value.number);
    else if (!strcmp(value.text, "true") || !strcmp(value.text, "false"))
        json_bool(writer, value.text[0] == 't');
    else if (!strcmp(value.text, "unknown") || !strcmp(value.text, "n/a")) json_null(writer);
    else json_string(writer, value.text);
}

static void diff_item_side(json_writer *writer, report_context *report, size_t node) {
    const item_outcome *item = &report->result->items[node];
    json_begin_object(writer);
    json_key(writer, "state");
    json_string(writer, item_state_name(item->state));
    if (item->state == STATE_ANSWERED) {
        write_option(report, writer, node, "option");
    } else if (item->state == STATE_INVALID) {
        json_key(writer, "answer");
        json_string(writer, report->result->answers->raw[node]);
    } else if (item->option >= 0) {
        write_option(report, writer, node, "counted_as");
    }
    json_end_object(writer);
}

static void diff_change_object(diff_set *set, json_writer *writer, const diff_change *found) {
    json_begin_object(writer);
    if (found->kind == DIFF_ITEM || found->kind == DIFF_VALUE || found->kind == DIFF_GATE) {
        json_key(writer, "checklist");
        json_string(writer, found->checklist == NO_INDEX
                                ? NULL : set->new.graph->checklists[found->checklist].name);
    }
    json_key(writer, found->kind == DIFF_ITEM ? "id" : found->kind == DIFF_HEADER ? "field"
                                                                                       : "name");
    json_string(writer, found->name);
    if (found->kind != DIFF_HEADER) {
        json_key(writer, found->kind == DIFF_ITEM ? "label" : "title");
        json_string(writer, found->title);
    }
    json_key(writer, "old");
    if (found->kind == DIFF_ITEM) diff_item_side(writer, &set->old, found->node);
    else if (found->kind == DIFF_HEADER) json_string(writer, *found->old.text ? found->old.text
                                                                                : NULL);
    else diff_side_value(writer, found->old);
    json_key(writer, "new");
    if (found->kind == DIFF_ITEM) diff_item_side(writer, &set->new, found->node);
    else if (found->kind == DIFF_HEADER) json_string(writer, *found->new.text ? found->new.text
                                                                                : NULL);
    else diff_side_value(writer, found->new);
    if (found->kind == DIFF_ITEM || found->kind == DIFF_VALUE) {
        json_key(writer, "delta");
        if (found->has_delta) json_decimal(writer, found->delta);
        else json_null(writer);
    }
    json_end_object(writer);
}

static void diff_source(json_writer *writer, const tk_answers *answers) {
    json_begin_object(writer);
    json_key(writer, "file");
    json_string(writer, answers->path);
    json_key(writer, "document");
    json_number(writer, (double)answers->document);
    json_key(writer, "assessed");
    json_string(writer, answers->assessed);
    json_end_object(writer);
}

static void diff_set_object(diff_set *set, json_writer *writer) {
    static const char *const lists[DIFF_KIND_COUNT] = {"header", "facts", "items",
                                                       "values", "gates", "stages", "bands"};
    json_begin_object(writer);
    json_key(writer, "subject");
    json_string(writer, set->new.result->answers->subject);
    json_key(writer, "old");
    diff_source(writer, set->old.result->answers);
    json_key(writer, "new");
    diff_source(writer, set->new.result->answers);
    for (size_t kind = 0; kind < DIFF_KIND_COUNT; kind++) {
        if (kind == DIFF_BAND && !set->new.graph->band_set_count) continue;
        json_key(writer, lists[kind]);
        json_begin_array(writer);
        for (size_t index = 0; index < set->count; index++)
            if (set->changes[index].kind == kind)
                diff_change_object(set, writer, &set->changes[index]);
        json_end_array(writer);
    }
    json_end_object(writer);
}

static void write_diff(diff_run *run, bool pretty) {
    json_writer writer;
    json_writer_init(&writer, run->stream, pretty);
    json_begin_object(&writer);
    json_key(&writer, "format");
    json_string(&writer, TK_DIFF_FORMAT);
    json_key(&writer, "rules");
    json_string(&writer, diff_rules(run));
    json_key(&writer, "sets");
    json_begin_array(&writer);
    diff_set *set;
    while ((set = diff_next(run))) diff_set_object(set, &writer);
    json_end_array(&writer);
    json_end_object(&writer);
    fputc('\n', run->stream);
}

void json_diff(diff_run *run) {
    write_diff(run, true);
}

void json_line_diff(diff_run *run) {
    write_diff(run, false);
}

/* {=== coverage (tenken map) ===} */

static void coverage_via_list(json_writer *out, const control_coverage *control) {
    json_begin_array(out);
    for (size_t index = 0; index < control->via_count; index++) {
        const coverage_via *via = &control->via[index];
        json_begin_object(out);
        json_key(out, "control");
        json_string(out, via->source_id);
        json_key(out, "relation");
        json_string(out, relation_name(via->relation));
        json_key(out, "status");
        json_string(out, control_status_name(via->status));
        json_key(out, "gives");
        json_string(out, coverage_level_name(via->gives));
        json_end_object(out);
    }
    json_end_array(out);
}

static void coverage_counts(json_writer *out, const size_t counts[3]) {
    for (size_t level = COVERAGE_FULL + 1; level-- > 0;) {
        json_key(out, coverage_level_name((coverage_level)level));
        json_number(out, (double)counts[level]);
    }
}

static void coverage_maps(json_writer *out, const coverage_report *report) {
    json_key(out, "maps");
    json_begin_array(out);
    for (size_t index = 0; index < report->map_count; index++) {
        const catalog_map *map = report->maps[index];
        json_begin_object(out);
        json_key(out, "file");
        json_string(out, map->path);
        json_key(out, "line");
        json_number(out, map->line);
        json_key(out, "read");
        json_string(out, strcmp(map->from, report->from->id) ? "reverse" : "forward");
        json_end_object(out);
    }
    json_end_array(out);
}

static void coverage_controls(json_writer *out, const coverage_report *report, const char *lang) {
    json_key(out, "controls");
    json_begin_object(out);
    for (size_t index = 0; index < report->control_count; index++) {
        const control_coverage *control = &report->controls[index];
        json_key(out, control->target->id);
        json_begin_object(out);
        json_key(out, "title");
        json_string(out, coverage_title(&control->target->title, lang));
        json_key(out, "clause");
        json_string(out, catalog_top(control->target)->id);
        json_key(out, "coverage");
        json_string(out, coverage_level_name(control->level));
        json_key(out, "new");
        json_bool(out, control->is_new);
        json_key(out, "via");
        coverage_via_list(out, control);
        json_end_object(out);
    }
    json_end_object(out);
}

static void coverage_of_target(json_writer *out, const coverage_report *report, const char *lang) {
    json_key(out, "to");
    json_string(out, report->to->id);
    json_key(out, "to_edition");
    json_string(out, report->to->edition);
    coverage_maps(out, report);
    coverage_controls(out, report, lang);
    json_key(out, "clauses");
    json_begin_object(out);
    for (size_t index = 0; index < report->clause_count; index++) {
        const clause_coverage *clause = &report->clauses[index];
        json_key(out, clause->clause->id);
        json_begin_object(out);
        json_key(out, "title");
        json_string(out, coverage_title(&clause->clause->title, lang));
        coverage_counts(out, clause->counts);
        json_key(out, "ratio");
        json_decimal(out, coverage_clause_ratio(clause));
        json_end_object(out);
    }
    json_end_object(out);
    json_key(out, "summary");
    json_begin_object(out);
    coverage_counts(out, report->counts);
    json_end_object(out);
}

static void coverage_gates(json_writer *out, const coverage_output *output) {
    json_key(out, "gates");
    json_begin_object(out);
    for (size_t index = 0; output->gates && index < output->from->gate_count; index++) {
        const selection_result *result = &output->gates[index];
        json_key(out, result->gate->name);
        json_begin_object(out);
        json_key(out, "title");
        json_string(out, graph_text_pick(&result->gate->title, output->lang));
        json_key(out, "status");
        json_string(out, result->passed ? "pass" : "fail");
        json_key(out, "missing");
        json_begin_array(out);
        for (size_t node = 0; node < result->missing_count; node++)
            json_string(out, result->missing[node]->id);
        json_end_array(out);
        json_end_object(out);
    }
    json_end_object(out);
}

static void coverage_certificates(json_writer *out, const control_answers *answers) {
    json_key(out, "certificates");
    json_begin_array(out);
    for (size_t index = 0; answers && index < answers->certificate_count; index++) {
        const certificate *held = &answers->certificates[index];
        json_begin_object(out);
        json_key(out, "framework");
        json_string(out, held->framework);
        json_key(out, "edition");
        json_string(out, held->edition);
        json_key(out, "scope");
        json_string(out, held->scope);
        json_end_object(out);
    }
    json_end_array(out);
}

void json_coverage(const coverage_output *output, FILE *stream) {
    json_writer out;
    json_writer_init(&out, stream, true);
    json_begin_object(&out);
    json_key(&out, "from");
    json_string(&out, output->from->id);
    json_key(&out, "from_edition");
    json_string(&out, output->from->edition);
    json_key(&out, "answers");
    json_string(&out, output->answers ? output->answers->path : NULL);
    json_key(&out, "subject");
    json_string(&out, output->answers ? output->answers->subject : NULL);
    coverage_certificates(&out, output->answers);
    if (output->coverage) coverage_of_target(&out, output->coverage, output->lang);
    coverage_gates(&out, output);
    json_end_object(&out);
    fputc('\n', stream);
}
