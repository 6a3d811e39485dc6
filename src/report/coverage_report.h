/*
 * coverage_report.h — writing what `tenken map` found: the coverage of a
 * target framework (coverage.h) and the selection gates of the source
 * framework over its answers (selection.h), as text, JSON, Markdown or CSV.
 */
#ifndef TK_COVERAGE_REPORT_H
#define TK_COVERAGE_REPORT_H

#include <stdio.h>

#include "frameworks/coverage.h"
#include "frameworks/selection.h"

typedef enum coverage_format {
    COVERAGE_TEXT, COVERAGE_JSON, COVERAGE_MD, COVERAGE_CSV,
} coverage_format;

typedef struct coverage_output {
    const catalog_framework *from;
    const control_answers *answers;     /* NULL: no answers given */
    const coverage_report *coverage;    /* NULL: no --to */
    const selection_result *gates;      /* NULL without answers */
    const char *lang;
} coverage_output;

void coverage_write(const coverage_output *output, coverage_format format, FILE *stream);

#endif
