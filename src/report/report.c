/*
 * report.c — what every format's writer shares: the report context, texts
 * made safe for a terminal, item reasons and gains, gates, and numbers,
 * values, item labels, the best option, gaps ordered by gain and section
 * subtotals as people write them.
 */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/utf8.h"

/* Control characters in user text (an escape sequence in an answer file, a
   line break in a label) are never sent to the terminal: each code point is
   shown as escape_terminal_char says. Write one, already so made, as UTF-8. */
static void put_code_point(FILE *stream, const char *bytes, size_t size, uint32_t code_point) {
    if (code_point < 0x80)
        fputc((int)code_point, stream);
    else
        fwrite(bytes, 1, size, stream);
}

void report_print_text(FILE *stream, const char *text) {
    escape_terminal(stream, text);
}

/* Columns a text takes once made printable. */
size_t report_text_width(const char *text) {
    size_t length = strlen(text), offset = 0, width = 0;
    while (offset < length) {
        uint32_t code_point;
        size_t size = utf8_decode(text + offset, length - offset, &code_point);
        if (size == 0) size = 1, code_point = '?';
        width += (size_t)utf8_char_width(escape_terminal_char(code_point));
        offset += size;
    }
    return width;
}

const char *report_safe_text(report_context *report, const char *text) {
    return escape_terminal_copy(&report->scratch, text);
}

void report_print_cell(FILE *stream, const char *text, size_t columns) {
    size_t length = strlen(text), offset = 0, used = 0;
    bool cut = report_text_width(text) > columns;
    size_t room = cut ? columns - 1 : columns;
    while (offset < length) {
        uint32_t code_point;
        size_t size = utf8_decode(text + offset, length - offset, &code_point);
        if (size == 0) size = 1, code_point = '?';
        code_point = escape_terminal_char(code_point);
        size_t width = (size_t)utf8_char_width(code_point);
        if (used + width > room) break;
        put_code_point(stream, text + offset, size, code_point);
        used += width;
        offset += size;
    }
    if (cut) fputs("…", stream), used++;
    for (; used < columns; used++) fputc(' ', stream);
}

const char *report_text(const report_context *report, const graph_text *text, const char *fallback) {
    const char *picked = graph_text_pick(text, report->lang);
    return picked ? picked : fallback;
}

const char *report_condition_text(const graph_condition *condition) {
    return condition->written ? condition->written : "";
}

const char *report_value_written(const report_context *report, size_t node) {
    const graph_value *value = report->graph->nodes[node].value;
    return value && value->written ? value->written : "";
}

const char *report_item_reason(report_context *report, size_t node) {
    const graph_node *decl = &report->graph->nodes[node];
    const item_outcome *item = &report->result->items[node];
    if (item->state == STATE_EXCLUDED) {
        const graph_exclusion *exclusion = &decl->item->exclusions[item->reason];
        return report_text(report, &exclusion->reason, "");
    }
    if (item->state == STATE_NOT_APPLICABLE) {
        return arena_printf(&report->scratch, "only when %s",
                            report_condition_text(&decl->item->only_when[item->reason]));
    }
    return NULL;
}

const char *report_exclusion_note(report_context *report, size_t node) {
    const graph_item *decl = report->graph->nodes[node].item;
    const item_outcome *item = &report->result->items[node];
    const report_words *words = report->words;
    if (item->expired != NO_INDEX) {
        const graph_exclusion *lapsed = &decl->exclusions[item->expired];
        return arena_printf(&report->scratch, "%s %s: %s", words->exclusion_expired,
                            lapsed->until, report_text(report, &lapsed->reason, ""));
    }
    if (item->state != STATE_EXCLUDED || !decl->exclusions[item->reason].until) return NULL;
    const char *until = arena_printf(&report->scratch, "%s %s", words->exclusion_until,
                                     decl->exclusions[item->reason].until);
    if (!item->expiry_unchecked) return until;
    return arena_printf(&report->scratch, "%s%s", until, words->exclusion_unchecked);
}

const char *report_option_label(const report_context *report, size_t node) {
    const item_outcome *item = &report->result->items[node];
    if (item->option < 0) return NULL; /* neither answered nor counted as an option */
    const graph_option *option = &report->graph->nodes[node].item->scale->options[item->option];
    return report_text(report, &option->label, option->key);
}

