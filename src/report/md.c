/*
 * md.c — everything the Markdown format writes, as it renders on GitHub.
 * The result: a heading per answer set, then tables for facts, stage ladders
 * (with what holds back the next stage), bands (the one reached in bold),
 * and per checklist its totals,
 * section subtotals, items, values, gates, gaps by gain and exclusions. The
 * diff of two results: a table per kind of change. The coverage of `tenken
 * map`: a table of clauses and one of controls. Every text from rules or
 * answers goes through md_escape (or md_code for code spans), so a | or * in
 * a label cannot break a table or start emphasis.
 */
#include <string.h>

#include "report/expr_text.h"
#include "report/formats.h"
#include "report/explain_text.h"
#include "base/escape.h"
#include "base/utf8.h"

void md_escape(FILE *stream, const char *text) {
    escape_md_text(stream, text);
}

/* A code span, its fences included (escape.c). */
static void md_code(FILE *stream, const char *text) {
    escape_md_code(stream, text);
}

typedef struct md_report {
    report_context *report;
    const report_words *words;
    FILE *out;
} md_report;

/* A table's header row and alignment row; `columns` is "l" or "r" per column. */
static void table_head(md_report *md, const char *columns, const char *const *titles) {
    FILE *out = md->out;
    size_t count = strlen(columns);
    fputs("\n|", out);
    for (size_t index = 0; index < count; index++) {
        fputc(' ', out);
        md_escape(out, titles[index]);
        fputs(" |", out);
    }
    fputs("\n|", out);
    for (size_t index = 0; index < count; index++) fputs(columns[index] == 'r' ? "---:|" : "---|", out);
    fputc('\n', out);
}

static void cell(FILE *out, const char *text) {
    fputs(" ", out);
    md_escape(out, text);
    fputs(" |", out);
}

static void code_cell(FILE *out, const char *text) {
    fputc(' ', out);
    md_code(out, text);
    fputs(" |", out);
}

static const char *answer_text(md_report *md, size_t node) {
    report_context *report = md->report;
    const item_outcome *item = &report->result->items[node];
    const tk_answers *answers = report->result->answers;
    if (item->state == STATE_ANSWERED) return report_option_label(report, node);
    const char *counted = report_counted_as(report, node);
    if (counted) return counted;
    if (item->state != STATE_INVALID) return md->words->state[item->state].word;
    if (answers->given_twice[node]) return md->words->answered_twice;
    return arena_printf(&report->scratch, "%s “%s”", md->words->state[STATE_INVALID].word,
                        answers->raw[node]);
}

/* The answer, with its note: "確認中 (メモ: …)". */
static const char *answer_with_note(md_report *md, size_t node) {
    const tk_answers *answers = md->report->result->answers;
    const char *answer = answer_text(md, node);
    if (answers->notes[node])
        answer = arena_printf(&md->report->scratch, "%s (%s: %s)", answer, md->words->note,
                              answers->notes[node]);
    if (answers->evidence[node])
        answer = arena_printf(&md->report->scratch, "%s (%s: %s)", answer, md->words->evidence,
                              answers->evidence[node]);
    return answer;
}

static const char *points_text(md_report *md, size_t node) {
    report_context *report = md->report;
    const item_outcome *item = &report->result->items[node];
    if (item->option >= 0) /* answered, or counted as an option */
        return arena_printf(&report->scratch, "%s/%s", report_number(report, item->points),
                            report_number(report, item->max));
    if (!report_state_applies(item->state)) return "–";
    return arena_printf(&report->scratch, "–/%s", report_number(report, item->max));
}

/* Ids of items, space-separated. */
static void id_list(md_report *md, const size_t *nodes, size_t count) {
    fputc(' ', md->out);
    for (size_t index = 0; index < count; index++) {
        if (index) fputc(' ', md->out);
        md_escape(md->out, md->report->graph->nodes[nodes[index]].name);
    }
    fputs(" |", md->out);
}

/* A gate's blocking items, unanswered ones marked, then the facts and
   values it names: `2 5 (未回答: 5); `total = 7, needs ≥ 70``. */
