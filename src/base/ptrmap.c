/*
 * ptrmap.c — open addressing with linear probing over a multiplicative
 * hash of the address; grows at 50% load.
 */
#include "base/ptrmap.h"

#include <stdint.h>

static size_t slot_of(const ptrmap *map, const void *key) {
    uint64_t hash = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ULL;
    size_t slot = (size_t)(hash >> 20) & (map->capacity - 1);
    while (map->keys[slot] && map->keys[slot] != key) slot = (slot + 1) & (map->capacity - 1);
    return slot;
}

size_t ptrmap_get(const ptrmap *map, const void *key) {
    return map->capacity ? map->values[slot_of(map, key)] : 0;
}

void ptrmap_put(arena *region, ptrmap *map, const void *key, size_t value) {
    if ((map->count + 1) * 2 > map->capacity) {
        ptrmap grown = {NULL, NULL, map->capacity ? map->capacity * 2 : 64, 0};
        grown.keys = arena_calloc(region, grown.capacity, sizeof *grown.keys);
        grown.values = arena_calloc(region, grown.capacity, sizeof *grown.values);
        for (size_t index = 0; index < map->capacity; index++)
            if (map->keys[index]) ptrmap_put(region, &grown, map->keys[index], map->values[index]);
        *map = grown;
    }
    size_t slot = slot_of(map, key);
    if (!map->keys[slot]) map->count++;
    map->keys[slot] = key;
    map->values[slot] = value;
}
