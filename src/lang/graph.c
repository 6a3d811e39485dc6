/*
 * graph.c — what every reader of the evaluation graph shares: picking a text
 * in a language, indexing a scale's words, building the name maps from the
 * node arrays (after compiling, and after loading a .tkc file), and the
 * words for value types.
 */
#include "lang/graph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *graph_text_pick(const graph_text *text, const char *lang) {
    if (!text || text->count == 0) return NULL;
    for (size_t index = 0; lang && index < text->count; index++)
        if (text->variants[index].lang && strcmp(text->variants[index].lang, lang) == 0)
            return text->variants[index].text;
    for (size_t index = 0; index < text->count; index++)
        if (!text->variants[index].lang) return text->variants[index].text;
    return text->variants[0].text;
}

const char *value_type_name(value_type type) {
    switch (type) {
    case TYPE_NUMBER: return "a number";
    case TYPE_BOOL: return "true/false";
    case TYPE_STRING: return "a string";
    case TYPE_DATE: return "a date";
    case TYPE_ENUM: return "an enum value";
    default: return "an error";
    }
}

bool text_is_date(const char *text) {
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-') return false;
    for (int index = 0; index < 10; index++)
        if (index != 4 && index != 7 && (text[index] < '0' || text[index] > '9')) return false;
    int year = atoi(text), month = atoi(text + 5), day = atoi(text + 8);
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1) return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= month_days[month - 1] + (month == 2 && leap);
}

void graph_index_scale(arena *region, graph_scale *scale) {
    scale->max_points = decimal_from_int(0);
    for (size_t index = 0; index < scale->option_count; index++) {
        const graph_option *option = &scale->options[index];
        if (index == 0 || decimal_compare(option->points, scale->max_points) > 0)
            scale->max_points = option->points;
        void *value = (void *)(index + 1);
        strmap_put(region, &scale->by_text, option->key, value);
        for (size_t variant = 0; variant < option->label.count; variant++)
            strmap_put(region, &scale->by_text, option->label.variants[variant].text, value);
        for (size_t alias = 0; alias < option->aliases.count; alias++)
            strmap_put(region, &scale->by_text, option->aliases.names[alias], value);
    }
    for (size_t index = 0; index < scale->option_count; index++) {
        graph_option *option = &scale->options[index];
        option->label_is_own = 0;
        for (size_t variant = 0; variant < option->label.count && variant < 32; variant++)
            if ((size_t)strmap_get(&scale->by_text, option->label.variants[variant].text) ==
                index + 1)
                option->label_is_own |= 1u << variant;
    }
}

static bool index_nodes(tk_graph *graph, strmap *map, const size_t *nodes, size_t count) {
    bool unique = true;
    for (size_t index = 0; index < count; index++) {
        void *value = graph_index_value(nodes[index]);
        unique &= strmap_put(&graph->region, map, graph->nodes[nodes[index]].name, value) == value;
    }
    return unique;
}

bool graph_index_names(tk_graph *graph) {
    bool unique = true;
    for (size_t index = 0; index < graph->checklist_count; index++) {
        graph_checklist *checklist = &graph->checklists[index];
        void *value = graph_index_value(index);
        unique &= strmap_put(&graph->region, &graph->checklist_by_name, checklist->name, value) ==
                  value;
        unique &= index_nodes(graph, &checklist->item_by_id, checklist->items,
                              checklist->item_count);
        unique &= index_nodes(graph, &checklist->value_by_name, checklist->values,
                              checklist->value_count);
    }
    unique &= index_nodes(graph, &graph->fact_by_name, graph->facts, graph->fact_count);
    unique &= index_nodes(graph, &graph->value_by_name, graph->values, graph->value_count);
    unique &= index_nodes(graph, &graph->ladder_by_name, graph->ladders, graph->ladder_count);
    unique &= index_nodes(graph, &graph->bands_by_name, graph->band_sets, graph->band_set_count);
    return unique;
}

bool graph_band_holds(const graph_band *band, decimal number) {
    int below_lower = band->has_lower ? decimal_compare(number, band->lower) : 1;
    if (below_lower < 0 || (below_lower == 0 && !band->lower_inclusive)) return false;
    int above_upper = band->has_upper ? decimal_compare(number, band->upper) : -1;
    return above_upper < 0 || (above_upper == 0 && band->upper_inclusive);
}

bool graph_fact_accepts(const graph_fact *fact, decimal number) {
    decimal whole;
    if (fact->whole && !(decimal_floor(number, &whole) && decimal_equal(whole, number)))
        return false;
    return (!fact->minimum || decimal_compare(number, fact->minimum->number) >= 0) &&
           (!fact->maximum || decimal_compare(number, fact->maximum->number) <= 0);
}

const char *graph_fact_bounds_text(arena *region, const graph_fact *fact) {
    if (!fact->minimum && !fact->maximum && !fact->whole) return NULL;
    const char *kind = fact->whole ? "a whole number" : "a number";
    if (!fact->minimum && !fact->maximum) return kind;
    if (!fact->maximum) return arena_printf(region, "%s >= %s", kind, DECIMAL_TEXT(fact->minimum->number));
    if (!fact->minimum) return arena_printf(region, "%s <= %s", kind, DECIMAL_TEXT(fact->maximum->number));
    return arena_printf(region, "%s in %s .. %s", kind, DECIMAL_TEXT(fact->minimum->number),
                        DECIMAL_TEXT(fact->maximum->number));
}

bool text_is_decimal(const char *text) {
    const char *cursor = text + (*text == '-');
    if (*cursor < '0' || *cursor > '9') return false;
    while (*cursor >= '0' && *cursor <= '9') cursor++;
    if (*cursor == '.') {
        cursor++;
        if (*cursor < '0' || *cursor > '9') return false;
        while (*cursor >= '0' && *cursor <= '9') cursor++;
    }
    return *cursor == '\0';
}

/* An answer names an option by key, label or alias (one lookup in the
   scale's index), or by its points when exactly one option has them. */
int graph_match_option(const graph_scale *scale, const char *answer) {
    size_t found_word = (size_t)strmap_get(&scale->by_text, answer);
    if (found_word) return (int)(found_word - 1);
    if (!text_is_decimal(answer)) return ANSWER_INVALID;
    decimal points;
    if (!decimal_parse(answer, strlen(answer), &points)) return ANSWER_INVALID;
    int found = ANSWER_INVALID;
    for (size_t index = 0; index < scale->option_count; index++) {
        if (!decimal_equal(scale->options[index].points, points)) continue;
        if (found != ANSWER_INVALID) return ANSWER_AMBIGUOUS;
        found = (int)index;
    }
    return found;
}
