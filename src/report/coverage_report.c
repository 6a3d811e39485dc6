/*
 * coverage_report.c — what the writers of `tenken map`'s coverage share;
 * each format writes it in its own file (formats.c names them). JSON is the
 * contract (doc/mappings.md documents its shape).
 */
#include "report/coverage_report.h"

#include <string.h>

const char *coverage_title(const graph_text *title, const char *lang) {
    const char *text = graph_text_pick(title, lang);
    return text ? text : "";
}

decimal coverage_clause_ratio(const clause_coverage *clause) {
    size_t total = clause->counts[0] + clause->counts[1] + clause->counts[2];
    decimal ratio = decimal_from_int(0);
    if (total)
        (void)decimal_div(decimal_from_int((long long)clause->counts[COVERAGE_FULL]),
                          decimal_from_int((long long)total), &ratio);
    return ratio;
}

const char *coverage_clause_percent(const clause_coverage *clause, char *buffer) {
    decimal percent, rounded;
    (void)decimal_mul(coverage_clause_ratio(clause), decimal_from_int(100), &percent);
    (void)decimal_round(percent, 1, &rounded);
    bool exact = decimal_equal(percent, rounded);
    strcpy(buffer, exact ? "" : "≈");
    decimal_format(rounded, buffer + strlen(buffer));
    return buffer;
}
