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
