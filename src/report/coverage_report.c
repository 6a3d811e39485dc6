/*
 * coverage_report.c — what the writers of `tenken map`'s coverage share;
 * each format writes it in its own file (formats.c names them). JSON is the
 * contract (doc/mappings.md documents its shape).
 */
#include "report/coverage_report.h"

const char *coverage_title(const graph_text *title, const char *lang) {
    const char *text = graph_text_pick(title, lang);
    return text ? text : "";
}

double coverage_clause_ratio(const clause_coverage *clause) {
    size_t total = clause->counts[0] + clause->counts[1] + clause->counts[2];
    return total ? (double)clause->counts[COVERAGE_FULL] / (double)total : 0;
}
