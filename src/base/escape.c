/*
 * escape.c — untrusted text made safe for each kind of output. The text is
 * read as UTF-8; a byte that does not start a valid sequence (overlong,
 * surrogate, truncated, above U+10FFFF) is one invalid byte. The rules:
 *
 * HTML, content and quoted attribute values: & < > " ' become &amp; &lt;
 *   &gt; &quot; &#39;. Tab and LF stay. Every other C0 control (CR too, as
 *   it would be folded), DEL, the C1 controls U+0080–U+009F, U+FFFE and
 *   U+FFFF (HTML parse errors, not allowed in XML 1.0) and each invalid
 *   byte become U+FFFD.
 *
 * Markdown text (escape_md_text): a backslash before each of \ ` * _ [ ] <
 *   > | ~ # & !, so nothing becomes markup and a | stays inside its table
 *   cell. CRLF, LF, CR and tab become one space; every other C0 control,
 *   DEL and the C1 controls are dropped; each invalid byte becomes U+FFFD.
 * Markdown line (escape_md_line): the same, but only | is escaped: the
 *   text's own markup stays, the text stays on one line and in one cell.
 * Markdown code span (escape_md_code): backticks cannot be escaped inside
 *   one, so the fence is one backtick longer than the longest run of them
 *   in the text (padded with spaces when the text has any, or starts with a
 *   space); | is escaped for tables; line breaks, controls and invalid
 *   bytes as in Markdown text.
 *
 * YAML (escape_yaml): a double-quoted scalar that libyaml reads back as
 *   exactly the text. " and \ are escaped; tab, LF and CR are \t \n \r;
 *   U+0085, U+2028 and U+2029, which YAML reads as line breaks and folds,
 *   are \N \L \P; every other character YAML does not allow as it is — the
 *   C0 controls, DEL, the C1 controls as \xXX, U+FEFF (a byte order mark),
 *   U+FFFE and U+FFFF as \uXXXX. Everything else, characters beyond the BMP
 *   included, is written as it is, so `- `, `: `, `#`, `~`, `null`, `yes`,
 *   the empty text and leading or trailing spaces stay strings. A YAML file
 *   is UTF-8 and \xXX is the character U+00XX, not a byte: invalid UTF-8
 *   cannot be carried, and each invalid byte becomes U+FFFD (as JSON does).
 *
 * CSV (RFC 4180): a field is quoted when it holds a comma, a quote, CR or
 *   LF, or starts or ends with a space or tab; a quote inside is doubled.
 *   CSV has no escapes: the C0 controls other than tab, CR and LF, DEL, the
 *   C1 controls and each invalid byte become U+FFFD.
 *
 * Terminal (escape_terminal): tab, LF and CR show as a space; every other
 *   C0 control (ESC starts an escape sequence), DEL, the C1 controls (U+009B
 *   is a CSI), the bidirectional controls that reorder what follows them
 *   (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and each
 *   invalid byte show as '?'. Quoted in a one-line message
 *   (escape_terminal_quote), a tab or line end shows as '?' too.
 *
 * DOT (escape_dot, inside a double-quoted Graphviz string): " and \ are
 *   backslash-escaped; line breaks (LF, CR, U+0085, U+2028, U+2029) and the
 *   other C0 and C1 controls and DEL become spaces; each invalid byte
 *   becomes U+FFFD.
 */
#include "base/escape.h"

#include <string.h>

#include "base/utf8.h"

static const uint32_t INVALID_BYTE = 0xFFFFFFFFu;   /* what next_char gives for one */

static const char replacement[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* The code point at text[offset..length) and its size in bytes; an invalid
   byte is INVALID_BYTE of size 1. */
static size_t next_char(const char *text, size_t length, size_t offset, uint32_t *code_point) {
    size_t size = utf8_decode(text + offset, length - offset, code_point);
    if (size == 0) *code_point = INVALID_BYTE, size = 1;
    return size;
}

static bool is_c0_or_del(uint32_t code_point) { return code_point < 0x20 || code_point == 0x7F; }

static bool is_c1(uint32_t code_point) { return code_point >= 0x80 && code_point <= 0x9F; }

static bool is_tab_or_line_end(uint32_t code_point) {
    return code_point == '\n' || code_point == '\r' || code_point == '\t';
}

/* {=== where the output goes: a stream, or a buffer in an arena ===} */

typedef struct sink {
    FILE *stream;           /* NULL: the buffer */
    arena *region;
    char **buffer;
    size_t *length, *capacity;
} sink;

static void put_bytes(sink *out, const char *bytes, size_t size) {
    if (out->stream) {
        fwrite(bytes, 1, size, out->stream);
        return;
    }
    /* one byte more, so a copy can be terminated */
    *out->buffer = arena_grow(out->region, *out->buffer, out->capacity, *out->length + size + 1, 1);
    memcpy(*out->buffer + *out->length, bytes, size);
    *out->length += size;
}

static void put_byte(sink *out, char byte) { put_bytes(out, &byte, 1); }

static void put_text(sink *out, const char *text) { put_bytes(out, text, strlen(text)); }

/* {=== HTML ===} */

static const char *html_reference(uint32_t code_point) {
    switch (code_point) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return NULL;
    }
}

