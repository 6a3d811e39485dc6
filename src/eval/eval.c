/*
 * eval.c — one linear pass over the graph's nodes in topological order.
 * Facts take the given value or their default; items decide applicability
 * (exclusions, then only-when conditions) and then read their answer; values
 * and gates evaluate their expressions in Kleene three-valued logic, where
 * aggregates drop excluded and not-applicable items from both sides (an item
 * not applicable that counts as an option stays, with that option). Why a
 * gate does not pass is explain.c's; the XCCDF scoring models are xccdf.c's.
 */
#include "eval/eval.h"

#include <stdlib.h>
#include <string.h>

static const eval_value unknown_value = {.kind = EV_UNKNOWN};
static const eval_value na_value = {.kind = EV_NA};

/* Numbers are exact decimals (base/decimal.h), which have no -0: -5 * 0 and
   -1 point times weight 0 are 0. */
static eval_value number_value(decimal number) {
    return (eval_value){.kind = EV_NUMBER, .number = number};
}
/* A result that does not fit, or a division by zero, is n/a. */
static eval_value computed_value(bool fits, decimal number) {
    return fits ? number_value(number) : na_value;
}
static eval_value bool_value(bool truth) {
    return (eval_value){.kind = EV_BOOL, .number = decimal_from_int(truth ? 1 : 0)};
}
static bool is_true(eval_value value) { return !decimal_is_zero(value.number); }

typedef struct evaluator {
    tk_result *result;
    const tk_graph *graph;
    const tk_answers *answers;
} evaluator;

static eval_value eval_expr(const evaluator *state, const gexpr *expr);

/* {=== aggregates ===} */

/* Whether an item is in aggregates: applicable, or not applicable but
   counted as an option (`otherwise counts as`). */
static bool item_applies(const item_outcome *item) {
    return item->state != STATE_EXCLUDED &&
           (item->state != STATE_NOT_APPLICABLE || item->option >= 0);
}

/* One item's contribution to an aggregate. */
static eval_value aggregate_element(const evaluator *state, const gaggregate *aggregate,
                                    size_t position) {
    const item_outcome *item = &state->result->items[aggregate->items[position]];
    const graph_item *decl = state->graph->nodes[aggregate->items[position]].item;
    if (aggregate->element == ELEMENT_ATTRIBUTE && aggregate->attribute == ATTR_MAX)
        return number_value(item->max);
    if (aggregate->element == ELEMENT_ATTRIBUTE && aggregate->attribute == ATTR_WEIGHT)
        return number_value(decl->weight);
    if (aggregate->element == ELEMENT_ITEMS && aggregate->function == AGG_COUNT)
        return number_value(decimal_from_int(1));
    if (item->option < 0) /* neither answered nor counted as an option */
        return aggregate->unanswered_as ? eval_expr(state, aggregate->unanswered_as)
                                        : unknown_value;
    if (aggregate->element == ELEMENT_IS)
        return bool_value(item->option == aggregate->options[position]);
    return number_value(item->points);
}

static eval_value eval_logic_aggregate(const evaluator *state, const gaggregate *aggregate) {
    bool wanted = aggregate->function == AGG_ANY; /* the value that decides at once */
    bool saw_unknown = false;
    for (size_t position = 0; position < aggregate->item_count; position++) {
        if (!item_applies(&state->result->items[aggregate->items[position]])) continue;
        eval_value element = aggregate_element(state, aggregate, position);
        if (element.kind != EV_BOOL) {
            saw_unknown = true;
            continue;
        }
        if (is_true(element) == wanted) return bool_value(wanted);
    }
    return saw_unknown ? unknown_value : bool_value(!wanted);
}

