/*
 * atomic_file.h — replacing a file so that nothing is ever half written: the
 * new contents go to a temporary file beside the target, are flushed and
 * fsynced, then renamed over it, and the directory is synced so the rename
 * itself survives a crash. On any error the temporary file is removed and
 * the old file is left as it was. Every file tenken writes goes through here.
 */
#ifndef TK_ATOMIC_FILE_H
#define TK_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct atomic_file {
    FILE *stream;           /* write the new contents here */
    char *target;           /* the file replaced: a symbolic link's target, so the link stays */
    char *temporary;        /* the file being written, beside the target */
} atomic_file;

/* Start replacing `path` (which need not exist). The new file gets the old
   one's mode (and owner, where allowed), or 0666 less the umask. False, with
   errno set, when no temporary file can be made. */
bool atomic_file_open(atomic_file *file, const char *path);

/* Flush, fsync, rename into place, sync the directory. False, with errno
   set, when any step failed; the old file is then untouched. Either way the
   atomic_file is released. */
bool atomic_file_commit(atomic_file *file);

/* Give up: remove the temporary file and release everything. */
void atomic_file_discard(atomic_file *file);

/* Replace `path` with `length` bytes at once. */
bool atomic_file_write(const char *path, const void *bytes, size_t length);

#endif
