/*
 * text.c — everything the text format writes. The readable report: a
 * header, then per checklist its sections and items in source order (label,
 * answer, points, a bar), the count of answered items, values and gates with
 * what blocks them. The diff of two results, a line per change. The
 * coverage of `tenken map`, a line per control. Columns are aligned by
 * display width, so Japanese labels line up; colour only when asked for.
 */
#include <string.h>

#include "report/expr_text.h"
#include "report/formats.h"
#include "report/explain_text.h"
#include "base/utf8.h"

enum { LABEL_COLUMNS = 34, ANSWER_COLUMNS = 30 };

typedef struct palette {
    const char *bold, *dim, *green, *red, *yellow, *reset;
} palette;

static const palette no_colour = {"", "", "", "", "", ""};
static const palette ansi_colour = {"\033[1m", "\033[2m", "\033[32m", "\033[31m", "\033[33m",
                                    "\033[0m"};

static const char *format_value(report_context *report, eval_value value) {
    switch (value.kind) {
    case EV_NUMBER: return report_number(report, value.number);
    case EV_BOOL: return !decimal_is_zero(value.number) ? "true" : "false";
    case EV_STRING: return value.string;
    case EV_NA: return "n/a";
    default: return "unknown";
    }
}

/* A node's value as people write it: enum members by name. */
static const char *node_value_text(report_context *report, size_t node) {
    eval_value value = report->result->values[node];
    const graph_node *decl = &report->graph->nodes[node];
    if (decl->type == TYPE_ENUM && value.kind == EV_NUMBER)
        return decl->enum_members->names[decimal_to_index(value.number)];
    if (value.kind == EV_NUMBER)
        return report_shown_number(report, report_node_format(report, node), value.number);
    return format_value(report, value);
}

/* A bar is a drawing, not a figure: it may use the nearest double. */
static void print_bar(report_context *report, const palette *colours, double points, double max) {
    if (max <= 0 || max > 10) return;
    int filled = points < 0 ? 0 : (int)(points + 0.5);
    fputs(points >= max ? colours->green : points <= 0 ? colours->red : colours->yellow,
          report->stream);
    for (int step = 0; step < (int)max; step++) fputs(step < filled ? "█" : "░", report->stream);
    fputs(colours->reset, report->stream);
}

/* The width of the id column: the widest id of the checklist, within bounds. */
static size_t id_columns(const report_context *report, const graph_checklist *checklist) {
    size_t widest = 2;
    for (size_t index = 0; index < checklist->item_count; index++) {
        const char *id = report->graph->nodes[checklist->items[index]].name;
        size_t width = utf8_display_width(id, strlen(id));
        if (width > widest) widest = width;
    }
    return widest > 12 ? 12 : widest;
}

static void print_item(report_context *report, const palette *colours, size_t node, int depth,
                       size_t id_width) {
    const graph_node *decl = &report->graph->nodes[node];
    const item_outcome *item = &report->result->items[node];
    const graph_item *ast = decl->item;
    const char *label = report_text(report, &ast->label, report_text(report, &ast->text, ""));
    fprintf(report->stream, "%*s", depth * 2 + 2, "");
    report_print_cell(report->stream, decl->name, id_width);
    fputs("  ", report->stream);
    report_print_cell(report->stream, label, LABEL_COLUMNS);
    fputs("  ", report->stream);
    const state_words *words = &report->words->state[item->state];
    const char *counted = report_counted_as(report, node);
    if (item->state == STATE_ANSWERED || counted) {
        report_print_cell(report->stream, counted ? counted : report_option_label(report, node),
                          ANSWER_COLUMNS);
        fprintf(report->stream, " %7s  ",
                arena_printf(&report->scratch, "%s/%s",
                             report_number(report, item->points),
                             report_number(report, item->max)));
        print_bar(report, colours, decimal_to_double(item->points), decimal_to_double(item->max));
        if (counted)
            fprintf(report->stream, "  %s%s%s", colours->dim,
                    report_safe_text(report, report_item_reason(report, node)), colours->reset);
    } else if (!report_state_applies(item->state)) {
        const char *note = report_exclusion_note(report, node);
        fprintf(report->stream, "%s%s: %s%s%s%s", colours->dim, words->brief,
                report_safe_text(report, report_item_reason(report, node)), note ? " · " : "",
                note ? report_safe_text(report, note) : "", colours->reset);
    } else if (item->state == STATE_INVALID) {
        if (report->result->answers->given_twice[node])
            fprintf(report->stream, "%sinvalid: answered more than once%s", colours->red,
                    colours->reset);
        else
            fprintf(report->stream, "%sinvalid answer '%s'%s", colours->red,
                    report_safe_text(report, report->result->answers->raw[node]), colours->reset);
    } else {
        fprintf(report->stream, "%s%s%s", colours->yellow, words->brief, colours->reset);
    }
    fputc('\n', report->stream);
    if (item->expired != NO_INDEX)
        fprintf(report->stream, "%*s%s%s%s\n", depth * 2 + 6, "", colours->yellow,
                report_safe_text(report, report_exclusion_note(report, node)), colours->reset);
}

