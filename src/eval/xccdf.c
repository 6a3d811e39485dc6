/*
 * xccdf.c — the four scoring models of XCCDF 1.2 (NIST IR 7275 rev 4,
 * 7.3.2), an item taken as a rule and a section as a group. An applicable
 * item answered with its scale's best option passes, one answered otherwise
 * fails; excluded and not-applicable items are left out, as the models
 * leave out notapplicable and notselected rules; an unanswered item makes a
 * score unknown unless `unanswered as` says pass or fail. The default model
 * scores each rule 0 or 100 and each group the mean of its counted children
 * by weight, up to the selection's root; the flat model sums the weights of
 * the passing rules against the sum of all weights; flat-unweighted takes
 * every weight but 0 as 1; absolute is 1 when flat's score is its maximum.
 */
#include "eval/eval.h"

typedef enum rule_result { RULE_LEFT_OUT, RULE_PASS, RULE_FAIL, RULE_UNKNOWN } rule_result;

typedef struct scoring {
    const tk_result *result;
    eval_value unanswered_as;
    bool saw_unknown;       /* a counted rule's result is not known yet */
    bool overflow;          /* a sum beyond the decimal's range: the score is n/a */
} scoring;

static const eval_value unknown_value = {.kind = EV_UNKNOWN};
static const eval_value na_value = {.kind = EV_NA};

static eval_value number_value(decimal number) {
    return (eval_value){.kind = EV_NUMBER, .number = number};
}

/* sum += left × right; false beyond the decimal's range. */
static bool add_product(decimal *sum, decimal left, decimal right) {
    decimal product;
    return decimal_mul(left, right, &product) && decimal_add(*sum, product, sum);
}

/* An item node as a rule: left out, passed, failed, or not known yet. */
static rule_result rule_of(const scoring *state, size_t node) {
    const item_outcome *item = &state->result->items[node];
    bool counted = item->option >= 0;   /* answered, or counted as an option */
    if (!counted && (item->state == STATE_EXCLUDED || item->state == STATE_NOT_APPLICABLE))
        return RULE_LEFT_OUT;
    if (!counted) {
        if (state->unanswered_as.kind != EV_BOOL) return RULE_UNKNOWN;
        return !decimal_is_zero(state->unanswered_as.number) ? RULE_PASS : RULE_FAIL;
    }
    const graph_scale *scale = state->result->graph->nodes[node].item->scale;
    return decimal_equal(scale->options[item->option].points, scale->max_points) ? RULE_PASS
                                                                                  : RULE_FAIL;
}

/* {=== the default model ===} */

/* A group's score over its members (Score.Default.Group): the weighted mean
   of its counted children; false when no child counts. Where every counted
   child weighs 0 the specification divides by zero; the score is then 0, as
   OpenSCAP has it. Sums beyond the decimal's range make the score n/a
   (state->overflow). */
static bool default_group(scoring *state, const graph_checklist *checklist,
                          const graph_member *members, size_t count, decimal *score) {
    const tk_graph *graph = state->result->graph;
    decimal total = decimal_from_int(0), accumulator = decimal_from_int(0);
    size_t counted = 0;
    for (size_t index = 0; index < count; index++) {
        decimal child = decimal_from_int(0), weight;
        if (members[index].kind == G_MEMBER_ITEM) {
            rule_result rule = rule_of(state, members[index].index);
            if (rule == RULE_UNKNOWN) state->saw_unknown = true;
            if (rule == RULE_LEFT_OUT || rule == RULE_UNKNOWN) continue;
            child = decimal_from_int(rule == RULE_PASS ? 100 : 0);
            weight = graph->nodes[members[index].index].item->weight;
        } else {
            const graph_section *section = &checklist->sections[members[index].index];
            if (!default_group(state, checklist, section->members, section->member_count, &child))
                continue;
            weight = section->weight;
        }
        if (!add_product(&total, child, weight) || !decimal_add(accumulator, weight, &accumulator))
            state->overflow = true;
        counted++;
    }
    *score = decimal_from_int(0);
    if (!decimal_is_zero(accumulator) && !decimal_div(total, accumulator, score))
        state->overflow = true;
    return counted != 0;
}

/* The default model from the selection's root: n/a when no rule counts. */
static eval_value default_model(scoring *state, const gaggregate *aggregate) {
    if (aggregate->element == ELEMENT_ATTRIBUTE) return number_value(decimal_from_int(100));
    if (aggregate->item_count == 0) return na_value;
    const tk_graph *graph = state->result->graph;
    const graph_checklist *checklist = &graph->checklists[graph->nodes[aggregate->items[0]].checklist];
    const graph_section *root =
        aggregate->section == NO_INDEX ? NULL : &checklist->sections[aggregate->section];
    decimal score = decimal_from_int(0);
    bool counted = root ? default_group(state, checklist, root->members, root->member_count, &score)
                        : default_group(state, checklist, checklist->members,
                                        checklist->member_count, &score);
    if (state->saw_unknown) return unknown_value;
    return counted && !state->overflow ? number_value(score) : na_value;
}

/* {=== the flat models ===} */

/* Flat, flat-unweighted and absolute (Score.Flat): the score, or with `max
   of` the maximum. Absolute is 0 as soon as a rule that weighs fails, even
   while others wait for an answer. */
static eval_value flat_model(scoring *state, const gaggregate *aggregate) {
    bool unweighted = aggregate->function == AGG_XCCDF_FLAT_UNWEIGHTED;
    bool absolute = aggregate->function == AGG_XCCDF_ABSOLUTE;
    bool maximum = aggregate->element == ELEMENT_ATTRIBUTE;
    decimal score = decimal_from_int(0), most = decimal_from_int(0), one = decimal_from_int(1);
    bool failed = false;
    for (size_t position = 0; position < aggregate->item_count; position++) {
        size_t node = aggregate->items[position];
        rule_result rule = rule_of(state, node);
        if (rule == RULE_LEFT_OUT) continue;
        decimal weight = state->result->graph->nodes[node].item->weight;
        if (unweighted && !decimal_is_zero(weight)) weight = one;
        if (!decimal_add(most, weight, &most)) state->overflow = true;
        if (rule == RULE_UNKNOWN) state->saw_unknown = true;
        if (rule == RULE_PASS && !decimal_add(score, weight, &score)) state->overflow = true;
        if (rule == RULE_FAIL && !decimal_is_zero(weight)) failed = true;
    }
    if (absolute) {
        if (maximum) return number_value(one);
        if (failed) return number_value(decimal_from_int(0));
        return state->saw_unknown ? unknown_value : number_value(one);
    }
    if (state->overflow) return na_value;
    if (maximum) return number_value(most);
    return state->saw_unknown ? unknown_value : number_value(score);
}

eval_value xccdf_score(const tk_result *result, const gaggregate *aggregate,
                       eval_value unanswered_as) {
    scoring state = {result, unanswered_as, false, false};
    if (aggregate->function == AGG_XCCDF_DEFAULT) return default_model(&state, aggregate);
    return flat_model(&state, aggregate);
}
