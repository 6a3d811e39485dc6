/*
 * arena.h — region allocator: every compilation and every evaluation owns one
 * arena, and everything it allocates is freed at once with the arena.
 */
#ifndef TK_ARENA_H
#define TK_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *current;   /* block being filled; older blocks chain behind it */
    size_t bytes_total;     /* bytes obtained from malloc, for limits and benches */
} arena;

void arena_init(arena *region);
void arena_release(arena *region);
void *arena_alloc(arena *region, size_t size);
void *arena_calloc(arena *region, size_t count, size_t size);
char *arena_strndup(arena *region, const char *text, size_t length);
char *arena_strdup(arena *region, const char *text);
char *arena_printf(arena *region, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Grow an array kept in the arena to hold at least `needed` elements. */
void *arena_grow(arena *region, void *array, size_t *capacity, size_t needed,
                 size_t element_size);

#define ARENA_NEW(region, type) ((type *)arena_calloc((region), 1, sizeof(type)))
#define ARENA_PUSH(region, array, count, capacity)                               \
    ((array) = arena_grow((region), (array), &(capacity), (count) + 1,         \
                          sizeof(*(array))),                                     \
     &(array)[(count)++])

#endif
