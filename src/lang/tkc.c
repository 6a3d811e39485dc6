/*
 * tkc.c — compiled graphs (.tkc): writing a tk_graph to a file and loading
 * it back. The writer walks the graph once to number its sources, enum
 * member lists, scales and expressions, then writes a string table and flat
 * records that refer to each other by index. The loader reads the records
 * with a cursor that checks every read, count, index and span against what
 * is left and what exists, rebuilds the graph in a fresh arena (syntax-tree
 * records included, since reports and tests read them), checks that the
 * references are of the right kind and in topological order, type-checks
 * the graph with the compiler's own checker, and rebuilds the name maps.
 * Nothing here prints, exits or keeps state between calls. doc/tkc.md
 * describes the format.
 */
#include "config.h"

#include "lang/tkc.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "lang/typecheck.h"
#include "eval/eval.h"
#include "eval/testing.h"
#include "tenken.h"

/* The numeric values of these enums are written to the file: a change to any
   of them must bump TKC_FORMAT_VERSION (and these assertions). */
_Static_assert(NODE_STAGES == 4 && TYPE_ENUM == 5 && G_AGGREGATE == 11 && OP_DIV == 11,
               "graph enums are part of the .tkc format");
_Static_assert(AGG_MAX == 5 && ELEMENT_IS == 2 && ATTR_WEIGHT == 2 && FACT_ENUM == 4,
               "graph enums are part of the .tkc format");
_Static_assert(VALUE_GATE == 2 && MEMBER_SOURCE == 4 && GIVEN_ALL_ITEMS == 2 &&
                   EXPECT_DURING == 5 && EV_NA == 4,
               "graph enums are part of the .tkc format");

enum {
    TKC_MAX_FILE = 64 * 1024 * 1024,    /* bytes read at most, as for rule files */
    TKC_MAX_EXPR_DEPTH = 4096,          /* expressions nest at most this deep */
    TKC_MAX_SECTION_DEPTH = 1024,       /* sections nest at most this deep */
    TKC_OFFSET_VERSION = 8,
    TKC_OFFSET_HEADER_SIZE = 12,
    TKC_OFFSET_PAYLOAD_SIZE = 16,
    TKC_OFFSET_CHECKSUM = 24,
    TKC_OFFSET_TENKEN = 32,
};

static const unsigned char tkc_magic[TKC_MAGIC_SIZE] = {'T', 'K', 'C', 0, '\r', '\n', 0x1A, '\n'};

static const char recompile_help[] = "recompile it from its rule file with `tenken compile`";

#define CONTAINER_OF(pointer, type, member) \
    ((const type *)(const void *)((const char *)(pointer) - offsetof(type, member)))

/* {=== bytes: little-endian numbers and the checksum ===} */

static void store_u32(unsigned char *at, uint32_t value) {
    for (int index = 0; index < 4; index++) at[index] = (unsigned char)(value >> (8 * index));
}

static void store_u64(unsigned char *at, uint64_t value) {
    for (int index = 0; index < 8; index++) at[index] = (unsigned char)(value >> (8 * index));
}

static uint32_t load_u32(const unsigned char *at) {
    uint32_t value = 0;
    for (int index = 3; index >= 0; index--) value = value << 8 | at[index];
    return value;
}

static uint64_t load_u64(const unsigned char *at) {
    uint64_t value = 0;
    for (int index = 7; index >= 0; index--) value = value << 8 | at[index];
    return value;
}

static uint64_t fnv1a(uint64_t hash, const unsigned char *bytes, size_t length) {
    for (size_t index = 0; index < length; index++) {
        hash ^= bytes[index];
        hash *= 1099511628211ULL;
    }
    return hash;
}

/* FNV-1a 64 over the whole file except the checksum field itself. Format
   version 1 uses the offset basis 1469598103934665603 (one digit short of
   FNV's published basis); doc/tkc.md says so, and it stays for version 1. */
static uint64_t file_checksum(const unsigned char *bytes, size_t length) {
    uint64_t hash = fnv1a(1469598103934665603ULL, bytes, TKC_OFFSET_CHECKSUM);
    return fnv1a(hash, bytes + TKC_OFFSET_TENKEN, length - TKC_OFFSET_TENKEN);
}

static tk_graph *decode_payload(const unsigned char *payload, size_t length, char *problem,
                                size_t size);

/* {=== writing: the output buffer ===} */

typedef struct byte_buffer {
    arena *region;
    unsigned char *bytes;
    size_t length, capacity;
} byte_buffer;

static void put_bytes(byte_buffer *out, const void *data, size_t size) {
    if (size == 0) return;
    out->bytes = arena_grow(out->region, out->bytes, &out->capacity, out->length + size, 1);
    memcpy(out->bytes + out->length, data, size);
    out->length += size;
}

static void put_uint(byte_buffer *out, uint64_t value) {
    unsigned char encoded[10];
    size_t size = 0;
    do {
        encoded[size] = (unsigned char)(value & 0x7F);
        value >>= 7;
        if (value) encoded[size] |= 0x80;
        size++;
    } while (value);
    put_bytes(out, encoded, size);
}

static void put_int(byte_buffer *out, int64_t value) {
    put_uint(out, value < 0 ? ((uint64_t)(-(value + 1)) << 1) | 1 : (uint64_t)value << 1);
}

static void put_f64(byte_buffer *out, double value) {
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    unsigned char encoded[8];
    store_u64(encoded, bits);
    put_bytes(out, encoded, sizeof encoded);
}

static void put_bool(byte_buffer *out, bool value) { put_bytes(out, &(unsigned char){value}, 1); }

/* An index that may be absent: 0 for none, else index + 1. */
static void put_index(byte_buffer *out, size_t index) {
    put_uint(out, index == NO_INDEX ? 0 : (uint64_t)index + 1);
}

/* {=== writing: numbering what records refer to ===} */

/* Pointers numbered in the order first met, with a hash index. */
typedef struct ptr_table {
    const void **keys;      /* hash slots */
    size_t *values;
    size_t capacity;
    const void **items;     /* in order */
    size_t count, items_capacity;
} ptr_table;

static size_t ptr_slot(const ptr_table *table, const void *key) {
    uint64_t hash = (uint64_t)(uintptr_t)key;
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33;
    size_t slot = (size_t)hash & (table->capacity - 1);
    while (table->keys[slot] && table->keys[slot] != key) slot = (slot + 1) & (table->capacity - 1);
    return slot;
}

static size_t ptr_find(const ptr_table *table, const void *key) {
    if (!key || table->capacity == 0) return NO_INDEX;
    size_t slot = ptr_slot(table, key);
    return table->keys[slot] ? table->values[slot] : NO_INDEX;
}

static void ptr_rehash(arena *region, ptr_table *table) {
    size_t capacity = table->capacity ? table->capacity * 2 : 64;
    ptr_table grown = {arena_calloc(region, capacity, sizeof(void *)),
                       arena_calloc(region, capacity, sizeof(size_t)), capacity, NULL, 0, 0};
    for (size_t index = 0; index < table->count; index++) {
        size_t slot = ptr_slot(&grown, table->items[index]);
        grown.keys[slot] = table->items[index];
        grown.values[slot] = index;
    }
    table->keys = grown.keys;
    table->values = grown.values;
    table->capacity = capacity;
}

/* The number of key, numbering it when it is new. */
static size_t ptr_add(arena *region, ptr_table *table, const void *key) {
    size_t found = ptr_find(table, key);
    if (found != NO_INDEX) return found;
    if ((table->count + 1) * 2 > table->capacity) ptr_rehash(region, table);
    size_t slot = ptr_slot(table, key);
    table->keys[slot] = key;
    table->values[slot] = table->count;
    *ARENA_PUSH(region, table->items, table->count, table->items_capacity) = key;
    return table->count - 1;
}

typedef struct writer {
    arena *region;
    const tk_graph *graph;
    byte_buffer out;
    strmap string_index;    /* text -> index + 1 */
    const char **strings;
    size_t string_count, string_capacity;
    ptr_table sources, enums, scales, exprs;
    const ast_scale **inline_scales;   /* per scale: the item's own options, or NULL */
    size_t inline_capacity;
} writer;

static void note_expr(writer *state, const gexpr *expr) {
    if (!expr || ptr_find(&state->exprs, expr) != NO_INDEX) return;
    note_expr(state, expr->left);
    note_expr(state, expr->right);
    note_expr(state, expr->otherwise);
    if (expr->kind == G_AGGREGATE) note_expr(state, expr->aggregate.unanswered_as);
    if (expr->enum_members) ptr_add(state->region, &state->enums, expr->enum_members);
    if (expr->file) ptr_add(state->region, &state->sources, expr->file);
    ptr_add(state->region, &state->exprs, expr);
}

static void note_scale(writer *state, const graph_scale *scale, const ast_scale *own) {
    size_t index = ptr_add(state->region, &state->scales, scale);
    state->inline_scales = arena_grow(state->region, (void *)state->inline_scales,
                                      &state->inline_capacity, index + 1, sizeof(ast_scale *));
    if (own && !scale->name) state->inline_scales[index] = own;
    if (own && own->file) ptr_add(state->region, &state->sources, own->file);
}

static void note_node(writer *state, const graph_node *node) {
    ptr_add(state->region, &state->sources, node->file);
    if (node->kind == NODE_FACT) {
        if (node->fact->decl->type == FACT_ENUM)
            ptr_add(state->region, &state->enums, &node->fact->decl->enum_members);
        note_expr(state, node->fact->default_value);
    } else if (node->kind == NODE_ITEM) {
        const graph_item *item = node->item;
        if (item->decl->file) ptr_add(state->region, &state->sources, item->decl->file);
        note_scale(state, item->scale, item->decl->options);
        for (size_t index = 0; index < item->exclusion_count; index++)
            note_expr(state, item->exclusions[index].condition);
        for (size_t index = 0; index < item->only_when_count; index++)
            note_expr(state, item->only_when[index]);
    } else if (node->kind == NODE_STAGES) {
        for (size_t index = 0; index < node->stages->stage_count; index++)
            note_expr(state, node->stages->stages[index].enter_when);
        for (size_t index = 0; index < node->stages->start_count; index++)
            note_expr(state, node->stages->starts[index].condition);
    } else {
        if (node->enum_members) ptr_add(state->region, &state->enums, node->enum_members);
        if (node->value_decl->file) ptr_add(state->region, &state->sources, node->value_decl->file);
        note_expr(state, node->expr);
    }
}

static void note_test(writer *state, const graph_test *test) {
    ptr_add(state->region, &state->sources, test->decl->file);
    for (size_t index = 0; index < test->given_count; index++)
        note_expr(state, test->givens[index].value);
    for (size_t index = 0; index < test->expect_count; index++)
        note_expr(state, test->expects[index].expr);
}

static void note_graph(writer *state) {
    const tk_graph *graph = state->graph;
    for (size_t index = 0; index < graph->checklist_count; index++)
        if (graph->checklists[index].decl->file)
            ptr_add(state->region, &state->sources, graph->checklists[index].decl->file);
    for (size_t index = 0; index < graph->node_count; index++)
        note_node(state, &graph->nodes[index]);
    for (size_t index = 0; index < graph->test_count; index++)
        note_test(state, &graph->tests[index]);
}

/* {=== writing: records ===} */

