/*
 * bands.c — `bands NAME of VALUE { band ID TEXT BOUNDS … }`: labelled
 * ranges of a number, written highest first. Resolving makes a node of each
 * declaration and reports bands that overlap, are out of order or hold no
 * number (TK0306, errors); linting warns where numbers fall in no band: above
 * the highest, below the lowest, between two (TK0609).
 */
#include "lang/lower.h"

#include <stdio.h>
#include <string.h>

/* A number for messages, exactly as it is. */
static const char *number_text(decimal number, char buffer[DECIMAL_TEXT_MAX]) {
    return decimal_format(number, buffer);
}

/* A bound as written, for messages: ">= 70". */
static const char *bound_text(lowering *state, const ast_bound *bound, bool lower) {
    const char *op = lower ? (bound->inclusive ? ">=" : ">") : (bound->inclusive ? "<=" : "<");
    char buffer[DECIMAL_TEXT_MAX];
    return arena_printf(state->scratch, "%s %s", op, number_text(bound->value, buffer));
}

/* A band whose bounds leave no number between them: >= 70 < 50, > 5 <= 5. */
static void check_band_holds(lowering *state, const ast_band *band) {
    if (!band->lower.present || !band->upper.present) return;
    int order = decimal_compare(band->lower.value, band->upper.value);
    if (order < 0 || (order == 0 && band->lower.inclusive && band->upper.inclusive)) return;
    diagnostic *record = lower_report(state, DIAG_TK0306, band->where,
                                      "band '%s' holds no number: %s %s", band->id,
                                      bound_text(state, &band->lower, true),
                                      bound_text(state, &band->upper, false));
    diag_set_help(state->diags, record, "write the lower bound first, below the upper one, "
                                        "as in >= 50 < 70");
}

/* The band written below another must lie below it and not reach into it. */
static void check_band_pair(lowering *state, const ast_band *high, const ast_band *low) {
    if (low->lower.present &&
        (!high->lower.present || decimal_compare(low->lower.value, high->lower.value) > 0)) {
        diagnostic *record = lower_report(state, DIAG_TK0306, low->where,
                                          "band '%s' is written after band '%s' but starts "
                                          "above it", low->id, high->id);
        diag_set_help(state->diags, record, "write the bands highest first");
        return;
    }
    int meet = low->upper.present && high->lower.present
                   ? decimal_compare(low->upper.value, high->lower.value) : 1;
    bool overlap = meet > 0 || (meet == 0 && low->upper.inclusive && high->lower.inclusive);
    if (!overlap) return;
    diagnostic *record = lower_report(state, DIAG_TK0306, low->where,
                                      "bands '%s' and '%s' overlap", high->id, low->id);
    diag_add_note(state->diags, record, state->file, high->where.start, high->where.end,
                  "band '%s' is here", high->id);
    diag_set_help(state->diags, record, "end band '%s' where band '%s' begins, as in >= 70 "
                                        "above and < 70 below", low->id, high->id);
}

static void check_band_ids(lowering *state, const ast_bands *decl) {
    for (size_t index = 0; index < decl->bands.count; index++) {
        const ast_band *band = decl->bands.items[index];
        for (size_t other = 0; other < index; other++) {
            const ast_band *first = decl->bands.items[other];
            if (strcmp(first->id, band->id) != 0) continue;
            lower_report_duplicate(state, decl->file, band->where, decl->file, first->where,
                                   "band", band->id);
            break;
        }
    }
}

static graph_band lower_band(lowering *state, const ast_band *band) {
    return (graph_band){lower_string(state, band->id), lower_text(state, &band->title),
                        band->lower.present, band->lower.inclusive, band->upper.present,
                        band->upper.inclusive, band->lower.value, band->upper.value};
}

void resolve_bands(lowering *state, const ast_bands *decl, size_t *capacity) {
    tk_graph *graph = state->graph;
    state->file = decl->file;
    size_t existing = graph_lookup(&graph->bands_by_name, decl->name);
    if (existing != NO_INDEX) {
        const graph_node *first = &graph->nodes[existing];
        lower_report_duplicate(state, decl->file, decl->where,
                               lowering_source(state, first->place), first->place.where,
                               "bands", decl->name);
        return;
    }
    check_band_ids(state, decl);
    graph_bands *bands = ARENA_NEW(&graph->region, graph_bands);
    bands->title = lower_text(state, &decl->title);
    bands->written = lower_written(state, decl->file, decl->value->where);
    bands->band_count = decl->bands.count;
    bands->bands = arena_calloc(&graph->region, decl->bands.count + 1, sizeof(graph_band));
    for (size_t index = 0; index < decl->bands.count; index++) {
        const ast_band *band = decl->bands.items[index];
        bands->bands[index] = lower_band(state, band);
        check_band_holds(state, band);
        if (index > 0) check_band_pair(state, decl->bands.items[index - 1], band);
    }
    size_t node = resolve_add_node(state, NODE_BANDS, decl->name, decl->where, decl);
    graph->nodes[node].bands = bands;
    graph->nodes[node].type = TYPE_NUMBER;
    strmap_put(&graph->region, &graph->bands_by_name, graph->nodes[node].name,
               graph_index_value(node));
    *ARENA_PUSH(&graph->region, graph->band_sets, graph->band_set_count, *capacity) = node;
}

/* {=== numbers in no band (lint) ===} */

static void warn_gap(diag_list *diags, const ast_bands *decl, span where, const char *numbers) {
    diagnostic *record = diag_report(diags, SEVERITY_WARNING, DIAG_TK0609, decl->file,
                                     where.start, where.end, "bands '%s': no band holds %s",
                                     decl->name, numbers);
    diag_set_help(diags, record, "a value there falls in no band (its band is none); "
                                 "widen a band to cover it");
}

/* Between a band and the one written above it. */
static void lint_band_pair(diag_list *diags, const ast_bands *decl, const ast_band *high,
                           const ast_band *low) {
    if (!low->upper.present || !high->lower.present) return;
    int order = decimal_compare(low->upper.value, high->lower.value);
    char numbers[2 * DECIMAL_TEXT_MAX + 40], below[DECIMAL_TEXT_MAX], above[DECIMAL_TEXT_MAX];
    number_text(low->upper.value, below);
    number_text(high->lower.value, above);
    if (order < 0)
        snprintf(numbers, sizeof numbers, "the numbers between %s and %s", below, above);
    else if (order == 0 && !low->upper.inclusive && !high->lower.inclusive)
        snprintf(numbers, sizeof numbers, "%s", below);
    else
        return;
    warn_gap(diags, decl, low->upper.where, numbers);
}

void lint_bands(diag_list *diags, const ast_bands *decl) {
    size_t count = decl->bands.count;
    if (count == 0) return;
    const ast_band *top = decl->bands.items[0], *bottom = decl->bands.items[count - 1];
    char numbers[DECIMAL_TEXT_MAX + 40], bound[DECIMAL_TEXT_MAX];
    if (top->upper.present) {
        snprintf(numbers, sizeof numbers, "the numbers %s %s",
                 top->upper.inclusive ? "above" : "from", number_text(top->upper.value, bound));
        warn_gap(diags, decl, top->upper.where, numbers);
    }
    for (size_t index = 1; index < count; index++)
        lint_band_pair(diags, decl, decl->bands.items[index - 1], decl->bands.items[index]);
    if (bottom->lower.present) {
        snprintf(numbers, sizeof numbers, "the numbers %s %s",
                 bottom->lower.inclusive ? "below" : "up to",
                 number_text(bottom->lower.value, bound));
        warn_gap(diags, decl, bottom->lower.where, numbers);
    }
}
