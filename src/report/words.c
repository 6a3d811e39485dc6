/*
 * words.c — what the HTML and Markdown reports share: their own words in
 * Japanese and English, numbers and values as people write them, item
 * labels, the best option, gaps ordered by gain and section subtotals.
 */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

static const report_words japanese = {
    .document_title = "点検結果",
    .subject = "対象",
    .assessor = "評価者",
    .assessed = "評価日",
    .rules = "ルール",
    .answer_file = "回答ファイル",
    .facts = "前提",
    .fact = "前提",
    .description = "説明",
    .name = "名前",
    .value = "値",
    .values = "値",
    .total = "合計",
    .subtotals = "区分別の小計",
    .section = "区分",
    .points = "点数",
    .items = "項目",
    .number = "No.",
    .item = "項目",
    .answer = "回答",
    .gates = "ゲート",
    .gate = "ゲート",
    .status = "判定",
    .blocking = "阻んでいる回答",
    .waiting = "回答待ち",
    .stages = "段階",
    .stage = "段階",
    .current = "現在の段階",
    .next_stage = "次の段階",
    .entered = "到達",
    .not_entered = "未到達",
    .during = "並行",
    .during_active = "並行・実施中",
    .condition = "条件",
    .gaps = "伸びしろ（加点の大きい順）",
    .gain = "加点",
    .best_answer = "最善の回答",
    .no_gaps = "伸びしろのある項目はありません。",
    .exclusions = "除外・対象外",
    .reason = "理由",
    .excluded = "除外",
    .not_applicable = "対象外",
    .only_when = "次の場合のみ対象: ",
    .unanswered = "未回答",
    .invalid = "無効な回答",
    .answered_twice = "無効: 二度回答されている",
    .note = "メモ",
    .evidence = "根拠",
    .overall = "全体",
    .no_stage = "まだどの段階にも入っていません。",
    .last_stage = "最後の段階に到達しています。",
    .pass = "通過",
    .fail = "不通過",
    .pending = "判定待ち",
    .unknown = "未確定",
    .not_computable = "該当なし",
    .chart = "レーダーチャート",
    .chart_points = "回答の点数",
    .chart_gaps = "図の空白（点のない項目）",
    .no_section = "区分なし",
    .answered_prefix = "回答 ",
    .answered_middle = " / 対象 ",
    .answered_suffix = " 項目",
    .excluded_count = "除外 ",
    .not_applicable_count = "対象外 ",
    .not_in_total = "未回答の項目があるため合計は未確定",
    .true_word = "はい",
    .false_word = "いいえ",
    .excluded_when = "条件",
    .answered = "回答済み",
};

static const report_words english = {
    .document_title = "Assessment report",
    .subject = "Subject",
    .assessor = "Assessor",
    .assessed = "Assessed",
    .rules = "Rules",
    .answer_file = "Answer file",
    .facts = "Facts",
    .fact = "Fact",
    .description = "Description",
    .name = "Name",
    .value = "Value",
    .values = "Values",
    .total = "Total",
    .subtotals = "Subtotals by section",
    .section = "Section",
    .points = "Points",
    .items = "Items",
    .number = "No.",
    .item = "Item",
    .answer = "Answer",
    .gates = "Gates",
    .gate = "Gate",
    .status = "Status",
    .blocking = "Blocked by",
    .waiting = "Waiting for",
    .stages = "Stages",
    .stage = "Stage",
    .current = "Current stage",
    .next_stage = "Next stage",
    .entered = "entered",
    .not_entered = "not entered",
    .during = "during",
    .during_active = "during, active",
    .condition = "condition",
    .gaps = "Gaps, largest gain first",
    .gain = "Gain",
    .best_answer = "Best answer",
    .no_gaps = "No item can gain points.",
    .exclusions = "Exclusions",
    .reason = "Reason",
    .excluded = "excluded",
    .not_applicable = "not applicable",
    .only_when = "only when ",
    .unanswered = "unanswered",
    .invalid = "invalid answer",
    .answered_twice = "invalid: answered more than once",
    .note = "Note",
    .evidence = "Evidence",
    .overall = "Overall",
    .no_stage = "No stage entered yet.",
    .last_stage = "The last stage is reached.",
    .pass = "pass",
    .fail = "fail",
    .pending = "pending",
    .unknown = "unknown",
    .not_computable = "n/a",
    .chart = "Radar chart",
    .chart_points = "points answered",
    .chart_gaps = "Gaps in the chart (no point drawn)",
    .no_section = "no section",
    .answered_prefix = "answered ",
    .answered_middle = " of ",
    .answered_suffix = " applicable items",
    .excluded_count = "excluded ",
    .not_applicable_count = "not applicable ",
    .not_in_total = "the total waits for unanswered items",
    .true_word = "yes",
    .false_word = "no",
    .excluded_when = "when",
    .answered = "Answered",
};

