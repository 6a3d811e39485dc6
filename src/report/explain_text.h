/*
 * explain_text.h — a gate's causes (eval.h's gate_cause) as the reports
 * write them: the subject and values as rule source, and the one-line
 * "total = 52, needs ≥ 70".
 */
#ifndef TK_EXPLAIN_TEXT_H
#define TK_EXPLAIN_TEXT_H

#include "report/report.h"

/* A fact's or value's name, or the expression compared, as rule source. */
const char *report_cause_subject(report_context *report, const gate_cause *cause, size_t gate);

/* The cause's value now (or its bound) as rule source: 52, true, "text",
   an enum member; unknown and n/a as words. */
const char *report_cause_value(report_context *report, const gate_cause *cause, eval_value value);

/* The relation the cause needs as a sign (≥, ≠, …), or NULL when it has no bound. */
const char *report_cause_sign(const gate_cause *cause);

/* "total = 52, needs ≥ 70"; "uses_cloud = false, needs = true"; "employees = 30". */
const char *report_cause_text(report_context *report, const gate_cause *cause, size_t gate);

/* Whether a blocking item is listed for how an unanswered item is counted
   (`unanswered as`), not for its answer. */
bool report_blocking_unanswered(const report_context *report, size_t item);

/* How many blocking items are unanswered. */
size_t report_blocking_unanswered_count(const report_context *report, const gate_outcome *gate);

#endif