static void put_str(writer *state, const char *text) {
    if (!text) {
        put_uint(&state->out, 0);
        return;
    }
    size_t found = (size_t)(uintptr_t)strmap_get(&state->string_index, text);
    if (!found) {
        *ARENA_PUSH(state->region, state->strings, state->string_count, state->string_capacity) = text;
        found = state->string_count;
        strmap_put(state->region, &state->string_index, text, (void *)(uintptr_t)found);
    }
    put_uint(&state->out, found);
}

static void put_span(writer *state, span where) {
    put_uint(&state->out, where.start);
    put_uint(&state->out, where.end);
}

static void put_text(writer *state, const ast_text *text) {
    put_uint(&state->out, text->count);
    for (size_t index = 0; index < text->count; index++) {
        put_str(state, text->variants[index].lang);
        put_str(state, text->variants[index].text);
    }
    put_span(state, text->where);
}

static void put_str_list(writer *state, const ast_list *list) {
    put_uint(&state->out, list->count);
    for (size_t index = 0; index < list->count; index++) put_str(state, list->items[index]);
}

static void put_nodes(writer *state, const size_t *nodes, size_t count) {
    put_uint(&state->out, count);
    for (size_t index = 0; index < count; index++) put_uint(&state->out, nodes[index]);
}

static void put_ref(writer *state, const ptr_table *table, const void *pointer) {
    put_index(&state->out, pointer ? ptr_find(table, pointer) : NO_INDEX);
}

static void put_module(writer *state) {
    const tk_graph *graph = state->graph;
    put_str(state, graph->module);
    put_str(state, graph->base_module);
    put_str(state, graph->variant);
    put_uint(&state->out, graph->variant_count);
    for (size_t index = 0; index < graph->variant_count; index++)
        put_str(state, graph->variant_names[index]);
}

static void put_sources(writer *state) {
    put_uint(&state->out, state->sources.count);
    for (size_t index = 0; index < state->sources.count; index++) {
        const source *file = state->sources.items[index];
        put_str(state, file->path);
        put_uint(&state->out, file->length);
        put_bytes(&state->out, file->text, file->length);
    }
}

static void put_enums(writer *state) {
    put_uint(&state->out, state->enums.count);
    for (size_t index = 0; index < state->enums.count; index++)
        put_str_list(state, state->enums.items[index]);
}

static void put_option(writer *state, const graph_option *option) {
    const ast_option *decl = CONTAINER_OF(option->label, ast_option, label);
    put_str(state, option->key);
    put_span(state, decl->where);
    put_f64(&state->out, option->points);
    put_text(state, option->label);
    put_uint(&state->out, option->aliases->count);
    for (size_t index = 0; index < option->aliases->count; index++) {
        const ast_alias *alias = option->aliases->items[index];
        put_str(state, alias->text);
        put_span(state, alias->where);
    }
}

static void put_scales(writer *state) {
    put_uint(&state->out, state->scales.count);
    for (size_t index = 0; index < state->scales.count; index++) {
        const graph_scale *scale = state->scales.items[index];
        const ast_scale *own = state->inline_scales[index];
        put_str(state, scale->name);
        put_bool(&state->out, own != NULL);
        if (own) {
            put_span(state, own->where);
            put_ref(state, &state->sources, own->file);
        }
        put_f64(&state->out, scale->max_points);
        put_uint(&state->out, scale->option_count);
        for (size_t option = 0; option < scale->option_count; option++)
            put_option(state, &scale->options[option]);
    }
}

static void put_aggregate(writer *state, const gaggregate *aggregate) {
    put_uint(&state->out, aggregate->function);
    put_uint(&state->out, aggregate->element);
    put_uint(&state->out, aggregate->attribute);
    put_nodes(state, aggregate->items, aggregate->item_count);
    put_bool(&state->out, aggregate->options != NULL);
    for (size_t index = 0; aggregate->options && index < aggregate->item_count; index++)
        put_int(&state->out, aggregate->options[index]);
    put_ref(state, &state->exprs, aggregate->unanswered_as);
}

static void put_expr(writer *state, const gexpr *expr) {
    put_uint(&state->out, expr->kind);
    put_uint(&state->out, expr->type);
    put_ref(state, &state->enums, expr->enum_members);
    put_ref(state, &state->sources, expr->file);
    put_span(state, expr->where);
    put_index(&state->out, expr->node);
    put_int(&state->out, expr->option);
    switch (expr->kind) {
    case G_NUMBER: put_f64(&state->out, expr->number); break;
    case G_BOOL: put_bool(&state->out, expr->boolean); break;
    case G_STRING: put_str(state, expr->string); break;
    case G_BINARY: put_uint(&state->out, expr->op); break;
    case G_AGGREGATE: put_aggregate(state, &expr->aggregate); break;
    default: break;
    }
    put_ref(state, &state->exprs, expr->left);
    put_ref(state, &state->exprs, expr->right);
    put_ref(state, &state->exprs, expr->otherwise);
}

static size_t section_index(const graph_checklist *checklist, const ast_section *decl) {
    for (size_t index = 0; index < checklist->section_count; index++)
        if (checklist->sections[index].decl == decl) return index;
    return NO_INDEX;
}

static void put_members(writer *state, const graph_checklist *checklist, const ast_list *members) {
    put_uint(&state->out, members->count);
    for (size_t index = 0; index < members->count; index++) {
        const ast_member *member = members->items[index];
        put_uint(&state->out, member->kind);
        put_span(state, member->where);
        switch (member->kind) {
        case MEMBER_ITEM: put_uint(&state->out, ((const ast_item *)member->node)->node); break;
        case MEMBER_SECTION: put_index(&state->out, section_index(checklist, member->node)); break;
        case MEMBER_VALUE: put_uint(&state->out, ((const ast_value *)member->node)->node); break;
        case MEMBER_SCALE: put_str(state, member->name); break;
        case MEMBER_SOURCE: put_text(state, &member->text); break;
        }
    }
}

static void put_checklist(writer *state, const graph_checklist *checklist) {
    const ast_checklist *decl = checklist->decl;
    put_str(state, checklist->name);
    put_span(state, decl->where);
    put_text(state, &decl->title);
    put_ref(state, &state->sources, decl->file);
    put_str(state, decl->scale_name);
    put_span(state, decl->scale_span);
    put_text(state, &decl->source_ref);
    put_uint(&state->out, checklist->section_count);
    for (size_t index = 0; index < checklist->section_count; index++) {
        const graph_section *section = &checklist->sections[index];
        put_str(state, section->decl->name);
        put_span(state, section->decl->where);
        put_text(state, &section->decl->title);
        put_index(&state->out, section->parent);
        put_members(state, checklist, &section->decl->members);
        put_nodes(state, section->items, section->item_count);
    }
    put_members(state, checklist, &decl->members);
    put_nodes(state, checklist->items, checklist->item_count);
    put_nodes(state, checklist->values, checklist->value_count);
}

static void put_fact(writer *state, const graph_fact *fact) {
    const ast_fact *decl = fact->decl;
    put_bool(&state->out, decl->fixed);
    put_uint(&state->out, decl->type);
    put_ref(state, &state->enums, decl->type == FACT_ENUM ? &decl->enum_members : NULL);
    put_ref(state, &state->exprs, fact->default_value);
    put_text(state, &decl->description);
}

static void put_item(writer *state, const graph_item *item) {
    const ast_item *decl = item->decl;
    put_str(state, decl->qualifier);
    put_ref(state, &state->sources, decl->file);
    const ast_text *texts[] = {&decl->text, &decl->label, &decl->question, &decl->note,
                               &decl->source_ref, &decl->printed};
    for (size_t index = 0; index < sizeof texts / sizeof *texts; index++)
        put_text(state, texts[index]);
    put_str(state, decl->scale_name);
    put_span(state, decl->scale_span);
    put_bool(&state->out, decl->options != NULL);
    put_f64(&state->out, item->weight);
    put_bool(&state->out, decl->has_weight);
    put_str_list(state, &decl->tags);
    put_index(&state->out, item->section);
    put_ref(state, &state->scales, item->scale);
    put_uint(&state->out, item->exclusion_count);
    for (size_t index = 0; index < item->exclusion_count; index++) {
        const graph_exclusion *exclusion = &item->exclusions[index];
        put_ref(state, &state->exprs, exclusion->condition);
        put_text(state, exclusion->reason);
        put_span(state, CONTAINER_OF(exclusion->reason, ast_exclusion, reason)->where);
    }
    put_uint(&state->out, item->only_when_count);
    for (size_t index = 0; index < item->only_when_count; index++)
        put_ref(state, &state->exprs, item->only_when[index]);
}

static void put_ladder(writer *state, const graph_stages *ladder) {
    put_text(state, &ladder->decl->title);
    put_uint(&state->out, ladder->stage_count);
    for (size_t index = 0; index < ladder->stage_count; index++) {
        const graph_stage *stage = &ladder->stages[index];
        put_str(state, stage->decl->id);
        put_span(state, stage->decl->where);
        put_text(state, &stage->decl->title);
        put_ref(state, &state->exprs, stage->enter_when);
        put_str(state, stage->decl->during_from);
        put_str(state, stage->decl->during_to);
        put_span(state, stage->decl->during_span);
        put_bool(&state->out, stage->is_during);
        put_index(&state->out, stage->during_from);
        put_index(&state->out, stage->during_to);
    }
    put_uint(&state->out, ladder->start_count);
    for (size_t index = 0; index < ladder->start_count; index++) {
        const ast_stage_start *decl = ladder->decl->starts.items[index];
        put_str(state, decl->stage);
        put_span(state, decl->where);
        put_index(&state->out, ladder->starts[index].stage);
        put_ref(state, &state->exprs, ladder->starts[index].condition);
    }
}

static void put_node(writer *state, const graph_node *node) {
    put_uint(&state->out, node->kind);
    put_str(state, node->name);
    put_index(&state->out, node->checklist);
    put_ref(state, &state->sources, node->file);
    put_span(state, node->where);
    switch (node->kind) {
    case NODE_FACT: put_fact(state, node->fact); break;
    case NODE_ITEM: put_item(state, node->item); break;
    case NODE_STAGES: put_ladder(state, node->stages); break;
    case NODE_VALUE:
    case NODE_GATE:
        put_uint(&state->out, node->value_decl->kind);
        put_ref(state, &state->sources, node->value_decl->file);
        put_text(state, &node->value_decl->title);
        put_uint(&state->out, node->type);
        put_ref(state, &state->enums, node->enum_members);
        put_ref(state, &state->exprs, node->expr);
        break;
    }
}

static void put_given(writer *state, const graph_given *given) {
    const ast_given *decl = given->decl;
    put_uint(&state->out, given->kind);
    put_span(state, decl->where);
    put_str(state, decl->name);
    put_str(state, decl->item_id);
    put_span(state, decl->item_span);
    put_str(state, decl->answer);
    put_span(state, decl->answer_span);
    if (given->kind == GIVEN_FACT) {
        put_uint(&state->out, given->node);
        put_ref(state, &state->exprs, given->value);
        return;
    }
    put_index(&state->out, given->checklist);
    if (given->kind == GIVEN_ITEM) put_uint(&state->out, given->node);
    size_t count = given->kind == GIVEN_ITEM ? 1 : state->graph->checklists[given->checklist].item_count;
    put_uint(&state->out, count);
    for (size_t index = 0; index < count; index++) put_int(&state->out, given->options[index]);
}

