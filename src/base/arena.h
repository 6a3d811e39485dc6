/*
 * arena.h — region allocator: every compilation and every evaluation owns one
 * arena, and everything it allocates is freed at once with the arena.
 *
 * Running out of memory never returns NULL to the caller: the arena jumps to
 * the recovery point of the public call in progress (as Lua's luaD_throw
 * does), which frees what the call made and returns the call's failure
 * value. See "running out of memory" below and arena.c.
 */
#ifndef TK_ARENA_H
#define TK_ARENA_H

#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>

typedef struct arena_block arena_block;
typedef struct recovery recovery;

typedef struct arena {
    arena_block *current;   /* block being filled; older blocks chain behind it */
    size_t bytes_total;     /* bytes obtained from malloc, for limits and benches */
    recovery *on_failure;   /* the recovery point of the call in progress, or NULL */
    struct arena *next_owned;           /* the call's other arenas to free if it fails */
    void (*free_owner)(void *owner);    /* how: free_owner(owner), else arena_release */
    void *owner;
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

/* {=== running out of memory ===}

   Every public function that allocates is one protected call:

       recovery point;
       if (setjmp(point.resume)) return FAILURE;   (memory ran out: all is freed)
       recovery_begin(&point, an arena the caller handed in, or NULL);
       recovery_guard(&point, &diags_list->region);        (arenas that outlive it)
       (the two at once, for the diagnostics: recovery_begin_guarded)
       handle = ...; recovery_own(&point, &handle->region, free_handle, handle);
       ...
       recovery_end(&point);
       return handle;

   recovery_fail (any arena of the call that cannot get memory, or the code
   that sees malloc, libyaml or stdio fail) runs the cleanups pushed, frees
   the arenas the call owns, unguards the others, and jumps to the point.
   The branch after setjmp reads only the function's parameters: everything
   else was freed before the jump. A public function called by the library
   from within another call (tk_evaluate from tk_test_run) begins within it:
   its point only forwards, what it makes joins the outer call, and running
   out of memory ends the outer call. An arena that runs out of memory with
   no recovery point (a public function that forgot to begin one) aborts:
   tests/oom.sh fails every allocation of every command to catch that. */

typedef struct recovery_cleanup {
    void (*run)(void *data);    /* undo something that is not in an arena */
    void *data;
    recovery *point;            /* where it is pushed; NULL outside a call */
    struct recovery_cleanup *next;
} recovery_cleanup;

enum { RECOVERY_MAX_GUARDED = 8 };

struct recovery {
    jmp_buf resume;             /* where the public function resumes */
    recovery *outer;            /* the call this one runs within; NULL: its own */
    arena *owned;               /* arenas made in the call, freed if it fails */
    recovery_cleanup *cleanups; /* run if it fails, newest first */
    arena *guarded[RECOVERY_MAX_GUARDED];   /* arenas that outlive the call */
    size_t guarded_count;
};

/* Start the call, within the call that protects `given` if one does. */
void recovery_begin(recovery *point, const arena *given);
/* Protect an arena that outlives the call (the diagnostics, a reader);
   nothing when point is NULL. */
void recovery_guard(recovery *point, arena *region);
/* recovery_begin within the call that protects `outliving`, then
   recovery_guard it: how a public call that reports into a tk_diags
   begins, the diagnostics outliving the call. */
void recovery_begin_guarded(recovery *point, arena *outliving);
/* An arena the call made: freed if the call fails, by free_owner(owner)
   when it is not NULL (the handle holding the arena), else by
   arena_release. arena_release leaves the list. Nothing when point is NULL
   (a stage run by a unit test, outside any call). */
void recovery_own(recovery *point, arena *region, void (*free_owner)(void *), void *owner);
/* The call succeeded: its arenas are unprotected and kept. */
void recovery_end(recovery *point);
/* Memory ran out: fail the call (abort when point is NULL: no call). */
_Noreturn void recovery_fail(recovery *point);

/* A scratch arena within a call: protected by the point that protects
   `within`, if any, and released if the call fails. */
void arena_init_within(arena *region, const arena *within);
/* The point protecting an arena, or NULL. */
static inline recovery *arena_recovery(const arena *region) { return region->on_failure; }
/* Memory ran out outside the arena (malloc, libyaml, stdio): fail the call
   that protects `region`. */
_Noreturn void arena_out_of_memory(const arena *region);

/* Something to undo if the call fails before recovery_pop (a FILE, a
   libyaml parser): pushed on the point protecting `within`; nothing
   outside a call. */
void recovery_push(const arena *within, recovery_cleanup *cleanup, void (*run)(void *),
                   void *data);
void recovery_pop(recovery_cleanup *cleanup);

/* open_memstream within a call: the stream and its text are freed if the
   call fails before text_stream_close, which fails the call when a write
   found no memory. Between the two, only the stream and arenas are used
   (errno tells a write that found no memory). */
typedef struct text_stream {
    FILE *stream;
    char **text;
    size_t *length;
    recovery_cleanup cleanup;
} text_stream;
FILE *text_stream_open(text_stream *out, const arena *within, char **text, size_t *length);
void text_stream_close(text_stream *out, const arena *within);

/* A public function that writes to a FILE and returns nothing (tk_report,
   tk_write_template, …) says memory ran out as stdio says a write failed:
   the stream's error indicator is set (ferror), and errno is ENOMEM. */
void stream_out_of_memory(FILE *stream);

#endif
