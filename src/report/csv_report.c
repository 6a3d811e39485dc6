/*
 * csv_report.c — everything the CSV format writes. The results as a
 * register (台帳 一覧表), one row per answer set: the nine register columns,
 * the facts given, one column per item holding the answer's label, then one
 * per value, then one per bands declaration holding the band reached.
 * UTF-8 with a byte order mark (so a spreadsheet reads Japanese right),
 * RFC 4180 quoting, CRLF line ends. `tenken eval --input=csv` reads
 * it back (src/register.c). The coverage of `tenken map`, one row per
 * target control.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/formats.h"
#include "base/csv.h"
#include "answers/register.h"

static bool several_checklists(const report_context *report) {
    return report->graph->checklist_count > 1;
}

/* Cells are gathered into the row and the row written once (end_row). */
static void write_cell(report_context *report, const char *text, bool first) {
    if (!first) {
        report->row = arena_grow(&report->scratch, report->row, &report->row_capacity,
                                 report->row_length + 1, 1);
        report->row[report->row_length++] = ',';
    }
    csv_append_field(&report->scratch, &report->row, &report->row_length,
                     &report->row_capacity, text);
}

static void end_row(report_context *report) {
    fwrite(report->row, 1, report->row_length, report->stream);
    fputs("\r\n", report->stream);
    report->row_length = 0;
}

/* {=== the heading row ===} */

/* An item's label in the report's language, unless another item of the
   checklist has the same one: then, as without a label, its id. */
static const char *item_heading(report_context *report, const graph_checklist *checklist,
                                size_t node) {
    const tk_graph *graph = report->graph;
    const char *label = report_text(report, &graph->nodes[node].item->label, NULL);
    for (size_t index = 0; label && index < checklist->item_count; index++) {
        size_t other = checklist->items[index];
        const char *other_label = report_text(report, &graph->nodes[other].item->label, NULL);
        if (other != node && other_label && !strcmp(other_label, label)) label = NULL;
    }
    const char *heading = label ? label : graph->nodes[node].name;
    if (!several_checklists(report)) return heading;
    return arena_printf(&report->scratch, "%s.%s", checklist->name, heading);
}

static void write_value_headings(report_context *report, const char *checklist,
                                 const size_t *nodes, size_t count) {
    for (size_t index = 0; index < count; index++) {
        const graph_node *node = &report->graph->nodes[nodes[index]];
        if (node->kind != NODE_VALUE) continue;
        const char *title = report_text(report, &node->value->title, node->name);
        write_cell(report, checklist ? arena_printf(&report->scratch, "%s.%s", checklist, title)
                                     : title, false);
    }
}

/* Whether an exclusion of the rules has an expiry: then the last column
   says, per answer set, which items' exclusions expired or run until when. */
static bool has_expiry(const tk_graph *graph) {
    for (size_t index = 0; index < graph->node_count; index++) {
        const graph_item *item = graph->nodes[index].item;
        for (size_t at = 0; graph->nodes[index].kind == NODE_ITEM && at < item->exclusion_count; at++)
            if (item->exclusions[at].until) return true;
    }
    return false;
}

void csv_begin(report_context *report) {
    const tk_graph *graph = report->graph;
    bool english = strcmp(report->lang, "en") == 0;
    fputs("\xEF\xBB\xBF", report->stream);
    for (size_t column = 0; column < REGISTER_COLUMN_COUNT; column++)
        write_cell(report, english ? register_columns[column].en : register_columns[column].ja,
                   column == 0);
    for (size_t index = 0; index < graph->fact_count; index++)
        write_cell(report, graph->nodes[graph->facts[index]].name, false);
    for (size_t list = 0; list < graph->checklist_count; list++) {
        const graph_checklist *checklist = &graph->checklists[list];
        for (size_t index = 0; index < checklist->item_count; index++)
            write_cell(report, item_heading(report, checklist, checklist->items[index]), false);
    }
    for (size_t list = 0; list < graph->checklist_count; list++) {
        const graph_checklist *checklist = &graph->checklists[list];
        write_value_headings(report, several_checklists(report) ? checklist->name : NULL,
                             checklist->values, checklist->value_count);
    }
    write_value_headings(report, NULL, graph->values, graph->value_count);
    for (size_t index = 0; index < graph->band_set_count; index++) {
        const graph_node *node = &graph->nodes[graph->band_sets[index]];
        write_cell(report, report_text(report, &node->bands->title, node->name), false);
    }
    if (has_expiry(graph)) write_cell(report, register_expiry_heading[english], false);
    end_row(report);
}

/* {=== a row ===} */

/* A number exactly as computed (decimal_format writes digit by digit). */
static const char *number_text(report_context *report, decimal number) {
    return arena_strdup(&report->scratch, DECIMAL_TEXT(number));
}

/* A value as the cell shows it: empty while unknown. */
static const char *value_text(report_context *report, size_t node) {
    eval_value value = report->result->values[node];
    const graph_node *decl = &report->graph->nodes[node];
    switch (value.kind) {
    case EV_NUMBER:
        if (decl->type == TYPE_ENUM)
            return decl->enum_members->names[decimal_to_index(value.number)];
        if (report_node_format(report, node))
            return report_shown_number(report, report_node_format(report, node), value.number);
        return number_text(report, value.number);
    case EV_BOOL: return !decimal_is_zero(value.number) ? "true" : "false";
    case EV_STRING: return value.string;
    case EV_NA: return "n/a";
    default: return "";
    }
}