static void put_expect(writer *state, const graph_expect *expect) {
    const ast_expect *decl = expect->decl;
    put_span(state, decl->where);
    put_str(state, decl->during_stages);
    put_str(state, decl->during_id);
    put_bool(&state->out, decl->has_blocking);
    put_bool(&state->out, decl->has_waiting);
    put_str_list(state, &decl->blocking);
    put_str_list(state, &decl->waiting);
    put_uint(&state->out, expect->kind);
    put_ref(state, &state->exprs, expect->expr);
    put_index(&state->out, expect->node);
    put_int(&state->out, expect->wanted);
    put_nodes(state, expect->blocking, expect->blocking_count);
    put_nodes(state, expect->waiting, expect->waiting_count);
}

static void put_test(writer *state, const graph_test *test) {
    const ast_test *decl = test->decl;
    put_str(state, decl->name);
    put_span(state, decl->where);
    put_str(state, decl->variant);
    put_span(state, decl->variant_span);
    put_ref(state, &state->sources, decl->file);
    put_uint(&state->out, test->given_count);
    for (size_t index = 0; index < test->given_count; index++) put_given(state, &test->givens[index]);
    put_uint(&state->out, test->expect_count);
    for (size_t index = 0; index < test->expect_count; index++)
        put_expect(state, &test->expects[index]);
}

/* Everything after the string table, in the order the loader reads it. */
static void put_body(writer *state) {
    const tk_graph *graph = state->graph;
    put_module(state);
    put_sources(state);
    put_enums(state);
    put_scales(state);
    put_uint(&state->out, graph->node_count);
    put_uint(&state->out, graph->checklist_count);
    put_uint(&state->out, state->exprs.count);
    for (size_t index = 0; index < state->exprs.count; index++)
        put_expr(state, state->exprs.items[index]);
    for (size_t index = 0; index < graph->checklist_count; index++)
        put_checklist(state, &graph->checklists[index]);
    for (size_t index = 0; index < graph->node_count; index++) put_node(state, &graph->nodes[index]);
    put_nodes(state, graph->facts, graph->fact_count);
    put_nodes(state, graph->values, graph->value_count);
    put_nodes(state, graph->ladders, graph->ladder_count);
    put_uint(&state->out, graph->test_count);
    for (size_t index = 0; index < graph->test_count; index++) put_test(state, &graph->tests[index]);
}

static void put_string_table(const writer *state, byte_buffer *out) {
    put_uint(out, state->string_count);
    for (size_t index = 0; index < state->string_count; index++) {
        size_t length = strlen(state->strings[index]);
        put_uint(out, length);
        put_bytes(out, state->strings[index], length);
    }
}

/* Header, string table, body: the whole file. */
static void assemble(const writer *state, byte_buffer *file) {
    unsigned char header[TKC_HEADER_SIZE] = {0};
    put_bytes(file, header, sizeof header);
    put_string_table(state, file);
    put_bytes(file, state->out.bytes, state->out.length);
    unsigned char *at = file->bytes;
    memcpy(at, tkc_magic, TKC_MAGIC_SIZE);
    store_u32(at + TKC_OFFSET_VERSION, TKC_FORMAT_VERSION);
    store_u32(at + TKC_OFFSET_HEADER_SIZE, TKC_HEADER_SIZE);
    store_u64(at + TKC_OFFSET_PAYLOAD_SIZE, file->length - TKC_HEADER_SIZE);
    snprintf((char *)at + TKC_OFFSET_TENKEN, TKC_VERSION_FIELD, "%s", tk_version());
    store_u64(at + TKC_OFFSET_CHECKSUM, file_checksum(at, file->length));
}

bool tkc_encode(const tk_graph *graph, arena *region, const char *path, unsigned char **bytes,
                size_t *length, diag_list *diags) {
    writer state = {0};
    state.region = region;
    state.graph = graph;
    state.out.region = region;
    note_graph(&state);
    put_body(&state);
    byte_buffer file = {region, NULL, 0, 0};
    assemble(&state, &file);
    *bytes = file.bytes;
    *length = file.length;
    /* Write only what loads back: the loader's checks are the format's rules. */
    char problem[400];
    tk_graph *loaded = decode_payload(file.bytes + TKC_HEADER_SIZE, file.length - TKC_HEADER_SIZE,
                                      problem, sizeof problem);
    if (!loaded) {
        diagnostic *record = diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0904, path,
                                                 "cannot write the graph as a compiled file: %s",
                                                 problem);
        diag_set_help(diags, record, "evaluate the rule file itself; doc/tkc.md lists the "
                                     "limits of compiled files");
    }
    tk_graph_free(loaded);
    return loaded != NULL;
}

/* {=== writing: the file ===} */

static bool write_file(const char *path, const unsigned char *bytes, size_t length,
                       diag_list *diags) {
    if (atomic_file_write(path, bytes, length)) return true;
    diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0901, path, "cannot write the file: %s",
                        strerror(errno ? errno : EIO));
    return false;
}

bool tkc_write(const tk_graph *graph, const char *path, diag_list *diags) {
    arena scratch;
    arena_init(&scratch);
    unsigned char *bytes = NULL;
    size_t length = 0;
    bool written = tkc_encode(graph, &scratch, path, &bytes, &length, diags) &&
                   write_file(path, bytes, length, diags);
    arena_release(&scratch);
    return written;
}

/* {=== reading: the cursor ===} */

typedef struct member_link {
    ast_member *member;
    size_t node;
    size_t checklist;
} member_link;

typedef struct reader {
    const unsigned char *bytes;
    size_t length, offset;
    const char *problem;        /* the first problem met; later reads return nothing */
    size_t problem_offset;
    arena *region;              /* the graph's */
    arena scratch;              /* tables needed only while loading */
    tk_graph *graph;
    const char **strings;
    size_t string_count;
    const source **sources;
    size_t source_count;
    ast_list *enums;
    const ast_list **enum_owners;   /* per list: the first enum fact's own copy, or NULL */
    size_t enum_count;
    graph_scale *scales;
    ast_scale **inline_scales;  /* per scale: an item's own options, or NULL */
    size_t scale_count;
    gexpr *exprs;
    size_t expr_count;
    unsigned *depth;            /* per expression: how deep it nests */
    size_t *max_node;           /* per expression: 1 + the highest node it reads, or 0 */
    bool *expr_used;            /* per expression: already part of a tree or a record */
    ast_checklist *checklist_decls;
    member_link *links;
    size_t link_count, link_capacity;
} reader;

static bool fail(reader *state, const char *format, ...) __attribute__((format(printf, 2, 3)));

static bool fail(reader *state, const char *format, ...) {
    if (state->problem) return false;
    va_list args;
    va_start(args, format);
    char message[256];
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    state->problem = arena_strdup(&state->scratch, message);
    state->problem_offset = state->offset;
    return false;
}

static const unsigned char *get_bytes(reader *state, size_t size) {
    if (state->problem) return NULL;
    if (size > state->length - state->offset) {
        fail(state, "a record runs past the end of the payload");
        return NULL;
    }
    const unsigned char *at = state->bytes + state->offset;
    state->offset += size;
    return at;
}

static uint64_t get_uint(reader *state) {
    uint64_t value = 0;
    for (unsigned shift = 0; shift < 70; shift += 7) {
        const unsigned char *byte = get_bytes(state, 1);
        if (!byte) return 0;
        if (shift == 63 && (*byte & 0x7E)) return fail(state, "a number is too large"), 0;
        value |= (uint64_t)(*byte & 0x7F) << shift;
        if (!(*byte & 0x80)) return value;
    }
    return fail(state, "a number is too long"), 0;
}

/* A number no larger than `limit`. */
static uint64_t get_bounded(reader *state, uint64_t limit, const char *what) {
    uint64_t value = get_uint(state);
    if (value > limit) return fail(state, "%s %llu is out of range", what, (unsigned long long)value), 0;
    return value;
}

/* An enum value no larger than `last`. */
static unsigned get_enum(reader *state, unsigned last, const char *what) {
    return (unsigned)get_bounded(state, last, what);
}

/* The fewest bytes each kind of record takes, so a count can be checked
   against the bytes left before anything is allocated for it. */
enum record_size {
    LEAST_BYTE = 1, LEAST_TEXT_VARIANT = 2, LEAST_SOURCE = 2, LEAST_ALIAS = 3,
    LEAST_MEMBER = 4, LEAST_START = 5, LEAST_EXCLUSION = 6, LEAST_SECTION = 9,
    LEAST_TEST = 9, LEAST_EXPR = 11, LEAST_NODE = 11, LEAST_SCALE = 11, LEAST_GIVEN = 12,
    LEAST_STAGE = 14, LEAST_EXPECT = 14, LEAST_OPTION = 15, LEAST_CHECKLIST = 17,
};

/* A count of records that each take at least `least` bytes. */
static size_t get_count(reader *state, enum record_size least) {
    uint64_t count = get_uint(state);
    if (count > (state->length - state->offset) / least)
        return fail(state, "a count of %llu exceeds the bytes left", (unsigned long long)count), 0;
    return (size_t)count;
}

static int get_int(reader *state) {
    uint64_t encoded = get_uint(state);
    int64_t value = encoded & 1 ? -(int64_t)(encoded >> 1) - 1 : (int64_t)(encoded >> 1);
    if (value < INT32_MIN || value > INT32_MAX) return fail(state, "an integer is out of range"), 0;
    return (int)value;
}

