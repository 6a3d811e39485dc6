/*
 * atomic_file.c — write beside, fsync, rename, sync the directory. The
 * temporary file is made with mkstemp in the target's own directory, so the
 * rename never crosses file systems.
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include "base/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file to replace: the target of a symbolic link, else the path. NULL
   (errno ENOMEM) when there is no memory for the name. */
static char *resolve_target(const char *path) {
    char *resolved = realpath(path, NULL);
    if (resolved || errno == ENOMEM) return resolved;
    return strdup(path); /* a new file: write it where it is named */
}

static char *directory_of(const char *path) {
    const char *slash = strrchr(path, '/');
    return !slash ? strdup(".") : slash == path ? strdup("/")
                                                : strndup(path, (size_t)(slash - path));
}

/* Give the new file the old one's mode and, when allowed, its owner. */
static void copy_permissions(int descriptor, const char *target) {
    struct stat info;
    if (stat(target, &info) == 0) {
        if (fchown(descriptor, info.st_uid, info.st_gid) != 0) errno = 0;
        if (fchmod(descriptor, info.st_mode & 07777) != 0) errno = 0;
        return;
    }
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(descriptor, 0666 & ~mask) != 0) errno = 0;
}

static void sync_directory(const char *target) {
    char *directory = directory_of(target);
    if (!directory) return; /* no memory for its name: the file itself is synced */
    int descriptor = open(directory, O_RDONLY);
    if (descriptor >= 0) {
        if (fsync(descriptor) != 0) errno = 0; /* some file systems refuse; the data is synced */
        close(descriptor);
    }
    free(directory);
}

static void release(atomic_file *file) {
    free(file->target);
    free(file->temporary);
    file->target = file->temporary = NULL;
    file->stream = NULL;
}

/* Running out of memory before anything is made. */
static bool no_memory(atomic_file *file, char *directory) {
    free(directory);
    release(file);
    errno = ENOMEM;
    return false;
}

bool atomic_file_open(atomic_file *file, const char *path) {
    memset(file, 0, sizeof *file);
    errno = 0;
    file->target = resolve_target(path);
    if (!file->target) return no_memory(file, NULL);
    char *directory = directory_of(file->target);
    if (!directory) return no_memory(file, NULL);
    const char *slash = strrchr(file->target, '/');
    const char *name = slash ? slash + 1 : file->target;
    size_t size = strlen(directory) + strlen(name) + sizeof "/..tenken-XXXXXX";
    file->temporary = malloc(size);
    if (!file->temporary) return no_memory(file, directory);
    snprintf(file->temporary, size, "%s/.%s.tenken-XXXXXX", directory, name);
    free(directory);
    int descriptor = mkstemp(file->temporary);
    if (descriptor < 0) {
        int error = errno;
        release(file);
        errno = error;
        return false;
    }
    copy_permissions(descriptor, file->target);
    file->stream = fdopen(descriptor, "w");
    if (!file->stream) {
        int error = errno;
        close(descriptor);
        unlink(file->temporary);
        release(file);
        errno = error;
        return false;
    }
    return true;
}

bool atomic_file_commit(atomic_file *file) {
    int error = 0;
    if (fflush(file->stream) != 0 || ferror(file->stream)) error = errno ? errno : EIO;
    else if (fsync(fileno(file->stream)) != 0) error = errno;
    if (fclose(file->stream) != 0 && !error) error = errno;
    file->stream = NULL;
    if (!error && rename(file->temporary, file->target) != 0) error = errno;
    if (error) {
        unlink(file->temporary);
        release(file);
        errno = error;
        return false;
    }
    sync_directory(file->target);
    release(file);
    return true;
}

void atomic_file_discard(atomic_file *file) {
    if (file->stream) fclose(file->stream);
    if (file->temporary) unlink(file->temporary);
    release(file);
}

bool atomic_file_write(const char *path, const void *bytes, size_t length) {
    atomic_file file;
    if (!atomic_file_open(&file, path)) return false;
    if (length && fwrite(bytes, 1, length, file.stream) != length) {
        int error = errno ? errno : EIO;
        atomic_file_discard(&file);
        errno = error;
        return false;
    }
    return atomic_file_commit(&file);
}