static void blocking_cell(md_report *md, size_t node) {
    const gate_outcome *gate = &md->report->result->gates[node];
    FILE *out = md->out;
    fputc(' ', out);
    for (size_t index = 0; index < gate->blocking_count; index++) {
        if (index) fputc(' ', out);
        md_escape(out, md->report->graph->nodes[gate->blocking[index]].name);
    }
    if (report_blocking_unanswered_count(md->report, gate)) {
        fputs(" (", out);
        md_escape(out, md->words->state[STATE_UNANSWERED].brief);
        fputc(':', out);
        for (size_t index = 0; index < gate->blocking_count; index++)
            if (report_blocking_unanswered(md->report, gate->blocking[index])) {
                fputc(' ', out);
                md_escape(out, md->report->graph->nodes[gate->blocking[index]].name);
            }
        fputc(')', out);
    }
    for (size_t index = 0; index < gate->cause_count; index++) {
        fputs(index || gate->blocking_count ? "; " : "", out);
        md_code(out, report_cause_text(md->report, &gate->causes[index], node));
    }
    fputs(" |", out);
}

/* {=== header and facts ===} */

static void md_header(md_report *md) {
    const tk_answers *answers = md->report->result->answers;
    FILE *out = md->out;
    fputs("# ", out);
    md_escape(out, answers->subject ? answers->subject : answers->path);
    fputs("\n\n", out);
    const struct { const char *term, *value; bool code; } entries[] = {
        {md->words->assessor, answers->assessor, false},
        {md->words->assessed, answers->assessed, false},
        {md->words->rules, md->report->graph->module, true},
        {md->words->answer_file,
         answers->document > 1 ? arena_printf(&md->report->scratch, "%s #%zu", answers->path,
                                              answers->document)
                               : answers->path,
         true},
    };
    for (size_t index = 0; index < sizeof entries / sizeof *entries; index++) {
        if (!entries[index].value) continue;
        fputs("- ", out);
        md_escape(out, entries[index].term);
        fputs(": ", out);
        if (entries[index].code) md_code(out, entries[index].value);
        else md_escape(out, entries[index].value);
        fputc('\n', out);
    }
}

static void md_facts(md_report *md) {
    const tk_graph *graph = md->report->graph;
    if (graph->fact_count == 0) return;
    FILE *out = md->out;
    const char *titles[] = {md->words->fact, md->words->description, md->words->value};
    table_head(md, "lll", titles);
    for (size_t index = 0; index < graph->fact_count; index++) {
        size_t node = graph->facts[index];
        fputc('|', out);
        code_cell(out, graph->nodes[node].name);
        cell(out, report_text(md->report, &graph->nodes[node].fact->description, ""));
        cell(out, report_value_text(md->report, md->words, node));
        fputc('\n', out);
    }
}

/* {=== values and gates ===} */

static void md_values(md_report *md, const size_t *nodes, size_t count, size_t skip_a,
                      size_t skip_b) {
    FILE *out = md->out;
    report_context *report = md->report;
    size_t values = 0, gates = 0;
    for (size_t index = 0; index < count; index++) {
        if (nodes[index] == skip_a || nodes[index] == skip_b) continue;
        if (report->graph->nodes[nodes[index]].kind == NODE_GATE) gates++;
        else values++;
    }
    if (values) {
        fputs("\n### ", out);
        md_escape(out, md->words->values);
        fputc('\n', out);
        const char *titles[] = {md->words->name, md->words->description, md->words->value};
        table_head(md, "llr", titles);
        for (size_t index = 0; index < count; index++) {
            size_t node = nodes[index];
            const graph_node *decl = &report->graph->nodes[node];
            if (decl->kind == NODE_GATE || node == skip_a || node == skip_b) continue;
            fputc('|', out);
            code_cell(out, decl->name);
            cell(out, report_text(report, &decl->value->title, ""));
            cell(out, report_value_text(report, md->words, node));
            fputc('\n', out);
        }
    }
    if (gates) {
        fputs("\n### ", out);
        md_escape(out, md->words->gates);
        fputc('\n', out);
        const char *titles[] = {md->words->gate, md->words->description, md->words->status,
                                md->words->blocking, md->words->waiting};
        table_head(md, "lllll", titles);
        for (size_t index = 0; index < count; index++) {
            size_t node = nodes[index];
            const graph_node *decl = &report->graph->nodes[node];
            if (decl->kind != NODE_GATE) continue;
            const gate_outcome *gate = &report->result->gates[node];
            fputc('|', out);
            code_cell(out, decl->name);
            cell(out, report_text(report, &decl->value->title, ""));
            cell(out, report_gate_status_word(md->words, gate->status));
            blocking_cell(md, node);
            id_list(md, gate->waiting, gate->waiting_count);
            fputc('\n', out);
        }
    }
}

/* {=== stage ladders ===} */