/* After a section's title, its values of every section: "  (subtotal 3, done pass)". */
static void print_section_values(report_context *report, const graph_checklist *checklist,
                                 const graph_section *section) {
    size_t *nodes;
    size_t count = report_section_values(report, checklist, section, &nodes);
    for (size_t index = 0; index < count; index++) {
        const graph_node *decl = &report->graph->nodes[nodes[index]];
        const char *shown = decl->kind == NODE_GATE
                                ? report_gate_status_name(report->result->gates[nodes[index]].status)
                                : node_value_text(report, nodes[index]);
        fprintf(report->stream, "%s%s %s", index ? ", " : "  (",
                decl->name + strlen(section->name) + 1, report_safe_text(report, shown));
    }
    fputs(count ? ")\n" : "\n", report->stream);
}

static void print_members(report_context *report, const palette *colours,
                          const graph_checklist *checklist, const graph_member *members,
                          size_t count, int depth, size_t id_width) {
    for (size_t index = 0; index < count; index++) {
        const graph_member *member = &members[index];
        if (member->kind == G_MEMBER_ITEM) {
            print_item(report, colours, member->index, depth, id_width);
        } else {
            const graph_section *section = &checklist->sections[member->index];
            fprintf(report->stream, "%*s%s%s%s", depth * 2 + 2, "", colours->bold,
                    report_safe_text(report, report_text(report, &section->title, section->name)),
                    colours->reset);
            print_section_values(report, checklist, section);
            print_members(report, colours, checklist, section->members, section->member_count,
                          depth + 1, id_width);
        }
    }
}

/* A gate's list of items; a blocking item counted through `unanswered as`
   says so. */
static void print_node_names(report_context *report, const char *heading, const size_t *nodes,
                             size_t count) {
    if (count == 0) return;
    bool blocking = strcmp(heading, "blocking") == 0;
    fprintf(report->stream, "      %s:", heading);
    for (size_t index = 0; index < count; index++)
        fprintf(report->stream, " %s%s", report_safe_text(report, report->graph->nodes[nodes[index]].name),
                blocking && report_blocking_unanswered(report, nodes[index]) ? " (unanswered)" : "");
    fputc('\n', report->stream);
}

/* The facts and values a gate names: "because: total = 52, needs ≥ 70". */
static void print_causes(report_context *report, size_t node) {
    const gate_outcome *gate = &report->result->gates[node];
    for (size_t index = 0; index < gate->cause_count; index++)
        fprintf(report->stream, "      because: %s\n",
                report_safe_text(report, report_cause_text(report, &gate->causes[index], node)));
}

/* The name column of a list of values: wide enough for the longest name
   (per-section values are SECTION.NAME), within 14 to 30 columns. */
static size_t value_name_columns(const tk_graph *graph, const size_t *nodes, size_t count) {
    size_t columns = 14;
    for (size_t index = 0; index < count; index++) {
        size_t width = report_text_width(graph->nodes[nodes[index]].name);
        if (width > columns) columns = width < 30 ? width : 30;
    }
    return columns;
}

/* The value column: 8 columns, or wide enough for a wider value shown such
   as `≈ 99.99 %`, up to 16; a longer one (an exact quotient of 34 digits)
   runs over rather than pushing every row aside. */
