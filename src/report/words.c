/*
 * words.c — the reports' words in Japanese and English, made from the lists
 * of words.h; and what the HTML and Markdown reports share: numbers and
 * values as people write them, item labels, the best option, gaps ordered
 * by gain and section subtotals.
 */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

#define JAPANESE_WORD(name, ja, en) .name = ja,
#define ENGLISH_WORD(name, ja, en) .name = en,
#define STATE_WORDS(word, brief, tally_before, tally_after) {word, brief, tally_before, tally_after}
#define JAPANESE_STATE(state, ja, en) [state] = STATE_WORDS ja,
#define ENGLISH_STATE(state, ja, en) [state] = STATE_WORDS en,
#define JAPANESE_FIELD(field, ja, en) [field] = ja,
#define ENGLISH_FIELD(field, ja, en) [field] = en,
#define ONE_ROW(...) +1

_Static_assert(0 REPORT_STATE_WORDS(ONE_ROW) == ITEM_STATE_COUNT,
               "words.h: a row of words for every item state");
_Static_assert(0 REPORT_REGISTER_WORDS(ONE_ROW) == REGISTER_KEY_COUNT,
               "words.h: a word for every register field");

static const report_words japanese = {
    REPORT_WORDS(JAPANESE_WORD)
    .state = {REPORT_STATE_WORDS(JAPANESE_STATE)},
    .register_field = {REPORT_REGISTER_WORDS(JAPANESE_FIELD)},
};

static const report_words english = {
    REPORT_WORDS(ENGLISH_WORD)
    .state = {REPORT_STATE_WORDS(ENGLISH_STATE)},
    .register_field = {REPORT_REGISTER_WORDS(ENGLISH_FIELD)},
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
