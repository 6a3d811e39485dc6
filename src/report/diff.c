/*
 * diff.c — what changed between two results of the same subject (visit 1
 * and visit 3): the header and register fields, facts, items whose answer
 * changed with the points gained or lost, values old → new with the
 * difference, gates whose status changed, and the current stage of each
 * ladder. The changes are collected once, then written as text, JSON
 * (tenken-diff/1), Markdown or a small self-contained HTML page.
 */
#include <math.h>
#include <string.h>

#include "report/report.h"
#include "base/escape.h"
#include "base/json_write.h"
#include "base/utf8.h"

#define TK_DIFF_FORMAT "tenken-diff/1"

typedef enum diff_kind {
    DIFF_HEADER, DIFF_FACT, DIFF_ITEM, DIFF_VALUE, DIFF_GATE, DIFF_STAGE
} diff_kind;

/* One side of a change: as text, and as a number when it is one. */
typedef struct side {
    const char *text;
    bool has_number;
    double number;
} side;

typedef struct change {
    diff_kind kind;
    size_t node;            /* the fact, item, value, gate or ladder node */
    size_t checklist;       /* its checklist, or NO_INDEX */
    const char *name;       /* item id, fact, value, gate or ladder name, header field */
    const char *title;      /* label or title in the report's language, or "" */
    side old, new;
    bool has_delta;
    double delta;
} change;

typedef struct diff {
    report_context old, new;    /* `new` renders; `old` reads the first result */
    change *changes;
    size_t count, capacity;
} diff;

static bool english(const diff *set) { return strcmp(set->new.lang, "en") == 0; }

static const char *word(const diff *set, const char *ja, const char *en) {
    return english(set) ? en : ja;
}

static change *add_change(diff *set, diff_kind kind, size_t node, size_t checklist,
                          const char *name, const char *title) {
    change *added = ARENA_PUSH(&set->new.scratch, set->changes, set->count, set->capacity);
    *added = (change){kind, node, checklist, name, title ? title : "", {0}, {0}, false, 0};
    return added;
}

/* {=== collecting the changes ===} */

static const char *number_text(diff *set, double number) {
    if (number == floor(number) && fabs(number) < 1e15)
        return arena_printf(&set->new.scratch, "%.0f", number);
    return arena_printf(&set->new.scratch, "%.4g", number);
}

static side value_side(diff *set, const report_context *report, size_t node) {
    eval_value value = report->result->values[node];
    const graph_node *decl = &report->graph->nodes[node];
    switch (value.kind) {
    case EV_NUMBER:
        if (decl->type == TYPE_ENUM)
            return (side){decl->enum_members->names[(size_t)value.number], false, 0};
        return (side){number_text(set, value.number), true, value.number};
    case EV_BOOL: return (side){value.number != 0 ? "true" : "false", false, 0};
    case EV_STRING: return (side){value.string, false, 0};
    case EV_NA: return (side){"n/a", false, 0};
    default: return (side){"unknown", false, 0};
    }
}

static bool same_side(side left, side right) {
    return strcmp(left.text, right.text) == 0;
}

static void compare_header(diff *set) {
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
        change *found = add_change(set, DIFF_HEADER, NO_INDEX, NO_INDEX, fields[index][0], NULL);
        found->old.text = before;
        found->new.text = after;
    }
}

static void compare_facts(diff *set) {
    const tk_graph *graph = set->new.graph;
    for (size_t index = 0; index < graph->fact_count; index++) {
        size_t node = graph->facts[index];
        side before = value_side(set, &set->old, node), after = value_side(set, &set->new, node);
        if (same_side(before, after)) continue;
        const char *title = report_text(&set->new, &graph->nodes[node].fact->description, "");
        change *found = add_change(set, DIFF_FACT, node, NO_INDEX, graph->nodes[node].name, title);
        found->old = before;
        found->new = after;
    }
}

