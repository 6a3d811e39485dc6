/*
 * ast.c — helpers over the syntax tree that several stages share.
 */
#include "lang/ast.h"

#include <stdlib.h>
#include <string.h>

void ast_list_push(arena *region, ast_list *list, void *item) {
    *ARENA_PUSH(region, list->items, list->count, list->capacity) = item;
}

const char *ast_text_pick(const ast_text *text, const char *lang) {
    if (!text || text->count == 0) return NULL;
    for (size_t index = 0; lang && index < text->count; index++)
        if (text->variants[index].lang && strcmp(text->variants[index].lang, lang) == 0)
            return text->variants[index].text;
    for (size_t index = 0; index < text->count; index++)
        if (!text->variants[index].lang) return text->variants[index].text;
    return text->variants[0].text;
}

bool text_is_date(const char *text) {
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-') return false;
    for (int index = 0; index < 10; index++)
        if (index != 4 && index != 7 && (text[index] < '0' || text[index] > '9')) return false;
    int year = atoi(text), month = atoi(text + 5), day = atoi(text + 8);
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1) return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= month_days[month - 1] + (month == 2 && leap);
}

const char *relation_name(relation_kind relation) {
    switch (relation) {
    case RELATION_EQUIVALENT: return "equivalent";
    case RELATION_EQUAL: return "equal";
    case RELATION_SUBSET_OF: return "subset-of";
    case RELATION_SUPERSET_OF: return "superset-of";
    case RELATION_INTERSECTS: return "intersects";
    case RELATION_NO_RELATIONSHIP: return "no-relationship";
    case RELATION_NEW: return "new";
    }
    return "?";
}

const char *control_kind_name(control_kind kind) {
    switch (kind) {
    case KIND_CLAUSE: return "clause";
    case KIND_OBJECTIVE: return "objective";
    case KIND_CONTROL: return "control";
    case KIND_DETAIL: return "detail";
    }
    return "?";
}
