/*
 * explain.c — why a gate does not pass, following the logic of its
 * condition. The walk carries what each subexpression must become for the
 * gate to pass: true or false for a condition (`not` swaps it, `and`/`or`
 * walk only the operands not yet so), up or down for a number (a comparison
 * says which way each side must move, `-` and a negative factor swap it).
 * An item is blocking when its answer works against that, waiting when it
 * is unanswered and could change it; an item an aggregate counts through
 * `unanswered as` is blocking when the value it is counted as works against
 * it. Facts, values with their bounds and, failing all else, the compared
 * expression itself are the causes a failing gate always names.
 */
#include "eval/eval.h"

#include <math.h>

/* Which way a number must move; WANT_WAIT: it can reach what the gate
   needs by unanswered items alone, which are all that is listed. */
enum { WANT_UP = 1, WANT_DOWN = 2, WANT_ANY = 3, WANT_WAIT = 4 };
enum { SEEN_TRUE = 1, SEEN_FALSE = 2, SEEN_UP = 4, SEEN_DOWN = 8, SEEN_WAIT = 16, SEEN_ITEM = 64 };
#define MAX_DEPTH 64

typedef struct explainer {
    tk_result *result;
    const tk_graph *graph;
    gate_outcome *gate;
    arena *region;
    size_t blocking_capacity, waiting_capacity, cause_capacity;
    unsigned char *seen;    /* per node: SEEN_* bits */
} explainer;

static void explain_truth(explainer *walk, const gexpr *expr, bool want, unsigned depth);
static void explain_number(explainer *walk, const gexpr *expr, int want, unsigned depth);

static eval_value value_of(const explainer *walk, const gexpr *expr) {
    return eval_expression(walk->result, expr);
}

static bool is_truth(eval_value value, bool truth) {
    return value.kind == EV_BOOL && !decimal_is_zero(value.number) == truth;
}

static eval_value truth_value(bool truth) {
    return (eval_value){.kind = EV_BOOL, .number = decimal_from_int(truth ? 1 : 0)};
}

static bool is_known(eval_value value) { return value.kind != EV_UNKNOWN && value.kind != EV_NA; }

static int flipped(int want) {
    return ((want & WANT_UP) << 1) | ((want & WANT_DOWN) >> 1) | (want & WANT_WAIT);
}

/* {=== listing ===} */

/* As in eval.c: applicable, or not applicable but counted as an option. An
   item counted as an option is answered with it for what follows. */
static bool item_applies(const item_outcome *item) {
    return item->state != STATE_EXCLUDED &&
           (item->state != STATE_NOT_APPLICABLE || item->option >= 0);
}

static void note_blocking(explainer *walk, size_t node) {
    if (walk->seen[node] & SEEN_ITEM) return;
    walk->seen[node] |= SEEN_ITEM;
    gate_outcome *gate = walk->gate;
    *ARENA_PUSH(walk->region, gate->blocking, gate->blocking_count, walk->blocking_capacity) = node;
}

static void note_waiting(explainer *walk, size_t node) {
    if (walk->seen[node] & SEEN_ITEM) return;
    walk->seen[node] |= SEEN_ITEM;
    gate_outcome *gate = walk->gate;
    *ARENA_PUSH(walk->region, gate->waiting, gate->waiting_count, walk->waiting_capacity) = node;
}

/* An item whose answer (if any) works against the gate: answered, it
   blocks; unanswered, the gate waits for it. */
static void note_item(explainer *walk, size_t node, bool answered_against) {
    const item_outcome *item = &walk->result->items[node];
    if (!item_applies(item)) return;
    if (item->option < 0)
        note_waiting(walk, node);
    else if (answered_against)
        note_blocking(walk, node);
}