static eval_value eval_number_aggregate(const evaluator *state, const gaggregate *aggregate) {
    decimal total = decimal_from_int(0);
    size_t counted = 0;
    bool saw_unknown = false, overflow = false;
    for (size_t position = 0; position < aggregate->item_count; position++) {
        if (!item_applies(&state->result->items[aggregate->items[position]])) continue;
        eval_value element = aggregate_element(state, aggregate, position);
        if (element.kind == EV_UNKNOWN || element.kind == EV_NA) {
            saw_unknown = true;
            continue;
        }
        decimal number = element.number;
        if (aggregate->function == AGG_COUNT && aggregate->element == ELEMENT_IS)
            number = decimal_from_int(is_true(element) ? 1 : 0);
        else if (aggregate->function == AGG_COUNT)
            number = decimal_from_int(1);
        if (aggregate->function == AGG_MIN)
            total = counted == 0 || decimal_compare(number, total) < 0 ? number : total;
        else if (aggregate->function == AGG_MAX)
            total = counted == 0 || decimal_compare(number, total) > 0 ? number : total;
        else if (!decimal_add(total, number, &total))
            overflow = true;
        counted++;
    }
    if (saw_unknown) return unknown_value;
    if (overflow) return na_value;
    if (counted == 0 && (aggregate->function == AGG_MIN || aggregate->function == AGG_MAX))
        return na_value;
    return number_value(total);
}

static eval_value eval_aggregate(const evaluator *state, const gaggregate *aggregate) {
    if (aggregate_is_xccdf(aggregate->function))
        return xccdf_score(state->result, aggregate,
                           aggregate->unanswered_as ? eval_expr(state, aggregate->unanswered_as)
                                                    : unknown_value);
    if (aggregate->function == AGG_ALL || aggregate->function == AGG_ANY)
        return eval_logic_aggregate(state, aggregate);
    return eval_number_aggregate(state, aggregate);
}

/* {=== operators ===} */

static eval_value eval_kleene(const evaluator *state, const gexpr *expr) {
    bool is_or = expr->op == OP_OR;
    eval_value left = eval_expr(state, expr->left);
    if (left.kind == EV_BOOL && is_true(left) == is_or) return left;
    eval_value right = eval_expr(state, expr->right);
    if (right.kind == EV_BOOL && is_true(right) == is_or) return right;
    if (left.kind == EV_BOOL && right.kind == EV_BOOL) return bool_value(!is_or);
    return left.kind == EV_NA || right.kind == EV_NA ? na_value : unknown_value;
}

static int compare_values(eval_value left, eval_value right) {
    if (left.kind == EV_STRING) return strcmp(left.string, right.string);
    return decimal_compare(left.number, right.number);
}

static eval_value eval_arithmetic(binary_op op, decimal left, decimal right) {
    decimal result = decimal_from_int(0);
    switch (op) {
    case OP_ADD: return computed_value(decimal_add(left, right, &result), result);
    case OP_SUB: return computed_value(decimal_sub(left, right, &result), result);
    case OP_MUL: return computed_value(decimal_mul(left, right, &result), result);
    case OP_DIV: return computed_value(decimal_div(left, right, &result), result);
    default: return unknown_value;
    }
}

static eval_value eval_binary(const evaluator *state, const gexpr *expr) {
    if (expr->op == OP_OR || expr->op == OP_AND) return eval_kleene(state, expr);
    eval_value left = eval_expr(state, expr->left);
    eval_value right = eval_expr(state, expr->right);
    if (left.kind == EV_NA || right.kind == EV_NA) return na_value;
    if (left.kind == EV_UNKNOWN || right.kind == EV_UNKNOWN) return unknown_value;
    switch (expr->op) {
    case OP_EQ: return bool_value(compare_values(left, right) == 0);
    case OP_NE: return bool_value(compare_values(left, right) != 0);
    case OP_LT: return bool_value(compare_values(left, right) < 0);
    case OP_LE: return bool_value(compare_values(left, right) <= 0);
    case OP_GT: return bool_value(compare_values(left, right) > 0);
    case OP_GE: return bool_value(compare_values(left, right) >= 0);
    default: return eval_arithmetic(expr->op, left.number, right.number);
    }
}

/* round (half away from zero), floor, ceil, abs; n/a and unknown pass through. */
static eval_value eval_call(const evaluator *state, const gexpr *expr) {
    eval_value operand = eval_expr(state, expr->left);
    if (operand.kind != EV_NUMBER) return operand;
    decimal result = decimal_abs(operand.number);
    long long places = 0;
    switch (expr->function) {
    case FN_ROUND:
        decimal_to_whole(expr->right->number, &places);
        return computed_value(decimal_round(operand.number, (int)places, &result), result);
    case FN_FLOOR: return computed_value(decimal_floor(operand.number, &result), result);
    case FN_CEIL: return computed_value(decimal_ceil(operand.number, &result), result);
    case FN_ABS: break;
    }
    return number_value(result);
}

