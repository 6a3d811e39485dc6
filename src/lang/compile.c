/*
 * compile.c — the compiler's pipeline behind tk_compile_file: load modules,
 * resolve names, order the graph, check types. Each stage runs even after
 * errors in an earlier one where that can find more problems, so one run
 * reports all it can; a graph is handed out only when there were none.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lang/catalog.h"
#include "lang/typecheck.h"
#include "lang/compile.h"
#include "base/diag.h"
#include "lang/graph.h"
#include "lang/modules.h"
#include "lang/resolve.h"
#include "lang/lint.h"
#include "eval/testing.h"
#include "lang/tkc.h"
#include "lang/variant.h"
#include "tenken.h"

const char *tk_version(void) { return PACKAGE_VERSION; }

static const char *variant_list(tk_graph *graph, const ast_module *root) {
    char *names = "";
    for (size_t index = 0; index < root->variants.count; index++)
        names = arena_printf(&graph->region, "%s%s%s", names, index ? ", " : "",
                             ((const ast_variant *)root->variants.items[index])->name);
    return names;
}

/* The variants the root declares, each name once; a name given twice is an error. */
static void record_variant_names(tk_graph *graph, const ast_module *root, diag_list *diags) {
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
        names[count++] = variant->name;
    }
    graph->variant_names = names;
    graph->variant_count = count;
}

/* Patch the module set for the variant asked for; false when there is none. */
static bool select_variant(tk_graph *graph, module_set *modules, const char *name,
                           const char *path, diag_list *diags) {
    const ast_module *root = modules->modules[0];
    const ast_variant *variant = variant_find(root, name);
    if (!variant) {
        diagnostic *record = diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0213, path,
                                                 "module '%s' declares no variant '%s'",
                                                 root->name ? root->name : "", name);
        if (root->variants.count)
            diag_set_help(diags, record, "its variants are: %s",
                          variant_list(graph, root));
        return false;
    }
    graph->base_module = variant->base;
    graph->variant = arena_strdup(&graph->region, name);
    return variant_apply(&graph->region, modules, variant, diags);
}

/* Load the root from a path, or from text when text is not NULL; then run
   every stage. */
static tk_graph *compile_root(const char *path, const char *text,
                              const tk_compile_options *options, tk_diags *diags) {
    tk_graph *graph = calloc(1, sizeof *graph);
    if (!graph) return NULL;
    arena_init(&graph->region);
    size_t errors_before = diag_list_of(diags)->error_count;
    size_t diags_before = diag_list_of(diags)->count;
    search_path directories = {NULL, 0};
    if (options) {
        directories.directories = options->search_path;
        directories.count = options->search_path_count;
    }
    module_set modules = {0};
    bool loaded = text ? modules_load_source(&graph->region,
                                             source_from_text(&graph->region, path, text,
                                                              strlen(text)),
                                             &directories, diag_list_of(diags), &modules)
                       : modules_load(&graph->region, path, &directories, diag_list_of(diags), &modules);
    if (loaded && options && options->variant) loaded = select_variant(graph, &modules,
                                                                        options->variant, path,
                                                                        diag_list_of(diags));
    if (loaded) {
        record_variant_names(graph, modules.modules[0], diag_list_of(diags));
        resolve_modules(graph, &modules, diag_list_of(diags));
        /* Warnings only for a file without errors, as lint_graph below. */
        catalog_build(&graph->region, &modules,
                      diag_list_of(diags)->error_count == errors_before ? modules.modules[0] : NULL,
                      diag_list_of(diags));
        if (graph_sort(graph, diag_list_of(diags))) check_types(graph, diag_list_of(diags));
        if (diag_list_of(diags)->error_count == errors_before && !(options && options->variant))
            lint_graph(graph, modules.modules[0], diag_list_of(diags));
        if (diag_list_of(diags)->error_count == errors_before)
            testing_resolve(graph, modules.modules[0], options ? options->variant : NULL,
                            diag_list_of(diags));
    }
    if (options && options->variant) diag_drop_warnings(diag_list_of(diags), diags_before);
    if (diag_list_of(diags)->error_count > errors_before) {
        tk_graph_free(graph);
        return NULL;
    }
    return graph;
}

size_t tk_graph_variant_count(const tk_graph *graph) { return graph->variant_count; }
const char *tk_graph_variant_name(const tk_graph *graph, size_t index) {
    return index < graph->variant_count ? graph->variant_names[index] : NULL;
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
    if (tkc_path_is_compiled(path)) return load_compiled(path, options, diags);
    return compile_root(path, NULL, options, diags);
}

tk_graph *compile_text(const char *path, const char *text, const tk_compile_options *options,
                       tk_diags *diags) {
    return compile_root(path, text, options, diags);
}

void tk_graph_free(tk_graph *graph) {
    if (!graph) return;
    arena_release(&graph->region);
    free(graph);
}

const char *tk_graph_module(const tk_graph *graph) { return graph->module; }