static double get_f64(reader *state) {
    const unsigned char *at = get_bytes(state, 8);
    if (!at) return 0;
    uint64_t bits = load_u64(at);
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

static bool get_bool(reader *state) {
    const unsigned char *byte = get_bytes(state, 1);
    if (byte && *byte > 1) fail(state, "a flag is neither 0 nor 1");
    return byte && *byte == 1;
}

/* An index below `limit`, or NO_INDEX when the record has none. */
static size_t get_index(reader *state, size_t limit, const char *what) {
    uint64_t value = get_uint(state);
    if (value == 0 || state->problem) return NO_INDEX;
    if (value - 1 >= limit)
        return fail(state, "%s %llu is out of range", what, (unsigned long long)(value - 1)), NO_INDEX;
    return (size_t)(value - 1);
}

static size_t get_required(reader *state, size_t limit, const char *what) {
    size_t index = get_index(state, limit, what);
    if (index == NO_INDEX) fail(state, "%s is missing", what);
    return index;
}

/* A node index written without the +1 of optional indices. */
static size_t get_node(reader *state) {
    uint64_t value = get_uint(state);
    if (value >= state->graph->node_count)
        return fail(state, "node %llu is out of range", (unsigned long long)value), 0;
    return (size_t)value;
}

static const char *get_str(reader *state) {
    size_t index = get_index(state, state->string_count, "string");
    return index == NO_INDEX ? NULL : state->strings[index];
}

static const char *get_required_str(reader *state, const char *what) {
    const char *text = get_str(state);
    if (!text) fail(state, "%s is missing", what);
    return text;
}

static span get_span(reader *state) {
    uint64_t start = get_bounded(state, UINT32_MAX, "a span's start");
    uint64_t end = get_bounded(state, UINT32_MAX, "a span's end");
    if (end < start) fail(state, "a span ends before it starts");
    return (span){(uint32_t)start, (uint32_t)end};
}

/* A span that the code reads without checking: it must lie in its file. */
static span get_span_in(reader *state, const source *file) {
    span where = get_span(state);
    if (file && where.end > file->length) fail(state, "a span lies outside its file");
    return where;
}

static void get_text(reader *state, ast_text *text) {
    size_t count = get_count(state, LEAST_TEXT_VARIANT);
    text->variants = arena_calloc(state->region, count + 1, sizeof(text_variant));
    for (size_t index = 0; index < count && !state->problem; index++) {
        text->variants[index].lang = get_str(state);
        text->variants[index].text = get_required_str(state, "a text");
    }
    text->count = state->problem ? 0 : count;
    text->where = get_span(state);
}

static void get_str_list(reader *state, ast_list *list) {
    size_t count = get_count(state, LEAST_BYTE);
    list->items = arena_calloc(state->region, count + 1, sizeof(void *));
    for (size_t index = 0; index < count && !state->problem; index++)
        list->items[index] = (void *)get_required_str(state, "a list entry");
    list->count = list->capacity = state->problem ? 0 : count;
}

static size_t *get_nodes(reader *state, size_t *count) {
    *count = get_count(state, LEAST_BYTE);
    size_t *nodes = arena_calloc(state->region, *count + 1, sizeof(size_t));
    for (size_t index = 0; index < *count && !state->problem; index++) nodes[index] = get_node(state);
    if (state->problem) *count = 0;
    return nodes;
}

static const source *get_source(reader *state, bool required) {
    size_t index = required ? get_required(state, state->source_count, "a source file")
                            : get_index(state, state->source_count, "source file");
    return index == NO_INDEX ? NULL : state->sources[index];
}

static const ast_list *get_enum_ref(reader *state) {
    size_t index = get_index(state, state->enum_count, "enum list");
    return index == NO_INDEX ? NULL : &state->enums[index];
}

/* An expression that becomes part of one record; each is used once. */
static const gexpr *claim_expr(reader *state, size_t index) {
    if (index == NO_INDEX || state->problem) return NULL;
    if (state->expr_used[index]) return fail(state, "expression %zu is used twice", index), NULL;
    state->expr_used[index] = true;
    return &state->exprs[index];
}

static const gexpr *get_expr(reader *state, bool required) {
    size_t index = required ? get_required(state, state->expr_count, "an expression")
                            : get_index(state, state->expr_count, "expression");
    return claim_expr(state, index);
}

/* {=== reading: tables ===} */

/* The strings go to one block: each length number becomes a NUL, so the
   block is no larger than the table. */
static void read_strings(reader *state) {
    state->string_count = get_count(state, LEAST_BYTE);
    state->strings = arena_calloc(&state->scratch, state->string_count + 1, sizeof(char *));
    size_t start = state->offset;
    for (size_t index = 0; index < state->string_count && !state->problem; index++)
        get_bytes(state, get_count(state, LEAST_BYTE));
    if (state->problem) return;
    char *block = arena_alloc(state->region, state->offset - start + 1);
    state->offset = start;
    for (size_t index = 0; index < state->string_count && !state->problem; index++) {
        size_t length = get_count(state, LEAST_BYTE);
        const unsigned char *text = get_bytes(state, length);
        if (text && memchr(text, 0, length)) fail(state, "string %zu holds a NUL byte", index);
        if (state->problem) break;
        memcpy(block, text, length);
        block[length] = '\0';
        state->strings[index] = block;
        block += length + 1;
    }
}

static void read_module(reader *state) {
    tk_graph *graph = state->graph;
    graph->module = get_required_str(state, "the module name");
    graph->base_module = get_str(state);
    graph->variant = get_str(state);
    size_t count = get_count(state, LEAST_BYTE);
    const char **names = arena_calloc(state->region, count + 1, sizeof(char *));
    for (size_t index = 0; index < count && !state->problem; index++)
        names[index] = get_required_str(state, "a variant name");
    graph->variant_names = names;
    graph->variant_count = state->problem ? 0 : count;
}

/* A source as the compiler keeps it; the text is not re-read as a file, so a
   leading byte-order mark stays where the spans expect it. */
static const source *make_source(reader *state, const char *path, const unsigned char *text,
                                 size_t length) {
    source *file = ARENA_NEW(state->region, source);
    file->path = path;
    file->text = arena_strndup(state->region, (const char *)text, length);
    file->length = length;
    size_t lines = 1;
    for (size_t offset = 0; offset < length; offset++) lines += text[offset] == '\n';
    uint32_t *starts = arena_calloc(state->region, lines, sizeof(uint32_t));
    size_t line = 1;
    for (size_t offset = 0; offset < length; offset++)
        if (text[offset] == '\n') starts[line++] = (uint32_t)(offset + 1);
    file->line_starts = starts;
    file->line_count = lines;
    return file;
}

static void read_sources(reader *state) {
    state->source_count = get_count(state, LEAST_SOURCE);
    state->sources = arena_calloc(&state->scratch, state->source_count + 1, sizeof(source *));
    for (size_t index = 0; index < state->source_count && !state->problem; index++) {
        const char *path = get_required_str(state, "a source's path");
        size_t length = get_count(state, LEAST_BYTE);
        if (length > SOURCE_MAX_BYTES) fail(state, "source %zu is larger than 64 MiB", index);
        const unsigned char *text = get_bytes(state, length);
        if (!text) break;
        state->sources[index] = make_source(state, path, text, length);
    }
}

static void read_enums(reader *state) {
    state->enum_count = get_count(state, LEAST_BYTE);
    state->enums = arena_calloc(state->region, state->enum_count + 1, sizeof(ast_list));
    state->enum_owners = arena_calloc(&state->scratch, state->enum_count + 1, sizeof(ast_list *));
    for (size_t index = 0; index < state->enum_count && !state->problem; index++)
        get_str_list(state, &state->enums[index]);
}

static void read_option(reader *state, graph_option *target) {
    ast_option *decl = ARENA_NEW(state->region, ast_option);
    decl->key = target->key = get_required_str(state, "an option key");
    decl->where = get_span(state);
    decl->points = target->points = get_f64(state);
    get_text(state, &decl->label);
    size_t count = get_count(state, LEAST_ALIAS);
    decl->aliases.items = arena_calloc(state->region, count + 1, sizeof(void *));
    for (size_t index = 0; index < count && !state->problem; index++) {
        ast_alias *alias = ARENA_NEW(state->region, ast_alias);
        alias->text = get_required_str(state, "an alias");
        alias->where = get_span(state);
        decl->aliases.items[index] = alias;
    }
    decl->aliases.count = decl->aliases.capacity = state->problem ? 0 : count;
    target->label = &decl->label;
    target->aliases = &decl->aliases;
}

static void read_scale(reader *state, size_t index) {
    graph_scale *scale = &state->scales[index];
    scale->name = get_str(state);
    ast_scale *own = get_bool(state) ? ARENA_NEW(state->region, ast_scale) : NULL;
    if (own && scale->name) fail(state, "scale %zu is named and an item's own", index);
    if (own) {
        own->where = get_span(state);
        own->file = get_source(state, false);
    }
    scale->max_points = get_f64(state);
    size_t count = get_count(state, LEAST_OPTION);
    scale->options = arena_calloc(state->region, count + 1, sizeof(graph_option));
    if (own) own->options.items = arena_calloc(state->region, count + 1, sizeof(void *));
    for (size_t option = 0; option < count && !state->problem; option++) {
        read_option(state, &scale->options[option]);
        if (own) own->options.items[option] = (void *)CONTAINER_OF(scale->options[option].label,
                                                                    ast_option, label);
    }
    scale->option_count = state->problem ? 0 : count;
    if (own) own->options.count = own->options.capacity = scale->option_count;
    graph_index_scale(state->region, scale);
    state->inline_scales[index] = own;
}

static void read_scales(reader *state) {
    state->scale_count = get_count(state, LEAST_SCALE);
    state->scales = arena_calloc(state->region, state->scale_count + 1, sizeof(graph_scale));
    state->inline_scales = arena_calloc(&state->scratch, state->scale_count + 1, sizeof(ast_scale *));
    for (size_t index = 0; index < state->scale_count && !state->problem; index++)
        read_scale(state, index);
}

/* {=== reading: expressions ===} */

/* A child expression: written before its parent, so acyclic by order. */
static const gexpr *get_child(reader *state, size_t parent) {
    size_t index = get_index(state, parent, "a child expression");
    return claim_expr(state, index);
}

static void read_aggregate(reader *state, gaggregate *aggregate, size_t index) {
    aggregate->function = (aggregate_function)get_enum(state, AGG_MAX, "aggregate function");
    aggregate->element = (element_kind)get_enum(state, ELEMENT_IS, "aggregate element");
    aggregate->attribute = (item_attribute)get_enum(state, ATTR_WEIGHT, "item attribute");
    aggregate->items = get_nodes(state, &aggregate->item_count);
    bool has_options = get_bool(state);
    if (has_options != (aggregate->element == ELEMENT_IS))
        fail(state, "aggregate %zu has options only an `is` selection has", index);
    if (has_options) {
        aggregate->options = arena_calloc(state->region, aggregate->item_count + 1, sizeof(int));
        for (size_t item = 0; item < aggregate->item_count && !state->problem; item++)
            aggregate->options[item] = get_int(state);
    }
    aggregate->unanswered_as = get_child(state, index);
}

/* Which operands each kind has: left, right, otherwise. */
static void expr_operands(gexpr_kind kind, bool *left, bool *right, bool *otherwise) {
    *left = kind == G_NOT || kind == G_NEGATE || kind == G_BINARY || kind == G_IF;
    *right = kind == G_BINARY || kind == G_IF;
    *otherwise = kind == G_IF;
}

static bool expr_reads_node(gexpr_kind kind) {
    return kind == G_NODE || kind == G_ITEM_POINTS || kind == G_ITEM_IS || kind == G_FACT_IS;
}

/* How deep an expression nests and the highest node it reads, from its
   operands (all read before it). */
static void measure_expr(reader *state, size_t index) {
    const gexpr *expr = &state->exprs[index];
    const gexpr *operands[] = {expr->left, expr->right, expr->otherwise,
                               expr->kind == G_AGGREGATE ? expr->aggregate.unanswered_as : NULL};
    unsigned depth = 0;
    size_t highest = expr_reads_node(expr->kind) ? expr->node + 1 : 0;
    for (size_t operand = 0; operand < 4; operand++) {
        if (!operands[operand]) continue;
        size_t child = (size_t)(operands[operand] - state->exprs);
        if (state->depth[child] > depth) depth = state->depth[child];
        if (state->max_node[child] > highest) highest = state->max_node[child];
    }
    for (size_t item = 0; expr->kind == G_AGGREGATE && item < expr->aggregate.item_count; item++)
        if (expr->aggregate.items[item] + 1 > highest) highest = expr->aggregate.items[item] + 1;
    state->depth[index] = depth + 1;
    state->max_node[index] = highest;
    if (depth + 1 > TKC_MAX_EXPR_DEPTH)
        fail(state, "expression %zu nests deeper than %d", index, TKC_MAX_EXPR_DEPTH);
}

static void read_expr(reader *state, size_t index) {
    gexpr *expr = &state->exprs[index];
    expr->kind = (gexpr_kind)get_enum(state, G_AGGREGATE, "expression kind");
    expr->type = (value_type)get_enum(state, TYPE_ENUM, "type");
    expr->enum_members = get_enum_ref(state);
    expr->file = get_source(state, false);
    expr->where = get_span_in(state, expr->file);
    expr->node = get_index(state, state->graph->node_count, "node");
    expr->option = get_int(state);
    if (state->problem) return;
    if (expr_reads_node(expr->kind) && expr->node == NO_INDEX)
        fail(state, "expression %zu reads no node", index);
    switch (expr->kind) {
    case G_NUMBER: expr->number = get_f64(state); break;
    case G_BOOL: expr->boolean = get_bool(state); break;
    case G_STRING: expr->string = get_required_str(state, "a string literal"); break;
    case G_BINARY: expr->op = (binary_op)get_enum(state, OP_DIV, "operator"); break;
    case G_AGGREGATE: read_aggregate(state, &expr->aggregate, index); break;
    default: break;
    }
    bool wants_left, wants_right, wants_otherwise;
    expr_operands(expr->kind, &wants_left, &wants_right, &wants_otherwise);
    expr->left = get_child(state, index);
    expr->right = get_child(state, index);
    expr->otherwise = get_child(state, index);
    if (!state->problem && ((expr->left != NULL) != wants_left || (expr->right != NULL) != wants_right ||
                            (expr->otherwise != NULL) != wants_otherwise))
        fail(state, "expression %zu has the wrong operands for its kind", index);
    if (!state->problem) measure_expr(state, index);
}

static void read_exprs(reader *state) {
    arena *scratch = &state->scratch;
    size_t count = state->expr_count;
    state->exprs = arena_calloc(state->region, count + 1, sizeof(gexpr));
    state->depth = arena_calloc(scratch, count + 1, sizeof(unsigned));
    state->max_node = arena_calloc(scratch, count + 1, sizeof(size_t));
    state->expr_used = arena_calloc(scratch, count + 1, sizeof(bool));
    for (size_t index = 0; index < count && !state->problem; index++) read_expr(state, index);
}

/* {=== reading: checklists ===} */

typedef struct section_reading {
    graph_checklist *checklist;
    size_t checklist_index;
    size_t *referenced_by;  /* per section: 1 + the section whose members name it, 0 for the
                               checklist itself; NO_INDEX until named */
} section_reading;

static void read_members(reader *state, section_reading *sections, ast_list *members,
                         size_t container) {
    size_t count = get_count(state, LEAST_MEMBER);
    members->items = arena_calloc(state->region, count + 1, sizeof(void *));
    for (size_t index = 0; index < count && !state->problem; index++) {
        ast_member *member = ARENA_NEW(state->region, ast_member);
        member->kind = (member_kind)get_enum(state, MEMBER_SOURCE, "member kind");
        member->where = get_span(state);
        members->items[index] = member;
        if (member->kind == MEMBER_ITEM || member->kind == MEMBER_VALUE) {
            member_link link = {member, get_node(state), sections->checklist_index};
            *ARENA_PUSH(&state->scratch, state->links, state->link_count, state->link_capacity) = link;
        } else if (member->kind == MEMBER_SECTION) {
            size_t section = get_required(state, sections->checklist->section_count, "a section");
            if (state->problem) break;
            if (sections->referenced_by[section] != NO_INDEX)
                fail(state, "section %zu is a member twice", section);
            sections->referenced_by[section] = container == NO_INDEX ? 0 : container + 1;
            member->node = (void *)sections->checklist->sections[section].decl;
        } else if (member->kind == MEMBER_SCALE) {
            member->name = get_required_str(state, "a default scale");
        } else {
            get_text(state, &member->text);
        }
    }
    members->count = members->capacity = state->problem ? 0 : count;
}

static void read_section(reader *state, section_reading *sections, size_t index,
                         unsigned *depth) {
    graph_section *section = &sections->checklist->sections[index];
    ast_section *decl = (ast_section *)section->decl;
    decl->name = get_required_str(state, "a section name");
    decl->where = get_span(state);
    get_text(state, &decl->title);
    section->parent = get_index(state, index, "parent section");
    if (state->problem) return;
    depth[index] = section->parent == NO_INDEX ? 1 : depth[section->parent] + 1;
    if (depth[index] > TKC_MAX_SECTION_DEPTH)
        fail(state, "sections nest deeper than %d", TKC_MAX_SECTION_DEPTH);
    read_members(state, sections, &decl->members, index);
    section->items = get_nodes(state, &section->item_count);
    section->item_capacity = section->item_count;
}

/* Every section is named once, by the members of its parent. */
static void check_section_tree(reader *state, const section_reading *sections) {
    for (size_t index = 0; index < sections->checklist->section_count && !state->problem; index++) {
        size_t parent = sections->checklist->sections[index].parent;
        size_t expected = parent == NO_INDEX ? 0 : parent + 1;
        if (sections->referenced_by[index] != expected)
            fail(state, "section %zu is not a member of its parent", index);
    }
}

static void read_sections(reader *state, section_reading *sections) {
    graph_checklist *checklist = sections->checklist;
    size_t count = get_count(state, LEAST_SECTION);
    checklist->sections = arena_calloc(state->region, count + 1, sizeof(graph_section));
    sections->referenced_by = arena_calloc(&state->scratch, count + 1, sizeof(size_t));
    unsigned *depth = arena_calloc(&state->scratch, count + 1, sizeof(unsigned));
    for (size_t index = 0; index < count; index++) {
        checklist->sections[index].decl = ARENA_NEW(state->region, ast_section);
        sections->referenced_by[index] = NO_INDEX;
    }
    checklist->section_count = checklist->section_capacity = count;
    for (size_t index = 0; index < count && !state->problem; index++)
        read_section(state, sections, index, depth);
}

static void read_checklist(reader *state, size_t index) {
    graph_checklist *checklist = &state->graph->checklists[index];
    ast_checklist *decl = &state->checklist_decls[index];
    checklist->decl = decl;
    decl->name = checklist->name = get_required_str(state, "a checklist name");
    decl->where = get_span(state);
    get_text(state, &decl->title);
    decl->file = get_source(state, false);
    decl->scale_name = get_str(state);
    decl->scale_span = get_span(state);
    get_text(state, &decl->source_ref);
    if (state->problem) return;
    section_reading sections = {checklist, index, NULL};
    read_sections(state, &sections);
    read_members(state, &sections, &decl->members, NO_INDEX);
    check_section_tree(state, &sections);
    checklist->items = get_nodes(state, &checklist->item_count);
    checklist->item_capacity = checklist->item_count;
    checklist->values = get_nodes(state, &checklist->value_count);
    checklist->value_capacity = checklist->value_count;
}

/* {=== reading: nodes ===} */

static const ast_checklist *node_checklist(const reader *state, const graph_node *node) {
    return node->checklist == NO_INDEX ? NULL : &state->checklist_decls[node->checklist];
}

static void read_fact(reader *state, graph_node *node) {
    ast_fact *decl = ARENA_NEW(state->region, ast_fact);
    graph_fact *fact = ARENA_NEW(state->region, graph_fact);
    decl->name = node->name;
    decl->where = node->where;
    decl->file = node->file;
    decl->fixed = get_bool(state);
    decl->type = (fact_type)get_enum(state, FACT_ENUM, "fact type");
    const ast_list *members = get_enum_ref(state);
    if (members) {
        decl->enum_members = *members;
        size_t list = (size_t)(members - state->enums);
        if (!state->enum_owners[list]) state->enum_owners[list] = &decl->enum_members;
    }
    if (!state->problem && (members != NULL) != (decl->type == FACT_ENUM))
        fail(state, "fact '%s' has members but is no enum, or the reverse", node->name);
    fact->default_value = get_expr(state, false);
    get_text(state, &decl->description);
    static const value_type types[] = {TYPE_BOOL, TYPE_NUMBER, TYPE_STRING, TYPE_DATE, TYPE_ENUM};
    fact->decl = decl;
    fact->type = types[decl->type];
    node->fact = fact;
    node->type = fact->type;
    node->enum_members = decl->type == FACT_ENUM ? &decl->enum_members : NULL;
}

static void read_exclusions(reader *state, graph_item *item, ast_item *decl) {
    size_t count = get_count(state, LEAST_EXCLUSION);
    item->exclusions = arena_calloc(state->region, count + 1, sizeof(graph_exclusion));
    decl->exclusions.items = arena_calloc(state->region, count + 1, sizeof(void *));
    for (size_t index = 0; index < count && !state->problem; index++) {
        ast_exclusion *exclusion = ARENA_NEW(state->region, ast_exclusion);
        item->exclusions[index].condition = get_expr(state, true);
        get_text(state, &exclusion->reason);
        exclusion->where = get_span(state);
        item->exclusions[index].reason = &exclusion->reason;
        decl->exclusions.items[index] = exclusion;
    }
    item->exclusion_count = decl->exclusions.count = decl->exclusions.capacity =
        state->problem ? 0 : count;
    count = get_count(state, LEAST_BYTE);
    item->only_when = arena_calloc(state->region, count + 1, sizeof(gexpr *));
    for (size_t index = 0; index < count && !state->problem; index++)
        item->only_when[index] = get_expr(state, true);
    item->only_when_count = state->problem ? 0 : count;
}

static void read_item(reader *state, graph_node *node, size_t index) {
    ast_item *decl = ARENA_NEW(state->region, ast_item);
    graph_item *item = ARENA_NEW(state->region, graph_item);
    if (node->checklist == NO_INDEX) fail(state, "item '%s' is in no checklist", node->name);
    if (state->problem) return;
    const graph_checklist *checklist = &state->graph->checklists[node->checklist];
    decl->id = node->name;
    decl->where = node->where;
    decl->qualifier = get_str(state);
    decl->file = get_source(state, false);
    ast_text *texts[] = {&decl->text, &decl->label, &decl->question, &decl->note,
                         &decl->source_ref, &decl->printed};
    for (size_t text = 0; text < sizeof texts / sizeof *texts; text++) get_text(state, texts[text]);
    decl->scale_name = get_str(state);
    decl->scale_span = get_span(state);
    bool own_options = get_bool(state);
    decl->weight = item->weight = get_f64(state);
    decl->has_weight = get_bool(state);
    get_str_list(state, &decl->tags);
    item->section = get_index(state, checklist->section_count, "section");
    size_t scale = get_required(state, state->scale_count, "the item's scale");
    if (state->problem) return;
    if (own_options && !state->inline_scales[scale])
        fail(state, "item '%s' has options of its own that are a named scale", node->name);
    item->scale = &state->scales[scale];
    decl->options = own_options ? state->inline_scales[scale] : NULL;
    read_exclusions(state, item, decl);
    decl->checklist = &state->checklist_decls[node->checklist];
    decl->node = index;
    item->decl = decl;
    node->item = item;
    node->type = TYPE_NUMBER;
}

static void read_stage(reader *state, graph_stage *stage, ast_stage *decl, size_t count) {
    decl->id = get_required_str(state, "a stage id");
    decl->where = get_span(state);
    get_text(state, &decl->title);
    stage->enter_when = get_expr(state, false);
    decl->during_from = get_str(state);
    decl->during_to = get_str(state);
    decl->during_span = get_span(state);
    stage->is_during = get_bool(state);
    stage->during_from = get_index(state, count, "stage");
    stage->during_to = get_index(state, count, "stage");
    stage->decl = decl;
}

static void read_ladder(reader *state, graph_node *node, size_t index) {
    ast_stages *decl = ARENA_NEW(state->region, ast_stages);
    graph_stages *ladder = ARENA_NEW(state->region, graph_stages);
    decl->name = node->name;
    decl->where = node->where;
    decl->file = node->file;
    decl->node = index;
    get_text(state, &decl->title);
    size_t count = get_count(state, LEAST_STAGE);
    ladder->stages = arena_calloc(state->region, count + 1, sizeof(graph_stage));
    decl->stages.items = arena_calloc(state->region, count + 1, sizeof(void *));
    for (size_t stage = 0; stage < count && !state->problem; stage++) {
        decl->stages.items[stage] = ARENA_NEW(state->region, ast_stage);
        read_stage(state, &ladder->stages[stage], decl->stages.items[stage], count);
    }
    ladder->stage_count = decl->stages.count = decl->stages.capacity = state->problem ? 0 : count;
    size_t starts = get_count(state, LEAST_START);
    ladder->starts = arena_calloc(state->region, starts + 1, sizeof(graph_stage_start));
    decl->starts.items = arena_calloc(state->region, starts + 1, sizeof(void *));
    for (size_t start = 0; start < starts && !state->problem; start++) {
        ast_stage_start *entry = ARENA_NEW(state->region, ast_stage_start);
        entry->stage = get_str(state);
        entry->where = get_span(state);
        ladder->starts[start].stage = get_required(state, ladder->stage_count, "a start's stage");
        ladder->starts[start].condition = get_expr(state, true);
        decl->starts.items[start] = entry;
    }
    ladder->start_count = decl->starts.count = decl->starts.capacity = state->problem ? 0 : starts;
    ladder->decl = decl;
    node->stages = ladder;
}

static void read_value(reader *state, graph_node *node, size_t index) {
    ast_value *decl = ARENA_NEW(state->region, ast_value);
    decl->kind = (value_kind)get_enum(state, VALUE_GATE, "value kind");
    if (!state->problem && (decl->kind == VALUE_GATE) != (node->kind == NODE_GATE))
        fail(state, "node '%s' is a gate in one place and a value in another", node->name);
    decl->file = get_source(state, false);
    decl->name = node->name;
    decl->where = node->where;
    get_text(state, &decl->title);
    decl->checklist = (ast_checklist *)node_checklist(state, node);
    decl->node = index;
    node->type = (value_type)get_enum(state, TYPE_ENUM, "type");
    node->enum_members = get_enum_ref(state);
    node->expr = get_expr(state, true);
    node->value_decl = decl;
}

static void read_node(reader *state, size_t index) {
    graph_node *node = &state->graph->nodes[index];
    node->kind = (node_kind)get_enum(state, NODE_STAGES, "node kind");
    node->name = get_required_str(state, "a node name");
    node->checklist = get_index(state, state->graph->checklist_count, "checklist");
    node->file = get_source(state, true);
    node->where = get_span_in(state, node->file);
    if (state->problem) return;
    switch (node->kind) {
    case NODE_FACT: read_fact(state, node); break;
    case NODE_ITEM: read_item(state, node, index); break;
    case NODE_STAGES: read_ladder(state, node, index); break;
    case NODE_VALUE:
    case NODE_GATE: read_value(state, node, index); break;
    }
}

/* {=== reading: tests ===} */

static void read_given(reader *state, graph_given *given, const source *file) {
    ast_given *decl = ARENA_NEW(state->region, ast_given);
    given->decl = decl;
    decl->kind = given->kind = (given_kind)get_enum(state, GIVEN_ALL_ITEMS, "given kind");
    decl->where = get_span_in(state, file);
    decl->name = get_str(state);
    decl->item_id = get_str(state);
    decl->item_span = get_span_in(state, file);
    decl->answer = get_str(state);
    decl->answer_span = get_span_in(state, file);
    if (state->problem) return;
    if (given->kind == GIVEN_FACT) {
        given->node = get_node(state);
        given->value = get_expr(state, true);
        return;
    }
    given->checklist = get_required(state, state->graph->checklist_count, "a given's checklist");
    if (given->kind == GIVEN_ITEM) given->node = get_node(state);
    size_t count = get_count(state, LEAST_BYTE);
    if (given->kind == GIVEN_ITEM && count != 1) fail(state, "a given item has %zu answers", count);
    given->options = arena_calloc(state->region, count + 1, sizeof(int));
    for (size_t index = 0; index < count && !state->problem; index++)
        given->options[index] = get_int(state);
    if (!state->problem && given->kind == GIVEN_ALL_ITEMS &&
        count != state->graph->checklists[given->checklist].item_count)
        fail(state, "a given answers %zu items of a checklist of %zu", count,
             state->graph->checklists[given->checklist].item_count);
}

static void read_expect(reader *state, graph_expect *expect, const source *file) {
    ast_expect *decl = ARENA_NEW(state->region, ast_expect);
    expect->decl = decl;
    decl->where = get_span_in(state, file);
    decl->during_stages = get_str(state);
    decl->during_id = get_str(state);
    decl->has_blocking = get_bool(state);
    decl->has_waiting = get_bool(state);
    get_str_list(state, &decl->blocking);
    get_str_list(state, &decl->waiting);
    expect->kind = (expect_kind)get_enum(state, EXPECT_DURING, "expectation kind");
    expect->expr = get_expr(state, false);
    expect->node = get_index(state, state->graph->node_count, "node");
    expect->wanted = get_int(state);
    expect->blocking = get_nodes(state, &expect->blocking_count);
    expect->waiting = get_nodes(state, &expect->waiting_count);
}

static void read_test(reader *state, graph_test *test) {
    ast_test *decl = ARENA_NEW(state->region, ast_test);
    test->decl = decl;
    decl->name = get_required_str(state, "a test name");
    decl->where = get_span(state);
    decl->variant = get_str(state);
    decl->variant_span = get_span(state);
    decl->file = get_source(state, true);
    if (state->problem) return;
    if (decl->where.end > decl->file->length || decl->variant_span.end > decl->file->length)
        fail(state, "test '%s' lies outside its file", decl->name);
    size_t count = get_count(state, LEAST_GIVEN);
    test->givens = arena_calloc(state->region, count + 1, sizeof(graph_given));
    decl->givens.items = arena_calloc(state->region, count + 1, sizeof(void *));
    for (size_t index = 0; index < count && !state->problem; index++) {
        read_given(state, &test->givens[index], decl->file);
        decl->givens.items[index] = (void *)test->givens[index].decl;
    }
    test->given_count = decl->givens.count = decl->givens.capacity = state->problem ? 0 : count;
    count = get_count(state, LEAST_EXPECT);
    test->expects = arena_calloc(state->region, count + 1, sizeof(graph_expect));
    decl->expects.items = arena_calloc(state->region, count + 1, sizeof(void *));
    for (size_t index = 0; index < count && !state->problem; index++) {
        read_expect(state, &test->expects[index], decl->file);
        decl->expects.items[index] = (void *)test->expects[index].decl;
    }
    test->expect_count = decl->expects.count = decl->expects.capacity = state->problem ? 0 : count;
}

/* {=== reading: the payload in order ===} */

static void read_payload(reader *state) {
    tk_graph *graph = state->graph;
    read_strings(state);
    read_module(state);
    read_sources(state);
    read_enums(state);
    read_scales(state);
    graph->node_count = get_count(state, LEAST_NODE);
    graph->checklist_count = get_count(state, LEAST_CHECKLIST);
    state->expr_count = get_count(state, LEAST_EXPR);
    if (state->problem) return;
    graph->nodes = arena_calloc(state->region, graph->node_count + 1, sizeof(graph_node));
    graph->checklists = arena_calloc(state->region, graph->checklist_count + 1,
                                     sizeof(graph_checklist));
    state->checklist_decls = arena_calloc(state->region, graph->checklist_count + 1,
                                          sizeof(ast_checklist));
    read_exprs(state);
    for (size_t index = 0; index < graph->checklist_count && !state->problem; index++)
        read_checklist(state, index);
    for (size_t index = 0; index < graph->node_count && !state->problem; index++)
        read_node(state, index);
    graph->facts = get_nodes(state, &graph->fact_count);
    graph->values = get_nodes(state, &graph->value_count);
    graph->ladders = get_nodes(state, &graph->ladder_count);
    size_t count = get_count(state, LEAST_TEST);
    graph->tests = arena_calloc(state->region, count + 1, sizeof(graph_test));
    for (size_t index = 0; index < count && !state->problem; index++)
        read_test(state, &graph->tests[index]);
    graph->test_count = state->problem ? 0 : count;
    if (!state->problem && state->offset != state->length)
        fail(state, "%zu bytes follow the last record", state->length - state->offset);
}

/* {=== linking: references of the right kind ===} */

static bool node_is(const reader *state, size_t node, node_kind kind) {
    return node < state->graph->node_count && state->graph->nodes[node].kind == kind;
}

static bool node_is_value(const reader *state, size_t node) {
    return node_is(state, node, NODE_VALUE) || node_is(state, node, NODE_GATE);
}

static size_t option_count_of(const reader *state, size_t item) {
    return state->graph->nodes[item].item->scale->option_count;
}

/* An option index of an item's scale. */
static bool valid_option(const reader *state, size_t item, int option) {
    return option >= 0 && (size_t)option < option_count_of(state, item);
}

static void link_aggregate(reader *state, const gaggregate *aggregate, size_t index) {
    for (size_t item = 0; item < aggregate->item_count && !state->problem; item++) {
        if (!node_is(state, aggregate->items[item], NODE_ITEM))
            fail(state, "aggregate %zu selects a node that is no item", index);
        else if (aggregate->options && aggregate->options[item] != -1 &&
                 !valid_option(state, aggregate->items[item], aggregate->options[item]))
            fail(state, "aggregate %zu names an option an item does not have", index);
    }
}

static void link_expr(reader *state, size_t index) {
    const gexpr *expr = &state->exprs[index];
    switch (expr->kind) {
    case G_NODE:
        if (!node_is(state, expr->node, NODE_FACT) && !node_is_value(state, expr->node))
            fail(state, "expression %zu reads a node that is no fact, value or gate", index);
        break;
    case G_ITEM_POINTS:
    case G_ITEM_IS:
        if (!node_is(state, expr->node, NODE_ITEM))
            fail(state, "expression %zu reads a node that is no item", index);
        else if (expr->kind == G_ITEM_IS && !valid_option(state, expr->node, expr->option))
            fail(state, "expression %zu names an option the item does not have", index);
        break;
    case G_FACT_IS: {
        const graph_node *fact = &state->graph->nodes[expr->node];
        if (fact->kind != NODE_FACT || fact->type != TYPE_ENUM || expr->option < 0 ||
            (size_t)expr->option >= fact->enum_members->count)
            fail(state, "expression %zu names a member the fact does not have", index);
        break;
    }
    case G_AGGREGATE: link_aggregate(state, &expr->aggregate, index); break;
    default: break;
    }
}

/* Item and value members name nodes of their own checklist, each once. */
static void link_members(reader *state) {
    const tk_graph *graph = state->graph;
    bool *named = arena_calloc(&state->scratch, graph->node_count + 1, sizeof(bool));
    for (size_t index = 0; index < state->link_count && !state->problem; index++) {
        member_link *link = &state->links[index];
        const graph_node *node = &graph->nodes[link->node];
        bool item = link->member->kind == MEMBER_ITEM;
        if (node->checklist != link->checklist || named[link->node] ||
            (item ? node->kind != NODE_ITEM : !node_is_value(state, link->node)))
            fail(state, "checklist member %zu names the wrong node", index);
        else
            link->member->node = item ? (void *)node->item->decl : (void *)node->value_decl;
        named[link->node] = true;
    }
}

/* A list of a checklist's (or a section's) own nodes of one kind. */
static bool own_nodes(const reader *state, const size_t *nodes, size_t count, size_t checklist,
                      bool items) {
    for (size_t index = 0; index < count; index++) {
        const graph_node *node = &state->graph->nodes[nodes[index]];
        if (node->checklist != checklist ||
            (items ? node->kind != NODE_ITEM : !node_is_value(state, nodes[index])))
            return false;
    }
    return true;
}

/* The node lists of checklists and sections; the syntax tree's lists too. */
static void link_checklists(reader *state) {
    tk_graph *graph = state->graph;
    for (size_t index = 0; index < graph->checklist_count && !state->problem; index++) {
        graph_checklist *checklist = &graph->checklists[index];
        ast_checklist *decl = &state->checklist_decls[index];
        bool fits = own_nodes(state, checklist->items, checklist->item_count, index, true) &&
                    own_nodes(state, checklist->values, checklist->value_count, index, false);
        for (size_t section = 0; section < checklist->section_count; section++)
            fits &= own_nodes(state, checklist->sections[section].items,
                              checklist->sections[section].item_count, index, true);
        if (!fits) {
            fail(state, "checklist '%s' lists a node that is not its own", checklist->name);
            return;
        }
        for (size_t item = 0; item < checklist->item_count; item++)
            ast_list_push(state->region, &decl->items,
                          (void *)graph->nodes[checklist->items[item]].item->decl);
        for (size_t value = 0; value < checklist->value_count; value++)
            ast_list_push(state->region, &decl->values,
                          (void *)graph->nodes[checklist->values[value]].value_decl);
    }
}

static void link_list(reader *state, const size_t *nodes, size_t count, node_kind kind,
                      const char *what) {
    for (size_t index = 0; index < count && !state->problem; index++) {
        size_t node = nodes[index];
        bool fits = kind == NODE_VALUE ? node_is_value(state, node) &&
                                             state->graph->nodes[node].checklist == NO_INDEX
                                       : node_is(state, node, kind);
        if (!fits) fail(state, "the list of %s names node %zu", what, node);
    }
}

/* 1 + the highest node an expression reads; 0 when it reads none. */
static size_t reads_up_to(const reader *state, const gexpr *expr) {
    return expr ? state->max_node[expr - state->exprs] : 0;
}

/* Every node reads only nodes before it: the order is topological. */
static void link_order(reader *state) {
    const tk_graph *graph = state->graph;
    for (size_t index = 0; index < graph->node_count && !state->problem; index++) {
        const graph_node *node = &graph->nodes[index];
        size_t highest = reads_up_to(state, node->expr);
        if (node->kind == NODE_FACT) highest = reads_up_to(state, node->fact->default_value);
        for (size_t entry = 0; node->kind == NODE_ITEM && entry < node->item->exclusion_count; entry++)
            if (reads_up_to(state, node->item->exclusions[entry].condition) > highest)
                highest = reads_up_to(state, node->item->exclusions[entry].condition);
        for (size_t entry = 0; node->kind == NODE_ITEM && entry < node->item->only_when_count; entry++)
            if (reads_up_to(state, node->item->only_when[entry]) > highest)
                highest = reads_up_to(state, node->item->only_when[entry]);
        for (size_t entry = 0; node->kind == NODE_STAGES && entry < node->stages->stage_count; entry++)
            if (reads_up_to(state, node->stages->stages[entry].enter_when) > highest)
                highest = reads_up_to(state, node->stages->stages[entry].enter_when);
        for (size_t entry = 0; node->kind == NODE_STAGES && entry < node->stages->start_count; entry++)
            if (reads_up_to(state, node->stages->starts[entry].condition) > highest)
                highest = reads_up_to(state, node->stages->starts[entry].condition);
        if (highest > index) fail(state, "node '%s' reads a node after it", node->name);
    }
}

/* A fact given in a test: a literal of the fact's type. */
static void link_fact_given(reader *state, const graph_given *given) {
    if (!node_is(state, given->node, NODE_FACT)) {
        fail(state, "a test gives a value to a node that is no fact");
        return;
    }
    const graph_node *fact = &state->graph->nodes[given->node];
    const gexpr *value = given->value;
    bool fits = value->kind == G_NUMBER || value->kind == G_BOOL;
    if (fact->type == TYPE_STRING || fact->type == TYPE_DATE) fits = value->kind == G_STRING;
    if (fact->type == TYPE_ENUM)
        fits = value->kind == G_NUMBER && value->number >= 0 &&
               value->number < (double)fact->enum_members->count &&
               value->number == floor(value->number);
    if (!fits) fail(state, "a test gives fact '%s' a value of another type", fact->name);
}

static void link_given(reader *state, const graph_given *given) {
    if (given->kind == GIVEN_FACT) {
        link_fact_given(state, given);
        return;
    }
    const graph_checklist *checklist = &state->graph->checklists[given->checklist];
    if (given->kind == GIVEN_ITEM) {
        if (!node_is(state, given->node, NODE_ITEM) ||
            state->graph->nodes[given->node].checklist != given->checklist ||
            !valid_option(state, given->node, given->options[0]))
            fail(state, "a test answers an item with an option it does not have");
        return;
    }
    for (size_t index = 0; index < checklist->item_count && !state->problem; index++)
        if (!valid_option(state, checklist->items[index], given->options[index]))
            fail(state, "a test answers an item with an option it does not have");
}

static bool stage_wanted(const reader *state, const graph_expect *expect) {
    return node_is(state, expect->node, NODE_STAGES) && expect->wanted >= -1 &&
           expect->wanted < (int)state->graph->nodes[expect->node].stages->stage_count;
}

static void link_expect(reader *state, const graph_expect *expect) {
    bool fits = true;
    switch (expect->kind) {
    case EXPECT_TRUE: break;
    case EXPECT_GATE:
        fits = node_is(state, expect->node, NODE_GATE) && expect->wanted >= -1 && expect->wanted <= 2;
        break;
    case EXPECT_STATE:
        fits = node_is(state, expect->node, NODE_ITEM) && expect->wanted >= -1 && expect->wanted <= 4;
        break;
    case EXPECT_VALUE_STATE:
        fits = expect->expr && (expect->wanted == EV_UNKNOWN || expect->wanted == EV_NA);
        break;
    case EXPECT_STAGE:
    case EXPECT_DURING: fits = stage_wanted(state, expect); break;
    }
    for (size_t index = 0; index < expect->blocking_count; index++)
        fits &= node_is(state, expect->blocking[index], NODE_ITEM);
    for (size_t index = 0; index < expect->waiting_count; index++)
        fits &= node_is(state, expect->waiting[index], NODE_ITEM);
    if (!fits) fail(state, "an expectation names the wrong kind of node or state");
}

static void link_tests(reader *state) {
    const tk_graph *graph = state->graph;
    for (size_t test = 0; test < graph->test_count && !state->problem; test++) {
        for (size_t index = 0; index < graph->tests[test].given_count && !state->problem; index++)
            link_given(state, &graph->tests[test].givens[index]);
        for (size_t index = 0; index < graph->tests[test].expect_count && !state->problem; index++)
            link_expect(state, &graph->tests[test].expects[index]);
    }
}

/* A fact's default is a literal, as the compiler makes it. */
static void link_defaults(reader *state) {
    for (size_t index = 0; index < state->graph->node_count && !state->problem; index++) {
        const graph_node *node = &state->graph->nodes[index];
        if (node->kind != NODE_FACT || !node->fact->default_value) continue;
        gexpr_kind kind = node->fact->default_value->kind;
        if (kind != G_NUMBER && kind != G_BOOL && kind != G_STRING)
            fail(state, "the default of fact '%s' is not a literal", node->name);
    }
}

/* As compiled, enum-typed expressions and values point at their fact's own
   member list. */
static const ast_list *owned(const reader *state, const ast_list *members) {
    if (!members) return NULL;
    const ast_list *owner = state->enum_owners[members - state->enums];
    return owner ? owner : members;
}

static void adopt_enum_lists(reader *state) {
    for (size_t index = 0; index < state->expr_count; index++)
        state->exprs[index].enum_members = owned(state, state->exprs[index].enum_members);
    for (size_t index = 0; index < state->graph->node_count; index++)
        if (state->graph->nodes[index].kind != NODE_FACT)
            state->graph->nodes[index].enum_members =
                owned(state, state->graph->nodes[index].enum_members);
}

static void link_graph(reader *state) {
    adopt_enum_lists(state);
    for (size_t index = 0; index < state->expr_count && !state->problem; index++)
        link_expr(state, index);
    link_members(state);
    link_checklists(state);
    link_list(state, state->graph->facts, state->graph->fact_count, NODE_FACT, "facts");
    link_list(state, state->graph->values, state->graph->value_count, NODE_VALUE, "values");
    link_list(state, state->graph->ladders, state->graph->ladder_count, NODE_STAGES, "stages");
    link_order(state);
    link_defaults(state);
    link_tests(state);
}

/* {=== types: the compiler's checker, then what it leaves to the resolver ===} */

/* An enum-typed expression can only yield an index into its member list. */
static void check_enum_ranges(reader *state) {
    for (size_t index = 0; index < state->expr_count && !state->problem; index++) {
        const gexpr *expr = &state->exprs[index];
        if (expr->type != TYPE_ENUM || !state->expr_used[index]) continue;
        bool fits = expr->enum_members != NULL;
        if (fits && expr->kind == G_NUMBER)
            fits = expr->number >= 0 && expr->number < (double)expr->enum_members->count &&
                   expr->number == floor(expr->number);
        else if (fits && expr->kind == G_IF)
            fits = expr->otherwise->enum_members &&
                   expr->otherwise->enum_members->count <= expr->enum_members->count;
        else if (fits && expr->kind != G_NODE)
            fits = false;
        if (!fits) fail(state, "expression %zu may yield no member of its enum", index);
    }
    for (size_t index = 0; index < state->graph->node_count && !state->problem; index++) {
        const graph_node *node = &state->graph->nodes[index];
        if (node->kind != NODE_FACT || node->type != TYPE_ENUM || !node->fact->default_value)
            continue;
        const gexpr *value = node->fact->default_value;
        if (value->type != TYPE_ENUM || value->number >= (double)node->enum_members->count)
            fail(state, "the default of fact '%s' is no member of it", node->name);
    }
}

static bool root_is(const gexpr *expr, value_type wanted) { return !expr || expr->type == wanted; }

/* After the checker: every condition is true/false, every value typed. */
static void check_roots(reader *state) {
    const tk_graph *graph = state->graph;
    for (size_t index = 0; index < graph->node_count && !state->problem; index++) {
        const graph_node *node = &graph->nodes[index];
        bool fits = true;
        if (node->kind == NODE_VALUE) fits = node->type != TYPE_ERROR;
        if (node->kind == NODE_GATE) fits = root_is(node->expr, TYPE_BOOL);
        for (size_t entry = 0; node->kind == NODE_ITEM && entry < node->item->exclusion_count; entry++)
            fits &= root_is(node->item->exclusions[entry].condition, TYPE_BOOL);
        for (size_t entry = 0; node->kind == NODE_ITEM && entry < node->item->only_when_count; entry++)
            fits &= root_is(node->item->only_when[entry], TYPE_BOOL);
        for (size_t entry = 0; node->kind == NODE_STAGES && entry < node->stages->stage_count; entry++)
            fits &= root_is(node->stages->stages[entry].enter_when, TYPE_BOOL);
        for (size_t entry = 0; node->kind == NODE_STAGES && entry < node->stages->start_count; entry++)
            fits &= root_is(node->stages->starts[entry].condition, TYPE_BOOL);
        if (!fits) fail(state, "node '%s' does not have the type it needs", node->name);
    }
}

static void check_graph_types(reader *state) {
    diag_list found;
    diag_list_init(&found);
    check_types(state->graph, &found);
    for (size_t test = 0; test < state->graph->test_count; test++) {
        const graph_test *entry = &state->graph->tests[test];
        for (size_t index = 0; index < entry->expect_count; index++) {
            const graph_expect *expect = &entry->expects[index];
            if (expect->kind == EXPECT_TRUE && expect->expr &&
                check_expression(state->graph, expect->expr, entry->decl->file, &found) != TYPE_BOOL)
                fail(state, "a test's expectation is not true/false");
        }
    }
    if (found.error_count) fail(state, "the graph does not type-check: %s", found.items[0]->message);
    diag_list_release(&found);
    check_roots(state);
    check_enum_ranges(state);
}

/* {=== the name maps ===} */

static void map_nodes(tk_graph *graph, strmap *map, const size_t *nodes, size_t count) {
    for (size_t index = 0; index < count; index++)
        strmap_put(&graph->region, map, graph->nodes[nodes[index]].name,
                   graph_index_value(nodes[index]));
}

static void build_maps(tk_graph *graph) {
    for (size_t index = 0; index < graph->checklist_count; index++) {
        graph_checklist *checklist = &graph->checklists[index];
        strmap_put(&graph->region, &graph->checklist_by_name, checklist->name,
                   graph_index_value(index));
        map_nodes(graph, &checklist->item_by_id, checklist->items, checklist->item_count);
        map_nodes(graph, &checklist->value_by_name, checklist->values, checklist->value_count);
    }
    map_nodes(graph, &graph->fact_by_name, graph->facts, graph->fact_count);
    map_nodes(graph, &graph->value_by_name, graph->values, graph->value_count);
    map_nodes(graph, &graph->ladder_by_name, graph->ladders, graph->ladder_count);
}

/* {=== loading: the header ===} */

static diagnostic *report(diag_list *diags, diag_code code, const char *path, const char *format,
                          ...) __attribute__((format(printf, 4, 5)));

static diagnostic *report(diag_list *diags, diag_code code, const char *path, const char *format,
                          ...) {
    va_list args;
    va_start(args, format);
    char message[512];
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    diagnostic *record = diag_report_at_path(diags, SEVERITY_ERROR, code, path, "%s", message);
    diag_set_help(diags, record, "%s", recompile_help);
    return record;
}

/* The tenken version a header names, or NULL when the field is not text. */
static const char *header_tenken(const unsigned char *bytes, char *text) {
    const unsigned char *field = bytes + TKC_OFFSET_TENKEN;
    if (!memchr(field, 0, TKC_VERSION_FIELD)) return NULL;
    for (size_t index = 0; field[index]; index++)
        if (field[index] < 0x20 || field[index] > 0x7E) return NULL;
    memcpy(text, field, TKC_VERSION_FIELD);
    return text;
}

static bool check_version(const unsigned char *bytes, size_t length, const char *path,
                          diag_list *diags) {
    uint32_t version = load_u32(bytes + TKC_OFFSET_VERSION);
    if (version == TKC_FORMAT_VERSION) return true;
    char text[TKC_VERSION_FIELD];
    const char *written_by = length >= TKC_HEADER_SIZE ? header_tenken(bytes, text) : NULL;
    report(diags, DIAG_TK0903, path,
           "compiled graph format version %u%s%s%s; this tenken reads version %d", version,
           written_by ? " (written by tenken " : "", written_by ? written_by : "",
           written_by ? ")" : "", TKC_FORMAT_VERSION);
    return false;
}

/* The magic bytes: a file cut inside them is truncated, any other is foreign. */
static bool check_magic(const unsigned char *bytes, size_t length, const char *path,
                        diag_list *diags) {
    if (length < TKC_MAGIC_SIZE && memcmp(bytes, tkc_magic, length) == 0) {
        report(diags, DIAG_TK0904, path, "the compiled graph is truncated: %s",
               length ? "the file ends inside its magic bytes" : "the file is empty");
        return false;
    }
    if (length >= TKC_MAGIC_SIZE && memcmp(bytes, tkc_magic, TKC_MAGIC_SIZE) == 0) return true;
    diagnostic *record = diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0902, path,
        "not a compiled tenken graph: the file does not start with the .tkc magic bytes");
    diag_set_help(diags, record, "write one with `tenken compile RULES -o FILE.tkc`; "
                                 "a rule file is named .tkn");
    return false;
}

