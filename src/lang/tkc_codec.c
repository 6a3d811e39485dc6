/*
 * tkc_codec.c — the payload of a compiled graph, record by record. Each
 * record is described once, by a function that writes it when the codec is
 * writing and reads it back when it is reading, so the two directions keep
 * one layout by construction (doc/tkc.md lists it). Reading checks every
 * count against the bytes left and every index against its table. Nodes
 * come in topological order, so an expression may read only nodes already
 * read: their kind, options and enum members are checked as each reference
 * is read. What records must mean together beyond that is tkc_verify.c's.
 *
 * Encoding: unsigned LEB128 (at most 10 bytes), zigzag LEB128 for ints,
 * a decimal as exponent × 2 + (1 if negative) (zigzag), then its coefficient's
 * magnitude as low and high 64 bits (LEB128), one byte for a bool. A string is an
 * index into the string table, a scale or enum list into its table (0:
 * none); an optional node or position is 0 for none and k for k - 1. An
 * expression is written where it is used, kind + 1 (0: none) first, its
 * operands inside it.
 */
#include "lang/tkc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ptrmap.h"
#include "base/utf8.h"
#include "tenken.h"

typedef struct tkc_codec {
    bool reading;
    tk_graph *graph;            /* the graph written, or the one being read */
    arena *region;              /* writing: the output's; reading: the graph's */
    unsigned char *bytes;       /* writing: the body so far; reading: the payload */
    size_t length, capacity, offset;
    const char **strings;       /* the string table, in order */
    size_t string_count, string_capacity;
    strmap string_index;        /* writing: text -> index + 1 */
    ptrmap positions;           /* writing: scale or enum list -> index + 1 */
    size_t current;             /* reading: the node being read; expressions read earlier ones */
    const char *problem;        /* reading: the first problem; later reads yield nothing */
    size_t problem_offset;
} tkc_codec;

