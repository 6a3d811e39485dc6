/*
 * json.c — the result as JSON (tenken-result/1, doc/result-format.md):
 * pretty for one answer set, one line per set for JSON Lines. Keys are
 * fixed; a value that cannot be computed is null with its reason in `why`.
 */
#include <string.h>

#include "report/report.h"
#include "base/json_write.h"

static void write_value(json_writer *writer, eval_value value) {
    switch (value.kind) {
    case EV_NUMBER: json_number(writer, value.number); break;
    case EV_BOOL: json_bool(writer, value.number != 0); break;
    case EV_STRING: json_string(writer, value.string); break;
    default: json_null(writer); break;
    }
}

static void write_fact_value(json_writer *writer, const tk_graph *graph, size_t node,
                             eval_value value) {
    const graph_node *fact = &graph->nodes[node];
    if (fact->type == TYPE_ENUM && value.kind == EV_NUMBER) {
        json_string(writer, fact->enum_members->names[(size_t)value.number]);
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
    json_number(writer, item->weight);
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
        json_number(writer, item->points);
    }
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
    json_key(writer, "max");
    json_number(writer, item->max);
    if (item->state != STATE_EXCLUDED && item->state != STATE_NOT_APPLICABLE) {
        json_key(writer, "gain");
        json_number(writer, report_item_gain(report, node));
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

static void write_gate_status(report_context *report, json_writer *writer, size_t node) {
    const gate_outcome *gate = &report->result->gates[node];
    json_begin_object(writer);
    json_key(writer, "status");
    json_string(writer, report_gate_status_name(gate->status));
    json_key(writer, "blocking");
    write_node_list(writer, report->graph, gate->blocking, gate->blocking_count);
    json_key(writer, "waiting");
    write_node_list(writer, report->graph, gate->waiting, gate->waiting_count);
    if (report->options->explain) {
        json_key(writer, "trace");
        json_begin_object(writer);
        json_key(writer, "condition");
        json_string(writer, report_value_written(report, node));
        json_end_object(writer);
    }
    json_end_object(writer);
}

/* values, why (for the null ones) and gates of one scope. */
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
            json_string(writer, node->enum_members->names[(size_t)value.number]);
        else
            write_value(writer, value);
    }
    json_end_object(writer);
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

static void write_summary(json_writer *writer, checklist_summary summary) {
    json_key(writer, "summary");
    json_begin_object(writer);
    const struct { const char *key; size_t count; } fields[] = {
        {"items", summary.items},           {"applicable", summary.applicable},
        {"answered", summary.answered},     {"unanswered", summary.unanswered},
        {"invalid", summary.invalid},       {"excluded", summary.excluded},
        {"not_applicable", summary.not_applicable},
    };
    for (size_t index = 0; index < sizeof fields / sizeof *fields; index++) {
        json_key(writer, fields[index].key);
        json_number(writer, (double)fields[index].count);
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

void report_json(report_context *report, bool pretty) {
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
    json_end_object(&writer);
    fputc('\n', report->stream);
}
