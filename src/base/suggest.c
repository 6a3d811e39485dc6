/*
 * suggest.c — edit distance (Damerau–Levenshtein, optimal string alignment)
 * over code points, with full-width ASCII folded to half-width first.
 */
#include "base/suggest.h"

#include <stdint.h>
#include <string.h>

#include "base/utf8.h"

enum { SUGGEST_MAX_POINTS = 64 };

/* Decode to code points, folding full-width ASCII (U+FF01..U+FF5E) and
   lower-casing ASCII letters; returns the count, capped. */
static size_t fold_points(const char *text, uint32_t *points) {
    size_t count = 0, length = strlen(text), offset = 0;
    while (offset < length && count < SUGGEST_MAX_POINTS) {
        uint32_t code_point;
        size_t size = utf8_decode(text + offset, length - offset, &code_point);
        if (size == 0) {
            code_point = (unsigned char)text[offset];
            size = 1;
        }
        if (code_point >= 0xFF01 && code_point <= 0xFF5E) code_point -= 0xFEE0;
        if (code_point >= 'A' && code_point <= 'Z') code_point += 'a' - 'A';
        points[count++] = code_point;
        offset += size;
    }
    return count;
}

static size_t min3(size_t a, size_t b, size_t c) {
    size_t smallest = a < b ? a : b;
    return smallest < c ? smallest : c;
}

static size_t edit_distance(const uint32_t *left, size_t left_count, const uint32_t *right,
                            size_t right_count) {
    size_t rows[3][SUGGEST_MAX_POINTS + 1];
    size_t *before = rows[0], *previous = rows[1], *current = rows[2];
    for (size_t column = 0; column <= right_count; column++) previous[column] = column;
    for (size_t row = 1; row <= left_count; row++) {
        current[0] = row;
        for (size_t column = 1; column <= right_count; column++) {
            size_t cost = left[row - 1] == right[column - 1] ? 0 : 1;
            current[column] = min3(previous[column] + 1, current[column - 1] + 1,
                                    previous[column - 1] + cost);
            if (row > 1 && column > 1 && left[row - 1] == right[column - 2] &&
                left[row - 2] == right[column - 1] && before[column - 2] + 1 < current[column])
                current[column] = before[column - 2] + 1;
        }
        size_t *recycled = before;
        before = previous, previous = current, current = recycled;
    }
    return previous[right_count];
}

void suggest_begin(suggestion *state, const char *wanted) {
    state->wanted = wanted;
    state->best = NULL;
    state->best_distance = SIZE_MAX;
}

void suggest_consider(suggestion *state, const char *candidate) {
    uint32_t wanted[SUGGEST_MAX_POINTS], offered[SUGGEST_MAX_POINTS];
    size_t wanted_count = fold_points(state->wanted, wanted);
    size_t offered_count = fold_points(candidate, offered);
    size_t distance = edit_distance(wanted, wanted_count, offered, offered_count);
    size_t longer = wanted_count > offered_count ? wanted_count : offered_count;
    size_t shorter = wanted_count < offered_count ? wanted_count : offered_count;
    size_t allowed = longer <= 2 ? 0 : longer <= 3 ? 1 : longer / 3 + 1;
    /* A name cut short ("covid" for "covid_digital") is a near miss too. */
    if (shorter >= 3 && memcmp(wanted, offered, shorter * sizeof *wanted) == 0 &&
        distance > allowed)
        distance = allowed;
    if (distance > allowed) return;
    if (distance < state->best_distance) {
        state->best = candidate;
        state->best_distance = distance;
    }
}

const char *suggest_result(const suggestion *state) { return state->best; }