static eval_value eval_item_is(const evaluator *state, const gexpr *expr) {
    const item_outcome *item = &state->result->items[expr->node];
    if (item->option >= 0) return bool_value(item->option == expr->option);
    if (!item_applies(item)) return na_value;
    return unknown_value;
}

static eval_value eval_expr(const evaluator *state, const gexpr *expr) {
    switch (expr->kind) {
    case G_NUMBER: return number_value(expr->number);
    case G_BOOL: return bool_value(expr->boolean);
    case G_STRING: return (eval_value){.kind = EV_STRING, .string = expr->string};
    case G_NODE:
    case G_ITEM_POINTS: return state->result->values[expr->node];
    case G_ITEM_IS: return eval_item_is(state, expr);
    case G_FACT_IS: {
        eval_value fact = state->result->values[expr->node];
        if (fact.kind != EV_NUMBER) return fact;
        return bool_value(decimal_equal(fact.number, decimal_from_int(expr->option)));
    }
    case G_NOT: {
        eval_value operand = eval_expr(state, expr->left);
        return operand.kind == EV_BOOL ? bool_value(!is_true(operand)) : operand;
    }
    case G_NEGATE: {
        eval_value operand = eval_expr(state, expr->left);
        return operand.kind == EV_NUMBER ? number_value(decimal_negate(operand.number)) : operand;
    }
    case G_BINARY: return eval_binary(state, expr);
    case G_IF: {
        eval_value condition = eval_expr(state, expr->left);
        if (condition.kind != EV_BOOL) return condition;
        return eval_expr(state, is_true(condition) ? expr->right : expr->otherwise);
    }
    case G_AGGREGATE: return eval_aggregate(state, &expr->aggregate);
    case G_CALL: return eval_call(state, expr);
    }
    return unknown_value;
}

/* {=== nodes ===} */

static eval_value eval_fact(const evaluator *state, size_t node) {
    const fact_value *given = &state->answers->facts[node];
    const graph_fact *fact = state->graph->nodes[node].fact;
    if (given->given) {
        if (fact->type == TYPE_STRING || fact->type == TYPE_DATE)
            return (eval_value){.kind = EV_STRING, .string = given->string};
        return (eval_value){.kind = fact->type == TYPE_BOOL ? EV_BOOL : EV_NUMBER,
                            .number = given->number};
    }
    if (!fact->default_value) return unknown_value;
    eval_value value = eval_expr(state, fact->default_value);
    return value;
}

/* An item takes an option's weighted points: answered with it, or counted
   as it while not applicable. */
static void count_as_option(const evaluator *state, size_t node, int option) {
    const graph_item *item = state->graph->nodes[node].item;
    item_outcome *outcome = &state->result->items[node];
    outcome->option = option;
    if (!decimal_mul(item->scale->options[option].points, item->weight, &outcome->points))
        outcome->points = decimal_from_int(0);   /* beyond 10^6000: counted as 0 */
    state->result->values[node] = number_value(outcome->points);
}

/* Whether an exclusion with an expiry has lapsed: the answers' assessed
   date is after its last day. Without an assessed date it holds. */
static bool exclusion_lapsed(const evaluator *state, const graph_exclusion *exclusion) {
    const char *assessed = state->answers->assessed;
    return exclusion->until && assessed && text_is_date(assessed) &&
           strcmp(assessed, exclusion->until) > 0;
}

