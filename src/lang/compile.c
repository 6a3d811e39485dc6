/*
 * compile.c — the compiler's pipeline behind tk_compile_file: load the
 * modules into a scratch arena, patch them for a variant, lower them into
 * the graph (resolve.c, lower_expr.c), order it (order.c), check its types,
 * warn (lint.c) and lower the test blocks (lower_tests.c); check the
 * frameworks and maps (catalog.c); then free the syntax trees. Each stage
 * runs even after errors in an earlier one where that can find more
 * problems, so one run reports all it can; a graph is handed out only when
 * there were none. The public calls that load and write compiled graphs
 * (tkc_read.c, tkc_write.c) begin here too, beside tk_compile_file.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "lang/catalog.h"
#include "lang/compile.h"
#include "lang/lint.h"
#include "lang/lower.h"
#include "lang/modules.h"
#include "lang/tkc.h"
#include "lang/typecheck.h"
#include "lang/variant.h"
#include "tenken.h"

const char *tk_version(void) { return PACKAGE_VERSION; }

static void free_graph(void *graph) { tk_graph_free(graph); }

static const char *variant_list(arena *region, const ast_module *root) {
    char *names = "";
    for (size_t index = 0; index < root->variants.count; index++)
        names = arena_printf(region, "%s%s%s", names, index ? ", " : "",
                             ((const ast_variant *)root->variants.items[index])->name);
    return names;
}

/* The variants the root declares, each name once; a name given twice is an error. */
static void record_variant_names(lowering *state, const ast_module *root) {
    tk_graph *graph = state->graph;
    diag_list *diags = state->diags;
    const char **names = arena_calloc(&graph->region, root->variants.count + 1, sizeof(char *));
    size_t count = 0;
    for (size_t index = 0; index < root->variants.count; index++) {
        const ast_variant *variant = root->variants.items[index];
        const ast_variant *first = variant_find(root, variant->name);
        if (first != variant) {
            diagnostic *record = diag_report(diags, SEVERITY_ERROR, DIAG_TK0208, variant->file,
                                             variant->where.start, variant->where.end,
                                             "variant '%s' is defined twice", variant->name);
            diag_add_note(diags, record, first->file, first->where.start, first->where.end,
                          "the first definition is here");
            diag_set_help(diags, record, "rename one of them or remove the copy");
            continue;
        }
        names[count++] = lower_string(state, variant->name);
    }
    graph->variant_names = (graph_names){names, count};
}

/* Patch the module set for the variant asked for; false when there is none. */
static bool select_variant(lowering *state, module_set *modules, const char *name,
                           const char *path) {
    diag_list *diags = state->diags;
    const ast_module *root = modules->modules[0];
    const ast_variant *variant = variant_find(root, name);
    if (!variant) {
        diagnostic *record = diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0213, path,
                                                 "module '%s' declares no variant '%s'",
                                                 root->name ? root->name : "", name);
        if (root->variants.count)
            diag_set_help(diags, record, "its variants are: %s",
                          variant_list(state->scratch, root));
        return false;
    }
    state->graph->base_module = lower_string(state, variant->base);
    state->graph->variant = lower_string(state, name);
    return variant_apply(state->scratch, modules, variant, diags);
}

static bool load_modules(arena *scratch, const char *path, const char *text,
                         const tk_compile_options *options, diag_list *diags,
                         module_set *modules) {
    search_path directories = {NULL, 0};
    if (options) {
        directories.directories = options->search_path;
        directories.count = options->search_path_count;
    }
    if (!text) return modules_load(scratch, path, &directories, diags, modules);
    return modules_load_source(scratch, source_from_text(scratch, path, text, strlen(text)),
                               &directories, diags, modules);
}

/* Every stage over the loaded modules, into the lowering's graph; warnings
   only when nothing since `errors_before` was an error. */
static void lower_modules(lowering *state, module_set *modules, const char *variant,
                          size_t errors_before) {
    diag_list *diags = state->diags;
    const ast_module *root = modules->modules[0];
    record_variant_names(state, root);
    resolve_modules(state, modules);
    lower_expressions(state);
    /* Warnings only for a file without errors, as lint_graph below. */
    catalog_build(state->scratch, modules, diags->error_count == errors_before ? root : NULL,
                  diags);
    if (graph_sort(state)) check_types(state->graph, state->sources, diags);
    if (diags->error_count != errors_before) return;
    if (!variant) lint_graph(state, root);
    lower_tests(state, root, variant);
}