static size_t value_text_columns(report_context *report, const size_t *nodes, size_t count) {
    size_t columns = 8;
    for (size_t index = 0; index < count; index++) {
        if (report->graph->nodes[nodes[index]].kind != NODE_VALUE) continue;
        size_t width = report_text_width(node_value_text(report, nodes[index]));
        if (width > columns && width <= 16) columns = width;
    }
    return columns;
}

/* TEXT right-aligned in COLUMNS display columns, in COLOUR. */
static void print_right_aligned(report_context *report, const char *colour, const char *reset,
                                const char *text, size_t columns) {
    const char *shown = report_safe_text(report, text);
    size_t width = report_text_width(shown);
    fprintf(report->stream, " %s%*s%s%s", colour, width < columns ? (int)(columns - width) : 0, "",
            shown, reset);
}

static void print_values(report_context *report, const palette *colours, const size_t *nodes,
                         size_t count) {
    const tk_graph *graph = report->graph;
    size_t name_columns = value_name_columns(graph, nodes, count);
    size_t value_columns = value_text_columns(report, nodes, count);
    for (size_t index = 0; index < count; index++) {
        size_t node = nodes[index];
        const graph_node *decl = &graph->nodes[node];
        const char *title = report_safe_text(report, report_text(report, &decl->value->title, ""));
        fprintf(report->stream, "  %s", decl->kind == NODE_GATE ? "gate  " : "value ");
        report_print_cell(report->stream, decl->name, name_columns);
        if (decl->kind == NODE_VALUE) {
            print_right_aligned(report, colours->bold, colours->reset, node_value_text(report, node),
                                value_columns);
            fprintf(report->stream, "%s%s\n", *title ? "  " : "", title);
            continue;
        }
        const gate_outcome *gate = &report->result->gates[node];
        const char *colour = gate->status == TK_GATE_PASS   ? colours->green
                             : gate->status == TK_GATE_FAIL ? colours->red
                                                            : colours->yellow;
        print_right_aligned(report, colour, colours->reset, report_gate_status_name(gate->status),
                            value_columns);
        fprintf(report->stream, "%s%s\n", *title ? "  " : "", title);
        print_node_names(report, "blocking", gate->blocking, gate->blocking_count);
        print_node_names(report, "waiting", gate->waiting, gate->waiting_count);
        print_causes(report, node);
    }
}

static void print_checklist(report_context *report, const palette *colours,
                            const graph_checklist *checklist) {
    const char *title = report_safe_text(report, report_text(report, &checklist->title, ""));
    fprintf(report->stream, "\n%s%s%s%s%s\n", colours->bold, checklist->name, colours->reset,
            *title ? "  " : "", title);
    print_members(report, colours, checklist, checklist->members, checklist->member_count, 0,
                  id_columns(report, checklist));
    checklist_summary summary = report_summarize(report, checklist);
    const report_words *words = report->words;
    fprintf(report->stream, "  %s%zu%s%zu%s", words->answered_prefix,
            summary.states[STATE_ANSWERED], words->answered_middle, summary.applicable,
            words->answered_suffix);
    for (size_t state = 0; state < ITEM_STATE_COUNT; state++)
        if (!report_state_applies((item_state)state) && summary.states[state])
            fprintf(report->stream, "%s%zu%s", words->state[state].tally_before,
                    summary.states[state], words->state[state].tally_after);
    fputc('\n', report->stream);
    print_values(report, colours, checklist->values, checklist->value_count);
}

/* {=== stages and why ===} */

/* One item under a gate in the why-tree: its id, label and answer. */
static void print_why_item(report_context *report, const palette *colours, size_t node,
                           const char *indent, bool last, size_t id_width) {
    const graph_node *decl = &report->graph->nodes[node];
    const graph_item *ast = decl->item;
    const char *label = report_text(report, &ast->label, report_text(report, &ast->text, ""));
    const char *answer = report_option_label(report, node);
    fprintf(report->stream, "%s%s ", indent, last ? "└─" : "├─");
    report_print_cell(report->stream, decl->name, id_width);
    fputs("  ", report->stream);
    report_print_cell(report->stream, label, LABEL_COLUMNS);
    if (answer)
        fprintf(report->stream, "  %s%s%s\n", colours->red, report_safe_text(report, answer),
                colours->reset);
    else
        fprintf(report->stream, "  %s%s%s\n", colours->yellow,
                report->words->state[STATE_UNANSWERED].brief, colours->reset);
}

