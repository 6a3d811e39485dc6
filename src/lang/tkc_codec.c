/*
 * tkc_codec.c — the payload of a compiled graph, record by record. Each
 * record is described once, by a function that writes it when the codec is
 * writing and reads it back when it is reading, so the two directions keep
 * the same layout by construction (doc/tkc.md lists it). Reading checks
 * every count against the bytes left and every reference against its
 * table; what the records must mean together is tkc_verify.c's job.
 *
 * Encoding: unsigned LEB128 (at most 10 bytes), zigzag LEB128 for ints,
 * IEEE doubles in 8 little-endian bytes, one byte for a bool. A string is an
 * index into the string table (0: none), an expression, scale or enum list
 * an index into its table (0: none), an optional node or position is 0 for
 * none and k for k - 1.
 */
#include "lang/tkc.h"

#include "base/ptrmap.h"
#include "base/utf8.h"
#include "tenken.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tkc_codec {
    bool reading;
    tk_graph *graph;            /* the graph written, or the one being read */
    arena *region;              /* writing: the output's; reading: the graph's */
    unsigned char *bytes;       /* writing: the body so far; reading: the payload */
    size_t length, capacity, offset;
    const char **strings;       /* the string table, in order */
    size_t string_count, string_capacity;
    strmap string_index;        /* writing: text -> index + 1 */
    gexpr **exprs;              /* the expression table, children before parents */
    size_t expr_count, expr_capacity;
    ptrmap positions;          /* writing: expression, scale, enum list -> index + 1 */
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