/* An item as one side shows it: the answer's label, or its state. */
static side item_side(diff *set, report_context *report, size_t node) {
    const item_outcome *item = &report->result->items[node];
    switch (item->state) {
    case STATE_ANSWERED:
        return (side){report_option_label(report, node), true, item->points};
    case STATE_EXCLUDED: return (side){word(set, "除外", "excluded"), false, 0};
    case STATE_NOT_APPLICABLE: return (side){word(set, "対象外", "n/a"), false, 0};
    case STATE_INVALID: return (side){word(set, "無効な回答", "invalid answer"), false, 0};
    default: return (side){word(set, "未回答", "unanswered"), false, 0};
    }
}

static bool item_changed(const diff *set, size_t node) {
    const item_outcome *before = &set->old.result->items[node];
    const item_outcome *after = &set->new.result->items[node];
    if (before->state != after->state) return true;
    if (before->state == STATE_ANSWERED) return before->option != after->option;
    if (before->state != STATE_INVALID) return false;
    const char *old_raw = set->old.result->answers->raw[node];
    const char *new_raw = set->new.result->answers->raw[node];
    return !old_raw || !new_raw || strcmp(old_raw, new_raw) != 0;
}

static void compare_items(diff *set, size_t list) {
    const graph_checklist *checklist = &set->new.graph->checklists[list];
    for (size_t index = 0; index < checklist->item_count; index++) {
        size_t node = checklist->items[index];
        if (!item_changed(set, node)) continue;
        const graph_node *item = &set->new.graph->nodes[node];
        const char *label = report_text(&set->new, &item->item->label,
                                        report_text(&set->new, &item->item->text, ""));
        change *found = add_change(set, DIFF_ITEM, node, list, item->name, label);
        found->old = item_side(set, &set->old, node);
        found->new = item_side(set, &set->new, node);
        found->has_delta = found->old.has_number || found->new.has_number;
        found->delta = (found->new.has_number ? found->new.number : 0) -
                       (found->old.has_number ? found->old.number : 0);
    }
}

static void compare_values(diff *set, const size_t *nodes, size_t count, size_t list) {
    const tk_graph *graph = set->new.graph;
    for (size_t index = 0; index < count; index++) {
        size_t node = nodes[index];
        const graph_node *decl = &graph->nodes[node];
        const char *title = report_text(&set->new, &decl->value->title, "");
        if (decl->kind == NODE_GATE) {
            tk_gate_status before = set->old.result->gates[node].status;
            tk_gate_status after = set->new.result->gates[node].status;
            if (before == after) continue;
            change *found = add_change(set, DIFF_GATE, node, list, decl->name, title);
            found->old.text = report_gate_status_name(before);
            found->new.text = report_gate_status_name(after);
            continue;
        }
        side before = value_side(set, &set->old, node), after = value_side(set, &set->new, node);
        if (same_side(before, after)) continue;
        change *found = add_change(set, DIFF_VALUE, node, list, decl->name, title);
        found->old = before;
        found->new = after;
        found->has_delta = before.has_number && after.has_number;
        found->delta = after.number - before.number;
    }
}

static side stage_side(const diff *set, const report_context *report, size_t node) {
    const graph_stages *ladder = report->graph->nodes[node].stages;
    size_t current = report->result->ladders[node].current;
    if (current == NO_INDEX) return (side){word(set, "なし", "none"), false, 0};
    return (side){ladder->stages[current].id, false, 0};
}

static void compare_stages(diff *set) {
    const tk_graph *graph = set->new.graph;
    for (size_t index = 0; index < graph->ladder_count; index++) {
        size_t node = graph->ladders[index];
        side before = stage_side(set, &set->old, node), after = stage_side(set, &set->new, node);
        if (same_side(before, after)) continue;
        const graph_stages *ladder = graph->nodes[node].stages;
        change *found = add_change(set, DIFF_STAGE, node, NO_INDEX, graph->nodes[node].name,
                                   report_text(&set->new, &ladder->title, ""));
        found->old = before;
        found->new = after;
    }
}

static void collect(diff *set) {
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
}

/* {=== shared by the renderers ===} */

/* A side as shown: a dash for a field that is empty. */
static const char *shown(const char *text) {
    return *text ? text : "—";
}

static const char *subject_of(const tk_answers *answers) {
    return answers->subject ? answers->subject : answers->path;
}

