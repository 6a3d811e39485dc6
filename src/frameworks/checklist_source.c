/*
 * checklist_source.c — turning a checklist's item references into a map,
 * and an evaluated answer set into control statuses, so the coverage
 * algebra (coverage.c) runs unchanged on a checklist.
 */
#include "frameworks/checklist_source.h"

#include <string.h>

#include "answers/answer_reader.h"
#include "base/diag.h"
#include "eval/eval.h"
#include "lang/compile.h"
#include "lang/graph.h"

static const char *source_id(arena *region, const char *checklist, const char *item) {
    return arena_printf(region, "%s.%s", checklist, item);
}

checklist_source *checklist_source_find(arena *region, const catalog *catalogue,
                                        const char *name, const catalog_framework *to) {
    const catalog_module *module = catalog_module_named(catalogue, name);
    if (!module) return NULL;
    checklist_source *origin = ARENA_NEW(region, checklist_source);
    origin->path = module->path;
    origin->framework.id = module->name;
    origin->framework.edition = "checklist";
    origin->map.from = module->name;
    origin->map.to = to->id;
    origin->map.path = module->path;
    origin->map.line = 1;
    size_t capacity = 0;
    for (size_t index = 0; index < catalogue->ref_count; index++) {
        const catalog_ref *entry = &catalogue->refs[index];
        if (strcmp(entry->module, module->name) || strcmp(entry->framework, to->id)) continue;
        *ARENA_PUSH(region, origin->map.rows, origin->map.row_count, capacity) =
            (catalog_row){entry->relation, source_id(region, entry->checklist, entry->item),
                          entry->control, {NULL, 0}, {NULL, 0}};
    }
    return origin;
}

static control_status item_status(const item_outcome *outcome) {
    switch (outcome->state) {
    case STATE_ANSWERED:
        if (decimal_compare(outcome->points, outcome->max) >= 0) return CONTROL_IMPLEMENTED;
        return decimal_compare(outcome->points, decimal_from_int(0)) > 0 ? CONTROL_PARTIAL
                                                                         : CONTROL_NOT;
    case STATE_EXCLUDED:
    case STATE_NOT_APPLICABLE:
        return CONTROL_EXCLUDED;
    default:
        return CONTROL_UNSTATED;
    }
}

static void record_statuses(arena *region, const tk_graph *graph, const tk_result *result,
                            control_answers *answers) {
    for (size_t checklist = 0; checklist < graph->checklist_count; checklist++) {
        const graph_checklist *list = &graph->checklists[checklist];
        for (size_t index = 0; index < list->item_count; index++) {
            size_t node = list->items[index];
            control_answer *answer = ARENA_NEW(region, control_answer);
            answer->status = item_status(&result->items[node]);
            if (answer->status == CONTROL_EXCLUDED) answer->reason = "excluded by the rules";
            strmap_put(region, &answers->by_id,
                       source_id(region, list->name, graph->nodes[node].name), answer);
        }
    }
}

control_answers *checklist_source_answers(arena *region, const checklist_source *origin,
                                          const char *answers_path,
                                          const tk_compile_options *options, tk_diags *diags) {
    tk_graph *graph = compile_path(origin->path, options, diags);
    if (!graph) return NULL;
    control_answers *answers = NULL;
    tk_answer_reader *reader = answers_reader_open(graph, answers_path, TK_INPUT_AUTO, diags);
    tk_answers *set = reader ? answers_reader_next(reader, diags) : NULL;
    if (set && diag_list_of(diags)->error_count == 0) {
        tk_result *result = eval_answers(graph, set);
        answers = ARENA_NEW(region, control_answers);
        answers->path = answers_path;
        answers->subject = set->subject ? arena_strdup(region, set->subject) : NULL;
        record_statuses(region, graph, result, answers);
        tk_result_free(result);
    }
    if (set) {
        /* One organisation's answers: a second set would be left out unseen. */
        tk_answers *second = answers_reader_next(reader, diags);
        if (second) {
            diag_list *list = diag_list_of(diags);
            diagnostic *record = diag_report_at_path(list, SEVERITY_ERROR, DIAG_TK0502,
                answers_path, "the answer file holds more than one answer set (the second "
                "is about '%s')", second->subject ? second->subject : "?");
            diag_set_help(list, record, "tenken map reads the answers of one organisation; "
                                        "give it a file with one answer set");
            tk_answers_free(second);
            answers = NULL;
        }
        tk_answers_free(set);
    }
    if (reader) tk_answers_close(reader);
    tk_graph_free(graph);
    return answers;
}