static void eval_item(const evaluator *state, size_t node) {
    const graph_item *item = state->graph->nodes[node].item;
    item_outcome *outcome = &state->result->items[node];
    outcome->option = -1;
    outcome->max = decimal_from_int(0);
    if (item->scale && !decimal_mul(item->scale->max_points, item->weight, &outcome->max))
        outcome->max = decimal_from_int(0);   /* beyond 10^6000: counted as 0 */
    outcome->state = STATE_UNANSWERED;
    outcome->expired = NO_INDEX;
    outcome->expiry_unchecked = false;
    for (size_t index = 0; index < item->exclusion_count; index++) {
        eval_value condition = eval_expr(state, item->exclusions[index].condition.expr);
        if (condition.kind == EV_BOOL && is_true(condition)) {
            if (exclusion_lapsed(state, &item->exclusions[index])) {
                if (outcome->expired == NO_INDEX) outcome->expired = index;
                continue;
            }
            outcome->state = STATE_EXCLUDED;
            outcome->reason = index;
            outcome->expiry_unchecked =
                item->exclusions[index].until &&
                !(state->answers->assessed && text_is_date(state->answers->assessed));
            state->result->values[node] = na_value;
            return;
        }
    }
    for (size_t index = 0; index < item->only_when_count; index++) {
        eval_value condition = eval_expr(state, item->only_when[index].expr);
        if (condition.kind == EV_BOOL && !is_true(condition)) {
            outcome->state = STATE_NOT_APPLICABLE;
            outcome->reason = index;
            state->result->values[node] = na_value;
            if (item->counted_option >= 0) count_as_option(state, node, item->counted_option);
            return;
        }
    }
    int32_t option = state->answers->options[node];
    if (option >= 0) {
        outcome->state = STATE_ANSWERED;
        count_as_option(state, node, option);
        return;
    }
    outcome->state = option == ANSWER_INVALID ? STATE_INVALID : STATE_UNANSWERED;
    state->result->values[node] = unknown_value;
}

static void eval_gate(const evaluator *state, size_t node) {
    eval_value value = eval_expr(state, state->graph->nodes[node].expr);
    state->result->values[node] = value;
    gate_outcome *gate = &state->result->gates[node];
    gate->status = value.kind != EV_BOOL ? TK_GATE_PENDING
                   : is_true(value)       ? TK_GATE_PASS
                                          : TK_GATE_FAIL;
    if (gate->status != TK_GATE_PASS) explain_gate(state->result, node);
}

/* {=== stage ladders ===} */

/* The last stage a start condition enters at once, or NO_INDEX. A start whose
   condition is unknown does not apply. */
static size_t ladder_start(const evaluator *state, const graph_stages *ladder) {
    size_t start = NO_INDEX;
    for (size_t index = 0; index < ladder->start_count; index++) {
        const graph_stage_start *entry = &ladder->starts[index];
        eval_value condition = eval_expr(state, entry->condition.expr);
        if (condition.kind == EV_BOOL && is_true(condition) &&
            (start == NO_INDEX || entry->stage > start))
            start = entry->stage;
    }
    return start;
}

/* Walk up the ladder: a stage is entered when the one before it is and its
   condition holds; the first that is not says why (false: fail; unknown:
   pending). Then the during-stages are active when the current stage lies in
   their range. */
static void eval_ladder(const evaluator *state, size_t node) {
    const graph_stages *ladder = state->graph->nodes[node].stages;
    ladder_outcome *outcome = &state->result->ladders[node];
    outcome->entered = arena_calloc(&state->result->region, ladder->stage_count + 1, sizeof(bool));
    outcome->current = outcome->next = NO_INDEX;
    size_t start = ladder_start(state, ladder);
    for (size_t index = 0; index < ladder->stage_count; index++) {
        const graph_stage *stage = &ladder->stages[index];
        if (stage->is_during) continue;
        bool entered = start != NO_INDEX && index <= start;
        if (!entered && stage->enter_when.expr) {
            eval_value condition = eval_expr(state, stage->enter_when.expr);
            if (condition.kind != EV_BOOL || !is_true(condition)) {
                outcome->next = index;
                outcome->next_status = condition.kind == EV_BOOL ? TK_GATE_FAIL : TK_GATE_PENDING;
                break;
            }
        }
        outcome->entered[index] = true;
        outcome->current = index;
    }
    for (size_t index = 0; index < ladder->stage_count; index++) {
        const graph_stage *stage = &ladder->stages[index];
        if (stage->is_during && outcome->current != NO_INDEX)
            outcome->entered[index] = outcome->current >= stage->during_from &&
                                      outcome->current <= stage->during_to;
    }
}

/* {=== bands ===} */

/* The value, and the band it falls in: none while it is unknown or n/a
   (pending, n/a), never the lowest band by default. */
static void eval_bands(const evaluator *state, size_t node) {
    const graph_node *declaration = &state->graph->nodes[node];
    eval_value value = eval_expr(state, declaration->expr);
    state->result->values[node] = value;
    state->result->ladders[node].current = NO_INDEX;
    if (value.kind != EV_NUMBER) return;
    for (size_t index = 0; index < declaration->bands->band_count; index++)
        if (graph_band_holds(&declaration->bands->bands[index], value.number)) {
            state->result->ladders[node].current = index;
            return;
        }
}

