/*
 * map_api.c — tenken map in the public interface: load the control
 * catalogue (lang/modules.c, lang/catalog.c), find the source framework or
 * checklist module and the target, read the source's answers
 * (answers/control_answers.c, frameworks/checklist_source.c), compute the
 * coverage (frameworks/coverage.c) and the selection gates
 * (frameworks/selection.c), and write them (the format's writer, formats.c). A
 * thin layer over those stages; it lives in report/ because it writes.
 */
#include "config.h"

#include <stdlib.h>

#include "base/arena.h"
#include "base/diag.h"
#include "lang/catalog.h"
#include "answers/control_answers.h"
#include "frameworks/checklist_source.h"
#include "frameworks/coverage.h"
#include "frameworks/selection.h"
#include "report/formats.h"
#include "tenken.h"

struct tk_map_result {
    arena region;           /* everything the result points to */
    coverage_output output;
};

typedef struct map_request {
    const tk_map_options *options;
    tk_compile_options compile;
    arena *region;
    tk_diags *diags;
    diag_list *list;
    coverage_output *output;
} map_request;

static const catalog_framework *find_named(const map_request *request, const catalog *catalogue,
                                           const char *id, const char *option) {
    return catalog_require(catalogue, id, NULL, (span){0, 0}, option, request->list);
}

/* The source is a checklist module whose items refer to the target's
   controls: its references are the one map. */
static bool build_checklist_source(const map_request *request, const catalog *catalogue) {
    const tk_map_options *options = request->options;
    coverage_output *output = request->output;
    const catalog_framework *to = find_named(request, catalogue, options->to, "--to");
    if (!to) return false;
    checklist_source *checklist =
        checklist_source_find(request->region, catalogue, options->from, to);
    if (checklist->map.row_count == 0) {
        diagnostic *record = diag_report_at_path(request->list, SEVERITY_ERROR, DIAG_TK0701,
                                                 "--from", "no item of %s refers to %s",
                                                 options->from, to->id);
        diag_set_help(request->list, record, "give items `ref %s:\"ID\"`", to->id);
        return false;
    }
    output->from = &checklist->framework;
    if (options->answers) {
        output->answers = checklist_source_answers(request->region, checklist, options->answers,
                                                   &request->compile, request->diags);
        if (!output->answers) return false;
    }
    const catalog_map **maps = ARENA_NEW(request->region, const catalog_map *);
    maps[0] = &checklist->map;
    output->coverage =
        coverage_compute_maps(request->region, output->from, to, maps, 1, output->answers);
    return true;
}

/* The source is a framework of the catalogue. */
static bool build_framework_source(const map_request *request, const catalog *catalogue) {
    const tk_map_options *options = request->options;
    coverage_output *output = request->output;
    output->from = find_named(request, catalogue, options->from, "--from");
    const catalog_framework *to =
        options->to ? find_named(request, catalogue, options->to, "--to") : NULL;
    if (!output->from || (options->to && !to)) return false;
    if (options->answers) {
        output->answers =
            control_answers_read(request->region, options->answers, output->from, request->list);
        if (!output->answers) return false;
        output->gates = selection_evaluate(request->region, output->from, output->answers);
    }
    if (to) {
        output->coverage = coverage_compute(request->region, catalogue, output->from, to,
                                            output->answers, "--to", request->list);
        if (!output->coverage) return false;
    }
    return true;
}

/* Load, look up, read the answers, compute: false when something failed. */
static bool build(const map_request *request) {
    const tk_map_options *options = request->options;
    const catalog *catalogue =
        catalog_load(request->region, options->files, options->file_count,
                     request->compile.search_path, request->compile.search_path_count,
                     request->list);
    if (!catalogue) return false;
    if (!catalog_find(catalogue, options->from) && options->to &&
        catalog_module_named(catalogue, options->from))
        return build_checklist_source(request, catalogue);
    return build_framework_source(request, catalogue);
}

static void free_result(void *result) { tk_map_result_free(result); }

tk_map_result *tk_map(const tk_map_options *options, tk_diags *diags) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    recovery_begin_guarded(&point, &diag_list_of(diags)->region);
    tk_map_result *result = calloc(1, sizeof *result);
    if (!result) recovery_fail(&point);
    arena_init(&result->region);
    recovery_own(&point, &result->region, free_result, result);
    map_request request = {options, {0}, &result->region, diags, diag_list_of(diags),
                           &result->output};
    if (options->compile) request.compile = *options->compile;
    bool built = build(&request);
    if (!built) tk_map_result_free(result);
    recovery_end(&point);
    return built ? result : NULL;
}

void tk_map_write(const tk_map_result *result, tk_report_format format, const char *lang,
                  FILE *stream) {
    coverage_output output = result->output;
    output.lang = lang ? lang : "ja";
    report_format_for(format, TK_REPORT_USE_COVERAGE)->coverage(&output, stream);
}

bool tk_map_gates_passed(const tk_map_result *result) {
    const coverage_output *output = &result->output;
    for (size_t index = 0; output->gates && index < output->from->gate_count; index++)
        if (!output->gates[index].passed) return false;
    return true;
}

void tk_map_result_free(tk_map_result *result) {
    if (!result) return;
    arena_release(&result->region);
    free(result);
}