/* A fact as it was given (not its default, which the rules supply again). */
static const char *fact_text(report_context *report, size_t node) {
    if (!report->result->answers->facts[node].given) return "";
    return value_text(report, node);
}

/* The answer as given: the option's label (its key when the label would name
   another option), or an invalid answer as written. */
static const char *answer_text(report_context *report, size_t node) {
    const tk_answers *answers = report->result->answers;
    int option = answers->options[node];
    const item_outcome *item = &report->result->items[node];
    if (item->state == STATE_NOT_APPLICABLE && item->option >= 0)
        option = item->option; /* counted as an option: read back, it counts the same */
    if (option == ANSWER_INVALID) return answers->raw[node] ? answers->raw[node] : "";
    if (option < 0) return "";
    const graph_scale *scale = report->graph->nodes[node].item->scale;
    const graph_option *chosen = &scale->options[option];
    const char *label = report_text(report, &chosen->label, chosen->key);
    for (size_t variant = 0; variant < chosen->label.count && variant < 32; variant++)
        if (chosen->label.variants[variant].text == label)
            return chosen->label_is_own & (1u << variant) ? label : chosen->key;
    return graph_match_option(scale, label) == option ? label : chosen->key;
}

/* サービス名: the register's, or the subject when the register has no name. */
static const char *register_cell(report_context *report, size_t column) {
    const tk_answers *answers = report->result->answers;
    const char *value = register_value(answers, column);
    if (!value && register_columns[column].field == REGISTER_SERVICE &&
        !answers->register_fields[REGISTER_ID])
        value = answers->subject;
    return value ? value : "";
}

static void write_value_cells(report_context *report, const size_t *nodes, size_t count) {
    for (size_t index = 0; index < count; index++)
        if (report->graph->nodes[nodes[index]].kind == NODE_VALUE)
            write_cell(report, value_text(report, nodes[index]), false);
}

/* "1: exclusion expired on 2027-03-31: REASON; 3: until 2027-12-31", item by item. */
static const char *expiry_cell(report_context *report) {
    const tk_graph *graph = report->graph;
    const char *cell = "";
    for (size_t list = 0; list < graph->checklist_count; list++) {
        const graph_checklist *checklist = &graph->checklists[list];
        for (size_t index = 0; index < checklist->item_count; index++) {
            const char *note = report_exclusion_note(report, checklist->items[index]);
            const char *id = graph->nodes[checklist->items[index]].name;
            if (note)
                cell = arena_printf(&report->scratch, "%s%s%s%s%s: %s", cell, *cell ? "; " : "",
                                    several_checklists(report) ? checklist->name : "",
                                    several_checklists(report) ? "." : "", id, note);
        }
    }
    return cell;
}

void csv_result(report_context *report) {
    const tk_graph *graph = report->graph;
    for (size_t column = 0; column < REGISTER_COLUMN_COUNT; column++)
        write_cell(report, register_cell(report, column), column == 0);
    for (size_t index = 0; index < graph->fact_count; index++)
        write_cell(report, fact_text(report, graph->facts[index]), false);
    for (size_t list = 0; list < graph->checklist_count; list++) {
        const graph_checklist *checklist = &graph->checklists[list];
        for (size_t index = 0; index < checklist->item_count; index++)
            write_cell(report, answer_text(report, checklist->items[index]), false);
    }
    for (size_t list = 0; list < graph->checklist_count; list++)
        write_value_cells(report, graph->checklists[list].values,
                          graph->checklists[list].value_count);
    write_value_cells(report, graph->values, graph->value_count);
    for (size_t index = 0; index < graph->band_set_count; index++)
        write_cell(report, report_band_name(report, NULL, graph->band_sets[index]), false);
    if (has_expiry(graph)) write_cell(report, expiry_cell(report), false);
    end_row(report);
}

/* {=== coverage (tenken map) ===} */

/* "5.1.1 equivalent implemented; …" as one CSV field: every row, however many. */
static void write_via_field(FILE *stream, const control_coverage *control) {
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    if (!out) {
        stream_out_of_memory(stream); /* no memory for the field */
        return;
    }
    int before = errno; /* ENOMEM from a field before stays */
    errno = 0; /* a memory stream that cannot grow says so only here (arena.h) */
    for (size_t entry = 0; entry < control->via_count; entry++) {
        const coverage_via *step = &control->via[entry];
        fprintf(out, "%s%s %s %s", entry ? "; " : "", step->source_id,
                relation_name(step->relation), control_status_name(step->status));
    }
    bool written = !ferror(out) && errno != ENOMEM;
    errno = before;
    if (fclose(out) != 0 || !written || !text) stream_out_of_memory(stream);
    else csv_write_field(stream, text);
    free(text);
}

void csv_coverage(const coverage_output *output, FILE *stream) {
    const coverage_report *report = output->coverage;
    fputs("control,clause,title,coverage,new,via\r\n", stream);
    for (size_t index = 0; report && index < report->control_count; index++) {
        const control_coverage *control = &report->controls[index];
        csv_write_field(stream, control->target->id);
        fputc(',', stream);
        csv_write_field(stream, catalog_top(control->target)->id);
        fputc(',', stream);
        csv_write_field(stream, coverage_title(&control->target->title, output->lang));
        fprintf(stream, ",%s,%s,", coverage_level_name(control->level),
                control->is_new ? "yes" : "no");
        write_via_field(stream, control);
        fputs("\r\n", stream);
    }
}