static const char *delta_text(diff *set, const change *found) {
    if (!found->has_delta) return "";
    if (found->delta == 0) return "±0";
    return arena_printf(&set->new.scratch, "%s%s", found->delta > 0 ? "+" : "",
                        number_text(set, found->delta));
}

/* An item's side with its points: 確認中 (2). */
static const char *side_with_points(diff *set, const change *found, side value) {
    if (found->kind != DIFF_ITEM || !value.has_number) return value.text;
    return arena_printf(&set->new.scratch, "%s (%s)", value.text, number_text(set, value.number));
}

/* A header field's name in the report's language. */
static const char *header_word(const diff *set, const char *field) {
    static const char *const ja[REGISTER_KEY_COUNT] = {
        "管理番号", "サービス名", "所管部署", "サービスの概要", "ステータス", "開始日",
        "終了（予定）日"};
    for (size_t key = 0; key < REGISTER_KEY_COUNT; key++)
        if (!strcmp(field, answers_register_keys[key])) return english(set) ? field : ja[key];
    return field;
}

/* The changes of one scope, in order: the checklist's, or module level. */
static bool has_changes_in(const diff *set, size_t list) {
    for (size_t index = 0; index < set->count; index++)
        if (set->changes[index].checklist == list &&
            (set->changes[index].kind == DIFF_ITEM || set->changes[index].kind == DIFF_VALUE ||
             set->changes[index].kind == DIFF_GATE))
            return true;
    return false;
}

/* {=== text ===} */

/* Text right-aligned in `columns` display columns. */
static void print_right(FILE *stream, const char *text, size_t columns) {
    size_t width = utf8_display_width(text, strlen(text));
    for (; width < columns; width++) fputc(' ', stream);
    fputs(text, stream);
}

static void text_change(diff *set, const change *found) {
    FILE *stream = set->new.stream;
    switch (found->kind) {
    case DIFF_HEADER:
    case DIFF_FACT:
        fprintf(stream, "  %s%s  %s → %s\n", found->kind == DIFF_FACT ? "fact " : "",
                found->kind == DIFF_FACT ? found->name : header_word(set, found->name),
                shown(found->old.text), shown(found->new.text));
        return;
    case DIFF_ITEM:
        fputs("  ", stream);
        report_print_cell(stream, found->name, 5);
        fputs(" ", stream);
        report_print_cell(stream, found->title, 34);
        print_right(stream, delta_text(set, found), 5);
        fprintf(stream, "  %s → %s\n",
                side_with_points(set, found, found->old), side_with_points(set, found, found->new));
        return;
    case DIFF_VALUE:
    case DIFF_GATE:
        fprintf(stream, "  %s", found->kind == DIFF_GATE ? "gate  " : "value ");
        report_print_cell(stream, found->name, 14);
        print_right(stream, found->old.text, 9);
        fputs(" → ", stream);
        report_print_cell(stream, found->new.text, 8);
        print_right(stream, delta_text(set, found), 5);
        fprintf(stream, "%s%s\n", *found->title ? "  " : "", found->title);
        return;
    case DIFF_STAGE:
        fprintf(stream, "\nstages %s%s%s\n  %s %s → %s\n", found->name, *found->title ? "  " : "",
                found->title, word(set, "現在の段階", "current"), found->old.text,
                found->new.text);
        return;
    }
}

static void text_scope(diff *set, size_t list) {
    if (!has_changes_in(set, list)) return;
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
            text_change(set, &set->changes[index]);
}

static void render_text(diff *set) {
    FILE *stream = set->new.stream;
    const tk_answers *old = set->old.result->answers, *new = set->new.result->answers;
    fprintf(stream, "%s\n  rules %s\n  %s → %s\n", subject_of(new), set->new.graph->module,
            old->path, new->path);
    for (size_t index = 0; index < set->count; index++)
        if (set->changes[index].kind <= DIFF_FACT) text_change(set, &set->changes[index]);
    for (size_t list = 0; list < set->new.graph->checklist_count; list++) text_scope(set, list);
    text_scope(set, NO_INDEX);
    for (size_t index = 0; index < set->count; index++)
        if (set->changes[index].kind == DIFF_STAGE) text_change(set, &set->changes[index]);
    if (set->count == 0) fprintf(stream, "  %s\n", word(set, "変更なし", "no changes"));
}