/* {=== bytes ===} */

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
    if (!codec->reading) {
        uint64_t rest = *value;
        do {
            unsigned char byte = (unsigned char)(rest & 0x7F);
            rest >>= 7;
            if (rest) byte |= 0x80;
            put_bytes(codec, &byte, 1);
        } while (rest);
        return;
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

/* A number below `limit`: a count, an index, an enum's value. */
static size_t code_below(tkc_codec *codec, size_t value, size_t limit, const char *what) {
    uint64_t coded = value;
    code_uint(codec, &coded);
    if (!codec->reading) return value;
    if (!codec->problem && coded >= limit)
        fail(codec, "%s %llu is out of range", what, (unsigned long long)coded);
    return codec->problem ? 0 : (size_t)coded;
}

#define CODE_ENUM(codec, field, limit, what) ((field) = code_below((codec), (field), (limit), (what)))

static void code_int(tkc_codec *codec, int *value) {
    uint64_t coded = *value < 0 ? ((uint64_t)(-(int64_t)*value - 1) << 1) | 1
                                : (uint64_t)*value << 1;
    code_uint(codec, &coded);
    if (!codec->reading) return;
    if (coded >> 32) fail(codec, "a number is out of range");
    *value = codec->problem ? 0 : coded & 1 ? -(int)(coded >> 1) - 1 : (int)(coded >> 1);
}

static void code_f64(tkc_codec *codec, double *value) {
    unsigned char encoded[8];
    if (!codec->reading) {
        uint64_t bits;
        memcpy(&bits, value, sizeof bits);
        tkc_store_u64(encoded, bits);
        put_bytes(codec, encoded, sizeof encoded);
        return;
    }
    const unsigned char *bytes = take_bytes(codec, 8);
    uint64_t bits = bytes ? tkc_load_u64(bytes) : 0;
    memcpy(value, &bits, sizeof bits);
}

static void code_bool(tkc_codec *codec, bool *value) {
    *value = code_below(codec, *value, 2, "flag");
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

#define CODE_ARRAY(codec, array, count, smallest)                                         \
    ((count) = code_count((codec), (count), (smallest)),                                  \
     (array) = array_for((codec), (array), (count), sizeof *(array)))

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

static void code_text(tkc_codec *codec, graph_text *text) {
    text_variant *variants = (text_variant *)text->variants;
    CODE_ARRAY(codec, variants, text->count, 2);
    for (size_t index = 0; index < text->count && !codec->problem; index++) {
        code_string(codec, &variants[index].lang);
        code_string(codec, &variants[index].text);
        if (codec->reading && !variants[index].text) fail(codec, "a text is missing");
    }
    text->variants = variants;
}

static void code_names(tkc_codec *codec, graph_names *names) {
    const char **list = (const char **)names->names;
    CODE_ARRAY(codec, list, names->count, 1);
    for (size_t index = 0; index < names->count && !codec->problem; index++) {
        code_string(codec, &list[index]);
        if (codec->reading && !list[index]) fail(codec, "a name is missing");
    }
    names->names = list;
}

static void code_nodes(tkc_codec *codec, size_t **nodes, size_t *count) {
    CODE_ARRAY(codec, *nodes, *count, 1);
    for (size_t index = 0; index < *count && !codec->problem; index++)
        (*nodes)[index] = code_below(codec, (*nodes)[index], codec->graph->node_count, "node");
}

static void code_ints(tkc_codec *codec, int **values, size_t count) {
    *values = array_for(codec, *values, count, sizeof **values);
    for (size_t index = 0; index < count && !codec->problem; index++) code_int(codec, &(*values)[index]);
}

/* {=== tables: enum lists, scales, expressions ===} */

/* A pointer into a table, by its index (0: none; writing: from the positions). */
static void code_table_ref(tkc_codec *codec, void *const *table, size_t count, const void **item,
                           const char *what) {
    size_t index = codec->reading || !*item ? 0 : ptrmap_get(&codec->positions, *item);
    index = code_below(codec, index, count + 1, what);
    if (codec->reading) *item = index ? table[index - 1] : NULL;
}

static void code_enum_ref(tkc_codec *codec, const graph_names **members) {
    code_table_ref(codec, (void *const *)codec->graph->enums, codec->graph->enum_count,
                   (const void **)members, "enum list");
}

static void code_scale(tkc_codec *codec, graph_scale *scale) {
    code_string(codec, &scale->name);
    CODE_ARRAY(codec, scale->options, scale->option_count, 4);
    for (size_t index = 0; index < scale->option_count && !codec->problem; index++) {
        graph_option *option = &scale->options[index];
        code_string(codec, &option->key);
        code_f64(codec, &option->points);
        code_text(codec, &option->label);
        code_names(codec, &option->aliases);
        if (codec->reading && !option->key) fail(codec, "an option has no key");
    }
    if (codec->reading && !codec->problem) graph_index_scale(codec->region, scale);
}

static void code_tables(tkc_codec *codec) {
    tk_graph *graph = codec->graph;
    CODE_ARRAY(codec, graph->enums, graph->enum_count, 1);
    for (size_t index = 0; index < graph->enum_count && !codec->problem; index++) {
        if (codec->reading) graph->enums[index] = ARENA_NEW(codec->region, graph_names);
        else ptrmap_put(codec->region, &codec->positions, graph->enums[index], index + 1);
        code_names(codec, graph->enums[index]);
    }
    CODE_ARRAY(codec, graph->scales, graph->scale_count, 2);
    for (size_t index = 0; index < graph->scale_count && !codec->problem; index++) {
        if (codec->reading) graph->scales[index] = ARENA_NEW(codec->region, graph_scale);
        else ptrmap_put(codec->region, &codec->positions, graph->scales[index], index + 1);
        code_scale(codec, graph->scales[index]);
    }
}

static void code_scale_ref(tkc_codec *codec, const graph_scale **scale) {
    code_table_ref(codec, (void *const *)codec->graph->scales, codec->graph->scale_count,
                   (const void **)scale, "scale");
}

/* An expression earlier in the table than `limit` (0: none). */
static void code_expr_ref(tkc_codec *codec, const gexpr **expr, size_t limit) {
    size_t index = codec->reading || !*expr ? 0 : ptrmap_get(&codec->positions, *expr);
    index = code_below(codec, index, limit + 1, "expression");
    if (codec->reading) *expr = index ? codec->exprs[index - 1] : NULL;
}

static void code_aggregate(tkc_codec *codec, gaggregate *aggregate, size_t self) {
    CODE_ENUM(codec, aggregate->function, AGGREGATE_FUNCTION_COUNT, "function");
    CODE_ENUM(codec, aggregate->element, ELEMENT_IS + 1, "element");
    CODE_ENUM(codec, aggregate->attribute, ITEM_ATTRIBUTE_COUNT, "attribute");
    code_nodes(codec, &aggregate->items, &aggregate->item_count);
    if (aggregate->element == ELEMENT_IS) code_ints(codec, &aggregate->options, aggregate->item_count);
    code_expr_ref(codec, &aggregate->unanswered_as, self);
}

static void code_expr(tkc_codec *codec, gexpr *expr, size_t self) {
    CODE_ENUM(codec, expr->kind, G_AGGREGATE + 1, "expression kind");
    CODE_ENUM(codec, expr->type, TYPE_ENUM + 1, "type");
    code_enum_ref(codec, &expr->enum_members);
    switch (expr->kind) {
    case G_NUMBER: code_f64(codec, &expr->number); break;
    case G_BOOL: code_bool(codec, &expr->boolean); break;
    case G_STRING: code_string(codec, &expr->string); break;
    case G_NODE:
    case G_ITEM_POINTS:
    case G_ITEM_IS:
    case G_FACT_IS:
        expr->node = code_below(codec, expr->node, codec->graph->node_count, "node");
        if (expr->kind == G_ITEM_IS || expr->kind == G_FACT_IS) code_int(codec, &expr->option);
        break;
    case G_NOT:
    case G_NEGATE:
    case G_BINARY:
    case G_IF:
        if (expr->kind == G_BINARY) CODE_ENUM(codec, expr->op, BINARY_OP_COUNT, "operator");
        code_expr_ref(codec, &expr->left, self);
        if (expr->kind == G_BINARY || expr->kind == G_IF) code_expr_ref(codec, &expr->right, self);
        if (expr->kind == G_IF) code_expr_ref(codec, &expr->otherwise, self);
        break;
    case G_AGGREGATE: code_aggregate(codec, &expr->aggregate, self); break;
    }
}

/* Writing: number every expression the graph holds, children first. */
static void note_expr(tkc_codec *codec, const gexpr *expr) {
    if (!expr || ptrmap_get(&codec->positions, expr)) return;
    note_expr(codec, expr->left);
    note_expr(codec, expr->right);
    note_expr(codec, expr->otherwise);
    if (expr->kind == G_AGGREGATE) note_expr(codec, expr->aggregate.unanswered_as);
    *ARENA_PUSH(codec->region, codec->exprs, codec->expr_count, codec->expr_capacity) =
        (gexpr *)expr;
    ptrmap_put(codec->region, &codec->positions, expr, codec->expr_count);
}

static void note_conditions(tkc_codec *codec, const graph_node *node) {
    if (node->kind == NODE_FACT) note_expr(codec, node->fact->default_value);
    note_expr(codec, node->expr);
    for (size_t index = 0; node->item && index < node->item->exclusion_count; index++)
        note_expr(codec, node->item->exclusions[index].condition.expr);
    for (size_t index = 0; node->item && index < node->item->only_when_count; index++)
        note_expr(codec, node->item->only_when[index].expr);
    for (size_t index = 0; node->stages && index < node->stages->stage_count; index++)
        note_expr(codec, node->stages->stages[index].enter_when.expr);
    for (size_t index = 0; node->stages && index < node->stages->start_count; index++)
        note_expr(codec, node->stages->starts[index].condition.expr);
}

static void note_exprs(tkc_codec *codec) {
    const tk_graph *graph = codec->graph;
    for (size_t index = 0; index < graph->node_count; index++)
        note_conditions(codec, &graph->nodes[index]);
    for (size_t test = 0; test < graph->test_count; test++) {
        for (size_t index = 0; index < graph->tests[test].given_count; index++)
            note_expr(codec, graph->tests[test].givens[index].value);
        for (size_t index = 0; index < graph->tests[test].expect_count; index++)
            note_expr(codec, graph->tests[test].expects[index].expr);
    }
}

static void code_exprs(tkc_codec *codec) {
    if (!codec->reading) note_exprs(codec);
    CODE_ARRAY(codec, codec->exprs, codec->expr_count, 3);
    for (size_t index = 0; index < codec->expr_count && !codec->problem; index++) {
        if (codec->reading) {
            gexpr *expr = ARENA_NEW(codec->region, gexpr);
            expr->node = NO_INDEX;
            expr->option = -1;
            codec->exprs[index] = expr;
        }
        code_expr(codec, codec->exprs[index], index);
    }
}

/* {=== nodes ===} */

static void code_condition(tkc_codec *codec, graph_condition *condition) {
    code_expr_ref(codec, &condition->expr, codec->expr_count);
    code_string(codec, &condition->written);
}

static void code_item(tkc_codec *codec, graph_item *item) {
    code_scale_ref(codec, &item->scale);
    code_f64(codec, &item->weight);
    code_optional(codec, &item->section, SIZE_MAX - 1, "section");
    graph_text *texts[] = {&item->text,  &item->label,      &item->question,
                           &item->note, &item->source_ref, &item->printed};
    for (size_t index = 0; index < sizeof texts / sizeof *texts; index++)
        code_text(codec, texts[index]);
    code_names(codec, &item->tags);
    CODE_ARRAY(codec, item->exclusions, item->exclusion_count, 3);
    for (size_t index = 0; index < item->exclusion_count && !codec->problem; index++) {
        code_condition(codec, &item->exclusions[index].condition);
        code_text(codec, &item->exclusions[index].reason);
    }
    CODE_ARRAY(codec, item->only_when, item->only_when_count, 2);
    for (size_t index = 0; index < item->only_when_count && !codec->problem; index++)
        code_condition(codec, &item->only_when[index]);
    CODE_ARRAY(codec, item->refs, item->ref_count, 3);
    for (size_t index = 0; index < item->ref_count && !codec->problem; index++) {
        CODE_ENUM(codec, item->refs[index].relation, RELATION_COUNT, "relation");
        code_string(codec, &item->refs[index].framework);
        code_string(codec, &item->refs[index].control);
    }
}

static void code_ladder(tkc_codec *codec, graph_stages *ladder) {
    code_text(codec, &ladder->title);
    CODE_ARRAY(codec, ladder->stages, ladder->stage_count, 6);
    for (size_t index = 0; index < ladder->stage_count && !codec->problem; index++) {
        graph_stage *stage = &ladder->stages[index];
        code_string(codec, &stage->id);
        code_text(codec, &stage->title);
        code_condition(codec, &stage->enter_when);
        code_bool(codec, &stage->is_during);
        code_optional(codec, &stage->during_from, ladder->stage_count, "stage");
        code_optional(codec, &stage->during_to, ladder->stage_count, "stage");
    }
    CODE_ARRAY(codec, ladder->starts, ladder->start_count, 3);
    for (size_t index = 0; index < ladder->start_count && !codec->problem; index++) {
        code_optional(codec, &ladder->starts[index].stage, ladder->stage_count, "stage");
        code_condition(codec, &ladder->starts[index].condition);
    }
}

/* A node's own record, by its kind (allocated when reading). */
static void *payload_for(tkc_codec *codec, void *payload, size_t size) {
    return codec->reading ? arena_calloc(codec->region, 1, size) : payload;
}

static void code_node(tkc_codec *codec, graph_node *node) {
    CODE_ENUM(codec, node->kind, NODE_STAGES + 1, "node kind");
    code_string(codec, &node->name);
    code_optional(codec, &node->checklist, SIZE_MAX - 1, "checklist");
    CODE_ENUM(codec, node->type, TYPE_ENUM + 1, "type");
    code_enum_ref(codec, &node->enum_members);
    if (codec->problem) return;
    switch (node->kind) {
    case NODE_FACT:
        node->fact = payload_for(codec, node->fact, sizeof *node->fact);
        node->fact->type = node->type;
        code_bool(codec, &node->fact->fixed);
        code_expr_ref(codec, &node->fact->default_value, codec->expr_count);
        code_text(codec, &node->fact->description);
        break;
    case NODE_ITEM:
        node->item = payload_for(codec, node->item, sizeof *node->item);
        code_item(codec, node->item);
        break;
    case NODE_VALUE:
    case NODE_GATE:
        node->value = payload_for(codec, node->value, sizeof *node->value);
        CODE_ENUM(codec, node->value->kind, VALUE_GATE + 1, "value kind");
        code_text(codec, &node->value->title);
        code_string(codec, &node->value->written);
        code_expr_ref(codec, &node->expr, codec->expr_count);
        break;
    case NODE_STAGES:
        node->stages = payload_for(codec, node->stages, sizeof *node->stages);
        code_ladder(codec, node->stages);
        break;
    }
}

/* {=== checklists ===} */

static void code_members(tkc_codec *codec, graph_member **members, size_t *count) {
    CODE_ARRAY(codec, *members, *count, 2);
    for (size_t index = 0; index < *count && !codec->problem; index++) {
        CODE_ENUM(codec, (*members)[index].kind, G_MEMBER_SECTION + 1, "member kind");
        (*members)[index].index = code_below(codec, (*members)[index].index, SIZE_MAX, "member");
    }
}

static void code_checklist(tkc_codec *codec, graph_checklist *checklist) {
    code_string(codec, &checklist->name);
    code_text(codec, &checklist->title);
    code_text(codec, &checklist->source_ref);
    code_string(codec, &checklist->scale_name);
    code_nodes(codec, &checklist->items, &checklist->item_count);
    code_nodes(codec, &checklist->values, &checklist->value_count);
    CODE_ARRAY(codec, checklist->sections, checklist->section_count, 5);
    for (size_t index = 0; index < checklist->section_count && !codec->problem; index++) {
        graph_section *section = &checklist->sections[index];
        code_string(codec, &section->name);
        code_text(codec, &section->title);
        code_optional(codec, &section->parent, checklist->section_count, "section");
        code_nodes(codec, &section->items, &section->item_count);
        code_members(codec, &section->members, &section->member_count);
    }
    code_members(codec, &checklist->members, &checklist->member_count);
}

/* {=== tests ===} */

static void code_given(tkc_codec *codec, graph_given *given) {
    CODE_ENUM(codec, given->kind, GIVEN_ALL_ITEMS + 1, "given kind");
    code_optional(codec, &given->node, codec->graph->node_count, "node");
    code_expr_ref(codec, &given->value, codec->expr_count);
    code_optional(codec, &given->checklist, codec->graph->checklist_count, "checklist");
    size_t count = given->kind == GIVEN_FACT ? 0
                   : given->kind == GIVEN_ITEM || given->checklist == NO_INDEX
                       ? 1
                       : codec->graph->checklists[given->checklist].item_count;
    if (given->kind != GIVEN_FACT) code_ints(codec, &given->options, count);
}

static void code_expect(tkc_codec *codec, graph_expect *expect) {
    CODE_ENUM(codec, expect->kind, EXPECT_DURING + 1, "expectation kind");
    code_string(codec, &expect->written);
    expect->line = (unsigned)code_below(codec, expect->line, UINT32_MAX, "line");
    expect->column = (unsigned)code_below(codec, expect->column, UINT32_MAX, "column");
    code_expr_ref(codec, &expect->expr, codec->expr_count);
    code_optional(codec, &expect->node, codec->graph->node_count, "node");
    code_int(codec, &expect->wanted);
    code_bool(codec, &expect->has_blocking);
    code_bool(codec, &expect->has_waiting);
    code_nodes(codec, &expect->blocking, &expect->blocking_count);
    code_nodes(codec, &expect->waiting, &expect->waiting_count);
}

static void code_test(tkc_codec *codec, graph_test *test) {
    code_string(codec, &test->name);
    test->file = (uint32_t)code_below(codec, test->file, codec->graph->file_count, "file");
    test->line = (unsigned)code_below(codec, test->line, UINT32_MAX, "line");
    CODE_ARRAY(codec, test->givens, test->given_count, 4);
    for (size_t index = 0; index < test->given_count && !codec->problem; index++)
        code_given(codec, &test->givens[index]);
    CODE_ARRAY(codec, test->expects, test->expect_count, 11);
    for (size_t index = 0; index < test->expect_count && !codec->problem; index++)
        code_expect(codec, &test->expects[index]);
}

/* {=== the graph ===} */

static void code_graph(tkc_codec *codec) {
    tk_graph *graph = codec->graph;
    code_string(codec, &graph->module);
    code_string(codec, &graph->base_module);
    code_string(codec, &graph->variant);
    graph_names files = {graph->files, graph->file_count};
    code_names(codec, &files);
    graph->files = (const char **)files.names;
    graph->file_count = files.count;
    code_names(codec, &graph->variant_names);
    code_tables(codec);
    graph->node_count = code_count(codec, graph->node_count, 4);
    code_exprs(codec);
    graph->nodes = array_for(codec, graph->nodes, graph->node_count, sizeof *graph->nodes);
    for (size_t index = 0; index < graph->node_count && !codec->problem; index++)
        code_node(codec, &graph->nodes[index]);
    CODE_ARRAY(codec, graph->checklists, graph->checklist_count, 8);
    for (size_t index = 0; index < graph->checklist_count && !codec->problem; index++)
        code_checklist(codec, &graph->checklists[index]);
    code_nodes(codec, &graph->facts, &graph->fact_count);
    code_nodes(codec, &graph->values, &graph->value_count);
    code_nodes(codec, &graph->ladders, &graph->ladder_count);
    CODE_ARRAY(codec, graph->tests, graph->test_count, 5);
    for (size_t index = 0; index < graph->test_count && !codec->problem; index++)
        code_test(codec, &graph->tests[index]);
}

/* {=== the two directions ===} */

void tkc_encode_payload(const tk_graph *graph, arena *region, unsigned char **bytes,
                        size_t *length) {
    tkc_codec codec = {0};
    codec.graph = (tk_graph *)graph; /* only read: the codec's functions serve both ways */
    codec.region = region;
    code_graph(&codec);
    tkc_codec table = {0};
    table.region = region;
    code_below(&table, codec.string_count, SIZE_MAX, "count");
    for (size_t index = 0; index < codec.string_count; index++) {
        size_t size = strlen(codec.strings[index]);
        code_below(&table, size, SIZE_MAX, "length");
        put_bytes(&table, codec.strings[index], size);
    }
    put_bytes(&table, codec.bytes, codec.length);
    *bytes = table.bytes;
    *length = table.length;
}

static void read_strings(tkc_codec *codec) {
    CODE_ARRAY(codec, codec->strings, codec->string_count, 1);
    for (size_t index = 0; index < codec->string_count && !codec->problem; index++) {
        size_t size = code_below(codec, 0, codec->length - codec->offset + 1, "string length");
        const unsigned char *text = take_bytes(codec, size);
        if (text && memchr(text, 0, size)) fail(codec, "string %zu holds a NUL byte", index + 1);
        if (text && utf8_first_invalid((const char *)text, size) < size)
            fail(codec, "string %zu is not UTF-8", index + 1);
        if (text) codec->strings[index] = arena_strndup(codec->region, (const char *)text, size);
    }
}

tk_graph *tkc_decode_payload(const unsigned char *payload, size_t length, char *problem,
                             size_t size) {
    tk_graph *graph = calloc(1, sizeof *graph);
    if (!graph) {
        snprintf(problem, size, "out of memory");
        return NULL;
    }
    arena_init(&graph->region);
    tkc_codec codec = {0};
    codec.reading = true;
    codec.graph = graph;
    codec.region = &graph->region;
    codec.bytes = (unsigned char *)payload;
    codec.length = length;
    read_strings(&codec);
    if (!codec.problem) code_graph(&codec);
    if (!codec.problem && codec.offset != codec.length)
        fail(&codec, "%zu bytes follow the last record", codec.length - codec.offset);
    if (codec.problem)
        snprintf(problem, size, "%s (payload byte %zu)", codec.problem, codec.problem_offset);
    if (codec.problem ||
        !tkc_verify(graph, (const gexpr *const *)codec.exprs, codec.expr_count, problem, size)) {
        tk_graph_free(graph);
        return NULL;
    }
    graph->precompiled = true;
    return graph;
}
