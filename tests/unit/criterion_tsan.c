/*
 * criterion_tsan.c — lets Criterion run the unit tests in a ThreadSanitizer
 * build (./configure --enable-sanitizers=thread); in any other build this
 * file is empty.
 *
 * Criterion runs each test in a child process, and BoxFort, its sandbox
 * library, shares memory with the child through mappings placed at the same
 * address in both. It draws that address with rand_r(): a 16 MiB slot from
 * 0x2000_0000_0000 up to 0x6000_0000_0000, and it gives up after ten slots
 * that are taken. ThreadSanitizer keeps nearly all of that range for its
 * shadow memory or reserves it, so Criterion aborts before the first test
 * ("Could not initialize inheritable arena" or "Could not initialize test
 * context"); no TSAN_OPTIONS moves ThreadSanitizer's memory. This rand_r(),
 * which BoxFort calls through the dynamic linker and so finds here first,
 * takes the slots one after another from 0x5670_0000_0000 up to
 * 0x5680_0000_0000 instead: memory ThreadSanitizer leaves to the program,
 * above where Linux puts position-independent executables.
 */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TK_THREAD_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define TK_THREAD_SANITIZER 1
#endif

#ifdef TK_THREAD_SANITIZER
#include <stdlib.h>

enum {
    FIRST_SLOT = 0x367000,  /* (0x5670_0000_0000 - 0x2000_0000_0000) / 16 MiB */
    SLOTS = 0x1000,         /* up to 0x5680_0000_0000 */
};

int rand_r(unsigned *seed) {
    return (int)(FIRST_SLOT + (*seed)++ % SLOTS);
}
#else
typedef int criterion_tsan_unused;  /* ISO C wants a declaration in every file */
#endif