/* {=== JSON ===} */

static void json_side(json_writer *writer, side value) {
    if (value.has_number) json_number(writer, value.number);
    else if (!strcmp(value.text, "true") || !strcmp(value.text, "false"))
        json_bool(writer, value.text[0] == 't');
    else if (!strcmp(value.text, "unknown") || !strcmp(value.text, "n/a")) json_null(writer);
    else json_string(writer, value.text);
}

static void json_item_side(json_writer *writer, report_context *report, size_t node) {
    const item_outcome *item = &report->result->items[node];
    json_begin_object(writer);
    json_key(writer, "state");
    json_string(writer, item_state_name(item->state));
    if (item->state == STATE_ANSWERED) {
        json_key(writer, "option");
        json_string(writer, report->graph->nodes[node].item->scale->options[item->option].key);
        json_key(writer, "label");
        json_string(writer, report_option_label(report, node));
        json_key(writer, "points");
        json_number(writer, item->points);
    } else if (item->state == STATE_INVALID) {
        json_key(writer, "answer");
        json_string(writer, report->result->answers->raw[node]);
    }
    json_end_object(writer);
}

static void json_change(diff *set, json_writer *writer, const change *found) {
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
    if (found->kind == DIFF_ITEM) json_item_side(writer, &set->old, found->node);
    else if (found->kind == DIFF_HEADER) json_string(writer, *found->old.text ? found->old.text : NULL);
    else json_side(writer, found->old);
    json_key(writer, "new");
    if (found->kind == DIFF_ITEM) json_item_side(writer, &set->new, found->node);
    else if (found->kind == DIFF_HEADER) json_string(writer, *found->new.text ? found->new.text : NULL);
    else json_side(writer, found->new);
    if (found->kind == DIFF_ITEM || found->kind == DIFF_VALUE) {
        json_key(writer, "delta");
        if (found->has_delta) json_number(writer, found->delta);
        else json_null(writer);
    }
    json_end_object(writer);
}

static void json_source(json_writer *writer, const tk_answers *answers) {
    json_begin_object(writer);
    json_key(writer, "file");
    json_string(writer, answers->path);
    json_key(writer, "document");
    json_number(writer, (double)answers->document);
    json_key(writer, "assessed");
    json_string(writer, answers->assessed);
    json_end_object(writer);
}

static void render_json_set(diff *set, json_writer *writer) {
    static const char *const lists[] = {"header", "facts", "items", "values", "gates", "stages"};
    json_begin_object(writer);
    json_key(writer, "subject");
    json_string(writer, set->new.result->answers->subject);
    json_key(writer, "old");
    json_source(writer, set->old.result->answers);
    json_key(writer, "new");
    json_source(writer, set->new.result->answers);
    for (size_t kind = DIFF_HEADER; kind <= DIFF_STAGE; kind++) {
        json_key(writer, lists[kind]);
        json_begin_array(writer);
        for (size_t index = 0; index < set->count; index++)
            if (set->changes[index].kind == kind) json_change(set, writer, &set->changes[index]);
        json_end_array(writer);
    }
    json_end_object(writer);
}

/* {=== Markdown and HTML ===} */

/* A Markdown table cell: the text on one line, its | escaped (escape.c). */
static void md_cell(FILE *stream, const char *text) {
    fputs("| ", stream);
    escape_md_line(stream, text);
    fputc(' ', stream);
}

typedef struct table_writer {
    diff *set;
    bool html;
} table_writer;

static void table_row(table_writer *table, const char *const *cells, size_t count,
                      const char *delta_class) {
    FILE *stream = table->set->new.stream;
    if (!table->html) {
        for (size_t index = 0; index < count; index++) md_cell(stream, cells[index]);
        fputs("|\n", stream);
        return;
    }
    fputs("<tr>", stream);
    for (size_t index = 0; index < count; index++) {
        bool is_delta = delta_class && index + 1 == count;
        fprintf(stream, is_delta ? "<td class=\"%s\">" : "<td>", delta_class);
        escape_html(stream, cells[index]);
        fputs("</td>", stream);
    }
    fputs("</tr>\n", stream);
}

