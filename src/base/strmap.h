/*
 * strmap.h — a string-keyed hash map kept in an arena, for name tables
 * (scales, facts, checklists, item ids). Keys are not copied.
 */
#ifndef TK_STRMAP_H
#define TK_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

typedef struct strmap_slot {
    const char *key;
    void *value;
    uint64_t hash;          /* of key: most mismatches are told without strcmp */
} strmap_slot;

typedef struct strmap {
    strmap_slot *slots;
    size_t capacity;        /* a power of two, or 0 */
    size_t count;
} strmap;

/* The value stored under key, or NULL. */
void *strmap_get(const strmap *map, const char *key);

/* Store value under key unless the key is there; returns the value now
   stored (the old one when the key existed). */
void *strmap_put(arena *region, strmap *map, const char *key, void *value);

#endif
