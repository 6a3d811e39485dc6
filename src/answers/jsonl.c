/*
 * jsonl.c — a strict RFC 8259 scanner over one line, specialised for answer
 * sets. Strings are decoded into a small buffer (escapes, \uXXXX with
 * surrogate pairs) and checked as UTF-8; each value goes where the answer
 * file format says, through the same matching of options and facts as the
 * general reader. The first thing it does not read plainly makes it give up
 * (returning NULL), and the line is read again by libyaml with diagnostics.
 */
#include "answers/jsonl.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tenken.h"
#include "base/utf8.h"

enum { TEXT_MAX = 4096 };

typedef struct scanner {
    const char *cursor, *end;
    char text[TEXT_MAX];    /* the last string or scalar read, NUL-terminated */
    size_t text_length;
    bool is_null;           /* the last scalar was null */
} scanner;

typedef struct fast_reading {
    scanner scan;
    const tk_graph *graph;
    tk_answers *answers;
} fast_reading;

static void skip_space(scanner *scan) {
    while (scan->cursor < scan->end &&
           (*scan->cursor == ' ' || *scan->cursor == '\t' || *scan->cursor == '\r' ||
            *scan->cursor == '\n'))
        scan->cursor++;
}

static bool take(scanner *scan, char wanted) {
    skip_space(scan);
    if (scan->cursor >= scan->end || *scan->cursor != wanted) return false;
    scan->cursor++;
    return true;
}

static bool peek(scanner *scan, char wanted) {
    skip_space(scan);
    return scan->cursor < scan->end && *scan->cursor == wanted;
}

static int hex_digit(char digit) {
    if (digit >= '0' && digit <= '9') return digit - '0';
    if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
    if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
    return -1;
}

static bool read_hex4(scanner *scan, uint32_t *value) {
    if (scan->end - scan->cursor < 4) return false;
    *value = 0;
    for (int index = 0; index < 4; index++) {
        int digit = hex_digit(scan->cursor[index]);
        if (digit < 0) return false;
        *value = *value * 16 + (uint32_t)digit;
    }
    scan->cursor += 4;
    return true;
}

static bool put_code_point(scanner *scan, uint32_t code_point) {
    char bytes[4];
    size_t size;
    if (code_point < 0x80) bytes[0] = (char)code_point, size = 1;
    else if (code_point < 0x800)
        bytes[0] = (char)(0xC0 | (code_point >> 6)), bytes[1] = (char)(0x80 | (code_point & 0x3F)),
        size = 2;
    else if (code_point < 0x10000)
        bytes[0] = (char)(0xE0 | (code_point >> 12)),
        bytes[1] = (char)(0x80 | ((code_point >> 6) & 0x3F)),
        bytes[2] = (char)(0x80 | (code_point & 0x3F)), size = 3;
    else
        bytes[0] = (char)(0xF0 | (code_point >> 18)),
        bytes[1] = (char)(0x80 | ((code_point >> 12) & 0x3F)),
        bytes[2] = (char)(0x80 | ((code_point >> 6) & 0x3F)),
        bytes[3] = (char)(0x80 | (code_point & 0x3F)), size = 4;
    if (scan->text_length + size >= TEXT_MAX) return false;
    memcpy(scan->text + scan->text_length, bytes, size);
    scan->text_length += size;
    return true;
}

/* \uXXXX, with a surrogate pair as one character; a lone surrogate or a NUL
   is left to the general reader. */
static bool read_unicode_escape(scanner *scan) {
    uint32_t code_point;
    if (!read_hex4(scan, &code_point) || code_point == 0) return false;
    if (code_point >= 0xDC00 && code_point <= 0xDFFF) return false;
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
        uint32_t low;
        if (scan->end - scan->cursor < 2 || scan->cursor[0] != '\\' || scan->cursor[1] != 'u')
            return false;
        scan->cursor += 2;
        if (!read_hex4(scan, &low) || low < 0xDC00 || low > 0xDFFF) return false;
        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
    }
    return put_code_point(scan, code_point);
}

static bool read_escape(scanner *scan) {
    if (scan->cursor >= scan->end) return false;
    char escaped = *scan->cursor++;
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *found = strchr(from, escaped);
    if (escaped && found) {
        if (scan->text_length + 1 >= TEXT_MAX) return false;
        scan->text[scan->text_length++] = to[found - from];
        return true;
    }
    return escaped == 'u' && read_unicode_escape(scan);
}