static void note_cause(explainer *walk, const gexpr *subject, size_t node, binary_op needs,
                       eval_value bound) {
    gate_outcome *gate = walk->gate;
    for (size_t index = 0; index < gate->cause_count; index++)
        if (node != NO_INDEX ? gate->causes[index].node == node : gate->causes[index].subject == subject)
            return;
    gate_cause *cause = ARENA_PUSH(walk->region, gate->causes, gate->cause_count, walk->cause_capacity);
    eval_value now = node != NO_INDEX ? walk->result->values[node] : value_of(walk, subject);
    *cause = (gate_cause){subject, node, now, needs, bound};
}

static size_t listed_count(const explainer *walk) {
    return walk->gate->blocking_count + walk->gate->waiting_count + walk->gate->cause_count;
}

/* {=== items and aggregates ===} */

/* The weighted points of an item's best (up) or worst (down) option. */
static decimal item_extreme(const explainer *walk, size_t node, int want) {
    const graph_item *item = walk->graph->nodes[node].item;
    decimal extreme = decimal_from_int(0);
    if (!item->scale) return extreme;
    for (size_t index = 0; index < item->scale->option_count; index++) {
        decimal points;
        if (!decimal_mul(item->scale->options[index].points, item->weight, &points)) continue;
        int order = decimal_compare(points, extreme);
        if (index == 0 || (want == WANT_UP ? order > 0 : order < 0)) extreme = points;
    }
    return extreme;
}

/* Whether points can move the wanted way from where they are. */
static bool points_can_move(const explainer *walk, size_t node, decimal points, int want) {
    if ((want & WANT_UP) && decimal_compare(points, item_extreme(walk, node, WANT_UP)) < 0)
        return true;
    return (want & WANT_DOWN) && decimal_compare(points, item_extreme(walk, node, WANT_DOWN)) > 0;
}

static void explain_item_points(explainer *walk, size_t node, int want) {
    const item_outcome *item = &walk->result->items[node];
    note_item(walk, node, points_can_move(walk, node, item->points, want));
}

/* An unanswered item an aggregate counts as `unanswered as`: blocking when
   what it counts as works against the gate. */
static void explain_counted_as(explainer *walk, const gaggregate *aggregate, size_t node,
                               int want) {
    eval_value counted = value_of(walk, aggregate->unanswered_as);
    if (!is_known(counted)) return;
    bool against = aggregate->element == ELEMENT_IS
                       ? ((want & WANT_UP) && decimal_is_zero(counted.number)) ||
                             ((want & WANT_DOWN) && !decimal_is_zero(counted.number))
                       : points_can_move(walk, node, counted.number, want);
    if (aggregate->element == ELEMENT_ITEMS && aggregate->function == AGG_COUNT) against = false;
    if (against) note_blocking(walk, node);
}

/* Each element of an aggregate: for `items is KEY`, up means true (count
   it, make all/any true) and down false; else up means more points. */
static void explain_aggregate(explainer *walk, const gaggregate *aggregate, int want) {
    if (aggregate->element == ELEMENT_ATTRIBUTE && aggregate->attribute != ATTR_POINTS) return;
    for (size_t position = 0; position < aggregate->item_count; position++) {
        size_t node = aggregate->items[position];
        const item_outcome *item = &walk->result->items[node];
        if (!item_applies(item)) continue;
        if (item->option < 0) {
            if (aggregate->unanswered_as)
                explain_counted_as(walk, aggregate, node, want);
            else
                note_waiting(walk, node);
        } else if (aggregate->element == ELEMENT_IS) {
            bool is_key = item->option == aggregate->options[position];
            bool can_be_key = aggregate->options[position] >= 0;
            note_item(walk, node, ((want & WANT_UP) && !is_key && can_be_key) ||
                                      ((want & WANT_DOWN) && is_key));
        } else if (aggregate->function != AGG_COUNT) {
            explain_item_points(walk, node, want);
        }
    }
}

/* {=== values and facts ===} */