static void why_item(md_report *md, size_t node, const char *kind) {
    FILE *out = md->out;
    fputs("  - ", out);
    md_escape(out, kind);
    fputs(": **", out);
    md_escape(out, md->report->graph->nodes[node].name);
    fputs("** ", out);
    md_escape(out, report_item_label(md->report, node));
    fputs(" — ", out);
    md_escape(out, answer_with_note(md, node));
    fputc('\n', out);
}

static void md_ladder(md_report *md, size_t node) {
    FILE *out = md->out;
    report_context *report = md->report;
    const graph_stages *ladder = report->graph->nodes[node].stages;
    const ladder_outcome *outcome = &report->result->ladders[node];
    const char *title = report_text(report, &ladder->title, "");
    fputs("\n## ", out);
    const char *name = report->graph->nodes[node].name;
    md_escape(out, *title ? title : name);
    fputs(" (", out);
    md_code(out, name);
    fputs(")\n\n", out);
    if (outcome->current == NO_INDEX) {
        md_escape(out, md->words->no_stage);
    } else {
        const graph_stage *stage = &ladder->stages[outcome->current];
        md_escape(out, md->words->current);
        fputs(": **", out);
        md_escape(out, stage->id);
        fputc(' ', out);
        md_escape(out, report_text(report, &stage->title, ""));
        fputs("**", out);
    }
    fputc('\n', out);
    const char *titles[] = {md->words->stage, md->words->name, md->words->status};
    table_head(md, "lll", titles);
    for (size_t index = 0; index < ladder->stage_count; index++) {
        const graph_stage *stage = &ladder->stages[index];
        fputc('|', out);
        cell(out, stage->id);
        cell(out, report_text(report, &stage->title, ""));
        const char *state = stage->is_during
                                ? (outcome->entered[index] ? md->words->during_active : md->words->during)
                            : index == outcome->current ? md->words->current
                            : outcome->entered[index]   ? md->words->entered
                            : index == outcome->next    ? md->words->next_stage
                                                        : md->words->not_entered;
        if (index == outcome->current) {
            fputs(" **", out);
            md_escape(out, state);
            fputs("** |", out);
        } else {
            cell(out, state);
        }
        fputc('\n', out);
    }
    if (outcome->next == NO_INDEX) return;
    const graph_stage *next = &ladder->stages[outcome->next];
    fputs("\n**", out);
    md_escape(out, md->words->next_stage);
    fputc(' ', out);
    md_escape(out, next->id);
    fputc(' ', out);
    md_escape(out, report_text(report, &next->title, ""));
    fputs(": ", out);
    md_escape(out, report_gate_status_word(md->words, outcome->next_status));
    fputs("** — ", out);
    md_escape(out, md->words->condition);
    fputc(' ', out);
    md_code(out, report_condition_text(&next->enter_when));
    fputs("\n\n", out);
    size_t *gates;
    size_t count = report_condition_gates(report, next->enter_when.expr, &gates);
    for (size_t index = 0; index < count; index++) {
        const gate_outcome *gate = &report->result->gates[gates[index]];
        fputs("- ", out);
        md_code(out, report_gate_name(report, gates[index]));
        fputs(" **", out);
        md_escape(out, report_gate_status_word(md->words, gate->status));
        fputs("** ", out);
        md_escape(out, report_text(report, &report->graph->nodes[gates[index]].value->title, ""));
        fputc('\n', out);
        for (size_t item = 0; item < gate->blocking_count; item++)
            why_item(md, gate->blocking[item], md->words->blocking);
        for (size_t item = 0; item < gate->waiting_count; item++)
            why_item(md, gate->waiting[item], md->words->waiting);
        for (size_t cause = 0; cause < gate->cause_count; cause++) {
            fputs("  - ", out);
            md_escape(out, md->words->because);
            fputs(": ", out);
            md_code(out, report_cause_text(report, &gate->causes[cause], gates[index]));
            fputc('\n', out);
        }
    }
}

/* {=== bands ===} */

