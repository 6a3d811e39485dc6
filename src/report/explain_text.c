/*
 * explain_text.c — a gate's causes as the reports write them (explain_text.h).
 */
#include "report/explain_text.h"

#include "report/expr_text.h"

static const graph_names *enum_members_of(const report_context *report, const gate_cause *cause) {
    if (cause->node != NO_INDEX) return report->graph->nodes[cause->node].enum_members;
    return cause->subject->enum_members;
}

const char *report_cause_subject(report_context *report, const gate_cause *cause, size_t gate) {
    if (cause->node != NO_INDEX) return report->graph->nodes[cause->node].name;
    return expr_text(&report->scratch, report->graph, cause->subject,
                     report->graph->nodes[gate].checklist);
}

const char *report_cause_value(report_context *report, const gate_cause *cause, eval_value value) {
    const graph_names *members = enum_members_of(report, cause);
    switch (value.kind) {
    case EV_NUMBER:
        if (members && decimal_to_index(value.number) < members->count)
            return members->names[decimal_to_index(value.number)];
        return report_number(report, value.number);
    case EV_BOOL: return !decimal_is_zero(value.number) ? "true" : "false";
    case EV_STRING: return expr_quote(&report->scratch, value.string);
    case EV_NA: return "n/a";
    default: return "unknown";
    }
}

const char *report_cause_sign(const gate_cause *cause) {
    switch (cause->needs) {
    case OP_EQ: return "=";
    case OP_NE: return "≠";
    case OP_LT: return "<";
    case OP_LE: return "≤";
    case OP_GT: return ">";
    case OP_GE: return "≥";
    default: return NULL;
    }
}

const char *report_cause_text(report_context *report, const gate_cause *cause, size_t gate) {
    const char *subject = report_cause_subject(report, cause, gate);
    const char *now = report_cause_value(report, cause, cause->value);
    const char *sign = report_cause_sign(cause);
    if (!sign) return arena_printf(&report->scratch, "%s = %s", subject, now);
    return arena_printf(&report->scratch, "%s = %s, needs %s %s", subject, now, sign,
                        report_cause_value(report, cause, cause->bound));
}

bool report_blocking_unanswered(const report_context *report, size_t item) {
    return report->result->items[item].state != STATE_ANSWERED;
}

size_t report_blocking_unanswered_count(const report_context *report, const gate_outcome *gate) {
    size_t count = 0;
    for (size_t index = 0; index < gate->blocking_count; index++)
        count += report_blocking_unanswered(report, gate->blocking[index]);
    return count;
}