/* The rest of a version-1 header: sizes, the version text, the checksum. */
static bool check_layout(const unsigned char *bytes, size_t length, const char *path,
                         bool verify_checksum, diag_list *diags) {
    char text[TKC_VERSION_FIELD];
    uint64_t payload = load_u64(bytes + TKC_OFFSET_PAYLOAD_SIZE);
    if (load_u32(bytes + TKC_OFFSET_HEADER_SIZE) != TKC_HEADER_SIZE || !header_tenken(bytes, text))
        report(diags, DIAG_TK0904, path, "the compiled graph is damaged: its header is malformed");
    else if (payload > length - TKC_HEADER_SIZE)
        report(diags, DIAG_TK0904, path, "the compiled graph is truncated: the file has %zu of "
               "the %llu payload bytes its header announces", length - TKC_HEADER_SIZE,
               (unsigned long long)payload);
    else if (payload < length - TKC_HEADER_SIZE)
        report(diags, DIAG_TK0904, path, "the compiled graph is damaged: %zu bytes follow its "
               "payload", (size_t)(length - TKC_HEADER_SIZE - payload));
    else if (verify_checksum && file_checksum(bytes, length) != load_u64(bytes + TKC_OFFSET_CHECKSUM))
        report(diags, DIAG_TK0904, path, "the compiled graph is damaged: its checksum does not "
               "match its contents");
    else
        return true;
    return false;
}