static void md_bands(md_report *md, size_t node) {
    FILE *out = md->out;
    report_context *report = md->report;
    const graph_bands *bands = report->graph->nodes[node].bands;
    int reached = eval_band(report->result, node);
    const char *title = report_text(report, &bands->title, "");
    const char *name = report->graph->nodes[node].name;
    fputs("\n## ", out);
    md_escape(out, *title ? title : name);
    fputs(" (", out);
    md_code(out, name);
    fputs(")\n\n", out);
    md_escape(out, md->words->band);
    fputs(": **", out);
    md_escape(out, report_band_name(report, md->words, node));
    fputs("**", out);
    if (reached >= BAND_FIRST) {
        fputc(' ', out);
        md_escape(out, report_text(report, &bands->bands[reached - BAND_FIRST].title, ""));
    }
    fputs(" — ", out);
    md_code(out, bands->written);
    fputs(" = ", out);
    md_escape(out, report_value_text(report, md->words, node));
    fputc('\n', out);
    const char *titles[] = {md->words->band, md->words->bounds, md->words->name};
    table_head(md, "lll", titles);
    for (size_t index = 0; index < bands->band_count; index++) {
        const graph_band *band = &bands->bands[index];
        const char *strong = reached == BAND_FIRST + (int)index ? "**" : "";
        fprintf(out, "| %s", strong);
        md_escape(out, band->id);
        fprintf(out, "%s |", strong);
        code_cell(out, band_bounds_text(&report->scratch, band));
        fprintf(out, " %s", strong);
        md_escape(out, report_text(report, &band->title, ""));
        fprintf(out, "%s |\n", strong);
    }
}

/* {=== a checklist ===} */

static void item_rows(md_report *md, const graph_checklist *checklist,
                      const graph_member *members, size_t count) {
    FILE *out = md->out;
    for (size_t index = 0; index < count; index++) {
        const graph_member *member = &members[index];
        if (member->kind == G_MEMBER_SECTION) {
            const graph_section *section = &checklist->sections[member->index];
            fputs("| | **", out);
            md_escape(out, report_text(md->report, &section->title, section->name));
            fputs("** | | |\n", out);
            item_rows(md, checklist, section->members, section->member_count);
        } else {
            size_t node = member->index;
            fputc('|', out);
            cell(out, md->report->graph->nodes[node].name);
            cell(out, report_item_label(md->report, node));
            cell(out, answer_with_note(md, node));
            cell(out, points_text(md, node));
            fputc('\n', out);
        }
    }
}

static void md_subtotals(md_report *md, const graph_checklist *checklist) {
    FILE *out = md->out;
    report_context *report = md->report;
    const char *titles[] = {md->words->section, md->words->points, md->words->answered_column};
    table_head(md, "lrr", titles);
    for (size_t index = 0; index < checklist->section_count; index++) {
        const graph_section *section = &checklist->sections[index];
        decimal points, max;
        size_t answered, applicable;
        report_section_points(report, section, &points, &max, &answered, &applicable);
        fputc('|', out);
        cell(out, report_text(report, &section->title, section->name));
        cell(out, arena_printf(&report->scratch, "%s / %s", report_number(report, points),
                               report_number(report, max)));
        cell(out, arena_printf(&report->scratch, "%zu / %zu", answered, applicable));
        fputc('\n', out);
    }
}

static void md_gaps(md_report *md, const graph_checklist *checklist) {
    FILE *out = md->out;
    report_context *report = md->report;
    size_t *gaps;
    size_t count = report_gaps(report, checklist, &gaps);
    fputs("\n### ", out);
    md_escape(out, md->words->gaps);
    fputc('\n', out);
    if (count == 0) {
        fputc('\n', out);
        md_escape(out, md->words->no_gaps);
        fputc('\n', out);
        return;
    }
    const char *titles[] = {md->words->number, md->words->item, md->words->answer,
                            md->words->best_answer, md->words->gain};
    table_head(md, "llllr", titles);
    for (size_t index = 0; index < count; index++) {
        size_t node = gaps[index];
        fputc('|', out);
        cell(out, report->graph->nodes[node].name);
        cell(out, report_item_label(report, node));
        cell(out, arena_printf(&report->scratch, "%s (%s)", answer_text(md, node), points_text(md, node)));
        cell(out, report_best_option(report, node));
        cell(out, arena_printf(&report->scratch, "+%s", report_number(report, report_item_gain(report, node))));
        fputc('\n', out);
    }
}