/* Load the root from a path, or from text when text is not NULL; then run
   every stage. The syntax trees and sources live in a scratch arena freed
   before returning: the graph holds its own copies. */
static tk_graph *compile_root(const char *path, const char *text,
                              const tk_compile_options *options, tk_diags *diags) {
    diag_list *list = diag_list_of(diags);
    tk_graph *graph = calloc(1, sizeof *graph);
    if (!graph) arena_out_of_memory(&list->region);
    arena_init(&graph->region);
    recovery_own(arena_recovery(&list->region), &graph->region, free_graph, graph);
    arena scratch;
    arena_init_within(&scratch, &list->region);
    size_t errors_before = list->error_count, diags_before = list->count;
    const char *variant = options ? options->variant : NULL;
    lowering state;
    lowering_init(&state, graph, &scratch, list);
    module_set modules = {0};
    bool loaded = load_modules(&scratch, path, text, options, list, &modules);
    if (loaded && variant) loaded = select_variant(&state, &modules, variant, path);
    if (loaded) lower_modules(&state, &modules, variant, errors_before);
    if (variant) diag_drop_warnings(list, diags_before);
    diag_forget_file(list, list->last_file);
    arena_release(&scratch);
    if (list->error_count > errors_before) {
        tk_graph_free(graph);
        return NULL;
    }
    return graph;
}

size_t tk_graph_variant_count(const tk_graph *graph) { return graph->variant_names.count; }
const char *tk_graph_variant_name(const tk_graph *graph, size_t index) {
    return index < graph->variant_names.count ? graph->variant_names.names[index] : NULL;
}

/* A compiled file holds one graph: the module, or one of its variants. */
static tk_graph *load_compiled(const char *path, const tk_compile_options *options,
                               tk_diags *diags) {
    tk_graph *graph = tkc_load(path, diag_list_of(diags));
    const char *wanted = options ? options->variant : NULL;
    if (!graph || !wanted || (graph->variant && strcmp(graph->variant, wanted) == 0))
        return graph;
    diagnostic *record =
        graph->variant
            ? diag_report_at_path(diag_list_of(diags), SEVERITY_ERROR, DIAG_TK0905, path,
                                  "the compiled graph is variant '%s' of module '%s', not '%s'",
                                  graph->variant, graph->base_module, wanted)
            : diag_report_at_path(diag_list_of(diags), SEVERITY_ERROR, DIAG_TK0905, path,
                                  "the compiled graph is module '%s' itself, not its variant '%s'",
                                  graph->module, wanted);
    diag_set_help(diag_list_of(diags), record,
                  "compile that variant: tenken compile RULES --variant=%s -o FILE.tkc", wanted);
    tk_graph_free(graph);
    return NULL;
}

tk_graph *tk_compile_file(const char *path, const tk_compile_options *options,
                          tk_diags *diags) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    recovery_begin_guarded(&point, &diag_list_of(diags)->region);
    tk_graph *graph = compile_path(path, options, diags);
    recovery_end(&point);
    return graph;
}

tk_graph *compile_path(const char *path, const tk_compile_options *options, tk_diags *diags) {
    return tkc_path_is_compiled(&diag_list_of(diags)->region, path)
               ? load_compiled(path, options, diags)
               : compile_root(path, NULL, options, diags);
}

tk_graph *tk_load_compiled(const char *path, tk_diags *diags) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    recovery_begin_guarded(&point, &diag_list_of(diags)->region);
    tk_graph *graph = tkc_load(path, diag_list_of(diags));
    recovery_end(&point);
    return graph;
}

bool tk_write_compiled(const tk_graph *graph, const char *path, tk_diags *diags) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(diag_list_of(diags));
        return false;
    }
    recovery_begin_guarded(&point, &diag_list_of(diags)->region);
    bool written = tkc_write(graph, path, diag_list_of(diags));
    recovery_end(&point);
    return written;
}

tk_graph *compile_text(const char *path, const char *text, const tk_compile_options *options,
                       tk_diags *diags) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    recovery_begin_guarded(&point, &diag_list_of(diags)->region);
    tk_graph *graph = compile_root(path, text, options, diags);
    recovery_end(&point);
    return graph;
}

void tk_graph_free(tk_graph *graph) {
    if (!graph) return;
    arena_release(&graph->region);
    free(graph);
}

const char *tk_graph_module(const tk_graph *graph) { return graph->module; }
const char *tk_graph_variant(const tk_graph *graph) { return graph->variant; }
bool tk_graph_is_precompiled(const tk_graph *graph) { return graph->precompiled; }