/* Check the header; on success the payload lies after it. The version is
   read before the rest, whose layout it decides. */
static bool check_header(const unsigned char *bytes, size_t length, const char *path,
                         bool verify_checksum, diag_list *diags) {
    if (!check_magic(bytes, length, path, diags)) return false;
    if (length >= TKC_OFFSET_HEADER_SIZE && !check_version(bytes, length, path, diags))
        return false;
    if (length < TKC_HEADER_SIZE) {
        report(diags, DIAG_TK0904, path, "the compiled graph is truncated: "
               "the file ends inside its %d-byte header", TKC_HEADER_SIZE);
        return false;
    }
    return check_layout(bytes, length, path, verify_checksum, diags);
}

/* {=== loading ===} */

/* Rebuild a graph from a payload; NULL with the first problem in `problem`. */
static tk_graph *decode_payload(const unsigned char *payload, size_t length, char *problem,
                                size_t size) {
    tk_graph *graph = calloc(1, sizeof *graph);
    if (!graph) abort();
    arena_init(&graph->region);
    reader state = {0};
    state.bytes = payload;
    state.length = length;
    state.region = &graph->region;
    state.graph = graph;
    arena_init(&state.scratch);
    read_payload(&state);
    if (!state.problem) link_graph(&state);
    if (!state.problem) check_graph_types(&state);
    if (!state.problem) build_maps(graph);
    if (state.problem) {
        snprintf(problem, size, "%s (payload byte %zu)", state.problem, state.problem_offset);
        tk_graph_free(graph);
        graph = NULL;
    } else {
        graph->precompiled = true;
    }
    arena_release(&state.scratch);
    return graph;
}