/* A gate and, with --explain, the items that hold it back. */
static void print_why_gate(report_context *report, const palette *colours, size_t node,
                           const char *indent, bool last) {
    const gate_outcome *gate = &report->result->gates[node];
    const char *colour = gate->status == TK_GATE_PASS   ? colours->green
                         : gate->status == TK_GATE_FAIL ? colours->red
                                                        : colours->yellow;
    const char *title =
        report_safe_text(report, report_text(report, &report->graph->nodes[node].value->title, ""));
    fprintf(report->stream, "%s%s gate %s  %s%s%s%s%s\n", indent, last ? "└─" : "├─",
            report_safe_text(report, report_gate_name(report, node)), colour, report_gate_status_name(gate->status),
            colours->reset, *title ? "  " : "", title);
    if (!report->options->explain) return;
    const char *deeper = arena_printf(&report->scratch, "%s%s", indent, last ? "   " : "│  ");
    size_t total = gate->blocking_count + gate->waiting_count, id_width = 2;
    for (size_t index = 0; index < total; index++) {
        size_t item = index < gate->blocking_count ? gate->blocking[index]
                                                   : gate->waiting[index - gate->blocking_count];
        const char *id = report->graph->nodes[item].name;
        size_t width = utf8_display_width(id, strlen(id));
        if (width > id_width) id_width = width;
    }
    for (size_t index = 0; index < total; index++) {
        size_t item = index < gate->blocking_count ? gate->blocking[index]
                                                   : gate->waiting[index - gate->blocking_count];
        print_why_item(report, colours, item, deeper, index + 1 == total + gate->cause_count,
                       id_width);
    }
    for (size_t index = 0; index < gate->cause_count; index++)
        fprintf(report->stream, "%s%s %s\n", deeper, index + 1 == gate->cause_count ? "└─" : "├─",
                report_safe_text(report, report_cause_text(report, &gate->causes[index], node)));
}

static void print_ladder(report_context *report, const palette *colours, size_t node) {
    const graph_stages *ladder = report->graph->nodes[node].stages;
    const ladder_outcome *outcome = &report->result->ladders[node];
    const report_words *words = report->words;
    const char *title = report_safe_text(report, report_text(report, &ladder->title, ""));
    fprintf(report->stream, "\n%sstages %s%s%s%s\n", colours->bold, report->graph->nodes[node].name,
            colours->reset, *title ? "  " : "", title);
    for (size_t index = 0; index < ladder->stage_count; index++) {
        const graph_stage *stage = &ladder->stages[index];
        const char *mark = index == outcome->current ? "▶"
                           : outcome->entered[index] ? "✓"
                           : index == outcome->next  ? "…"
                                                     : " ";
        fprintf(report->stream, "  %s ", mark);
        report_print_cell(report->stream, stage->id, 4);
        fprintf(report->stream, " %s%s\n",
                report_safe_text(report, report_text(report, &stage->title, "")),
                stage->is_during ? (outcome->entered[index] ? words->text_during_active
                                                            : words->text_during)
                                 : "");
    }
    if (outcome->next == NO_INDEX) return;
    const graph_stage *next = &ladder->stages[outcome->next];
    fprintf(report->stream, "  %s%s: %s%s%s%s\n", words->text_next_stage,
            report_safe_text(report, next->id), report_gate_status_name(outcome->next_status),
            words->text_next_when,
            report_safe_text(report, report_condition_text(&next->enter_when)),
            words->text_next_end);
    size_t *gates;
    size_t count = report_condition_gates(report, next->enter_when.expr, &gates);
    for (size_t index = 0; index < count; index++)
        print_why_gate(report, colours, gates[index], "    ", index + 1 == count);
}

/* A bands declaration: the value and the band it reached, then every band
   with its bounds, ▶ at the one reached. --explain says why: the value
   against the reached band's bounds. */
