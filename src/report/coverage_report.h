/*
 * coverage_report.h — what `tenken map` found, for the formats to write
 * (their coverage writers, formats.h): the coverage of a target framework
 * (coverage.h) and the selection gates of the source framework over its
 * answers (selection.h); and what those writers share.
 */
#ifndef TK_COVERAGE_REPORT_H
#define TK_COVERAGE_REPORT_H

#include <stdio.h>

#include "frameworks/coverage.h"
#include "frameworks/selection.h"

typedef struct coverage_output {
    const catalog_framework *from;
    const control_answers *answers;     /* NULL: no answers given */
    const coverage_report *coverage;    /* NULL: no --to */
    const selection_result *gates;      /* NULL without answers */
    const char *lang;
} coverage_output;

/* A title in the output's language, or "" when it has none. */
const char *coverage_title(const graph_text *title, const char *lang);
/* The share of a clause's controls that are fully covered (0 without any),
   to 34 digits. */
decimal coverage_clause_ratio(const clause_coverage *clause);
/* That share as a percentage for text and Markdown: exact when one decimal
   place holds it ("50", "12.5"), else rounded to one place and marked so
   ("≈33.3"), never rounded silently. Written into buffer. */
enum { COVERAGE_PERCENT_TEXT = DECIMAL_TEXT_MAX + 4 };
const char *coverage_clause_percent(const clause_coverage *clause, char *buffer);

#endif
