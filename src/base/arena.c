/*
 * arena.c — region allocator, and what happens when memory runs out. Blocks
 * are chained; an allocation that does not fit starts a new block (large
 * requests get a block of their own).
 *
 * Running out of memory (malloc returning NULL, or a size that overflows)
 * is not returned to the caller: the arena jumps, as Lua's luaD_throw does,
 * to the recovery point of the public call in progress (arena.h shows the
 * pattern). Before jumping, the point runs the cleanups pushed on it, frees
 * every arena the call made (and the handles holding them) and unprotects
 * the arenas that outlive the call, so the public function only reports
 * "out of memory" and returns its failure value: nothing is leaked, nothing
 * half-built is handed back, nothing is printed and the process goes on.
 * The fast path is untouched: only a new block checks malloc's result. An
 * arena with no recovery point aborts: that is a public function that
 * forgot to begin one, and tests/oom.sh, which fails every allocation of
 * every command in turn, finds it.
 */
#include "base/arena.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
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
    region->on_failure = NULL;
    region->next_owned = NULL;
    region->free_owner = NULL;
    region->owner = NULL;
}

/* {=== recovery points ===} */

/* The point that acts: a call begun within another forwards to it. */
static recovery *acting(recovery *point) {
    return point->outer ? point->outer : point;
}

void recovery_begin(recovery *point, const arena *given) {
    point->outer = given ? given->on_failure : NULL;
    point->owned = NULL;
    point->cleanups = NULL;
    point->guarded_count = 0;
}

void recovery_guard(recovery *point, arena *region) {
    if (!point) return;
    recovery *acts = acting(point);
    if (region->on_failure == acts) return;
    /* Guarded by another call in progress: this call should have begun
       within it (recovery_begin's `given`), or the arenas would leave it
       while it still runs. A bug, found by any test that runs the call. */
    if (region->on_failure || acts->guarded_count == RECOVERY_MAX_GUARDED) abort();
    region->on_failure = acts;
    acts->guarded[acts->guarded_count++] = region;
}

void recovery_begin_guarded(recovery *point, arena *outliving) {
    recovery_begin(point, outliving);
    recovery_guard(point, outliving);
}

void recovery_own(recovery *point, arena *region, void (*free_owner)(void *), void *owner) {
    if (!point) return;
    recovery *acts = acting(point);
    region->on_failure = acts;
    region->free_owner = free_owner;
    region->owner = owner;
    region->next_owned = acts->owned;
    acts->owned = region;
}

void arena_init_within(arena *region, const arena *within) {
    arena_init(region);
    recovery_own(within->on_failure, region, NULL, NULL);
}

/* The arena leaves the point that protects it (it is being released). */
static void leave(arena *region) {
    recovery *point = region->on_failure;
    for (arena **link = &point->owned; *link; link = &(*link)->next_owned) {
        if (*link != region) continue;
        *link = region->next_owned;
        break;
    }
    for (size_t index = 0; index < point->guarded_count; index++) {
        if (point->guarded[index] != region) continue;
        point->guarded[index] = point->guarded[--point->guarded_count];
        break;
    }
    region->on_failure = NULL;
    region->next_owned = NULL;
}

static void unprotect(recovery *point) {
    for (arena *region = point->owned, *next; region; region = next) {
        next = region->next_owned;
        region->on_failure = NULL;
        region->next_owned = NULL;
    }
    for (size_t index = 0; index < point->guarded_count; index++)
        point->guarded[index]->on_failure = NULL;
    point->owned = NULL;
    point->guarded_count = 0;
}

void recovery_end(recovery *point) {
    if (point->outer) return; /* the outer call keeps what this one made */
    /* A cleanup still pushed is a function that returned without popping it. */
    if (point->cleanups) abort();
    unprotect(point);
}

_Noreturn void recovery_fail(recovery *point) {
    if (!point) abort(); /* no recovery point: a public call forgot one */
    point = acting(point);
    for (recovery_cleanup *cleanup = point->cleanups; cleanup; cleanup = cleanup->next) {
        cleanup->point = NULL;
        cleanup->run(cleanup->data);
    }
    point->cleanups = NULL;
    while (point->owned) {
        arena *region = point->owned;
        point->owned = region->next_owned;
        region->on_failure = NULL;
        region->next_owned = NULL;
        if (region->free_owner) region->free_owner(region->owner);
        else arena_release(region);
    }
    unprotect(point);
    longjmp(point->resume, 1);
}

