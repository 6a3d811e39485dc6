/*
 * output.c — writing a command's product to standard output or, atomically,
 * to a file: mkstemp beside the target, write, fflush, fsync, rename, then
 * fsync the directory so the rename itself survives a crash.
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void report(const char *command, const char *what, const char *path, int error) {
    fprintf(stderr, "tenken %s: cannot %s %s: %s\n", command, what, path, strerror(error));
}

/* The mode a new file gets: that of the file it replaces, else 0666 less
   the umask, as fopen would give it. */
static mode_t new_file_mode(const char *path) {
    struct stat info;
    if (stat(path, &info) == 0) return info.st_mode & 07777;
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

bool cli_output_open(cli_output *output, const char *command, const char *path) {
    memset(output, 0, sizeof *output);
    if (!path || strcmp(path, "-") == 0) {
        output->stream = stdout;
        return true;
    }
    output->path = path;
    size_t length = strlen(path) + sizeof ".XXXXXX";
    output->temporary = malloc(length);
    if (!output->temporary) abort();
    snprintf(output->temporary, length, "%s.XXXXXX", path);
    int descriptor = mkstemp(output->temporary);
    if (descriptor < 0) {
        report(command, "create", path, errno);
        free(output->temporary);
        output->temporary = NULL;
        return false;
    }
    if (fchmod(descriptor, new_file_mode(path)) != 0 ||
        !(output->stream = fdopen(descriptor, "w"))) {
        report(command, "create", path, errno);
        close(descriptor);
        cli_output_discard(output);
        return false;
    }
    return true;
}

/* fsync the directory holding path, so that the rename is on disk too. */
static void sync_directory(const char *path) {
    const char *slash = strrchr(path, '/');
    char *directory = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path))
                            : strdup(".");
    if (!directory) return;
    int descriptor = open(directory, O_RDONLY | O_DIRECTORY);
    if (descriptor >= 0) {
        fsync(descriptor); /* some file systems refuse; the data is synced already */
        close(descriptor);
    }
    free(directory);
}

bool cli_output_commit(cli_output *output, const char *command) {
    if (!output->temporary) {
        if (fflush(output->stream) == 0 && !ferror(output->stream)) return true;
        report(command, "write", "standard output", errno);
        return false;
    }
    int error = 0;
    if (fflush(output->stream) != 0 || ferror(output->stream)) error = errno ? errno : EIO;
    else if (fsync(fileno(output->stream)) != 0) error = errno;
    if (fclose(output->stream) != 0 && !error) error = errno;
    output->stream = NULL;
    if (!error && rename(output->temporary, output->path) != 0) error = errno;
    if (error) {
        report(command, "write", output->path, error);
        cli_output_discard(output);
        return false;
    }
    sync_directory(output->path);
    free(output->temporary);
    output->temporary = NULL;
    return true;
}

void cli_output_discard(cli_output *output) {
    if (output->stream && output->stream != stdout) fclose(output->stream);
    output->stream = NULL;
    if (output->temporary) {
        unlink(output->temporary);
        free(output->temporary);
        output->temporary = NULL;
    }
}