const report_words *report_words_for(const char *lang) {
    return lang && strcmp(lang, "en") == 0 ? &english : &japanese;
}

const char *report_gate_status_word(const report_words *words, tk_gate_status status) {
    switch (status) {
    case TK_GATE_PASS: return words->pass;
    case TK_GATE_FAIL: return words->fail;
    default: return words->pending;
    }
}

const char *report_number(report_context *report, double number) {
    if (number == (double)(long long)number)
        return arena_printf(&report->scratch, "%lld", (long long)number);
    return arena_printf(&report->scratch, "%.4g", number);
}

const char *report_value_text(report_context *report, const report_words *words, size_t node) {
    eval_value value = report->result->values[node];
    const graph_node *decl = &report->graph->nodes[node];
    switch (value.kind) {
    case EV_NUMBER:
        if (decl->type == TYPE_ENUM) return decl->enum_members->names[(size_t)value.number];
        return report_number(report, value.number);
    case EV_BOOL: return value.number != 0 ? words->true_word : words->false_word;
    case EV_STRING: return value.string;
    case EV_NA: return words->not_computable;
    default: return words->unknown;
    }
}

const char *report_item_label(const report_context *report, size_t node) {
    const graph_node *decl = &report->graph->nodes[node];
    const graph_item *ast = decl->item;
    return report_text(report, &ast->label, report_text(report, &ast->text, decl->name));
}

const char *report_best_option(const report_context *report, size_t node) {
    const graph_scale *scale = report->graph->nodes[node].item->scale;
    if (!scale || scale->option_count == 0) return "";
    size_t best = 0;
    for (size_t index = 1; index < scale->option_count; index++)
        if (scale->options[index].points > scale->options[best].points) best = index;
    return report_text(report, &scale->options[best].label, scale->options[best].key);
}

typedef struct gap_entry {
    size_t node, position;
    double gain;
} gap_entry;

static int compare_gaps(const void *left, const void *right) {
    const gap_entry *a = left, *b = right;
    if (a->gain != b->gain) return a->gain > b->gain ? -1 : 1;
    return a->position < b->position ? -1 : a->position > b->position;
}

size_t report_gaps(report_context *report, const graph_checklist *checklist, size_t **items) {
    gap_entry *entries = arena_calloc(&report->scratch, checklist->item_count + 1, sizeof *entries);
    size_t count = 0;
    for (size_t index = 0; index < checklist->item_count; index++) {
        size_t node = checklist->items[index];
        double gain = report_item_gain(report, node);
        if (gain > 0) entries[count++] = (gap_entry){node, index, gain};
    }
    qsort(entries, count, sizeof *entries, compare_gaps);
    *items = arena_calloc(&report->scratch, count + 1, sizeof **items);
    for (size_t index = 0; index < count; index++) (*items)[index] = entries[index].node;
    return count;
}

size_t report_checklist_value(const report_context *report, const graph_checklist *checklist,
                              const char *name) {
    (void)report;
    return graph_lookup(&checklist->value_by_name, name);
}

void report_section_points(const report_context *report, const graph_section *section,
                           double *points, double *max, size_t *answered, size_t *applicable) {
    *points = *max = 0;
    *answered = *applicable = 0;
    for (size_t index = 0; index < section->item_count; index++) {
        const item_outcome *item = &report->result->items[section->items[index]];
        if (item->state == STATE_EXCLUDED || item->state == STATE_NOT_APPLICABLE) continue;
        (*applicable)++;
        *max += item->max;
        if (item->state != STATE_ANSWERED) continue;
        (*answered)++;
        *points += item->points;
    }
}
