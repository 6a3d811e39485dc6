/*
 * ptrmap.h — a map from pointers to numbers kept in an arena: where a record
 * stands in a table, when records point at each other (the .tkc writer
 * numbers expressions, scales and enum lists by it).
 */
#ifndef TK_PTRMAP_H
#define TK_PTRMAP_H

#include <stddef.h>

#include "base/arena.h"

typedef struct ptrmap {
    const void **keys;
    size_t *values;
    size_t capacity, count;
} ptrmap;

/* The number stored for key, or 0 when there is none (store index + 1). */
size_t ptrmap_get(const ptrmap *map, const void *key);
void ptrmap_put(arena *region, ptrmap *map, const void *key, size_t value);

#endif