static void md_exclusions(md_report *md, const graph_checklist *checklist) {
    FILE *out = md->out;
    report_context *report = md->report;
    bool any = false;
    for (size_t index = 0; index < checklist->item_count; index++) {
        size_t node = checklist->items[index];
        const item_outcome *item = &report->result->items[node];
        if (report_state_applies(item->state) && item->expired == NO_INDEX) continue;
        if (!any) {
            fputs("\n### ", out);
            md_escape(out, md->words->exclusions);
            fputc('\n', out);
            const char *titles[] = {md->words->number, md->words->item, md->words->status,
                                    md->words->reason};
            table_head(md, "llll", titles);
            any = true;
        }
        const graph_item *decl = report->graph->nodes[node].item;
        fputc('|', out);
        cell(out, report->graph->nodes[node].name);
        cell(out, report_item_label(report, node));
        cell(out, answer_text(md, node));
        fputc(' ', out);
        const char *note = report_exclusion_note(report, node);
        if (item->expired != NO_INDEX) {
            md_escape(out, note);
        } else if (item->state == STATE_EXCLUDED) {
            md_escape(out, report_text(report, &decl->exclusions[item->reason].reason, ""));
            const char *condition = report_condition_text(&decl->exclusions[item->reason].condition);
            if (*condition) {
                fputs(" (", out);
                md_escape(out, md->words->excluded_when);
                fputc(' ', out);
                md_code(out, condition);
                fputc(')', out);
            }
            if (note) fputs(" · ", out), md_escape(out, note);
        } else {
            md_escape(out, md->words->only_when);
            md_code(out, report_condition_text(&decl->only_when[item->reason]));
        }
        fputs(" |\n", out);
    }
}

static void md_checklist(md_report *md, const graph_checklist *checklist) {
    FILE *out = md->out;
    report_context *report = md->report;
    const char *title = report_text(report, &checklist->title, "");
    fputs("\n## ", out);
    md_escape(out, *title ? title : checklist->name);
    fputs(" (", out);
    md_code(out, checklist->name);
    fputs(")\n\n", out);
    size_t total = report_checklist_value(report, checklist, "total");
    size_t max = report_checklist_value(report, checklist, "max");
    if (total != NO_INDEX && max != NO_INDEX && report->graph->nodes[total].kind == NODE_VALUE &&
        report->graph->nodes[max].kind == NODE_VALUE) {
        fputs("**", out);
        md_escape(out, report_value_text(report, md->words, total));
        fputs(" / ", out);
        md_escape(out, report_value_text(report, md->words, max));
        fputs("** ", out);
        md_escape(out, report_text(report, &report->graph->nodes[total].value->title,
                                   md->words->total));
        if (report->result->values[total].kind == EV_UNKNOWN) {
            fputs(" (", out);
            md_escape(out, md->words->not_in_total);
            fputc(')', out);
        }
        fputs("\n\n", out);
    } else {
        total = max = NO_INDEX;
    }
    checklist_summary summary = report_summarize(report, checklist);
    fprintf(out, "%s%zu%s%zu%s", md->words->answered_prefix, summary.states[STATE_ANSWERED],
            md->words->answered_middle, summary.applicable, md->words->answered_suffix);
    for (size_t state = 0; state < ITEM_STATE_COUNT; state++)
        if (!report_state_applies((item_state)state) && summary.states[state])
            fprintf(out, " · %s %zu", md->words->state[state].word, summary.states[state]);
    fputc('\n', out);
    if (checklist->section_count) md_subtotals(md, checklist);
    fputs("\n### ", out);
    md_escape(out, md->words->items);
    fputc('\n', out);
    const char *titles[] = {md->words->number, md->words->item, md->words->answer, md->words->points};
    table_head(md, "lllr", titles);
    item_rows(md, checklist, checklist->members, checklist->member_count);
    md_values(md, checklist->values, checklist->value_count, total, max);
    md_gaps(md, checklist);
    md_exclusions(md, checklist);
}

void md_result(report_context *report) {
    md_report md = {report, report->words, report->stream};
    const tk_graph *graph = report->graph;
    md_header(&md);
    md_facts(&md);
    for (size_t index = 0; index < graph->ladder_count; index++) md_ladder(&md, graph->ladders[index]);
    for (size_t index = 0; index < graph->band_set_count; index++)
        md_bands(&md, graph->band_sets[index]);
    for (size_t index = 0; index < graph->checklist_count; index++)
        md_checklist(&md, &graph->checklists[index]);
    if (graph->value_count) {
        fputs("\n## ", md.out);
        md_escape(md.out, md.words->overall);
        fputc('\n', md.out);
        md_values(&md, graph->values, graph->value_count, NO_INDEX, NO_INDEX);
    }
}

/* {=== the diff of two results ===} */

/* A cell of the diff's tables: the text on one line, its | escaped (escape.c). */
static void diff_cell(FILE *stream, const char *text) {
    fputs("| ", stream);
    escape_md_line(stream, text);
    fputc(' ', stream);
}