static void table_head(table_writer *table, const char *const *cells, size_t count) {
    FILE *stream = table->set->new.stream;
    if (!table->html) {
        fputc('\n', stream);
        for (size_t index = 0; index < count; index++) md_cell(stream, cells[index]);
        fputs("|\n", stream);
        for (size_t index = 0; index < count; index++) fputs("|---", stream);
        fputs("|\n", stream);
        return;
    }
    fputs("<table>\n<tr>", stream);
    for (size_t index = 0; index < count; index++) {
        fputs("<th>", stream);
        escape_html(stream, cells[index]);
        fputs("</th>", stream);
    }
    fputs("</tr>\n", stream);
}

static void table_end(table_writer *table) {
    if (table->html) fputs("</table>\n", table->set->new.stream);
}

static void heading(table_writer *table, int level, const char *text) {
    FILE *stream = table->set->new.stream;
    if (!table->html) {
        fprintf(stream, "\n%.*s ", level, "######");
        escape_md_line(stream, text);
        fputc('\n', stream);
        return;
    }
    fprintf(stream, "<h%d>", level);
    escape_html(stream, text);
    fprintf(stream, "</h%d>\n", level);
}

static const char *delta_class(const change *found) {
    if (!found->has_delta || found->delta == 0) return "same";
    return found->delta > 0 ? "up" : "down";
}

static const char *change_scope_name(diff *set, const change *found) {
    if (found->checklist == NO_INDEX) return found->name;
    return arena_printf(&set->new.scratch, "%s.%s",
                        set->new.graph->checklists[found->checklist].name, found->name);
}

static void table_items(table_writer *table) {
    diff *set = table->set;
    const char *head[] = {word(set, "チェックリスト", "checklist"), word(set, "項目", "item"),
                          word(set, "ラベル", "label"), word(set, "前回", "old"),
                          word(set, "今回", "new"), word(set, "点差", "delta")};
    bool any = false;
    for (size_t index = 0; index < set->count; index++) {
        const change *found = &set->changes[index];
        if (found->kind != DIFF_ITEM) continue;
        if (!any) heading(table, 2, word(set, "回答の変化", "Answers")), table_head(table, head, 6);
        any = true;
        const char *cells[] = {set->new.graph->checklists[found->checklist].name, found->name,
                               found->title, side_with_points(set, found, found->old),
                               side_with_points(set, found, found->new), delta_text(set, found)};
        table_row(table, cells, 6, delta_class(found));
    }
    if (any) table_end(table);
}

static void table_values(table_writer *table, diff_kind kind, const char *ja, const char *en) {
    diff *set = table->set;
    bool titled = kind != DIFF_HEADER, with_delta = kind == DIFF_VALUE;
    const char *head[5], *cells[5];
    size_t columns = 0;
    head[columns++] = word(set, "名前", "name");
    if (titled) head[columns++] = word(set, "タイトル", "title");
    head[columns++] = word(set, "前回", "old");
    head[columns++] = word(set, "今回", "new");
    if (with_delta) head[columns++] = word(set, "差", "delta");
    bool any = false;
    for (size_t index = 0; index < set->count; index++) {
        const change *found = &set->changes[index];
        if (found->kind != kind) continue;
        if (!any) heading(table, 2, word(set, ja, en)), table_head(table, head, columns);
        any = true;
        size_t cell = 0;
        cells[cell++] = kind == DIFF_FACT || kind == DIFF_STAGE ? found->name
                        : kind == DIFF_HEADER ? header_word(set, found->name)
                                              : change_scope_name(set, found);
        if (titled) cells[cell++] = found->title;
        cells[cell++] = shown(found->old.text);
        cells[cell++] = shown(found->new.text);
        if (with_delta) cells[cell++] = delta_text(set, found);
        table_row(table, cells, columns, with_delta ? delta_class(found) : NULL);
    }
    if (any) table_end(table);
}