static void print_bands(report_context *report, const palette *colours, size_t node) {
    const graph_bands *bands = report->graph->nodes[node].bands;
    int reached = eval_band(report->result, node);
    const char *title = report_safe_text(report, report_text(report, &bands->title, ""));
    fprintf(report->stream, "\n%sbands %s%s%s%s\n", colours->bold, report->graph->nodes[node].name,
            colours->reset, *title ? "  " : "", title);
    fprintf(report->stream, "  %s = %s → %s%s%s\n", report_safe_text(report, bands->written),
            report_value_text(report, report->words, node),
            reached >= BAND_FIRST ? colours->bold : colours->yellow,
            report_safe_text(report, report_band_name(report, report->words, node)),
            colours->reset);
    size_t bounds_width = 2;
    for (size_t index = 0; index < bands->band_count; index++) {
        const char *bounds = band_bounds_text(&report->scratch, &bands->bands[index]);
        if (strlen(bounds) > bounds_width) bounds_width = strlen(bounds);
    }
    for (size_t index = 0; index < bands->band_count; index++) {
        const graph_band *band = &bands->bands[index];
        bool here = reached == BAND_FIRST + (int)index;
        fprintf(report->stream, "  %s ", here ? "▶" : " ");
        report_print_cell(report->stream, report_safe_text(report, band->id), 4);
        fputc(' ', report->stream);
        report_print_cell(report->stream, band_bounds_text(&report->scratch, band), bounds_width);
        fprintf(report->stream, "  %s\n",
                report_safe_text(report, report_text(report, &band->title, "")));
    }
    if (report->options->explain && reached >= BAND_FIRST)
        fprintf(report->stream, "    └─ %s %s\n",   /* exact: the number the bounds judged */
                report_number(report, report->result->values[node].number),
                band_bounds_text(&report->scratch, &bands->bands[reached - BAND_FIRST]));
}

/* The register's fields under the heading: one line of the short ones (id
   and service only when the heading is not made of them), one for the
   summary. Named as the register's overview table names its columns. */
static void print_register(report_context *report) {
    const char *const *words = report->words->register_field;
    const tk_answers *answers = report->result->answers;
    const char *id = answers->register_fields[REGISTER_ID];
    const char *service = answers->register_fields[REGISTER_SERVICE];
    const char *named = id && service ? arena_printf(&report->scratch, "%s %s", id, service)
                                      : id ? id : service;
    bool in_heading = named && answers->subject && !strcmp(named, answers->subject);
    const char *separator = "  ";
    for (size_t field = 0; field < REGISTER_KEY_COUNT; field++) {
        if (field == REGISTER_SUMMARY || !answers->register_fields[field]) continue;
        if (in_heading && (field == REGISTER_ID || field == REGISTER_SERVICE)) continue;
        fprintf(report->stream, "%s%s %s", separator, words[field],
                report_safe_text(report, answers->register_fields[field]));
        separator = " · ";
    }
    if (strcmp(separator, "  ")) fputc('\n', report->stream);
    if (answers->register_fields[REGISTER_SUMMARY])
        fprintf(report->stream, "  %s %s\n", words[REGISTER_SUMMARY],
                report_safe_text(report, answers->register_fields[REGISTER_SUMMARY]));
}

void text_result(report_context *report) {
    const palette *colours = report->options->color ? &ansi_colour : &no_colour;
    const tk_answers *answers = report->result->answers;
    const tk_graph *graph = report->graph;
    fprintf(report->stream, "%s%s%s\n", colours->bold,
            report_safe_text(report, answers->subject ? answers->subject : answers->path),
            colours->reset);
    fprintf(report->stream, "  rules %s", graph->module);
    if (answers->assessed)
        fprintf(report->stream, " · assessed %s", report_safe_text(report, answers->assessed));
    if (answers->assessor)
        fprintf(report->stream, " · assessor %s", report_safe_text(report, answers->assessor));
    fputc('\n', report->stream);
    print_register(report);
    for (size_t index = 0; index < graph->fact_count; index++) {
        size_t node = graph->facts[index];
        fprintf(report->stream, "  fact %s = %s\n", graph->nodes[node].name,
                report_safe_text(report, node_value_text(report, node)));
    }
    for (size_t index = 0; index < graph->checklist_count; index++)
        print_checklist(report, colours, &graph->checklists[index]);
    if (graph->value_count) {
        fputc('\n', report->stream);
        print_values(report, colours, graph->values, graph->value_count);
    }
    for (size_t index = 0; index < graph->ladder_count; index++)
        print_ladder(report, colours, graph->ladders[index]);
    for (size_t index = 0; index < graph->band_set_count; index++)
        print_bands(report, colours, graph->band_sets[index]);
}

