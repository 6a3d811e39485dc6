/*
 * coverage.c — the coverage algebra. A map row relates a source control to
 * a target control. An implemented source gives its target `full` coverage
 * through equivalent, equal or superset-of, and `partial` through subset-of
 * or intersects; a partially implemented source gives `partial` through any
 * of them; a source that is not implemented, excluded or unstated gives
 * nothing. A target's coverage is the best any row gives it. Rows are read
 * from maps in either direction, the relation turned round for the reverse.
 */
#include "frameworks/coverage.h"

#include <string.h>

static const char *const level_names[] = {"none", "partial", "full"};

const char *coverage_level_name(coverage_level level) { return level_names[level]; }

relation_kind relation_inverse(relation_kind relation) {
    if (relation == RELATION_SUBSET_OF) return RELATION_SUPERSET_OF;
    if (relation == RELATION_SUPERSET_OF) return RELATION_SUBSET_OF;
    return relation;
}

static coverage_level level_given(relation_kind relation, control_status status) {
    if (relation == RELATION_NO_RELATIONSHIP || relation == RELATION_NEW) return COVERAGE_NONE;
    if (status == CONTROL_PARTIAL) return COVERAGE_PARTIAL;
    if (status != CONTROL_IMPLEMENTED) return COVERAGE_NONE;
    if (relation == RELATION_SUBSET_OF || relation == RELATION_INTERSECTS) return COVERAGE_PARTIAL;
    return COVERAGE_FULL;
}

static void add_via(arena *region, control_coverage *target, const char *source_id,
                    relation_kind relation, const control_answers *answers) {
    coverage_via *via = ARENA_PUSH(region, target->via, target->via_count, target->via_capacity);
    via->source_id = source_id;
    via->relation = relation;
    via->status = control_answers_get(answers, source_id).status;
    via->gives = level_given(relation, via->status);
    if (via->gives > target->level) target->level = via->gives;
}

/* One row, read from source to target (or reversed when the map runs the
   other way). `new` marks the target side only when read forward. */
static void apply_row(arena *region, coverage_report *report, strmap *by_id,
                      const catalog_row *row, bool reversed) {
    if (row->relation == RELATION_NEW || row->relation == RELATION_NO_RELATIONSHIP) {
        if (row->relation == RELATION_NEW && !reversed) {
            control_coverage *target = strmap_get(by_id, row->target_id);
            if (target) target->is_new = true;
        }
        return;
    }
    const char *source_id = reversed ? row->target_id : row->source_id;
    const char *target_id = reversed ? row->source_id : row->target_id;
    control_coverage *target = strmap_get(by_id, target_id);
    if (!target) return; /* a row to a node that is not counted, such as a clause */
    relation_kind relation = reversed ? relation_inverse(row->relation) : row->relation;
    add_via(region, target, source_id, relation, report->answers);
}

static void count_clauses(arena *region, coverage_report *report) {
    strmap clause_index = {0};
    for (size_t index = 0; index < report->control_count; index++) {
        const control_coverage *control = &report->controls[index];
        const catalog_control *top = catalog_top(control->target);
        size_t *slot = strmap_get(&clause_index, top->id);
        if (!slot) {
            slot = ARENA_NEW(region, size_t);
            *slot = report->clause_count;
            strmap_put(region, &clause_index, top->id, slot);
            clause_coverage *clause = ARENA_PUSH(region, report->clauses, report->clause_count,
                                                 report->clause_capacity);
            memset(clause, 0, sizeof *clause);
            clause->clause = top;
        }
        report->clauses[*slot].counts[control->level]++;
        report->counts[control->level]++;
    }
}

static void collect_maps(arena *region, coverage_report *report, const catalog *catalogue) {
    for (size_t index = 0; index < catalogue->map_count; index++) {
        const catalog_map *map = &catalogue->maps[index];
        bool forward = !strcmp(map->from, report->from->id) &&
                       !strcmp(map->to, report->to->id);
        bool backward = !strcmp(map->to, report->from->id) &&
                        !strcmp(map->from, report->to->id);
        if (forward || backward)
            *ARENA_PUSH(region, report->maps, report->map_count, report->map_capacity) = map;
    }
}

coverage_report *coverage_compute(arena *region, const catalog *catalogue,
                                  const catalog_framework *from, const catalog_framework *to,
                                  const control_answers *answers, const char *path,
                                  diag_list *diags) {
    coverage_report *report = ARENA_NEW(region, coverage_report);
    report->from = from;
    report->to = to;
    collect_maps(region, report, catalogue);
    if (report->map_count == 0) {
        diagnostic *record = diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0701, path,
                                                 "no map relates %s and %s", from->id,
                                                 to->id);
        diag_set_help(diags, record, "write `map %s -> %s { … }` or load the file that has one",
                      from->id, to->id);
        return NULL;
    }
    return coverage_compute_maps(region, from, to, report->maps, report->map_count, answers);
}

coverage_report *coverage_compute_maps(arena *region, const catalog_framework *from,
                                       const catalog_framework *to, const catalog_map **maps,
                                       size_t map_count, const control_answers *answers) {
    coverage_report *report = ARENA_NEW(region, coverage_report);
    report->from = from;
    report->to = to;
    report->answers = answers;
    report->maps = maps;
    report->map_count = map_count;
    strmap by_id = {0};
    report->controls = arena_calloc(region, to->node_count + 1, sizeof(control_coverage));
    for (size_t index = 0; index < to->node_count; index++) {
        if (!catalog_is_unit(to, to->nodes[index])) continue;
        control_coverage *control = &report->controls[report->control_count++];
        control->target = to->nodes[index];
        strmap_put(region, &by_id, control->target->id, control);
    }
    for (size_t index = 0; index < map_count; index++) {
        const catalog_map *map = maps[index];
        bool reversed = strcmp(map->from, from->id) != 0;
        for (size_t row = 0; row < map->row_count; row++)
            apply_row(region, report, &by_id, &map->rows[row], reversed);
    }
    count_clauses(region, report);
    return report;
}
