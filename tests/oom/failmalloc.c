/*
 * failmalloc.c — allocation-failure injection for tests/oom.sh, as SQLite's
 * test harness does it: preloaded (LD_PRELOAD) into a run of tenken, it lets
 * malloc, calloc and realloc succeed until the Nth call, then fail that call
 * and every one after it, as when memory is exhausted. Every caller fails
 * alike: tenken's arenas, libyaml, the C library's stdio and the dynamic
 * loader.
 *
 *   TENKEN_FAIL_AT=N      the first call that fails (1 is the first call made
 *                         after this library is loaded); unset or 0: none
 *   TENKEN_FAIL_ONCE=1    fail that call only, as when memory is short for
 *                         a moment: the calls after it succeed
 *   TENKEN_FAIL_COUNT=F   at exit, write to file F how many calls were made
 *                         (to know how many there are to sweep)
 *   TENKEN_FAIL_PROGRAM=P count and fail only in a program named P (not in
 *                         valgrind's launcher, which runs tenken under it)
 *
 * Built only for make check, never linked into the library. It wraps the C
 * library's own allocator (glibc's __libc_malloc and siblings), so free
 * needs no wrapping.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);

static atomic_ulong calls;          /* calls made so far */
static unsigned long fail_at;       /* 0: never fail */
static int fail_once;               /* fail only call fail_at */
static char count_file[4096];       /* where to write the count at exit */
static int active;                  /* in the program asked for */

__attribute__((constructor)) static void failmalloc_start(void) {
    const char *program = getenv("TENKEN_FAIL_PROGRAM");
    if (program && strcmp(program, program_invocation_short_name) != 0) return;
    const char *at = getenv("TENKEN_FAIL_AT");
    const char *file = getenv("TENKEN_FAIL_COUNT");
    if (file && strlen(file) < sizeof count_file) strcpy(count_file, file);
    if (at) fail_at = strtoul(at, NULL, 10);
    fail_once = getenv("TENKEN_FAIL_ONCE") != NULL;
    atomic_store(&calls, 0);
    active = 1;
}

/* Write the count with write(2): stdio would allocate. */
__attribute__((destructor)) static void failmalloc_end(void) {
    if (!count_file[0]) return;
    int descriptor = open(count_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (descriptor < 0) return;
    char digits[32];
    int length = snprintf(digits, sizeof digits, "%lu\n", atomic_load(&calls));
    if (write(descriptor, digits, (size_t)length) != length) errno = 0;
    close(descriptor);
}

/* Whether this call is to fail. */
static int failing(void) {
    if (!active) return 0;
    unsigned long number = atomic_fetch_add(&calls, 1) + 1;
    if (!fail_at || number < fail_at || (fail_once && number > fail_at)) return 0;
    errno = ENOMEM;
    return 1;
}

void *malloc(size_t size) { return failing() ? NULL : __libc_malloc(size); }

void *calloc(size_t count, size_t size) { return failing() ? NULL : __libc_calloc(count, size); }

void *realloc(void *pointer, size_t size) {
    return failing() ? NULL : __libc_realloc(pointer, size);
}
