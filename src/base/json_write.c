/*
 * json_write.c — JSON string escaping and number formatting. Strings are
 * already valid UTF-8 (sources are checked on load), so only control
 * characters, quotes and backslashes need escaping.
 */
#include "base/json_write.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "base/utf8.h"

/* Strings are written as valid UTF-8 whatever they hold: a byte that is not
   part of a valid sequence (a diagnostic quoting a line of a Shift_JIS
   file) becomes U+FFFD. */
void json_write_string(FILE *stream, const char *text) {
    fputc('"', stream);
    size_t length = strlen(text);
    for (size_t offset = 0; offset < length;) {
        unsigned char byte = (unsigned char)text[offset];
        if (byte >= 0x80) {
            uint32_t code_point;
            size_t size = utf8_decode(text + offset, length - offset, &code_point);
            if (size == 0) {
                fputs("\xEF\xBF\xBD", stream);
                offset++;
            } else {
                fwrite(text + offset, 1, size, stream);
                offset += size;
            }
            continue;
        }
        switch (byte) {
        case '"': fputs("\\\"", stream); break;
        case '\\': fputs("\\\\", stream); break;
        case '\n': fputs("\\n", stream); break;
        case '\r': fputs("\\r", stream); break;
        case '\t': fputs("\\t", stream); break;
        default:
            if (byte < 0x20)
                fprintf(stream, "\\u%04x", byte);
            else
                fputc(byte, stream);
        }
        offset++;
    }
    fputc('"', stream);
}

void json_write_number(FILE *stream, double number) {
    if (!isfinite(number)) {
        fputs("null", stream);
    } else if (number == floor(number) && fabs(number) < 1e15) {
        fprintf(stream, "%.0f", number);
    } else {
        fprintf(stream, "%.10g", number);
    }
}

void json_writer_init(json_writer *writer, FILE *stream, bool pretty) {
    writer->stream = stream;
    writer->pretty = pretty;
    writer->depth = 0;
    writer->has_members[0] = false;
    writer->after_key = false;
}

/* Punctuation before a value or key: a comma after a sibling, then a newline
   and indent when pretty. A value right after its key needs neither. */
static void json_separate(json_writer *writer) {
    if (writer->after_key) {
        writer->after_key = false;
        return;
    }
    if (writer->depth == 0) return;
    if (writer->has_members[writer->depth]) fputc(',', writer->stream);
    writer->has_members[writer->depth] = true;
    if (writer->pretty) fprintf(writer->stream, "\n%*s", writer->depth * 2, "");
}

static void json_open(json_writer *writer, char bracket) {
    json_separate(writer);
    fputc(bracket, writer->stream);
    if (writer->depth + 1 < JSON_MAX_DEPTH) writer->depth++;
    writer->has_members[writer->depth] = false;
}

static void json_close(json_writer *writer, char bracket) {
    bool had_members = writer->has_members[writer->depth];
    if (writer->depth > 0) writer->depth--;
    if (writer->pretty && had_members) fprintf(writer->stream, "\n%*s", writer->depth * 2, "");
    fputc(bracket, writer->stream);
}

void json_begin_object(json_writer *writer) { json_open(writer, '{'); }
void json_end_object(json_writer *writer) { json_close(writer, '}'); }
void json_begin_array(json_writer *writer) { json_open(writer, '['); }
void json_end_array(json_writer *writer) { json_close(writer, ']'); }

void json_key(json_writer *writer, const char *key) {
    json_separate(writer);
    json_write_string(writer->stream, key);
    fputs(writer->pretty ? ": " : ":", writer->stream);
    writer->after_key = true;
}

void json_string(json_writer *writer, const char *text) {
    json_separate(writer);
    if (text)
        json_write_string(writer->stream, text);
    else
        fputs("null", writer->stream);
}

void json_number(json_writer *writer, double number) {
    json_separate(writer);
    json_write_number(writer->stream, number);
}

void json_decimal(json_writer *writer, decimal number) {
    json_separate(writer);
    fputs(DECIMAL_TEXT(number), writer->stream);
}

void json_bool(json_writer *writer, bool truth) {
    json_separate(writer);
    fputs(truth ? "true" : "false", writer->stream);
}

void json_null(json_writer *writer) {
    json_separate(writer);
    fputs("null", writer->stream);
}