static bool html_allows(uint32_t code_point) {
    if (code_point == '\t' || code_point == '\n') return true;
    return !is_c0_or_del(code_point) && !is_c1(code_point) && code_point != 0xFFFE &&
           code_point != 0xFFFF && code_point != INVALID_BYTE;
}

void escape_html(FILE *stream, const char *text) {
    if (!text) return;
    size_t length = strlen(text);
    for (size_t offset = 0, size; offset < length; offset += size) {
        uint32_t code_point;
        size = next_char(text, length, offset, &code_point);
        const char *reference = html_reference(code_point);
        if (reference) fputs(reference, stream);
        else if (html_allows(code_point)) fwrite(text + offset, 1, size, stream);
        else fputs(replacement, stream);
    }
}

/* {=== Markdown ===} */

/* Write the text for Markdown; `special` are the characters to escape with
   a backslash. Line breaks and tabs become spaces, a CRLF one space. */
static void write_md(FILE *stream, const char *text, const char *special) {
    size_t length = strlen(text);
    for (size_t offset = 0, size; offset < length; offset += size) {
        uint32_t code_point;
        size = next_char(text, length, offset, &code_point);
        if (code_point == '\r' && text[offset + 1] == '\n') continue;
        if (is_tab_or_line_end(code_point)) fputc(' ', stream);
        else if (code_point == INVALID_BYTE) fputs(replacement, stream);
        else if (is_c0_or_del(code_point) || is_c1(code_point)) continue;
        else if (code_point < 0x80 && strchr(special, (int)code_point))
            fprintf(stream, "\\%c", (char)code_point);
        else fwrite(text + offset, 1, size, stream);
    }
}

void escape_md_text(FILE *stream, const char *text) {
    if (text) write_md(stream, text, "\\`*_[]<>|~#&!");
}

void escape_md_line(FILE *stream, const char *text) {
    if (text) write_md(stream, text, "|");
}

static size_t longest_backtick_run(const char *text) {
    size_t longest = 0, run = 0;
    for (const char *at = text; *at; at++) {
        run = *at == '`' ? run + 1 : 0;
        if (run > longest) longest = run;
    }
    return longest;
}

void escape_md_code(FILE *stream, const char *text) {
    if (!text) return;
    size_t longest = longest_backtick_run(text);
    bool padded = longest > 0 || text[0] == ' ';
    for (size_t index = 0; index <= longest; index++) fputc('`', stream);
    if (padded) fputc(' ', stream);
    size_t length = strlen(text);
    for (size_t offset = 0, size; offset < length; offset += size) {
        uint32_t code_point;
        size = next_char(text, length, offset, &code_point);
        if (is_tab_or_line_end(code_point)) fputc(' ', stream);
        else if (code_point == '|') fputs("\\|", stream);
        else if (code_point == INVALID_BYTE) fputs(replacement, stream);
        else if (!is_c0_or_del(code_point) && !is_c1(code_point))
            fwrite(text + offset, 1, size, stream);
    }
    if (padded) fputc(' ', stream);
    for (size_t index = 0; index <= longest; index++) fputc('`', stream);
}

/* {=== YAML ===} */

bool escape_yaml_printable(uint32_t code_point) {
    return (code_point >= 0x20 && code_point <= 0x7E) ||
           (code_point >= 0xA0 && code_point <= 0xD7FF) ||
           (code_point >= 0xE000 && code_point <= 0xFFFD && code_point != 0xFEFF) ||
           (code_point >= 0x10000 && code_point <= 0x10FFFF);
}

/* The escape for a code point with a short one (\" \\ \t \n \r \N \L \P). */
static const char *yaml_short_escape(uint32_t code_point) {
    switch (code_point) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\t': return "\\t";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case 0x85: return "\\N";
    case 0x2028: return "\\L";
    case 0x2029: return "\\P";
    default: return NULL;
    }
}

void escape_yaml(FILE *stream, const char *text) {
    if (!text) return;
    size_t length = strlen(text);
    fputc('"', stream);
    for (size_t offset = 0, size; offset < length; offset += size) {
        uint32_t code_point;
        size = next_char(text, length, offset, &code_point);
        const char *escape = yaml_short_escape(code_point);
        if (escape) fputs(escape, stream);
        else if (code_point == INVALID_BYTE) fputs(replacement, stream);
        else if (escape_yaml_printable(code_point)) fwrite(text + offset, 1, size, stream);
        else if (code_point < 0x100) fprintf(stream, "\\x%02X", (unsigned)code_point);
        else fprintf(stream, "\\u%04X", (unsigned)code_point);
    }
    fputc('"', stream);
}

