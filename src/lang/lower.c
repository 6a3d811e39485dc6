/*
 * lower.c — the state the lowering passes share, and the copies they make:
 * texts, names and conditions as written go into the graph's arena once
 * each, so nothing in the graph points into the syntax trees.
 */
#include "lang/lower.h"

#include <stdarg.h>
#include <string.h>

#include "base/suggest.h"

const char *copy_string(text_copier *copies, const char *text) {
    if (!text) return NULL;
    const char *copy = strmap_get(&copies->strings, text);
    if (copy) return copy;
    char *made = arena_strdup(copies->region, text);
    strmap_put(copies->scratch, &copies->strings, made, made);
    return made;
}

graph_text copy_text(text_copier *copies, const ast_text *text) {
    graph_text copy = {NULL, 0};
    if (!text || text->count == 0) return copy;
    text_variant *variants = arena_calloc(copies->region, text->count, sizeof *variants);
    for (size_t index = 0; index < text->count; index++) {
        variants[index].lang = copy_string(copies, text->variants[index].lang);
        variants[index].text = copy_string(copies, text->variants[index].text);
    }
    copy.variants = variants;
    copy.count = text->count;
    return copy;
}

graph_names copy_names(text_copier *copies, const ast_list *names) {
    const char **copy = arena_calloc(copies->region, names->count + 1, sizeof(char *));
    for (size_t index = 0; index < names->count; index++)
        copy[index] = copy_string(copies, names->items[index]);
    return (graph_names){copy, names->count};
}

void lowering_init(lowering *state, tk_graph *graph, arena *scratch, diag_list *diags) {
    memset(state, 0, sizeof *state);
    state->graph = graph;
    state->scratch = scratch;
    state->diags = diags;
    state->checklist = NO_INDEX;
    state->copies = (text_copier){&graph->region, scratch, {0}};
}

const char *lower_string(lowering *state, const char *text) {
    return copy_string(&state->copies, text);
}

graph_text lower_text(lowering *state, const ast_text *text) {
    return copy_text(&state->copies, text);
}

graph_names lower_names(lowering *state, const ast_list *names) {
    return copy_names(&state->copies, names);
}

const char *lower_written(lowering *state, const source *file, span where) {
    if (!file || where.end > file->length || where.end < where.start) return "";
    char *text = arena_strndup(state->scratch, file->text + where.start, where.end - where.start);
    return lower_string(state, text);
}

uint32_t lower_file(lowering *state, const source *file) {
    tk_graph *graph = state->graph;
    size_t count = graph->files.count;
    for (size_t index = count; index-- > 0;)
        if (state->sources[index] == file) return (uint32_t)index;
    size_t capacity = state->source_capacity;
    state->sources = arena_grow(state->scratch, state->sources, &state->source_capacity, count + 1,
                                sizeof *state->sources);
    const char **paths = arena_grow(&graph->region, (void *)graph->files.names, &capacity,
                                    count + 1, sizeof *paths);
    state->sources[count] = file;
    paths[count] = lower_string(state, file ? file->path : "");
    graph->files = (graph_names){paths, count + 1};
    return (uint32_t)count;
}

graph_place lower_place(lowering *state, const source *file, span where) {
    return (graph_place){lower_file(state, file), where};
}

const source *lowering_source(const lowering *state, graph_place place) {
    return place.file < state->graph->files.count ? state->sources[place.file] : NULL;
}

diagnostic *lower_report(lowering *state, diag_code code, span where, const char *format, ...) {
    va_list args;
    va_start(args, format);
    diagnostic *record = diag_report_va(state->diags, SEVERITY_ERROR, code, state->file,
                                        where.start, where.end, format, args);
    va_end(args);
    return record;
}

void lower_report_duplicate(lowering *state, const source *file, span where,
                            const source *first_file, span first, const char *what,
                            const char *name) {
    diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0208, file,
                                     where.start, where.end, "%s '%s' is defined twice",
                                     what, name);
    diag_add_note(state->diags, record, first_file, first.start, first.end,
                  "the first definition is here");
    diag_set_help(state->diags, record, "rename one of them or remove the copy");
}

void lower_help(lowering *state, diagnostic *record, const suggestion *best,
                const char *fallback) {
    const char *name = suggest_result(best);
    if (name)
        diag_set_help(state->diags, record, "did you mean '%s'?", name);
    else if (fallback)
        diag_set_help(state->diags, record, "%s", fallback);
}

void lower_suggest_from_map(suggestion *best, const strmap *map) {
    for (size_t slot = 0; slot < map->capacity; slot++)
        if (map->slots[slot].key) suggest_consider(best, map->slots[slot].key);
}