_Noreturn void arena_out_of_memory(const arena *region) {
    recovery_fail(region->on_failure);
}

void recovery_push(const arena *within, recovery_cleanup *cleanup, void (*run)(void *),
                   void *data) {
    cleanup->run = run;
    cleanup->data = data;
    cleanup->point = within->on_failure;
    cleanup->next = NULL;
    if (!cleanup->point) return;
    cleanup->next = cleanup->point->cleanups;
    cleanup->point->cleanups = cleanup;
}

void recovery_pop(recovery_cleanup *cleanup) {
    if (!cleanup->point) return;
    for (recovery_cleanup **link = &cleanup->point->cleanups; *link; link = &(*link)->next) {
        if (*link != cleanup) continue;
        *link = cleanup->next;
        break;
    }
    cleanup->point = NULL;
}

static void drop_text(void *data) {
    text_stream *out = data;
    fclose(out->stream);
    free(*out->text);
    *out->text = NULL;
    *out->length = 0;
}

FILE *text_stream_open(text_stream *out, const arena *within, char **text, size_t *length) {
    out->text = text;
    out->length = length;
    out->stream = open_memstream(text, length);
    if (!out->stream) arena_out_of_memory(within);
    recovery_push(within, &out->cleanup, drop_text, out);
    errno = 0; /* see text_stream_close */
    return out->stream;
}

void text_stream_close(text_stream *out, const arena *within) {
    recovery_pop(&out->cleanup);
    /* A memory stream that cannot grow drops what is written and says so
       only in errno (glibc leaves the error indicator unset): nothing else
       written to it sets errno, and an arena that runs out jumps. */
    bool written = !ferror(out->stream) && errno != ENOMEM;
    /* Closing gives the text its final size, which may find no memory: the
       text is then NULL. */
    if (fclose(out->stream) == 0 && written && *out->text) return;
    free(*out->text);
    *out->text = NULL;
    *out->length = 0;
    arena_out_of_memory(within);
}

void stream_out_of_memory(FILE *stream) {
    /* C has no call to set the indicator: glibc keeps it in the open
       (bits/types/struct_FILE.h), the BSDs likewise; musl has __fseterr. */
#if defined(__GLIBC__)
    flockfile(stream);
    stream->_flags |= _IO_ERR_SEEN;
    funlockfile(stream);
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || \
    defined(__OpenBSD__) || defined(__DragonFly__)
    flockfile(stream);
    stream->_flags |= __SERR;
    funlockfile(stream);
#else
    extern void __fseterr(FILE *stream);
    __fseterr(stream);
#endif
    errno = ENOMEM;
}

/* {=== allocating ===} */

void arena_release(arena *region) {
    if (region->on_failure) leave(region);
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
    if (size > SIZE_MAX - sizeof(arena_block)) arena_out_of_memory(region);
    arena_block *block = malloc(sizeof(arena_block) + size);
    if (!block) arena_out_of_memory(region);
    block->used = 0;
    block->size = size;
    region->bytes_total += sizeof(arena_block) + size;
    return block;
}

void *arena_alloc(arena *region, size_t size) {
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (rounded < size) arena_out_of_memory(region); /* the size overflows */
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
    if (size && count > SIZE_MAX / size) arena_out_of_memory(region); /* overflows */
    void *memory = arena_alloc(region, count * size);
    memset(memory, 0, count * size);
    return memory;
}

char *arena_strndup(arena *region, const char *text, size_t length) {
    if (length == SIZE_MAX) arena_out_of_memory(region);
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
    while (new_capacity < needed) {
        if (new_capacity > SIZE_MAX / 2) arena_out_of_memory(region); /* overflows */
        new_capacity *= 2;
    }
    void *grown = arena_calloc(region, new_capacity, element_size);
    if (array) memcpy(grown, array, *capacity * element_size);
    *capacity = new_capacity;
    return grown;
}
