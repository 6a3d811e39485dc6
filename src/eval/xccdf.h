/*
 * xccdf.h — the four scoring models of XCCDF 1.2 (NIST IR 7275 rev 4,
 * 7.3.2: default, flat, flat-unweighted, absolute) over a checklist or a
 * section, each item a rule and each section a group.
 */
#ifndef TK_XCCDF_H
#define TK_XCCDF_H

#include "eval/eval.h"

/* The score of an xccdf_* aggregate (kinds.h), or with `max of` the model's
   maximum, against the item states of `result`. `unanswered_as` is what an
   unanswered item counts as: true a pass, false a fail, else the score is
   unknown while an item is unanswered. */
eval_value xccdf_score(const tk_result *result, const gaggregate *aggregate,
                       eval_value unanswered_as);

#endif
