/*
 * source.c — loading input files and mapping byte offsets to lines and
 * display columns (binary search over the line map).
 */
#include "base/source.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

static void source_index_lines(arena *region, source *file) {
    size_t capacity = 0, count = 0;
    uint32_t *starts = NULL;
    *ARENA_PUSH(region, starts, count, capacity) = 0;
    /* A line ends at LF, CR LF, or a lone CR (old Mac files), as YAML counts them. */
    for (size_t offset = 0; offset < file->length; offset++) {
        char byte = file->text[offset];
        bool lone_cr = byte == '\r' && (offset + 1 >= file->length || file->text[offset + 1] != '\n');
        if (byte == '\n' || lone_cr)
            *ARENA_PUSH(region, starts, count, capacity) = (uint32_t)(offset + 1);
    }
    file->line_starts = starts;
    file->line_count = count;
}

source *source_from_text(arena *region, const char *path, const char *text,
                         size_t length) {
    source *file = ARENA_NEW(region, source);
    file->path = arena_strdup(region, path);
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        length -= 3;
        file->bom = true;
    }
    file->text = arena_strndup(region, text, length);
    file->length = length;
    source_index_lines(region, file);
    return file;
}

static void close_file(void *stream) {
    if (stream != stdin) fclose(stream);
}

char *source_read_bytes(arena *region, const char *path, size_t *length, const char **error) {
    FILE *stream = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!stream) {
        if (errno == ENOMEM) arena_out_of_memory(region);
        *error = strerror(errno);
        return NULL;
    }
    recovery_cleanup closing; /* the file is closed if memory runs out while reading */
    recovery_push(region, &closing, close_file, stream);
    size_t capacity = 0;
    char *buffer = NULL;
    *length = 0;
    for (;;) {
        buffer = arena_grow(region, buffer, &capacity, *length + 65536, 1);
        size_t got = fread(buffer + *length, 1, capacity - *length, stream);
        *length += got;
        if (got == 0) break;
        if (*length > SOURCE_MAX_BYTES) {
            recovery_pop(&closing);
            close_file(stream);
            *error = "file is larger than 64 MiB";
            return NULL;
        }
    }
    int failed = ferror(stream);
    recovery_pop(&closing);
    close_file(stream);
    if (failed) *error = "read error";
    return failed ? NULL : buffer;
}

source *source_read_file(arena *region, const char *path, const char **error) {
    size_t length = 0;
    char *bytes = source_read_bytes(region, path, &length, error);
    if (!bytes) return NULL;
    return source_from_text(region, strcmp(path, "-") == 0 ? "<stdin>" : path, bytes, length);
}

static unsigned source_line_of(const source *file, uint32_t offset) {
    size_t low = 0, high = file->line_count;
    while (high - low > 1) {
        size_t middle = (low + high) / 2;
        if (file->line_starts[middle] <= offset)
            low = middle;
        else
            high = middle;
    }
    return (unsigned)low + 1;
}

source_position source_locate(const source *file, uint32_t offset) {
    if (offset > file->length) offset = (uint32_t)file->length;
    source_position position;
    position.line = source_line_of(file, offset);
    uint32_t line_start = file->line_starts[position.line - 1];
    position.column =
        (unsigned)utf8_display_width(file->text + line_start, offset - line_start) + 1;
    return position;
}

source_position source_locate_after(const source *file, uint32_t offset, uint32_t known_offset,
                                    source_position known) {
    if (offset > file->length) offset = (uint32_t)file->length;
    unsigned line = source_line_of(file, offset);
    if (known.line != line || known_offset > offset) return source_locate(file, offset);
    source_position position = known;
    position.column += (unsigned)utf8_display_width(file->text + known_offset, offset - known_offset);
    return position;
}

const char *source_line(const source *file, unsigned line, size_t *length) {
    if (line == 0 || line > file->line_count) {
        *length = 0;
        return "";
    }
    uint32_t start = file->line_starts[line - 1];
    uint32_t end = line < file->line_count ? file->line_starts[line] : (uint32_t)file->length;
    while (end > start && (file->text[end - 1] == '\n' || file->text[end - 1] == '\r'))
        end--;
    *length = end - start;
    return file->text + start;
}

uint32_t source_offset_at(const source *file, size_t line, size_t column) {
    if (line >= file->line_count) return (uint32_t)file->length;
    uint32_t offset = file->line_starts[line];
    for (size_t character = 0; character < column && offset < file->length; character++) {
        uint32_t code_point;
        size_t size = utf8_decode(file->text + offset, file->length - offset, &code_point);
        offset += size ? (uint32_t)size : 1;
    }
    return offset;
}