/* A string into scan->text; plain runs are copied whole. It is not yet
   checked as UTF-8: a string that equals a known key, id or label is valid
   by that, and only the others are checked (checked_string). */
static bool read_string(scanner *scan) {
    if (!take(scan, '"')) return false;
    scan->text_length = 0;
    scan->is_null = false;
    for (;;) {
        const char *run = scan->cursor;
        while (scan->cursor < scan->end && *scan->cursor != '"' && *scan->cursor != '\\' &&
               (unsigned char)*scan->cursor >= 0x20)
            scan->cursor++;
        size_t size = (size_t)(scan->cursor - run);
        if (scan->text_length + size >= TEXT_MAX) return false;
        memcpy(scan->text + scan->text_length, run, size);
        scan->text_length += size;
        if (scan->cursor >= scan->end || (unsigned char)*scan->cursor < 0x20) return false;
        if (*scan->cursor++ == '"') break;
        if (!read_escape(scan)) return false;
    }
    scan->text[scan->text_length] = '\0';
    return true;
}

static bool text_is_utf8(const scanner *scan) {
    return utf8_first_invalid(scan->text, scan->text_length) == scan->text_length;
}

/* A number, true, false or null, as the text a YAML scalar would hold. */
static bool read_bare_scalar(scanner *scan) {
    skip_space(scan);
    const char *start = scan->cursor;
    while (scan->cursor < scan->end && strchr("0123456789+-.eEtrufalsn", *scan->cursor) &&
           *scan->cursor)
        scan->cursor++;
    size_t size = (size_t)(scan->cursor - start);
    if (size == 0 || size >= TEXT_MAX) return false;
    memcpy(scan->text, start, size);
    scan->text[size] = '\0';
    scan->text_length = size;
    scan->is_null = strcmp(scan->text, "null") == 0;
    if (scan->is_null || !strcmp(scan->text, "true") || !strcmp(scan->text, "false")) return true;
    /* JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    const char *cursor = scan->text;
    if (*cursor == '-') cursor++;
    if (*cursor == '0') cursor++;
    else if (*cursor >= '1' && *cursor <= '9') while (*cursor >= '0' && *cursor <= '9') cursor++;
    else return false;
    if (*cursor == '.') {
        if (!(*++cursor >= '0' && *cursor <= '9')) return false;
        while (*cursor >= '0' && *cursor <= '9') cursor++;
    }
    if (*cursor == 'e' || *cursor == 'E') {
        cursor++;
        if (*cursor == '+' || *cursor == '-') cursor++;
        if (!(*cursor >= '0' && *cursor <= '9')) return false;
        while (*cursor >= '0' && *cursor <= '9') cursor++;
    }
    return *cursor == '\0';
}

static bool read_scalar(scanner *scan) {
    return peek(scan, '"') ? read_string(scan) : read_bare_scalar(scan);
}

/* {=== the answer set ===} */

/* `"key":` of an object, after its '{' or ','. */
static bool read_key(scanner *scan) { return read_string(scan) && take(scan, ':'); }

/* Iterate an object: true while a member follows (its key read). */
static bool next_member(scanner *scan, bool *first) {
    if (*first) {
        *first = false;
        if (peek(scan, '}')) return scan->cursor++, false;
        return true;
    }
    if (take(scan, ',')) return true;
    return false;
}

static bool end_object(scanner *scan) { return take(scan, '}'); }

static bool read_item(fast_reading *state, const graph_checklist *checklist) {
    scanner *scan = &state->scan;
    size_t node = graph_lookup(&checklist->item_by_id, scan->text);
    if (node == NO_INDEX || !state->graph->nodes[node].item->scale) return false;
    if (!read_scalar(scan)) return false; /* an answer with a note goes the long way */
    tk_answers *answers = state->answers;
    if (answers->options[node] != ANSWER_NONE || answers->raw[node]) return false; /* twice */
    if (scan->is_null || (scan->text_length == 0)) {
        answers->raw[node] = ""; /* met, unanswered */
        return true;
    }
    int option = graph_match_option(state->graph->nodes[node].item->scale, scan->text);
    if (option < 0) return false;
    answers->options[node] = option;
    answers->raw[node] = arena_strndup(&answers->region, scan->text, scan->text_length);
    return true;
}

static bool read_checklist(fast_reading *state) {
    scanner *scan = &state->scan;
    size_t index = graph_lookup(&state->graph->checklist_by_name, scan->text);
    if (index == NO_INDEX || !take(scan, '{')) return false;
    const graph_checklist *checklist = &state->graph->checklists[index];
    bool first = true;
    while (next_member(scan, &first))
        if (!read_key(scan) || !read_item(state, checklist)) return false;
    return first || end_object(scan);
}

static bool read_answers(fast_reading *state) {
    scanner *scan = &state->scan;
    if (!take(scan, '{')) return false;
    bool first = true;
    while (next_member(scan, &first))
        if (!read_key(scan) || !read_checklist(state)) return false;
    return first || end_object(scan);
}

static bool read_fact(fast_reading *state) {
    scanner *scan = &state->scan;
    size_t node = graph_lookup(&state->graph->fact_by_name, scan->text);
    if (node == NO_INDEX || !read_scalar(scan) || !text_is_utf8(scan)) return false;
    const graph_node *fact = &state->graph->nodes[node];
    tk_answers *answers = state->answers;
    if (fact->fact->fixed || answers->facts[node].given) return false;
    if (scan->is_null) return true;
    const char *text = arena_strndup(&answers->region, scan->text, scan->text_length);
    fact_value converted = {0};
    if (!answers_convert_fact(fact, text, &converted) || !answers_fact_fits(fact, &converted))
        return false;
    converted.given = true;
    answers->facts[node] = converted;
    return true;
}

static bool read_facts(fast_reading *state) {
    scanner *scan = &state->scan;
    if (!take(scan, '{')) return false;
    bool first = true;
    while (next_member(scan, &first))
        if (!read_key(scan) || !read_fact(state)) return false;
    return first || end_object(scan);
}

/* tenken, rules, subject, assessed, assessor: plain strings (tenken also 1). */
static bool read_header(fast_reading *state, const char *key) {
    scanner *scan = &state->scan;
    if (!read_scalar(scan) || scan->is_null || !text_is_utf8(scan)) return false;
    tk_answers *answers = state->answers;
    const char *text = scan->text_length
                           ? arena_strndup(&answers->region, scan->text, scan->text_length)
                           : NULL;
    if (!strcmp(key, "tenken")) return text && !strcmp(text, "1");
    if (!strcmp(key, "rules")) {
        const char *base = state->graph->base_module;
        answers->rules = text;
        return !text || !strcmp(text, state->graph->module) || (base && !strcmp(text, base));
    }
    if (!strcmp(key, "subject")) answers->subject = text;
    else if (!strcmp(key, "assessed")) answers->assessed = text;
    else answers->assessor = text;
    return true;
}

static bool read_member(fast_reading *state, unsigned *seen) {
    static const char *const keys[] = {"tenken", "rules", "subject", "assessed", "assessor",
                                       "answers", "facts"};
    char key[16];
    if (state->scan.text_length >= sizeof key) return false;
    memcpy(key, state->scan.text, state->scan.text_length + 1);
    for (unsigned index = 0; index < sizeof keys / sizeof *keys; index++) {
        if (strcmp(key, keys[index]) != 0) continue;
        if (*seen & (1u << index)) return false; /* given twice */
        *seen |= 1u << index;
        if (index == 5) return peek(&state->scan, '{') && read_answers(state);
        if (index == 6) return peek(&state->scan, '{') && read_facts(state);
        return read_header(state, key);
    }
    return false; /* register, or a key the general reader reports */
}

tk_answers *jsonl_read_fast(const arena *within, const tk_graph *graph, const char *path,
                            const char *text, size_t length, size_t number) {
    fast_reading state;
    state.scan.cursor = text;
    state.scan.end = text + length;
    state.graph = graph;
    state.answers = answers_create_within(arena_recovery(within), graph, path, number);
    bool first = true, read = take(&state.scan, '{');
    unsigned seen = 0;
    while (read && next_member(&state.scan, &first))
        read = read_key(&state.scan) && read_member(&state, &seen);
    if (read && !first) read = end_object(&state.scan);
    skip_space(&state.scan);
    if (!read || state.scan.cursor != state.scan.end) {
        tk_answers_free(state.answers);
        return NULL;
    }
    for (size_t node = 0; node < graph->node_count; node++) /* met but unanswered */
        if (state.answers->raw[node] && !state.answers->raw[node][0])
            state.answers->raw[node] = NULL;
    answers_finish(state.answers);
    return state.answers;
}