int eval_band(const tk_result *result, size_t node) {
    switch (result->values[node].kind) {
    case EV_UNKNOWN: return BAND_PENDING;
    case EV_NUMBER:
        return result->ladders[node].current == NO_INDEX
                   ? BAND_NONE
                   : BAND_FIRST + (int)result->ladders[node].current;
    default: return BAND_NA;
    }
}

eval_value eval_expression(const tk_result *result, const gexpr *expr) {
    evaluator state = {(tk_result *)result, result->graph, result->answers};
    return eval_expr(&state, expr);
}

/* The result and its per-node arrays in one allocation: a million answer
   sets cost a million mallocs, not five million. Only what a node needs
   besides (a gate's blocking list) goes into the result's arena. */
static void free_result(void *result) { tk_result_free(result); }

static tk_result *new_result(recovery *point, const tk_graph *graph, const tk_answers *answers) {
    size_t count = graph->node_count + 1;
    size_t bytes = sizeof(tk_result) + count * (sizeof(eval_value) + sizeof(item_outcome) +
                                                sizeof(gate_outcome) + sizeof(ladder_outcome));
    char *block = calloc(1, bytes);
    if (!block) recovery_fail(point);
    tk_result *result = (tk_result *)block;
    block += sizeof(tk_result);
    result->values = (eval_value *)block;
    block += count * sizeof(eval_value);
    result->items = (item_outcome *)block;
    block += count * sizeof(item_outcome);
    result->gates = (gate_outcome *)block;
    block += count * sizeof(gate_outcome);
    result->ladders = (ladder_outcome *)block;
    arena_init(&result->region);
    recovery_own(point, &result->region, free_result, result);
    result->graph = graph;
    result->answers = answers;
    return result;
}

static tk_result *evaluate(recovery *point, const tk_graph *graph, const tk_answers *answers) {
    tk_result *result = new_result(point, graph, answers);
    evaluator state = {result, graph, answers};
    for (size_t node = 0; node < graph->node_count; node++) {
        switch (graph->nodes[node].kind) {
        case NODE_FACT: result->values[node] = eval_fact(&state, node); break;
        case NODE_ITEM: eval_item(&state, node); break;
        case NODE_VALUE: result->values[node] = eval_expr(&state, graph->nodes[node].expr); break;
        case NODE_GATE: eval_gate(&state, node); break;
        case NODE_STAGES: eval_ladder(&state, node); break;
        case NODE_BANDS: eval_bands(&state, node); break;
        }
    }
    return result;
}

tk_result *tk_evaluate(const tk_graph *graph, const tk_answers *answers) {
    recovery point;
    if (setjmp(point.resume)) return NULL;
    recovery_begin(&point, &answers->region); /* within a call that made the answers */
    tk_result *result = evaluate(&point, graph, answers);
    recovery_end(&point);
    return result;
}

tk_result *eval_answers(const tk_graph *graph, const tk_answers *answers) {
    return evaluate(arena_recovery(&answers->region), graph, answers);
}

void tk_result_free(tk_result *result) {
    if (!result) return;
    arena_release(&result->region);
    free(result);
}

tk_gate_status tk_result_gate(const tk_result *result, const char *name) {
    const tk_graph *graph = result->graph;
    const char *dot = strchr(name, '.'); /* checklist names have no dot; value names may */
    size_t node = NO_INDEX;
    if (dot) {
        char checklist_name[256];
        size_t length = (size_t)(dot - name);
        if (length >= sizeof checklist_name) return TK_GATE_UNKNOWN_NAME;
        memcpy(checklist_name, name, length);
        checklist_name[length] = '\0';
        size_t checklist = graph_lookup(&graph->checklist_by_name, checklist_name);
        if (checklist != NO_INDEX)
            node = graph_lookup(&graph->checklists[checklist].value_by_name, dot + 1);
    } else {
        node = graph_lookup(&graph->value_by_name, name);
    }
    if (node == NO_INDEX || graph->nodes[node].kind != NODE_GATE) return TK_GATE_UNKNOWN_NAME;
    return result->gates[node].status;
}