tk_graph *tkc_load_bytes(const unsigned char *bytes, size_t length, const char *path,
                         bool verify_checksum, diag_list *diags) {
    if (!check_header(bytes, length, path, verify_checksum, diags)) return NULL;
    char problem[400];
    tk_graph *graph = decode_payload(bytes + TKC_HEADER_SIZE, length - TKC_HEADER_SIZE, problem,
                                     sizeof problem);
    if (!graph) report(diags, DIAG_TK0904, path, "the compiled graph is damaged: %s", problem);
    return graph;
}

/* Read a whole file into `region`; NULL with errno's message on failure. */
static unsigned char *read_file(arena *region, const char *path, size_t *length,
                                const char **error) {
    FILE *stream = fopen(path, "rb");
    if (!stream) {
        *error = strerror(errno);
        return NULL;
    }
    size_t capacity = 0;
    unsigned char *buffer = NULL;
    *length = 0;
    for (;;) {
        buffer = arena_grow(region, buffer, &capacity, *length + 65536, 1);
        size_t got = fread(buffer + *length, 1, capacity - *length, stream);
        *length += got;
        if (got == 0) break;
        if (*length > TKC_MAX_FILE) {
            fclose(stream);
            *error = "file is larger than 64 MiB";
            return NULL;
        }
    }
    bool failed = ferror(stream);
    fclose(stream);
    if (failed) *error = "read error";
    return failed ? NULL : buffer;
}