static void explain_node(explainer *walk, const gexpr *expr, int want_bits, unsigned depth) {
    const graph_node *decl = &walk->graph->nodes[expr->node];
    if (decl->kind == NODE_FACT) {
        eval_value none = {.kind = EV_UNKNOWN};
        if (want_bits & (SEEN_TRUE | SEEN_FALSE))
            note_cause(walk, expr, expr->node, OP_EQ,
                       truth_value((want_bits & SEEN_TRUE) != 0));
        else
            note_cause(walk, expr, expr->node, CAUSE_NO_BOUND, none);
        return;
    }
    if ((walk->seen[expr->node] & want_bits) == want_bits) return;
    walk->seen[expr->node] |= (unsigned char)want_bits;
    if (want_bits & SEEN_TRUE) explain_truth(walk, decl->expr, true, depth + 1);
    if (want_bits & SEEN_FALSE) explain_truth(walk, decl->expr, false, depth + 1);
    if (want_bits & (SEEN_UP | SEEN_DOWN | SEEN_WAIT))
        explain_number(walk, decl->expr, want_bits >> 2, depth + 1);
}

/* {=== comparisons ===} */

static binary_op negated(binary_op op) {
    switch (op) {
    case OP_EQ: return OP_NE;
    case OP_NE: return OP_EQ;
    case OP_LT: return OP_GE;
    case OP_LE: return OP_GT;
    case OP_GT: return OP_LE;
    case OP_GE: return OP_LT;
    default: return op;
    }
}

/* `a OP b` said from b's side: `b MIRRORED a`. */
static binary_op mirrored(binary_op op) {
    switch (op) {
    case OP_LT: return OP_GT;
    case OP_LE: return OP_GE;
    case OP_GT: return OP_LT;
    case OP_GE: return OP_LE;
    default: return op;
    }
}

/* {=== ranges ===} */

/* An end of a range: a number, or below (-1) or above (+1) every number. */
typedef struct range_end {
    decimal at;
    int infinite;
} range_end;

/* The values a number can still take while unanswered items are answered
   (answered ones fixed); infinite where that is not worked out. */
typedef struct range {
    range_end low, high;
} range;

static const range any_number = {{{0}, -1}, {{0}, 1}};

static range exactly(decimal number) { return (range){{number, 0}, {number, 0}}; }

static int end_compare(range_end left, range_end right) {
    if (left.infinite || right.infinite)
        return (left.infinite > right.infinite) - (left.infinite < right.infinite);
    return decimal_compare(left.at, right.at);
}

/* A sum of ends; beyond the decimal's range it is infinite toward overflow. */
static range_end end_add(range_end left, range_end right, int overflow) {
    if (left.infinite) return left;
    if (right.infinite) return right;
    range_end sum = {{0}, 0};
    if (!decimal_add(left.at, right.at, &sum.at)) sum.infinite = overflow;
    return sum;
}

static range_end end_negate(range_end end) {
    return (range_end){decimal_negate(end.at), -end.infinite};
}

static range range_add(range left, range right) {
    return (range){end_add(left.low, right.low, -1), end_add(left.high, right.high, 1)};
}

static range range_negate(range inner) {
    return (range){end_negate(inner.high), end_negate(inner.low)};
}

static range range_of(const explainer *walk, const gexpr *expr, unsigned depth);

static range item_range(const explainer *walk, size_t node) {
    const item_outcome *item = &walk->result->items[node];
    if (item->option >= 0) return exactly(item->points);
    return (range){{item_extreme(walk, node, WANT_DOWN), 0}, {item_extreme(walk, node, WANT_UP), 0}};
}