static void render_tables(diff *set, bool html) {
    table_writer table = {set, html};
    FILE *stream = set->new.stream;
    const tk_answers *old = set->old.result->answers, *new = set->new.result->answers;
    heading(&table, 1, subject_of(new));
    const char *summary = arena_printf(&set->new.scratch, "%s: %s (%s) → %s (%s)",
                                       set->new.graph->module, old->path,
                                       old->assessed ? old->assessed : "—", new->path,
                                       new->assessed ? new->assessed : "—");
    if (html) {
        fputs("<p class=\"files\">", stream);
        escape_html(stream, summary);
        fputs("</p>\n", stream);
    } else {
        fputc('\n', stream);
        escape_md_line(stream, summary);
        fputc('\n', stream);
    }
    table_values(&table, DIFF_HEADER, "記入事項の変化", "Entries");
    table_values(&table, DIFF_FACT, "事実の変化", "Facts");
    table_items(&table);
    table_values(&table, DIFF_VALUE, "値の変化", "Values");
    table_values(&table, DIFF_GATE, "ゲートの変化", "Gates");
    table_values(&table, DIFF_STAGE, "段階の変化", "Stages");
    if (set->count == 0) {
        if (html) fprintf(stream, "<p>%s</p>\n", word(set, "変更なし", "No changes."));
        else fprintf(stream, "\n%s\n", word(set, "変更なし", "No changes."));
    }
}

static const char html_style[] =
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
    "th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left}"
    "th{background:#f3f3f3}td.up{color:#176f2c;font-weight:bold}"
    "td.down{color:#b42318;font-weight:bold}p.files{color:#555}";

/* {=== the entry point ===} */

void tk_report_diff(const tk_result *const *old, const tk_result *const *new, size_t count,
                    FILE *stream, const tk_report_options *options) {
    recovery point;
    if (setjmp(point.resume)) {
        stream_out_of_memory(stream);
        return;
    }
    recovery_begin(&point, NULL);
    const char *lang = options->lang && !strcmp(options->lang, "en") ? "en" : "ja";
    json_writer writer;
    if (options->format == TK_REPORT_JSON || options->format == TK_REPORT_JSONL) {
        json_writer_init(&writer, stream, options->format == TK_REPORT_JSON);
        json_begin_object(&writer);
        json_key(&writer, "format");
        json_string(&writer, TK_DIFF_FORMAT);
        json_key(&writer, "rules");
        json_string(&writer, count ? new[0]->graph->module : NULL);
        json_key(&writer, "sets");
        json_begin_array(&writer);
    } else if (options->format == TK_REPORT_HTML) {
        fprintf(stream, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<title>tenken diff</title>\n<style>%s</style>\n</head>\n<body>\n",
                lang, html_style);
    }
    for (size_t index = 0; index < count; index++) {
        diff set = {{old[index], old[index]->graph, options, lang, stream, {0}, NULL, 0, 0},
                    {new[index], new[index]->graph, options, lang, stream, {0}, NULL, 0, 0},
                    NULL, 0, 0};
        arena_init(&set.new.scratch);
        arena_init(&set.old.scratch);
        recovery_own(&point, &set.new.scratch, NULL, NULL);
        recovery_own(&point, &set.old.scratch, NULL, NULL);
        collect(&set);
        if (options->format == TK_REPORT_JSON || options->format == TK_REPORT_JSONL)
            render_json_set(&set, &writer);
        else if (options->format == TK_REPORT_MARKDOWN || options->format == TK_REPORT_HTML)
            render_tables(&set, options->format == TK_REPORT_HTML);
        else {
            if (index) fputc('\n', stream);
            render_text(&set);
        }
        arena_release(&set.old.scratch);
        arena_release(&set.new.scratch);
    }
    if (options->format == TK_REPORT_JSON || options->format == TK_REPORT_JSONL) {
        json_end_array(&writer);
        json_end_object(&writer);
        fputc('\n', stream);
    } else if (options->format == TK_REPORT_HTML) {
        fputs("</body>\n</html>\n", stream);
    }
    recovery_end(&point);
}
