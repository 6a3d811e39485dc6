/*
 * text.c — the readable report: a header, then per checklist its sections and
 * items in source order (label, answer, points, a bar), the count of answered
 * items, values and gates with what blocks them. Columns are aligned by
 * display width, so Japanese labels line up; colour only when asked for.
 */
#include <math.h>
#include <string.h>

#include "report/report.h"
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
    case EV_NUMBER:
        if (fabs(value.number) < 1e15 && value.number == floor(value.number))
            return arena_printf(&report->scratch, "%.0f", value.number);
        return arena_printf(&report->scratch, "%.4g", value.number);
    case EV_BOOL: return value.number != 0 ? "true" : "false";
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
        return decl->enum_members->names[(size_t)value.number];
    return format_value(report, value);
}

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
    switch (item->state) {
    case STATE_ANSWERED:
        report_print_cell(report->stream, report_option_label(report, node), ANSWER_COLUMNS);
        fprintf(report->stream, " %7s  ",
                arena_printf(&report->scratch, "%s/%s",
                             format_value(report, (eval_value){EV_NUMBER, item->points, NULL}),
                             format_value(report, (eval_value){EV_NUMBER, item->max, NULL})));
        print_bar(report, colours, item->points, item->max);
        break;
    case STATE_EXCLUDED:
    case STATE_NOT_APPLICABLE:
        fprintf(report->stream, "%s%s: %s%s", colours->dim,
                item->state == STATE_EXCLUDED ? (strcmp(report->lang, "en") ? "除外" : "excluded")
                                              : (strcmp(report->lang, "en") ? "対象外" : "n/a"),
                report_safe_text(report, report_item_reason(report, node)), colours->reset);
        break;
    case STATE_INVALID:
        if (report->result->answers->given_twice[node])
            fprintf(report->stream, "%sinvalid: answered more than once%s", colours->red,
                    colours->reset);
        else
            fprintf(report->stream, "%sinvalid answer '%s'%s", colours->red,
                    report_safe_text(report, report->result->answers->raw[node]), colours->reset);
        break;
    default:
        fprintf(report->stream, "%s%s%s", colours->yellow,
                strcmp(report->lang, "en") ? "未回答" : "unanswered", colours->reset);
    }
    fputc('\n', report->stream);
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
            fprintf(report->stream, "%*s%s%s%s\n", depth * 2 + 2, "", colours->bold,
                    report_safe_text(report, report_text(report, &section->title, section->name)),
                    colours->reset);
            print_members(report, colours, checklist, section->members, section->member_count,
                          depth + 1, id_width);
        }
    }
}

static void print_node_names(report_context *report, const char *heading, const size_t *nodes,
                             size_t count) {
    if (count == 0) return;
    fprintf(report->stream, "      %s:", heading);
    for (size_t index = 0; index < count; index++)
        fprintf(report->stream, " %s", report_safe_text(report, report->graph->nodes[nodes[index]].name));
    fputc('\n', report->stream);
}

static void print_values(report_context *report, const palette *colours, const size_t *nodes,
                         size_t count) {
    const tk_graph *graph = report->graph;
    for (size_t index = 0; index < count; index++) {
        size_t node = nodes[index];
        const graph_node *decl = &graph->nodes[node];
        const char *title = report_safe_text(report, report_text(report, &decl->value->title, ""));
        fprintf(report->stream, "  %s", decl->kind == NODE_GATE ? "gate  " : "value ");
        report_print_cell(report->stream, decl->name, 14);
        if (decl->kind == NODE_VALUE) {
            fprintf(report->stream, " %s%8s%s%s%s\n", colours->bold,
                    report_safe_text(report, node_value_text(report, node)), colours->reset,
                    *title ? "  " : "", title);
            continue;
        }
        const gate_outcome *gate = &report->result->gates[node];
        const char *colour = gate->status == TK_GATE_PASS   ? colours->green
                             : gate->status == TK_GATE_FAIL ? colours->red
                                                            : colours->yellow;
        fprintf(report->stream, " %s%8s%s%s%s\n", colour, report_gate_status_name(gate->status),
                colours->reset, *title ? "  " : "", title);
        print_node_names(report, "blocking", gate->blocking, gate->blocking_count);
        print_node_names(report, "waiting", gate->waiting, gate->waiting_count);
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
    bool english = strcmp(report->lang, "en") == 0;
    fprintf(report->stream, english ? "  answered %zu of %zu applicable items"
                                    : "  回答 %zu / 対象 %zu 項目",
            summary.answered, summary.applicable);
    if (summary.excluded)
        fprintf(report->stream, english ? ", %zu excluded" : "（除外 %zu）", summary.excluded);
    if (summary.not_applicable)
        fprintf(report->stream, english ? ", %zu not applicable" : "（非該当 %zu）",
                summary.not_applicable);
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
                strcmp(report->lang, "en") ? "未回答" : "unanswered", colours->reset);
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
        print_why_item(report, colours, item, deeper, index + 1 == total, id_width);
    }
}

static void print_ladder(report_context *report, const palette *colours, size_t node) {
    const graph_stages *ladder = report->graph->nodes[node].stages;
    const ladder_outcome *outcome = &report->result->ladders[node];
    bool english = strcmp(report->lang, "en") == 0;
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
                stage->is_during ? (outcome->entered[index] ? (english ? "  (during, active)" : "（並行・実施中）")
                                                            : (english ? "  (during)" : "（並行）"))
                                 : "");
    }
    if (outcome->next == NO_INDEX) return;
    const graph_stage *next = &ladder->stages[outcome->next];
    fprintf(report->stream, english ? "  next %s: %s, when %s\n" : "  次の段階 %s: %s（条件 %s）\n",
            report_safe_text(report, next->id), report_gate_status_name(outcome->next_status),
            report_safe_text(report, report_condition_text(&next->enter_when)));
    size_t *gates;
    size_t count = report_condition_gates(report, next->enter_when.expr, &gates);
    for (size_t index = 0; index < count; index++)
        print_why_gate(report, colours, gates[index], "    ", index + 1 == count);
}

/* The register's fields under the heading: one line of the short ones (id
   and service only when the heading is not made of them), one for the
   summary. Named as the register's overview table names its columns. */
static void print_register(report_context *report) {
    static const char *const ja[REGISTER_KEY_COUNT] = {
        "管理番号", "サービス名", "所管部署", "サービスの概要", "ステータス", "開始日",
        "終了（予定）日"};
    static const char *const en[REGISTER_KEY_COUNT] = {
        "id", "service", "department", "summary", "status", "start", "end"};
    const char *const *words = strcmp(report->lang, "en") ? ja : en;
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

void report_text_render(report_context *report) {
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
}