/* {=== the diff of two results ===} */

/* Text right-aligned in `columns` display columns. */
static void print_right(FILE *stream, const char *text, size_t columns) {
    size_t width = utf8_display_width(text, strlen(text));
    for (; width < columns; width++) fputc(' ', stream);
    fputs(text, stream);
}

/* Text padded to at least `columns` display columns, never cut (a number
   is shown whole), then a space when it is wider. */
static void print_left(FILE *stream, const char *text, size_t columns) {
    size_t width = utf8_display_width(text, strlen(text));
    fputs(text, stream);
    for (; width < columns; width++) fputc(' ', stream);
    if (width > columns) fputc(' ', stream);
}

static void diff_change_line(diff_set *set, const diff_change *found) {
    FILE *stream = set->new.stream;
    switch (found->kind) {
    case DIFF_HEADER:
    case DIFF_FACT:
        fprintf(stream, "  %s%s  %s → %s\n", found->kind == DIFF_FACT ? "fact " : "",
                found->kind == DIFF_FACT ? found->name : diff_header_word(set, found->name),
                diff_shown(found->old.text), diff_shown(found->new.text));
        return;
    case DIFF_ITEM:
        fputs("  ", stream);
        report_print_cell(stream, found->name, 5);
        fputs(" ", stream);
        report_print_cell(stream, found->title, 34);
        print_right(stream, diff_delta_text(set, found), 5);
        fprintf(stream, "  %s → %s\n", diff_side_with_points(set, found, found->old),
                diff_side_with_points(set, found, found->new));
        return;
    case DIFF_VALUE:
    case DIFF_GATE:
        fprintf(stream, "  %s", found->kind == DIFF_GATE ? "gate  " : "value ");
        report_print_cell(stream, found->name, 14);
        print_right(stream, found->old.text, 9);
        fputs(" → ", stream);
        print_left(stream, found->new.text, 8);
        print_right(stream, diff_delta_text(set, found), 5);
        fprintf(stream, "%s%s\n", *found->title ? "  " : "", found->title);
        return;
    case DIFF_STAGE:
        fprintf(stream, "\nstages %s%s%s\n  %s %s → %s\n", found->name, *found->title ? "  " : "",
                found->title, set->new.words->diff_current, found->old.text, found->new.text);
        return;
    case DIFF_BAND:
        fprintf(stream, "\nbands %s%s%s\n  %s → %s\n", found->name, *found->title ? "  " : "",
                found->title, found->old.text, found->new.text);
        return;
    default: return;
    }
}

static void diff_scope(diff_set *set, size_t list) {
    if (!diff_has_changes_in(set, list)) return;
    FILE *stream = set->new.stream;
    if (list != NO_INDEX) {
        const graph_checklist *checklist = &set->new.graph->checklists[list];
        const char *title = report_text(&set->new, &checklist->title, "");
        fprintf(stream, "\n%s%s%s\n", checklist->name, *title ? "  " : "", title);
    } else {
        fputc('\n', stream);
    }
    for (size_t index = 0; index < set->count; index++)
        if (set->changes[index].checklist == list && set->changes[index].kind >= DIFF_ITEM &&
            set->changes[index].kind <= DIFF_GATE)
            diff_change_line(set, &set->changes[index]);
}

static void diff_one(diff_set *set) {
    FILE *stream = set->new.stream;
    const tk_answers *old = set->old.result->answers, *new = set->new.result->answers;
    fprintf(stream, "%s\n  rules %s\n  %s → %s\n", diff_subject(new), set->new.graph->module,
            old->path, new->path);
    for (size_t index = 0; index < set->count; index++)
        if (set->changes[index].kind <= DIFF_FACT) diff_change_line(set, &set->changes[index]);
    for (size_t list = 0; list < set->new.graph->checklist_count; list++) diff_scope(set, list);
    diff_scope(set, NO_INDEX);
    for (size_t index = 0; index < set->count; index++)
        if (set->changes[index].kind >= DIFF_STAGE) diff_change_line(set, &set->changes[index]);
    if (set->count == 0) fprintf(stream, "  %s\n", set->new.words->diff_no_changes);
}

void text_diff(diff_run *run) {
    diff_set *set;
    for (size_t index = 0; (set = diff_next(run)); index++) {
        if (index) fputc('\n', run->stream);
        diff_one(set);
    }
}

