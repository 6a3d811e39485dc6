/*
 * arena.c — region allocator. Blocks are chained; an allocation that does not
 * fit starts a new block (large requests get a block of their own). Running out
 * of memory aborts: a half-built graph is never handed back.
 */
#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks grow from 4 KiB to 64 KiB: an answer set or a result needs a few
   kilobytes, and a million of them must not each take (and give back) a
   64 KiB block, which makes malloc grow and trim the heap every time. */
enum { ARENA_FIRST_BLOCK = 4 * 1024, ARENA_BLOCK_SIZE = 64 * 1024, ARENA_ALIGN = 16 };

struct arena_block {
    arena_block *previous;
    size_t used;
    size_t size;
    _Alignas(16) unsigned char bytes[];
};

void arena_init(arena *region) {
    region->current = NULL;
    region->bytes_total = 0;
}

void arena_release(arena *region) {
    arena_block *block = region->current;
    while (block) {
        arena_block *previous = block->previous;
        free(block);
        block = previous;
    }
    region->current = NULL;
    region->bytes_total = 0;
}

static arena_block *arena_new_block(arena *region, size_t size) {
    arena_block *block = malloc(sizeof(arena_block) + size);
    if (!block) {
        fputs("tenken: out of memory\n", stderr);
        abort();
    }
    block->used = 0;
    block->size = size;
    region->bytes_total += sizeof(arena_block) + size;
    return block;
}

void *arena_alloc(arena *region, size_t size) {
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (rounded < size) abort(); /* overflow */
    arena_block *block = region->current;
    if (!block || block->size - block->used < rounded) {
        if (rounded > ARENA_BLOCK_SIZE / 4) {
            /* A large request gets its own block, kept behind the current one. */
            arena_block *large = arena_new_block(region, rounded);
            large->used = rounded;
            if (block) {
                large->previous = block->previous;
                block->previous = large;
            } else {
                large->previous = NULL;
                region->current = large;
            }
            return large->bytes;
        }
        size_t next_size = block ? block->size * 2 : ARENA_FIRST_BLOCK;
        if (next_size > ARENA_BLOCK_SIZE) next_size = ARENA_BLOCK_SIZE;
        if (next_size < rounded) next_size = ARENA_BLOCK_SIZE;
        block = arena_new_block(region, next_size);
        block->previous = region->current;
        region->current = block;
    }
    void *memory = block->bytes + block->used;
    block->used += rounded;
    return memory;
}

void *arena_calloc(arena *region, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) abort();
    void *memory = arena_alloc(region, count * size);
    memset(memory, 0, count * size);
    return memory;
}

char *arena_strndup(arena *region, const char *text, size_t length) {
    char *copy = arena_alloc(region, length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *arena_strdup(arena *region, const char *text) {
    return arena_strndup(region, text, strlen(text));
}

char *arena_printf(arena *region, const char *format, ...) {
    va_list args;
    va_start(args, format);
    int length = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (length < 0) length = 0;
    char *text = arena_alloc(region, (size_t)length + 1);
    va_start(args, format);
    vsnprintf(text, (size_t)length + 1, format, args);
    va_end(args);
    return text;
}

void *arena_grow(arena *region, void *array, size_t *capacity, size_t needed,
                 size_t element_size) {
    if (needed <= *capacity) return array;
    size_t new_capacity = *capacity ? *capacity * 2 : 8;
    while (new_capacity < needed) new_capacity *= 2;
    void *grown = arena_calloc(region, new_capacity, element_size);
    if (array) memcpy(grown, array, *capacity * element_size);
    *capacity = new_capacity;
    return grown;
}