/* {=== CSV ===} */

static bool csv_needs_quotes(const char *text, size_t length) {
    return strpbrk(text, ",\"\r\n") != NULL ||
           (length > 0 && (text[0] == ' ' || text[length - 1] == ' ' || text[0] == '\t' ||
                           text[length - 1] == '\t'));
}

static bool csv_allows(uint32_t code_point) {
    if (is_tab_or_line_end(code_point)) return true;
    return !is_c0_or_del(code_point) && !is_c1(code_point) && code_point != INVALID_BYTE;
}

static void write_csv(sink *out, const char *text) {
    size_t length = strlen(text);
    bool quoted = csv_needs_quotes(text, length);
    if (quoted) put_byte(out, '"');
    for (size_t offset = 0, size; offset < length; offset += size) {
        uint32_t code_point;
        size = next_char(text, length, offset, &code_point);
        if (code_point == '"') put_text(out, "\"\"");
        else if (csv_allows(code_point)) put_bytes(out, text + offset, size);
        else put_text(out, replacement);
    }
    if (quoted) put_byte(out, '"');
}

void escape_csv(FILE *stream, const char *text) {
    sink out = {stream, NULL, NULL, NULL, NULL};
    if (text) write_csv(&out, text);
}

void escape_csv_append(arena *region, char **buffer, size_t *length, size_t *capacity,
                       const char *text) {
    sink out = {NULL, region, buffer, length, capacity};
    if (text) write_csv(&out, text);
}

/* {=== the terminal ===} */

static bool is_bidi_control(uint32_t code_point) {
    return code_point == 0x061C || code_point == 0x200E || code_point == 0x200F ||
           (code_point >= 0x202A && code_point <= 0x202E) ||
           (code_point >= 0x2066 && code_point <= 0x2069);
}

uint32_t escape_terminal_char(uint32_t code_point) {
    if (is_tab_or_line_end(code_point)) return ' ';
    if (is_c0_or_del(code_point) || is_c1(code_point) || is_bidi_control(code_point) ||
        code_point == INVALID_BYTE)
        return '?';
    return code_point;
}

/* Each code point as escape_terminal_char says; with `quote`, line breaks
   and tabs as '?'. A code point shown as itself is copied as its bytes. */
static void write_terminal(sink *out, const char *text, bool quote) {
    size_t length = strlen(text);
    for (size_t offset = 0, size; offset < length; offset += size) {
        uint32_t code_point;
        size = next_char(text, length, offset, &code_point);
        uint32_t shown = quote && is_tab_or_line_end(code_point) ? '?' : escape_terminal_char(code_point);
        if (shown == code_point) put_bytes(out, text + offset, size);
        else put_byte(out, (char)shown);   /* every replacement is ASCII */
    }
}

void escape_terminal(FILE *stream, const char *text) {
    sink out = {stream, NULL, NULL, NULL, NULL};
    if (text) write_terminal(&out, text, false);
}

void escape_terminal_quote(FILE *stream, const char *text) {
    sink out = {stream, NULL, NULL, NULL, NULL};
    if (text) write_terminal(&out, text, true);
}

/* A copy of what write(out, text) writes, terminated, in region. */
static const char *copy_of(arena *region, const char *text, void (*write)(sink *, const char *)) {
    char *copy = NULL;
    size_t length = 0, capacity = 0;
    sink out = {NULL, region, &copy, &length, &capacity};
    write(&out, text);
    if (!copy) return arena_strdup(region, "");
    copy[length] = '\0';
    return copy;
}

static void write_terminal_text(sink *out, const char *text) { write_terminal(out, text, false); }

const char *escape_terminal_copy(arena *region, const char *text) {
    return text ? copy_of(region, text, write_terminal_text) : NULL;
}

/* {=== DOT ===} */

static bool dot_blank(uint32_t code_point) {
    return is_c0_or_del(code_point) || is_c1(code_point) || code_point == 0x2028 ||
           code_point == 0x2029;
}

static void write_dot(sink *out, const char *text) {
    size_t length = strlen(text);
    for (size_t offset = 0, size; offset < length; offset += size) {
        uint32_t code_point;
        size = next_char(text, length, offset, &code_point);
        if (code_point == '"' || code_point == '\\') put_byte(out, '\\');
        if (code_point == INVALID_BYTE) put_text(out, replacement);
        else if (dot_blank(code_point)) put_byte(out, ' ');
        else put_bytes(out, text + offset, size);
    }
}

const char *escape_dot(arena *region, const char *text) {
    return text ? copy_of(region, text, write_dot) : NULL;
}