static range aggregate_range(const explainer *walk, const gaggregate *aggregate) {
    range total = exactly(decimal_from_int(0));
    if (aggregate->function != AGG_SUM && aggregate->function != AGG_COUNT) return any_number;
    for (size_t position = 0; position < aggregate->item_count; position++) {
        size_t node = aggregate->items[position];
        const item_outcome *item = &walk->result->items[node];
        if (!item_applies(item)) continue;
        range element = exactly(decimal_from_int(1));
        if (aggregate->element == ELEMENT_IS) {
            bool open = item->option < 0 && !aggregate->unanswered_as;
            bool is_key = item->option >= 0 && item->option == aggregate->options[position];
            element = open ? (range){{decimal_from_int(0), 0}, {decimal_from_int(1), 0}}
                           : exactly(decimal_from_int(is_key ? 1 : 0));
        } else if (aggregate->function == AGG_SUM) {
            element = item_range(walk, node);
        }
        if (item->option < 0 && aggregate->unanswered_as) {
            eval_value counted = value_of(walk, aggregate->unanswered_as);
            if (counted.kind != EV_NUMBER && counted.kind != EV_BOOL) return any_number;
            element = exactly(aggregate->function == AGG_COUNT
                                  ? decimal_from_int(!decimal_is_zero(counted.number))
                                  : counted.number);
        }
        total = range_add(total, element);
    }
    return total;
}

static range range_of(const explainer *walk, const gexpr *expr, unsigned depth) {
    eval_value now = value_of(walk, expr);
    if (now.kind == EV_NUMBER) return exactly(now.number);
    if (now.kind != EV_UNKNOWN || depth > MAX_DEPTH) return any_number;
    switch (expr->kind) {
    case G_ITEM_POINTS: return item_range(walk, expr->node);
    case G_AGGREGATE: return aggregate_range(walk, &expr->aggregate);
    case G_NODE:
        if (walk->graph->nodes[expr->node].kind == NODE_FACT) return any_number;
        return range_of(walk, walk->graph->nodes[expr->node].expr, depth + 1);
    case G_NEGATE: {
        return range_negate(range_of(walk, expr->left, depth + 1));
    }
    case G_BINARY: {
        if (expr->op != OP_ADD && expr->op != OP_SUB) return any_number;
        range left = range_of(walk, expr->left, depth + 1), right = range_of(walk, expr->right, depth + 1);
        return range_add(left, expr->op == OP_ADD ? right : range_negate(right));
    }
    default: return any_number;
    }
}

/* Which way the left side must move for `left OP right` to hold: when the
   sides are known, what the operator says; else only the unanswered items
   when they alone can still make it hold. */
static int left_wants(const explainer *walk, const gexpr *expr, binary_op op, eval_value left,
                      eval_value right) {
    if (expr->left->type != TYPE_NUMBER || expr->right->type != TYPE_NUMBER)
        return op == OP_EQ || op == OP_NE ? WANT_ANY : WANT_WAIT;
    range lefts = range_of(walk, expr->left, 0), rights = range_of(walk, expr->right, 0);
    bool known = is_known(left) && is_known(right);
    switch (op) {
    case OP_LT: return !known && end_compare(lefts.low, rights.high) < 0 ? WANT_WAIT : WANT_DOWN;
    case OP_LE: return !known && end_compare(lefts.low, rights.high) <= 0 ? WANT_WAIT : WANT_DOWN;
    case OP_GT: return !known && end_compare(lefts.high, rights.low) > 0 ? WANT_WAIT : WANT_UP;
    case OP_GE: return !known && end_compare(lefts.high, rights.low) >= 0 ? WANT_WAIT : WANT_UP;
    case OP_EQ:
        if (end_compare(lefts.high, rights.low) < 0) return WANT_UP;
        if (end_compare(lefts.low, rights.high) > 0) return WANT_DOWN;
        return known ? WANT_ANY : WANT_WAIT;
    default: return known ? WANT_ANY : WANT_WAIT;
    }
}

static bool is_named(const gexpr *expr) { return expr->kind == G_NODE; }

