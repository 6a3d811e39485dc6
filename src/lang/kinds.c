/*
 * kinds.c — the words of the lists in kinds.h, and looking an entry up by
 * its word. Everything here comes from the X-macro lists.
 */
#include "lang/kinds.h"

#include <string.h>

#define TK_KIND_WORD(name, word) word,

const char *const aggregate_names[AGGREGATE_FUNCTION_COUNT] = {TK_AGGREGATES(TK_KIND_WORD)};
const char *const item_attribute_names[ITEM_ATTRIBUTE_COUNT] = {TK_ITEM_ATTRIBUTES(TK_KIND_WORD)};
const char *const item_state_names[ITEM_STATE_COUNT] = {TK_ITEM_STATES(TK_KIND_WORD)};
const char *const relation_names[RELATION_COUNT] = {TK_RELATIONS(TK_KIND_WORD)};
static const char *const binary_op_names[BINARY_OP_COUNT] = {TK_BINARY_OPS(TK_KIND_WORD)};
const char *const number_function_names[NUMBER_FUNCTION_COUNT] = {
    TK_NUMBER_FUNCTIONS(TK_KIND_WORD)};
static const char *const control_kind_names[CONTROL_KIND_COUNT] = {TK_CONTROL_KINDS(TK_KIND_WORD)};

static const char *word_of(const char *const *words, size_t count, int value) {
    return value >= 0 && (size_t)value < count ? words[value] : "?";
}

static int index_of(const char *const *words, size_t count, const char *word) {
    for (size_t index = 0; word && index < count; index++)
        if (strcmp(words[index], word) == 0) return (int)index;
    return -1;
}

const char *aggregate_name(aggregate_function function) {
    return word_of(aggregate_names, AGGREGATE_FUNCTION_COUNT, (int)function);
}
const char *item_attribute_name(item_attribute attribute) {
    return word_of(item_attribute_names, ITEM_ATTRIBUTE_COUNT, (int)attribute);
}
const char *item_state_name(item_state state) {
    return word_of(item_state_names, ITEM_STATE_COUNT, (int)state);
}
const char *binary_op_name(binary_op op) {
    return word_of(binary_op_names, BINARY_OP_COUNT, (int)op);
}
const char *relation_name(relation_kind relation) {
    return word_of(relation_names, RELATION_COUNT, (int)relation);
}
const char *control_kind_name(control_kind kind) {
    return word_of(control_kind_names, CONTROL_KIND_COUNT, (int)kind);
}

const char *number_function_name(number_function function) {
    return word_of(number_function_names, NUMBER_FUNCTION_COUNT, (int)function);
}

int aggregate_by_name(const char *word) {
    return index_of(aggregate_names, AGGREGATE_FUNCTION_COUNT, word);
}
int item_attribute_by_name(const char *word) {
    return index_of(item_attribute_names, ITEM_ATTRIBUTE_COUNT, word);
}
int item_state_by_name(const char *word) {
    return index_of(item_state_names, ITEM_STATE_COUNT, word);
}
int relation_by_name(const char *word) { return index_of(relation_names, RELATION_COUNT, word); }
int control_kind_by_name(const char *word) {
    return index_of(control_kind_names, CONTROL_KIND_COUNT, word);
}
int number_function_by_name(const char *word) {
    return index_of(number_function_names, NUMBER_FUNCTION_COUNT, word);
}