static void diff_heading(FILE *stream, int level, const char *text) {
    fprintf(stream, "\n%.*s ", level, "######");
    escape_md_line(stream, text);
    fputc('\n', stream);
}

static void diff_table_md(FILE *stream, const diff_table *table) {
    diff_heading(stream, 2, table->heading);
    fputc('\n', stream);
    for (size_t column = 0; column < table->columns; column++)
        diff_cell(stream, table->head[column]);
    fputs("|\n", stream);
    for (size_t column = 0; column < table->columns; column++) fputs("|---", stream);
    fputs("|\n", stream);
    for (size_t row = 0; row < table->row_count; row++) {
        for (size_t column = 0; column < table->columns; column++)
            diff_cell(stream, table->rows[row].cells[column]);
        fputs("|\n", stream);
    }
}

void md_diff(diff_run *run) {
    FILE *stream = run->stream;
    diff_set *set;
    while ((set = diff_next(run))) {
        diff_heading(stream, 1, diff_subject(set->new.result->answers));
        fputc('\n', stream);
        escape_md_line(stream, diff_files_line(set));
        fputc('\n', stream);
        diff_table tables[DIFF_KIND_COUNT];
        diff_tables(set, tables);
        for (size_t kind = 0; kind < DIFF_KIND_COUNT; kind++)
            if (tables[kind].row_count) diff_table_md(stream, &tables[kind]);
        if (set->count == 0) fprintf(stream, "\n%s\n", run->words->diff_no_changes_sentence);
    }
}

/* {=== coverage (tenken map) ===} */

static void coverage_via_md(FILE *stream, const control_coverage *control) {
    if (control->is_new && control->via_count == 0) fputs("new", stream);
    for (size_t index = 0; index < control->via_count; index++) {
        const coverage_via *via = &control->via[index];
        fprintf(stream, "%s%s %s (%s)", index ? ", " : "", via->source_id,
                relation_name(via->relation), control_status_name(via->status));
    }
}

static void coverage_tables(const coverage_report *report, const char *lang, FILE *stream) {
    fputs("| clause | title | full | partial | none | full % |\n|---|---|---:|---:|---:|---:|\n",
          stream);
    for (size_t index = 0; index < report->clause_count; index++) {
        const clause_coverage *clause = &report->clauses[index];
        fprintf(stream, "| %s | ", clause->clause->id);
        escape_md_line(stream, coverage_title(&clause->clause->title, lang));
        fprintf(stream, " | %zu | %zu | %zu | %s |\n", clause->counts[COVERAGE_FULL],
                clause->counts[COVERAGE_PARTIAL], clause->counts[COVERAGE_NONE],
                coverage_clause_percent(clause, (char[COVERAGE_PERCENT_TEXT]){0}));
    }
    fprintf(stream, "| **all** | | %zu | %zu | %zu | |\n\n", report->counts[COVERAGE_FULL],
            report->counts[COVERAGE_PARTIAL], report->counts[COVERAGE_NONE]);
    fputs("| control | title | coverage | via |\n|---|---|---|---|\n", stream);
    for (size_t index = 0; index < report->control_count; index++) {
        const control_coverage *control = &report->controls[index];
        fprintf(stream, "| %s | ", control->target->id);
        escape_md_line(stream, coverage_title(&control->target->title, lang));
        fprintf(stream, " | %s | ", coverage_level_name(control->level));
        coverage_via_md(stream, control);
        fputs(" |\n", stream);
    }
}

void md_coverage(const coverage_output *output, FILE *stream) {
    const coverage_report *report = output->coverage;
    fprintf(stream, "# %s", output->from->id);
    if (report) fprintf(stream, " → %s", report->to->id);
    fputs("\n\n", stream);
    if (output->answers) fprintf(stream, "Answers: `%s`\n\n", output->answers->path);
    if (report) coverage_tables(report, output->lang, stream);
    for (size_t index = 0; output->gates && index < output->from->gate_count; index++) {
        const selection_result *result = &output->gates[index];
        fprintf(stream, "%s- gate `%s`: **%s**", index ? "" : "\n", result->gate->name,
                result->passed ? "pass" : "fail");
        for (size_t node = 0; node < result->missing_count; node++)
            fprintf(stream, "%s%s", node ? ", " : " — missing: ", result->missing[node]->id);
        fputc('\n', stream);
    }
}