/* {=== coverage (tenken map) ===} */

enum { ID_COLUMN = 10, LEVEL_COLUMN = 8 };

static void pad_to(FILE *stream, const char *text, size_t column) {
    size_t width = utf8_display_width(text, strlen(text));
    fputs(text, stream);
    for (; width < column; width++) fputc(' ', stream);
    fputc(' ', stream);
}

static void coverage_via_text(FILE *stream, const control_coverage *control) {
    if (control->is_new && control->via_count == 0) {
        fputs("  (new: no counterpart in the source)", stream);
        return;
    }
    for (size_t index = 0; index < control->via_count; index++) {
        const coverage_via *via = &control->via[index];
        fprintf(stream, "%s%s %s %s", index ? ", " : "  ← ", via->source_id,
                relation_name(via->relation), control_status_name(via->status));
    }
}

static void coverage_clauses(const coverage_report *report, const char *lang, FILE *stream) {
    for (size_t clause_index = 0; clause_index < report->clause_count; clause_index++) {
        const clause_coverage *clause = &report->clauses[clause_index];
        fprintf(stream, "\n%s %s: full %zu, partial %zu, none %zu (%s%% full)\n",
                clause->clause->id, coverage_title(&clause->clause->title, lang),
                clause->counts[COVERAGE_FULL], clause->counts[COVERAGE_PARTIAL],
                clause->counts[COVERAGE_NONE],
                coverage_clause_percent(clause, (char[COVERAGE_PERCENT_TEXT]){0}));
        for (size_t index = 0; index < report->control_count; index++) {
            const control_coverage *control = &report->controls[index];
            if (catalog_top(control->target) != clause->clause) continue;
            fputs("  ", stream);
            pad_to(stream, control->target->id, ID_COLUMN);
            pad_to(stream, coverage_level_name(control->level), LEVEL_COLUMN);
            fputs(coverage_title(&control->target->title, lang), stream);
            coverage_via_text(stream, control);
            fputc('\n', stream);
        }
    }
    fprintf(stream, "\nsummary: full %zu, partial %zu, none %zu of %zu %s %ss\n",
            report->counts[COVERAGE_FULL], report->counts[COVERAGE_PARTIAL],
            report->counts[COVERAGE_NONE], report->control_count, report->to->id,
            control_kind_name(report->to->unit_kind));
}

static void coverage_gates(const coverage_output *output, FILE *stream) {
    for (size_t index = 0; output->gates && index < output->from->gate_count; index++) {
        const selection_result *result = &output->gates[index];
        const char *title = graph_text_pick(&result->gate->title, output->lang);
        fprintf(stream, "gate %s%s%s%s: %s", result->gate->name, title ? " (" : "",
                title ? title : "", title ? ")" : "", result->passed ? "pass" : "fail");
        for (size_t node = 0; node < result->missing_count; node++)
            fprintf(stream, "%s%s", node ? ", " : " — missing: ", result->missing[node]->id);
        fputc('\n', stream);
    }
}

void text_coverage(const coverage_output *output, FILE *stream) {
    const catalog_framework *from = output->from;
    fprintf(stream, "%s (edition %s)", from->id, from->edition);
    if (output->coverage)
        fprintf(stream, " → %s (edition %s)", output->coverage->to->id,
                output->coverage->to->edition);
    fputc('\n', stream);
    if (output->answers) {
        fprintf(stream, "answers: %s%s%s\n", output->answers->path,
                output->answers->subject ? " — " : "",
                output->answers->subject ? output->answers->subject : "");
        for (size_t index = 0; index < output->answers->certificate_count; index++) {
            const certificate *held = &output->answers->certificates[index];
            fprintf(stream, "certificate: %s%s%s%s%s\n", held->framework,
                    held->edition ? " " : "", held->edition ? held->edition : "",
                    held->scope ? " — " : "", held->scope ? held->scope : "");
        }
    } else if (output->coverage) {
        fputs("no answers: every source control counts as implemented (structural reach)\n",
              stream);
    }
    if (output->coverage) coverage_clauses(output->coverage, output->lang, stream);
    if (output->gates) {
        if (output->coverage) fputc('\n', stream);
        coverage_gates(output, stream);
    }
}