const char *report_counted_as(report_context *report, size_t node) {
    const item_outcome *item = &report->result->items[node];
    if (item->state != STATE_NOT_APPLICABLE || item->option < 0) return NULL;
    return arena_printf(&report->scratch, "%s%s%s", report->words->counted_as_before,
                        report_option_label(report, node), report->words->counted_as_after);
}

decimal report_item_gain(const report_context *report, size_t node) {
    const item_outcome *item = &report->result->items[node];
    decimal gain = decimal_from_int(0);
    if (item->option >= 0 && decimal_sub(item->max, item->points, &gain)) return gain;
    return report_state_applies(item->state) ? item->max : gain;
}

bool report_state_applies(item_state state) {
    return state != STATE_EXCLUDED && state != STATE_NOT_APPLICABLE;
}

checklist_summary report_summarize(const report_context *report, const graph_checklist *checklist) {
    checklist_summary summary = {0};
    for (size_t index = 0; index < checklist->item_count; index++) {
        item_state state = report->result->items[checklist->items[index]].state;
        summary.items++;
        summary.states[state]++;
        summary.applicable += report_state_applies(state);
    }
    return summary;
}

const char *report_gate_status_name(tk_gate_status status) {
    switch (status) {
    case TK_GATE_PASS: return "pass";
    case TK_GATE_FAIL: return "fail";
    default: return "pending";
    }
}

const char *report_gate_name(report_context *report, size_t node) {
    const graph_node *gate = &report->graph->nodes[node];
    if (gate->checklist == NO_INDEX) return gate->name;
    return arena_printf(&report->scratch, "%s.%s", report->graph->checklists[gate->checklist].name,
                        gate->name);
}

static void collect_gates(report_context *report, const gexpr *expr, size_t **gates,
                          size_t *count, size_t *capacity) {
    if (!expr) return;
    if (expr->kind == G_NODE && report->graph->nodes[expr->node].kind == NODE_GATE) {
        for (size_t index = 0; index < *count; index++)
            if ((*gates)[index] == expr->node) return;
        *ARENA_PUSH(&report->scratch, *gates, *count, *capacity) = expr->node;
        return;
    }
    collect_gates(report, expr->left, gates, count, capacity);
    collect_gates(report, expr->right, gates, count, capacity);
    collect_gates(report, expr->otherwise, gates, count, capacity);
}

size_t report_condition_gates(report_context *report, const gexpr *condition, size_t **gates) {
    size_t count = 0, capacity = 0;
    *gates = NULL;
    collect_gates(report, condition, gates, &count, &capacity);
    return count;
}

void report_open(report_context *report, const tk_result *result, const tk_graph *graph,
                 FILE *stream, const tk_report_options *options) {
    bool english = options->lang && strcmp(options->lang, "en") == 0;
    *report = (report_context){result, graph, options, english ? "en" : "ja",
                               report_words_for(options->lang), stream, {0}, NULL, 0, 0};
    arena_init(&report->scratch);
}

void report_close(report_context *report) {
    arena_release(&report->scratch);
}

void report_blank_line(report_context *report) {
    fputc('\n', report->stream);
}

/* {=== numbers, values, labels, gaps and subtotals, as the reports write them ===} */

/* Every report shows a number exactly as computed: never rounded. */
const char *report_number(report_context *report, decimal number) {
    return arena_strdup(&report->scratch, DECIMAL_TEXT(number));
}

/* The shown clause of a value, or of the value a bands declaration divides
   when it is written as that value's name; NULL: none. */
const graph_format *report_node_format(const report_context *report, size_t node) {
    const graph_node *decl = &report->graph->nodes[node];
    if (decl->kind == NODE_BANDS && decl->expr && decl->expr->kind == G_NODE)
        decl = &report->graph->nodes[decl->expr->node];
    return decl->kind == NODE_VALUE && decl->value->format.given ? &decl->value->format : NULL;
}

/* A number with at least `decimals` digits after the point: 99.9 → "99.90". */
static const char *padded_number(report_context *report, decimal number, int decimals) {
    const char *exact = report_number(report, number);
    const char *point = strchr(exact, '.');
    int have = point ? (int)strlen(point + 1) : 0;
    if (decimals <= have || strchr(exact, 'e')) return exact;
    return arena_printf(&report->scratch, "%s%s%.*s", exact, point ? "" : ".", decimals - have,
                        "0000000000000000000000000000000000");
}

/* A number as its shown clause writes it: × 100 for a percent, then with
   its decimals — padded with zeros when the number has fewer, rounded half
   away from zero and marked "≈ " when it has more — then " %" or " UNIT".
   Without a clause (or when the number does not fit), exactly. */