static void explain_compare(explainer *walk, const gexpr *expr, bool want, unsigned depth) {
    binary_op needs = want ? expr->op : negated(expr->op);
    eval_value left = value_of(walk, expr->left), right = value_of(walk, expr->right);
    int left_want = left_wants(walk, expr, needs, left, right);
    size_t before = listed_count(walk);
    bool failing = is_known(left) && is_known(right);
    if (failing && is_named(expr->left)) note_cause(walk, expr->left, expr->left->node, needs, right);
    if (failing && is_named(expr->right))
        note_cause(walk, expr->right, expr->right->node, mirrored(needs), left);
    explain_number(walk, expr->left, left_want, depth + 1);
    explain_number(walk, expr->right, flipped(left_want), depth + 1);
    if (failing && listed_count(walk) == before) {
        bool left_constant = expr->left->kind == G_NUMBER || expr->left->kind == G_STRING ||
                             expr->left->kind == G_BOOL;
        if (left_constant)
            note_cause(walk, expr->right, NO_INDEX, mirrored(needs), left);
        else
            note_cause(walk, expr->left, NO_INDEX, needs, right);
    }
}

/* {=== the walks ===} */

static bool is_comparison(binary_op op) {
    return op == OP_EQ || op == OP_NE || op == OP_LT || op == OP_LE || op == OP_GT || op == OP_GE;
}

/* Both branches of an `if` whose condition is unknown; else the branch taken
   and, when the other branch is no worse for the gate, its condition. */
static void explain_if(explainer *walk, const gexpr *expr, bool truth, int want, unsigned depth) {
    eval_value condition = value_of(walk, expr->left);
    const gexpr *taken = expr->right, *other = expr->otherwise;
    if (condition.kind != EV_BOOL) {
        explain_truth(walk, expr->left, true, depth + 1);
    } else {
        if (decimal_is_zero(condition.number)) taken = expr->otherwise, other = expr->right;
        eval_value now = value_of(walk, taken), then = value_of(walk, other);
        bool other_helps = !is_known(then) || !is_known(now);
        if (!other_helps && expr->type == TYPE_BOOL)
            other_helps = is_truth(then, truth);
        else if (!other_helps && then.kind == EV_NUMBER && now.kind == EV_NUMBER)
            other_helps = ((want & WANT_UP) && decimal_compare(then.number, now.number) > 0) ||
                          ((want & WANT_DOWN) && decimal_compare(then.number, now.number) < 0);
        if (other_helps)
            explain_truth(walk, expr->left, decimal_is_zero(condition.number), depth + 1);
        other = NULL;
    }
    const gexpr *branches[2] = {taken, other};
    for (size_t index = 0; index < 2; index++) {
        if (!branches[index]) continue;
        if (expr->type == TYPE_BOOL)
            explain_truth(walk, branches[index], truth, depth + 1);
        else
            explain_number(walk, branches[index], want, depth + 1);
    }
}

/* `and` and `or`: when an operand already decides against the gate (a
   false operand of a failing `and`), only such operands; else every
   operand not yet what the gate needs. */
static void explain_operands(explainer *walk, const gexpr *expr, bool want, unsigned depth) {
    bool left_decides = is_truth(value_of(walk, expr->left), !want);
    bool right_decides = is_truth(value_of(walk, expr->right), !want);
    bool decisive = (expr->op == OP_AND) == want && (left_decides || right_decides);
    if (!decisive || left_decides) explain_truth(walk, expr->left, want, depth + 1);
    if (!decisive || right_decides) explain_truth(walk, expr->right, want, depth + 1);
}

static void explain_truth(explainer *walk, const gexpr *expr, bool want, unsigned depth) {
    if (!expr || depth > MAX_DEPTH || is_truth(value_of(walk, expr), want)) return;
    switch (expr->kind) {
    case G_ITEM_IS: note_item(walk, expr->node, true); return;
    case G_FACT_IS:
        note_cause(walk, expr, expr->node, want ? OP_EQ : OP_NE,
                   (eval_value){.kind = EV_NUMBER, .number = decimal_from_int(expr->option)});
        return;
    case G_NODE: explain_node(walk, expr, want ? SEEN_TRUE : SEEN_FALSE, depth); return;
    case G_NOT: explain_truth(walk, expr->left, !want, depth + 1); return;
    case G_IF: explain_if(walk, expr, want, 0, depth); return;
    case G_AGGREGATE: explain_aggregate(walk, &expr->aggregate, want ? WANT_UP : WANT_DOWN); return;
    case G_BINARY:
        if (is_comparison(expr->op)) {
            explain_compare(walk, expr, want, depth);
        } else {
            explain_operands(walk, expr, want, depth);
        }
        return;
    default: return;
    }
}