static void fail(tkc_codec *codec, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void fail(tkc_codec *codec, const char *format, ...) {
    if (codec->problem) return;
    char message[200];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    codec->problem = arena_strdup(codec->region, message);
    codec->problem_offset = codec->offset;
}

/* {=== numbers ===} */

static void put_bytes(tkc_codec *codec, const void *data, size_t size) {
    codec->bytes = arena_grow(codec->region, codec->bytes, &codec->capacity,
                              codec->length + size, 1);
    if (size) memcpy(codec->bytes + codec->length, data, size);
    codec->length += size;
}

static const unsigned char *take_bytes(tkc_codec *codec, size_t size) {
    if (codec->problem) return NULL;
    if (codec->length - codec->offset < size) {
        fail(codec, "a record runs past the end of the payload");
        return NULL;
    }
    codec->offset += size;
    return codec->bytes + codec->offset - size;
}

static void code_uint(tkc_codec *codec, uint64_t *value) {
    for (uint64_t rest = *value; !codec->reading;) {
        put_bytes(codec, &(unsigned char){(rest & 0x7F) | (rest > 0x7F ? 0x80 : 0)}, 1);
        if (!(rest >>= 7)) return;
    }
    *value = 0;
    for (unsigned shift = 0; shift < 70; shift += 7) {
        const unsigned char *byte = take_bytes(codec, 1);
        if (!byte) return;
        if (shift == 63 && *byte > 1) break;
        *value |= (uint64_t)(*byte & 0x7F) << shift;
        if (!(*byte & 0x80)) return;
    }
    fail(codec, "a number is too long");
}

/* A number below `limit`: an index, an enum's value; 0 after a problem. */
static size_t code_below(tkc_codec *codec, size_t value, size_t limit, const char *what) {
    uint64_t coded = value;
    code_uint(codec, &coded);
    if (!codec->reading) return value;
    if (!codec->problem && coded >= limit)
        fail(codec, "%s %llu is out of range", what, (unsigned long long)coded);
    return codec->problem ? 0 : (size_t)coded;
}

#define CODE_ENUM(codec, field, limit, what) ((field) = code_below(codec, field, limit, what))

static void code_int(tkc_codec *codec, int *value) {
    uint64_t coded = *value < 0 ? ((uint64_t)(-(int64_t)*value - 1) << 1) | 1
                                : (uint64_t)*value << 1;
    code_uint(codec, &coded);
    if (!codec->reading) return;
    if (coded >> 32) fail(codec, "a number is out of range");
    *value = codec->problem ? 0 : coded & 1 ? -(int)(coded >> 1) - 1 : (int)(coded >> 1);
}

static void code_bool(tkc_codec *codec, bool *value) { CODE_ENUM(codec, *value, 2, "flag"); }

static void code_decimal(tkc_codec *codec, decimal *value) {
    int head = value->exponent * 2 + (value->coefficient < 0);   /* exponent, sign */
    unsigned __int128 magnitude = (unsigned __int128)decimal_abs(*value).coefficient;
    uint64_t low = (uint64_t)magnitude, high = (uint64_t)(magnitude >> 64);
    code_int(codec, &head), code_uint(codec, &low), code_uint(codec, &high);
    if (!codec->reading) return;
    magnitude = (unsigned __int128)(high & INT64_MAX) << 64 | low;
    *value = (decimal){(head & 1 ? -1 : 1) * (__int128)magnitude, (head - (head & 1)) / 2};
    if (high >> 63 || !decimal_is_valid(*value)) fail(codec, "a number is out of range");
}

/* An index that may be absent: NO_INDEX is 0, k is k + 1. */
static void code_optional(tkc_codec *codec, size_t *index, size_t limit, const char *what) {
    size_t coded = code_below(codec, *index == NO_INDEX ? 0 : *index + 1, limit + 1, what);
    if (codec->reading) *index = coded == 0 ? NO_INDEX : coded - 1;
}

/* A count of records of at least `smallest` bytes each: never more than the
   bytes left could hold, so nothing is allocated for records not there. */
static size_t code_count(tkc_codec *codec, size_t count, size_t smallest) {
    uint64_t coded = count;
    code_uint(codec, &coded);
    if (!codec->reading) return count;
    if (!codec->problem && coded > (codec->length - codec->offset) / smallest)
        fail(codec, "a count of %llu exceeds the bytes left", (unsigned long long)coded);
    return codec->problem ? 0 : (size_t)coded;
}

/* An array of `count` elements: allocated when reading, NULL for none. */
static void *array_for(tkc_codec *codec, void *array, size_t count, size_t size) {
    if (!codec->reading) return array;
    return codec->problem ? NULL : arena_calloc(codec->region, count + 1, size);
}

#define CODE_ARRAY(codec, array, count, smallest)                                          \
    ((count) = code_count((codec), (count), (smallest)),                                   \
     (array) = array_for((codec), (array), (count), sizeof *(array)))

/* The count, then each record of an array, as `at` runs over it. */
#define EACH(codec, array, count, smallest)                                                \
    CODE_ARRAY(codec, array, count, smallest);                                             \
    for (size_t at = 0; at < (count) && !(codec)->problem; at++)

/* {=== strings, texts, lists ===} */

static void code_string(tkc_codec *codec, const char **text) {
    if (codec->reading) {
        size_t index = code_below(codec, 0, codec->string_count + 1, "string");
        *text = index ? codec->strings[index - 1] : NULL;
        return;
    }
    size_t index = *text ? (size_t)strmap_get(&codec->string_index, *text) : 0;
    if (*text && !index) {
        *ARENA_PUSH(codec->region, codec->strings, codec->string_count, codec->string_capacity) =
            *text;
        index = codec->string_count;
        strmap_put(codec->region, &codec->string_index, *text, (void *)index);
    }
    code_below(codec, index, SIZE_MAX, "string");
}

/* A string that must be there: a name, an id, a text. */
static void code_name(tkc_codec *codec, const char **text) {
    code_string(codec, text);
    if (codec->reading && !*text && !codec->problem) fail(codec, "a name or text is missing");
}

static void code_text(tkc_codec *codec, graph_text *text) {
    text_variant *variants = (text_variant *)text->variants;
    EACH(codec, variants, text->count, 2) {
        code_string(codec, &variants[at].lang);
        code_name(codec, &variants[at].text);
    }
    text->variants = variants;
}

static void code_names(tkc_codec *codec, graph_names *names) {
    const char **list = (const char **)names->names;
    EACH(codec, list, names->count, 1) code_name(codec, &list[at]);
    names->names = list;
}


/* {=== tables: enum lists and scales ===} */

/* A pointer into a table, by its index + 1 (0: none). */
static void code_ref(tkc_codec *codec, void *const *table, size_t count, const void **item,
                     const char *what) {
    size_t index = codec->reading || !*item ? 0 : ptrmap_get(&codec->positions, *item);
    index = code_below(codec, index, count + 1, what);
    if (codec->reading) *item = index ? table[index - 1] : NULL;
}

#define CODE_REF(codec, table, count, item, what) \
    code_ref((codec), (void *const *)(table), (count), (const void **)(item), (what))

static void code_scale(tkc_codec *codec, graph_scale *scale) {
    code_string(codec, &scale->name);
    EACH(codec, scale->options, scale->option_count, 4) {
        code_name(codec, &scale->options[at].key);
        code_decimal(codec, &scale->options[at].points);
        code_text(codec, &scale->options[at].label);
        code_names(codec, &scale->options[at].aliases);
    }
    if (codec->reading && !codec->problem) graph_index_scale(codec->region, scale);
}

static void code_tables(tkc_codec *codec) {
    tk_graph *graph = codec->graph;
    EACH(codec, graph->enums, graph->enum_count, 1) {
        if (codec->reading) graph->enums[at] = ARENA_NEW(codec->region, graph_names);
        code_names(codec, graph->enums[at]);
    }
    EACH(codec, graph->scales, graph->scale_count, 2) {
        if (codec->reading) graph->scales[at] = ARENA_NEW(codec->region, graph_scale);
        code_scale(codec, graph->scales[at]);
    }
}

static void code_enum_ref(tkc_codec *codec, const graph_names **members) {
    CODE_REF(codec, codec->graph->enums, codec->graph->enum_count, members, "enum list");
}

/* {=== expressions ===} */

static void code_expr(tkc_codec *codec, const gexpr **slot, unsigned depth, bool required);

enum { ITEMS = 1u << NODE_ITEM, VALUES = 1u << NODE_VALUE | 1u << NODE_GATE };

/* A node an expression reads: one already read, of a kind in `kinds`. */
static size_t code_read_node(tkc_codec *codec, size_t node, unsigned kinds) {
    node = code_below(codec, node, codec->reading ? codec->current : SIZE_MAX, "node");
    if (codec->reading && !codec->problem && !(kinds & 1u << codec->graph->nodes[node].kind))
        fail(codec, "node %zu is not of the kind its use needs", node);
    return node;
}

/* An option of an item, or a member of an enum fact, by its index. */
static void code_choice(tkc_codec *codec, int *choice, const graph_node *node) {
    code_int(codec, choice);
    size_t count = node->kind == NODE_ITEM ? node->item->scale ? node->item->scale->option_count : 0
                   : node->enum_members    ? node->enum_members->count
                                           : 0;
    if (codec->reading && !codec->problem && (*choice < 0 || (size_t)*choice >= count))
        fail(codec, "option %d is out of range", *choice);
}

/* A list of nodes, each of a kind in `kinds`. */
static void code_nodes(tkc_codec *codec, size_t **nodes, size_t *count, unsigned kinds) {
    EACH(codec, *nodes, *count, 1) (*nodes)[at] = code_read_node(codec, (*nodes)[at], kinds);
}

static void code_aggregate(tkc_codec *codec, gaggregate *aggregate, unsigned depth) {
    CODE_ENUM(codec, aggregate->function, AGGREGATE_FUNCTION_COUNT, "function");
    CODE_ENUM(codec, aggregate->element, ELEMENT_IS + 1, "element");
    CODE_ENUM(codec, aggregate->attribute, ITEM_ATTRIBUTE_COUNT, "attribute");
    bool is = aggregate->element == ELEMENT_IS;
    EACH(codec, aggregate->items, aggregate->item_count, 1) {
        if (is && at == 0)
            aggregate->options =
                array_for(codec, aggregate->options, aggregate->item_count, sizeof(int));
        aggregate->items[at] = code_read_node(codec, aggregate->items[at], ITEMS);
        if (is && !codec->problem)
            code_choice(codec, &aggregate->options[at], &codec->graph->nodes[aggregate->items[at]]);
    }
    code_expr(codec, &aggregate->unanswered_as, depth + 1, false);
    code_optional(codec, &aggregate->section, SIZE_MAX - 1, "section");
}

static void code_operands(tkc_codec *codec, gexpr *expr, unsigned depth) {
    static const unsigned readable[] = {[G_NODE] = 1u << NODE_FACT | VALUES,
                                        [G_ITEM_POINTS] = ITEMS, [G_ITEM_IS] = ITEMS,
                                        [G_FACT_IS] = 1u << NODE_FACT};
    bool two = expr->kind == G_BINARY || expr->kind == G_IF;
    switch (expr->kind) {
    case G_NUMBER:
        code_decimal(codec, &expr->number);
        long long member = -1;
        if (codec->reading && expr->type == TYPE_ENUM &&
            !(expr->enum_members && decimal_to_whole(expr->number, &member) && member >= 0 &&
              (size_t)member < expr->enum_members->count))
            fail(codec, "an enum value is out of range");
        break;
    case G_BOOL: code_bool(codec, &expr->boolean); break;
    case G_STRING: code_name(codec, &expr->string); break;
    case G_NODE:
    case G_ITEM_POINTS:
    case G_ITEM_IS:
    case G_FACT_IS:
        expr->node = code_read_node(codec, expr->node, readable[expr->kind]);
        if ((expr->kind == G_ITEM_IS || expr->kind == G_FACT_IS) && !codec->problem)
            code_choice(codec, &expr->option, &codec->graph->nodes[expr->node]);
        break;
    case G_NOT:
    case G_NEGATE:
    case G_BINARY:
    case G_IF:
    case G_CALL:
        if (expr->kind == G_BINARY) CODE_ENUM(codec, expr->op, BINARY_OP_COUNT, "operator");
        if (expr->kind == G_CALL) CODE_ENUM(codec, expr->function, NUMBER_FUNCTION_COUNT, "function");
        code_expr(codec, &expr->left, depth + 1, true);
        if (two || expr->kind == G_CALL) code_expr(codec, &expr->right, depth + 1, two);
        if (expr->kind == G_IF) code_expr(codec, &expr->otherwise, depth + 1, true);
        break;
    case G_AGGREGATE: code_aggregate(codec, &expr->aggregate, depth); break;
    }
}

/* An expression where it is used; `required`: it may not be missing. */
static void code_expr(tkc_codec *codec, const gexpr **slot, unsigned depth, bool required) {
    size_t kind = code_below(codec, *slot ? (*slot)->kind + 1 : 0, G_CALL + 2,
                             "expression kind");
    if (codec->reading) *slot = NULL;
    if (!kind && required) fail(codec, "an expression is missing");
    if (kind && depth > TKC_MAX_EXPR_DEPTH)
        fail(codec, "expressions nest deeper than %d", TKC_MAX_EXPR_DEPTH);
    if (!kind || codec->problem) return;
    gexpr *expr = (gexpr *)*slot;
    if (codec->reading) {
        expr = ARENA_NEW(codec->region, gexpr);
        *expr = (gexpr){.kind = (gexpr_kind)(kind - 1), .node = NO_INDEX, .option = -1};
    }
    CODE_ENUM(codec, expr->type, TYPE_ENUM + 1, "type");
    code_enum_ref(codec, &expr->enum_members);
    code_operands(codec, expr, depth);
    if (codec->reading && !codec->problem) *slot = expr;
}

static void code_condition(tkc_codec *codec, graph_condition *condition, bool required) {
    code_expr(codec, &condition->expr, 1, required);
    code_string(codec, &condition->written);
}

/* {=== nodes ===} */

static void code_item(tkc_codec *codec, graph_item *item) {
    CODE_REF(codec, codec->graph->scales, codec->graph->scale_count, &item->scale, "scale");
    code_decimal(codec, &item->weight);
    code_optional(codec, &item->section, SIZE_MAX - 1, "section");
    graph_text *texts[] = {&item->text, &item->label,      &item->question,
                           &item->note, &item->source_ref, &item->printed};
    for (size_t index = 0; index < sizeof texts / sizeof *texts; index++)
        code_text(codec, texts[index]);
    code_names(codec, &item->tags);
    EACH(codec, item->exclusions, item->exclusion_count, 3) {
        code_condition(codec, &item->exclusions[at].condition, true);
        code_text(codec, &item->exclusions[at].reason);
        code_string(codec, &item->exclusions[at].until);
    }
    EACH(codec, item->only_when, item->only_when_count, 2)
        code_condition(codec, &item->only_when[at], true);
    code_int(codec, &item->counted_option); /* -1: none */
    if (item->counted_option < -1 || item->counted_option >= (int)(item->scale ? item->scale->option_count : 0))
        fail(codec, "option %d is out of range", item->counted_option);
    EACH(codec, item->refs, item->ref_count, 3) {
        CODE_ENUM(codec, item->refs[at].relation, RELATION_COUNT, "relation");
        code_name(codec, &item->refs[at].framework);
        code_name(codec, &item->refs[at].control);
    }
}

static void code_ladder(tkc_codec *codec, graph_stages *ladder) {
    code_text(codec, &ladder->title);
    EACH(codec, ladder->stages, ladder->stage_count, 7) {
        graph_stage *stage = &ladder->stages[at];
        code_name(codec, &stage->id);
        code_text(codec, &stage->title);
        code_condition(codec, &stage->enter_when, false);
        code_bool(codec, &stage->is_during);
        code_optional(codec, &stage->during_from, ladder->stage_count, "stage");
        code_optional(codec, &stage->during_to, ladder->stage_count, "stage");
    }
    EACH(codec, ladder->starts, ladder->start_count, 3) {
        code_optional(codec, &ladder->starts[at].stage, ladder->stage_count, "stage");
        code_condition(codec, &ladder->starts[at].condition, true);
    }
}

/* A band: its id, title, then which bounds it has and each one given. */
static void code_bands(tkc_codec *codec, graph_bands *bands) {
    code_text(codec, &bands->title);
    code_string(codec, &bands->written);
    EACH(codec, bands->bands, bands->band_count, 4) {
        graph_band *band = &bands->bands[at];
        code_name(codec, &band->id);
        code_text(codec, &band->title);
        bool *flags[] = {&band->has_lower, &band->lower_inclusive, &band->has_upper,
                         &band->upper_inclusive};
        for (size_t flag = 0; flag < 4; flag++) code_bool(codec, flags[flag]);
        if (band->has_lower) code_decimal(codec, &band->lower);
        if (band->has_upper) code_decimal(codec, &band->upper);
    }
}

static void code_node(tkc_codec *codec, graph_node *node) {
    CODE_ENUM(codec, node->kind, NODE_BANDS + 1, "node kind");
    code_name(codec, &node->name);
    code_optional(codec, &node->checklist, SIZE_MAX - 1, "checklist");
    CODE_ENUM(codec, node->type, TYPE_ENUM + 1, "type");
    code_enum_ref(codec, &node->enum_members);
    if (codec->problem) return;
    switch (node->kind) {
    case NODE_FACT:
        if (codec->reading) node->fact = ARENA_NEW(codec->region, graph_fact);
        node->fact->type = node->type;
        code_bool(codec, &node->fact->fixed);
        code_expr(codec, &node->fact->default_value, 1, false);
        code_text(codec, &node->fact->description);
        code_expr(codec, &node->fact->minimum, 1, false), code_expr(codec, &node->fact->maximum, 1, false);
        code_bool(codec, &node->fact->whole);
        break;
    case NODE_ITEM:
        if (codec->reading) node->item = ARENA_NEW(codec->region, graph_item);
        code_item(codec, node->item);
        break;
    case NODE_VALUE:
    case NODE_GATE:
        if (codec->reading) node->value = ARENA_NEW(codec->region, graph_value);
        CODE_ENUM(codec, node->value->kind, VALUE_GATE + 1, "value kind");
        code_text(codec, &node->value->title);
        code_string(codec, &node->value->written);
        graph_format *shown = &node->value->format;   /* `shown …`: flag, decimals, %, unit */
        code_bool(codec, &shown->given);
        if (shown->given) code_int(codec, &shown->decimals), code_bool(codec, &shown->percent);
        if (shown->given) code_text(codec, &shown->unit);
        if (shown->decimals < -1 || shown->decimals > DECIMAL_DIGITS) fail(codec, "bad decimals");
        code_expr(codec, &node->expr, 1, true);
        break;
    case NODE_STAGES:
        if (codec->reading) node->stages = ARENA_NEW(codec->region, graph_stages);
        code_ladder(codec, node->stages);
        break;
    case NODE_BANDS:
        if (codec->reading) node->bands = ARENA_NEW(codec->region, graph_bands);
        code_bands(codec, node->bands);
        code_expr(codec, &node->expr, 1, true);
        break;
    }
}

/* {=== checklists and tests ===} */

static void code_members(tkc_codec *codec, graph_member **members, size_t *count) {
    EACH(codec, *members, *count, 2) {
        CODE_ENUM(codec, (*members)[at].kind, G_MEMBER_SECTION + 1, "member kind");
        (*members)[at].index = code_below(codec, (*members)[at].index, SIZE_MAX, "member");
    }
}

static void code_checklist(tkc_codec *codec, graph_checklist *checklist) {
    code_name(codec, &checklist->name);
    code_text(codec, &checklist->title);
    code_text(codec, &checklist->source_ref);
    code_string(codec, &checklist->scale_name);
    code_nodes(codec, &checklist->items, &checklist->item_count, ITEMS);
    code_nodes(codec, &checklist->values, &checklist->value_count, VALUES);
    EACH(codec, checklist->sections, checklist->section_count, 8) {
        graph_section *section = &checklist->sections[at];
        code_name(codec, &section->name);
        code_text(codec, &section->title);
        code_optional(codec, &section->parent, checklist->section_count, "section");
        code_decimal(codec, &section->weight);
        code_nodes(codec, &section->items, &section->item_count, ITEMS);
        code_members(codec, &section->members, &section->member_count);
    }
    code_members(codec, &checklist->members, &checklist->member_count);
}

/* A given: a fact's literal, or an item's option. */
static void code_given(tkc_codec *codec, graph_given *given) {
    CODE_ENUM(codec, given->kind, GIVEN_NO_ANSWER + 1, "given kind");
    bool fact = given->kind == GIVEN_FACT;
    if (codec->reading && given->kind != GIVEN_ITEM) given->option = -1;
    given->node = code_read_node(codec, given->node, fact ? 1u << NODE_FACT : ITEMS);
    if (fact) code_expr(codec, &given->value, 1, true);
    else if (!codec->problem && given->kind == GIVEN_ITEM) code_choice(codec, &given->option, &codec->graph->nodes[given->node]);
    if (codec->reading && !codec->problem && fact && given->value->kind > G_STRING)
        fail(codec, "a test gives a fact no literal");
}

static void code_expect(tkc_codec *codec, graph_expect *expect) {
    static const unsigned kinds[] = {[EXPECT_GATE] = 1u << NODE_GATE, [EXPECT_STATE] = ITEMS,
                                     [EXPECT_STAGE] = 1u << NODE_STAGES,
                                     [EXPECT_DURING] = 1u << NODE_STAGES,
                                     [EXPECT_BAND] = 1u << NODE_BANDS};
    CODE_ENUM(codec, expect->kind, EXPECT_BAND + 1, "expectation kind");
    code_name(codec, &expect->written);
    expect->line = (unsigned)code_below(codec, expect->line, UINT32_MAX, "line");
    expect->column = (unsigned)code_below(codec, expect->column, UINT32_MAX, "column");
    if (codec->reading) expect->node = NO_INDEX;
    if (kinds[expect->kind])
        expect->node = code_read_node(codec, expect->node, kinds[expect->kind]);
    else
        code_expr(codec, &expect->expr, 1, true);
    code_int(codec, &expect->wanted);
    code_bool(codec, &expect->has_blocking);
    code_bool(codec, &expect->has_waiting);
    code_nodes(codec, &expect->blocking, &expect->blocking_count, ITEMS);
    code_nodes(codec, &expect->waiting, &expect->waiting_count, ITEMS);
}

static void code_test(tkc_codec *codec, graph_test *test) {
    code_name(codec, &test->name);
    test->file = (uint32_t)code_below(codec, test->file, codec->graph->files.count, "file");
    test->line = (unsigned)code_below(codec, test->line, UINT32_MAX, "line");
    EACH(codec, test->givens, test->given_count, 3) code_given(codec, &test->givens[at]);
    EACH(codec, test->expects, test->expect_count, 10) code_expect(codec, &test->expects[at]);
}

/* {=== the graph, both ways ===} */

static void code_graph(tkc_codec *codec) {
    tk_graph *graph = codec->graph;
    code_string(codec, &graph->module);
    code_string(codec, &graph->base_module);
    code_string(codec, &graph->variant);
    code_names(codec, &graph->files);
    code_names(codec, &graph->variant_names);
    code_tables(codec);
    EACH(codec, graph->nodes, graph->node_count, 5) {
        codec->current = at;
        code_node(codec, &graph->nodes[at]);
    }
    codec->current = graph->node_count;
    EACH(codec, graph->checklists, graph->checklist_count, 8)
        code_checklist(codec, &graph->checklists[at]);
    code_nodes(codec, &graph->facts, &graph->fact_count, 1u << NODE_FACT);
    code_nodes(codec, &graph->values, &graph->value_count, VALUES);
    code_nodes(codec, &graph->ladders, &graph->ladder_count, 1u << NODE_STAGES);
    code_nodes(codec, &graph->band_sets, &graph->band_set_count, 1u << NODE_BANDS);
    EACH(codec, graph->tests, graph->test_count, 5) code_test(codec, &graph->tests[at]);
}

void tkc_encode_payload(const tk_graph *graph, arena *region, unsigned char **bytes,
                        size_t *length) {
    tkc_codec body = {.graph = (tk_graph *)graph, .region = region}; /* only read */
    for (size_t index = 0; index < graph->enum_count; index++)
        ptrmap_put(region, &body.positions, graph->enums[index], index + 1);
    for (size_t index = 0; index < graph->scale_count; index++)
        ptrmap_put(region, &body.positions, graph->scales[index], index + 1);
    code_graph(&body);
    tkc_codec file = {.region = region};
    code_below(&file, body.string_count, SIZE_MAX, "count");
    for (size_t index = 0; index < body.string_count; index++) {
        size_t size = strlen(body.strings[index]);
        code_below(&file, size, SIZE_MAX, "length");
        put_bytes(&file, body.strings[index], size);
    }
    put_bytes(&file, body.bytes, body.length);
    *bytes = file.bytes;
    *length = file.length;
}

static void read_strings(tkc_codec *codec) {
    EACH(codec, codec->strings, codec->string_count, 1) {
        size_t size = code_below(codec, 0, codec->length - codec->offset + 1, "string length");
        const char *text = (const char *)take_bytes(codec, size);
        if (text && memchr(text, 0, size)) fail(codec, "string %zu holds a NUL byte", at + 1);
        if (text && utf8_first_invalid(text, size) < size)
            fail(codec, "string %zu is not UTF-8", at + 1);
        if (text) codec->strings[at] = arena_strndup(codec->region, text, size);
    }
}

static void free_graph(void *graph) { tk_graph_free(graph); }

tk_graph *tkc_decode_payload(recovery *point, const unsigned char *payload, size_t length,
                             char *problem, size_t size) {
    tk_graph *graph = calloc(1, sizeof *graph);
    if (!graph) recovery_fail(point);
    arena_init(&graph->region);
    recovery_own(point, &graph->region, free_graph, graph);
    tkc_codec codec = {.reading = true, .graph = graph, .region = &graph->region,
                       .bytes = (unsigned char *)payload, .length = length};
    read_strings(&codec);
    if (!codec.problem) code_graph(&codec);
    if (!codec.problem && codec.offset != codec.length)
        fail(&codec, "%zu bytes follow the last record", codec.length - codec.offset);
    if (codec.problem)
        snprintf(problem, size, "%s (payload byte %zu)", codec.problem, codec.problem_offset);
    if (codec.problem || !tkc_verify(graph, problem, size)) {
        tk_graph_free(graph);
        return NULL;
    }
    graph->precompiled = true;
    return graph;
}