const char *report_shown_number(report_context *report, const graph_format *format,
                                decimal number) {
    decimal scaled = number, rounded;
    if (!format || (format->percent && !decimal_mul(number, decimal_from_int(100), &scaled)))
        return report_number(report, number);
    if (format->decimals < 0 || !decimal_round(scaled, format->decimals, &rounded))
        rounded = scaled;
    const char *unit = format->percent ? "%" : report_text(report, &format->unit, "");
    return arena_printf(&report->scratch, "%s%s%s%s", decimal_equal(rounded, scaled) ? "" : "≈ ",
                        padded_number(report, rounded, format->decimals), *unit ? " " : "",
                        unit);
}

const char *report_value_text(report_context *report, const report_words *words, size_t node) {
    eval_value value = report->result->values[node];
    const graph_node *decl = &report->graph->nodes[node];
    switch (value.kind) {
    case EV_NUMBER:
        if (decl->type == TYPE_ENUM)
            return decl->enum_members->names[decimal_to_index(value.number)];
        return report_shown_number(report, report_node_format(report, node), value.number);
    case EV_BOOL: return !decimal_is_zero(value.number) ? words->true_word : words->false_word;
    case EV_STRING: return value.string;
    case EV_NA: return words->not_computable;
    default: return words->unknown;
    }
}

const char *report_band_name(const report_context *report, const report_words *words,
                             size_t node) {
    int band = eval_band(report->result, node);
    switch (band) {
    case BAND_PENDING: return words ? words->pending : "pending";
    case BAND_NA: return words ? words->not_computable : "n/a";
    case BAND_NONE: return words ? words->band_none : "none";
    default: return report->graph->nodes[node].bands->bands[band - BAND_FIRST].id;
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
        if (decimal_compare(scale->options[index].points, scale->options[best].points) > 0)
            best = index;
    return report_text(report, &scale->options[best].label, scale->options[best].key);
}

typedef struct gap_entry {
    size_t node, position;
    decimal gain;
} gap_entry;

static int compare_gaps(const void *left, const void *right) {
    const gap_entry *a = left, *b = right;
    int order = decimal_compare(b->gain, a->gain);
    if (order) return order;
    return a->position < b->position ? -1 : a->position > b->position;
}

size_t report_gaps(report_context *report, const graph_checklist *checklist, size_t **items) {
    gap_entry *entries = arena_calloc(&report->scratch, checklist->item_count + 1, sizeof *entries);
    size_t count = 0;
    for (size_t index = 0; index < checklist->item_count; index++) {
        size_t node = checklist->items[index];
        decimal gain = report_item_gain(report, node);
        if (decimal_compare(gain, decimal_from_int(0)) > 0) entries[count++] = (gap_entry){node, index, gain};
    }
    qsort(entries, count, sizeof *entries, compare_gaps);
    *items = arena_calloc(&report->scratch, count + 1, sizeof **items);
    for (size_t index = 0; index < count; index++) (*items)[index] = entries[index].node;
    return count;
}

size_t report_section_values(report_context *report, const graph_checklist *checklist,
                             const graph_section *section, size_t **nodes) {
    size_t count = 0, capacity = 0, length = strlen(section->name);
    *nodes = NULL;
    for (size_t index = 0; index < checklist->value_count; index++) {
        const char *name = report->graph->nodes[checklist->values[index]].name;
        if (!strncmp(name, section->name, length) && name[length] == '.')
            *ARENA_PUSH(&report->scratch, *nodes, count, capacity) = checklist->values[index];
    }
    return count;
}

size_t report_checklist_value(const report_context *report, const graph_checklist *checklist,
                              const char *name) {
    (void)report;
    return graph_lookup(&checklist->value_by_name, name);
}

void report_section_points(const report_context *report, const graph_section *section,
                           decimal *points, decimal *max, size_t *answered, size_t *applicable) {
    *points = *max = decimal_from_int(0);
    *answered = *applicable = 0;
    for (size_t index = 0; index < section->item_count; index++) {
        const item_outcome *item = &report->result->items[section->items[index]];
        if (item->state == STATE_EXCLUDED ||
            (item->state == STATE_NOT_APPLICABLE && item->option < 0))
            continue;
        (*applicable)++;
        (void)decimal_add(*max, item->max, max);   /* beyond 10^6000: the sum so far */
        if (item->option < 0) continue; /* answered, or counted as an option */
        (*answered)++;
        (void)decimal_add(*points, item->points, points);
    }
}
