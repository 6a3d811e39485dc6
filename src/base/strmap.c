/*
 * strmap.c — open-addressing hash map with linear probing (FNV-1a hashes).
 * Grows at 50% load; never shrinks, since maps live as long as their arena.
 */
#include "base/strmap.h"

#include <stdint.h>
#include <string.h>

static uint64_t hash_text(const char *text) {
    uint64_t hash = 14695981039346656037ULL;
    for (const unsigned char *cursor = (const unsigned char *)text; *cursor; cursor++) {
        hash ^= *cursor;
        hash *= 1099511628211ULL;
    }
    return hash;
}

void *strmap_get(const strmap *map, const char *key) {
    if (map->capacity == 0) return NULL;
    size_t mask = map->capacity - 1;
    uint64_t hash = hash_text(key);
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        if (!map->slots[slot].key) return NULL;
        if (map->slots[slot].hash == hash && strcmp(map->slots[slot].key, key) == 0)
            return map->slots[slot].value;
    }
}

static void strmap_grow(arena *region, strmap *map) {
    size_t old_capacity = map->capacity;
    strmap_slot *old_slots = map->slots;
    map->capacity = old_capacity ? old_capacity * 2 : 16;
    map->slots = arena_calloc(region, map->capacity, sizeof *map->slots);
    size_t mask = map->capacity - 1;
    for (size_t index = 0; index < old_capacity; index++) {
        if (!old_slots[index].key) continue;
        size_t slot = old_slots[index].hash & mask;
        while (map->slots[slot].key) slot = (slot + 1) & mask;
        map->slots[slot] = old_slots[index];
    }
}

void *strmap_put(arena *region, strmap *map, const char *key, void *value) {
    if ((map->count + 1) * 2 > map->capacity) strmap_grow(region, map);
    size_t mask = map->capacity - 1;
    uint64_t hash = hash_text(key);
    size_t slot = hash & mask;
    for (; map->slots[slot].key; slot = (slot + 1) & mask)
        if (map->slots[slot].hash == hash && strcmp(map->slots[slot].key, key) == 0)
            return map->slots[slot].value;
    map->slots[slot].key = key;
    map->slots[slot].value = value;
    map->slots[slot].hash = hash;
    map->count++;
    return value;
}
