/*
 * import_text.c — names, lists, characters and strings for `tenken import`:
 * what an option may hold, and how a value is written so that the rule
 * language reads it back as it was.
 */
#include "config.h"

#include "frameworks/import_text.h"

#include <errno.h>
#include <string.h>

#include "base/diag.h"
#include "lang/parse.h"
#include "base/source.h"
#include "base/utf8.h"

#include "grammar/parser.h"

static bool name_character(char byte, bool first) {
    return byte == '_' || (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
           (!first && byte >= '0' && byte <= '9');
}

/* Letters, digits and _ in `length` bytes, not starting with a digit. */
static bool name_shaped(const char *text, size_t length) {
    if (length == 0) return false;
    for (size_t index = 0; index < length; index++)
        if (!name_character(text[index], index == 0)) return false;
    return true;
}

bool import_is_name(const char *text) {
    if (!text || !name_shaped(text, strlen(text))) return false;
    recovery point;
    if (setjmp(point.resume)) {
        errno = ENOMEM;
        return false;
    }
    recovery_begin(&point, NULL);
    arena region;
    arena_init(&region);
    recovery_own(&point, &region, NULL, NULL);
    diag_list diags;
    diag_list_init(&diags);
    recovery_own(&point, &diags.region, NULL, NULL);
    const source *file = source_from_text(&region, "name", text, strlen(text));
    size_t count = 0;
    const lex_token *tokens = lex_scan(&region, file, &diags, false, &count);
    bool name = count == 1 && tokens[0].kind == IDENT && diags.count == 0;
    diag_list_release(&diags);
    arena_release(&region);
    recovery_end(&point);
    return name;
}

bool import_is_module_name(const char *text) {
    if (!text) return false;
    for (;;) {
        const char *dot = strchr(text, '.');
        size_t length = dot ? (size_t)(dot - text) : strlen(text);
        if (!name_shaped(text, length)) return false;
        if (!dot) return true;
        text = dot + 1;
    }
}

static const char *trimmed(arena *region, const char *start, size_t length) {
    while (length > 0 && (*start == ' ' || *start == '\t')) start++, length--;
    while (length > 0 && (start[length - 1] == ' ' || start[length - 1] == '\t')) length--;
    return arena_strndup(region, start, length);
}

bool import_split_list(arena *region, const char *list, const char **items, size_t max,
                       size_t *count) {
    *count = 0;
    for (const char *cursor = list;;) {
        const char *comma = strchr(cursor, ',');
        size_t length = comma ? (size_t)(comma - cursor) : strlen(cursor);
        if (*count == max) return false;
        items[(*count)++] = trimmed(region, cursor, length);
        if (!comma) return true;
        cursor = comma + 1;
    }
}

static bool control_point(uint32_t code_point) {
    return (code_point < 0x20 && code_point != '\t') || (code_point >= 0x7F && code_point < 0xA0);
}

size_t import_bad_character(const char *text, size_t length) {
    size_t offset = 0;
    while (offset < length) {
        uint32_t code_point;
        size_t size = utf8_decode(text + offset, length - offset, &code_point);
        if (size == 0 || control_point(code_point)) return offset;
        offset += size;
    }
    return length;
}

const char *import_describe_character(arena *region, const char *text, size_t length,
                                      size_t offset) {
    uint32_t code_point;
    size_t size = utf8_decode(text + offset, length - offset, &code_point);
    if (size == 0) return "a byte that is not UTF-8";
    if (code_point == '\n' || code_point == '\r') return "a line break";
    return arena_printf(region, "the control character U+%04X", (unsigned)code_point);
}

void import_write_string(FILE *stream, const char *text) {
    fputc('"', stream);
    for (const char *cursor = text; *cursor; cursor++) {
        if (*cursor == '"' || *cursor == '\\') fputc('\\', stream);
        if (*cursor == '\t')
            fputs("\\t", stream);
        else
            fputc(*cursor, stream);
    }
    fputc('"', stream);
}

/* The table's file name without its directories, its control characters
   shown as '?' so the comment stays one line. */
static void write_base_name(FILE *stream, const char *path) {
    const char *slash = strrchr(path, '/');
    const char *name = slash && slash[1] ? slash + 1 : path;
    for (const unsigned char *cursor = (const unsigned char *)name; *cursor; cursor++)
        fputc(*cursor < 0x20 || *cursor == 0x7F ? '?' : *cursor, stream);
}

void import_write_head(FILE *stream, const char *module, const char *const *imports,
                       size_t import_count, const char *table_path, size_t row_count) {
    fprintf(stream, "tenken 1\nmodule %s\n", module);
    for (size_t index = 0; index < import_count; index++)
        fprintf(stream, "import %s\n", imports[index]);
    fputs("\n# Imported by tenken import from ", stream);
    write_base_name(stream, table_path);
    fprintf(stream, " (%zu %s).\n", row_count, row_count == 1 ? "row" : "rows");
}