tk_graph *tkc_load(const char *path, diag_list *diags) {
    arena scratch;
    arena_init(&scratch);
    size_t length = 0;
    const char *error = NULL;
    unsigned char *bytes = read_file(&scratch, path, &length, &error);
    tk_graph *graph = NULL;
    if (!bytes)
        diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0901, path,
                            "cannot read the file: %s", error);
    else
        graph = tkc_load_bytes(bytes, length, path, true, diags);
    arena_release(&scratch);
    return graph;
}

bool tkc_path_is_compiled(const char *path) {
    size_t length = strlen(path);
    if (length >= 4 && strcmp(path + length - 4, ".tkc") == 0) return true;
    if (strcmp(path, "-") == 0) return false;
    struct stat info;
    if (stat(path, &info) != 0 || !S_ISREG(info.st_mode)) return false;
    FILE *stream = fopen(path, "rb");
    if (!stream) return false;
    unsigned char magic[TKC_MAGIC_SIZE];
    bool compiled = fread(magic, 1, sizeof magic, stream) == sizeof magic &&
                    memcmp(magic, tkc_magic, sizeof magic) == 0;
    fclose(stream);
    return compiled;
}

/* {=== the public interface ===} */

tk_graph *tk_load_compiled(const char *path, tk_diags *diags) {
    return tkc_load(path, diag_list_of(diags));
}

bool tk_write_compiled(const tk_graph *graph, const char *path, tk_diags *diags) {
    return tkc_write(graph, path, diag_list_of(diags));
}

const char *tk_graph_variant(const tk_graph *graph) { return graph->variant; }
bool tk_graph_is_precompiled(const tk_graph *graph) { return graph->precompiled; }
