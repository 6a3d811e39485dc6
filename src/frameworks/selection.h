/*
 * selection.h — a framework's selection gates over the answers given for it:
 * every node of a kind applies unless excluded with a reason; every applied
 * node of a kind selects at least one node of another kind below it; every
 * mandatory node is selected. Each gate passes or fails with what is missing.
 */
#ifndef TK_SELECTION_H
#define TK_SELECTION_H

#include <stdbool.h>

#include "lang/catalog.h"
#include "answers/control_answers.h"

typedef struct selection_result {
    const catalog_gate *gate;
    bool passed;
    const catalog_control **missing;    /* the nodes that make it fail, in order */
    size_t missing_count, missing_capacity;
} selection_result;

/* One result per gate of the framework, in order. */
selection_result *selection_evaluate(arena *region, const catalog_framework *framework,
                                     const control_answers *answers);

/* Selected: stated implemented or partial (or implemented by certificate). */
bool selection_is_selected(const control_answers *answers, const catalog_control *node);

#endif