/* A side of a comparison whose value is a truth: up is true. */
static void explain_truth_side(explainer *walk, const gexpr *expr, int want, unsigned depth) {
    eval_value now = value_of(walk, expr);
    if (want == WANT_UP || want == WANT_DOWN)
        explain_truth(walk, expr, want == WANT_UP, depth);
    else if (now.kind == EV_BOOL)
        explain_truth(walk, expr, decimal_is_zero(now.number), depth);
    else
        explain_truth(walk, expr, true, depth);
}

/* The way a factor moves a product: with a positive other factor the same
   way, a negative one the other way; zero or unknown tells nothing. */
static int factor_wants(eval_value other, int want) {
    if (other.kind != EV_NUMBER) return WANT_ANY;
    if (decimal_is_zero(other.number)) return 0;
    if (!decimal_is_negative(other.number)) return want;
    return flipped(want);
}

static void explain_arithmetic(explainer *walk, const gexpr *expr, int want, unsigned depth) {
    switch (expr->op) {
    case OP_ADD:
        explain_number(walk, expr->left, want, depth + 1);
        explain_number(walk, expr->right, want, depth + 1);
        return;
    case OP_SUB:
        explain_number(walk, expr->left, want, depth + 1);
        explain_number(walk, expr->right, flipped(want), depth + 1);
        return;
    case OP_MUL:
        explain_number(walk, expr->left, factor_wants(value_of(walk, expr->right), want), depth + 1);
        explain_number(walk, expr->right, factor_wants(value_of(walk, expr->left), want), depth + 1);
        return;
    case OP_DIV:
        explain_number(walk, expr->left, factor_wants(value_of(walk, expr->right), want), depth + 1);
        explain_number(walk, expr->right, WANT_ANY, depth + 1);
        return;
    default: explain_truth_side(walk, expr, want, depth); return;
    }
}

static void explain_number(explainer *walk, const gexpr *expr, int want, unsigned depth) {
    if (!expr || !want || depth > MAX_DEPTH) return;
    if (expr->type == TYPE_BOOL) {
        explain_truth_side(walk, expr, want, depth);
        return;
    }
    switch (expr->kind) {
    case G_ITEM_POINTS: explain_item_points(walk, expr->node, want); return;
    case G_NODE: explain_node(walk, expr, want << 2, depth); return;
    case G_NEGATE: explain_number(walk, expr->left, flipped(want), depth + 1); return;
    case G_CALL: /* round, floor and ceil follow their number; abs goes both ways */
        explain_number(walk, expr->left,
                       expr->function == FN_ABS && (want & WANT_ANY) ? want | WANT_ANY : want,
                       depth + 1);
        return;
    case G_BINARY: explain_arithmetic(walk, expr, want, depth); return;
    case G_IF: explain_if(walk, expr, false, want, depth); return;
    case G_AGGREGATE: explain_aggregate(walk, &expr->aggregate, want); return;
    default: return;
    }
}

/* {=== the gate ===} */

void explain_gate(tk_result *result, size_t node) {
    gate_outcome *gate = &result->gates[node];
    const gexpr *condition = result->graph->nodes[node].expr;
    arena scratch;
    arena_init_within(&scratch, &result->region);
    explainer walk = {result, result->graph, gate, &result->region, 0, 0, 0, NULL};
    walk.seen = arena_calloc(&scratch, result->graph->node_count + 1, 1);
    explain_truth(&walk, condition, true, 0);
    if (gate->status == TK_GATE_FAIL && listed_count(&walk) == 0)
        note_cause(&walk, condition, NO_INDEX, OP_EQ, truth_value(true));
    arena_release(&scratch);
}
