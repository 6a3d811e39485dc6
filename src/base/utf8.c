/*
 * utf8.c — UTF-8 decoding and display width. The width table follows Unicode's
 * East Asian Width property (W and F are two columns), the same rule GCC uses
 * for -fdiagnostics-column-unit=display; ambiguous characters take one column.
 */
#include "base/utf8.h"

size_t utf8_decode(const char *text, size_t length, uint32_t *code_point) {
    const unsigned char *bytes = (const unsigned char *)text;
    if (length == 0) return 0;
    unsigned char lead = bytes[0];
    if (lead < 0x80) {
        *code_point = lead;
        return 1;
    }
    size_t needed;
    uint32_t value, minimum;
    if ((lead & 0xE0) == 0xC0) {
        needed = 2, value = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        needed = 3, value = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        needed = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
        return 0;
    }
    if (length < needed) return 0;
    for (size_t index = 1; index < needed; index++) {
        if ((bytes[index] & 0xC0) != 0x80) return 0;
        value = (value << 6) | (bytes[index] & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF) return 0;
    if (value >= 0xD800 && value <= 0xDFFF) return 0;
    *code_point = value;
    return needed;
}

size_t utf8_first_invalid(const char *text, size_t length) {
    const unsigned char *bytes = (const unsigned char *)text;
    size_t offset = 0;
    while (offset < length) {
        unsigned char lead = bytes[offset];
        if (lead < 0x80) {
            offset++;
            continue;
        }
        if ((lead & 0xF0) == 0xE0 && length - offset >= 3) {
            /* Three bytes, as kana and kanji are: checked in place. */
            unsigned char second = bytes[offset + 1], third = bytes[offset + 2];
            uint32_t value = ((uint32_t)(lead & 0x0F) << 12) | ((uint32_t)(second & 0x3F) << 6) |
                             (third & 0x3F);
            if ((second & 0xC0) != 0x80 || (third & 0xC0) != 0x80 || value < 0x800 ||
                (value >= 0xD800 && value <= 0xDFFF))
                return offset;
            offset += 3;
            continue;
        }
        uint32_t code_point;
        size_t size = utf8_decode(text + offset, length - offset, &code_point);
        if (size == 0) return offset;
        offset += size;
    }
    return length;
}

typedef struct width_range {
    uint32_t first, last;
} width_range;

/* Zero-width: combining marks, zero-width joiners, variation selectors. */
static const width_range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},
    {0x20D0, 0x20FF}, {0x302A, 0x302D}, {0x3099, 0x309A}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

/* East Asian Wide (W) and Fullwidth (F). */
static const width_range wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},
    {0x23E9, 0x23EC},   {0x23F0, 0x23F0},   {0x23F3, 0x23F3},
    {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},
    {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},
    {0x26F2, 0x26F3},   {0x26F5, 0x26F5},   {0x26FA, 0x26FA},
    {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},
    {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},
    {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18AFF}, {0x1B000, 0x1B16F}, {0x1F004, 0x1F004},
    {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
    {0x1F200, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF},
    {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static int in_ranges(uint32_t code_point, const width_range *ranges, size_t count) {
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (code_point < ranges[middle].first)
            high = middle;
        else if (code_point > ranges[middle].last)
            low = middle + 1;
        else
            return 1;
    }
    return 0;
}

int utf8_char_width(uint32_t code_point) {
    if (code_point == 0) return 0;
    if (code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0)) return 0;
    if (code_point < 0x300) return 1; /* Latin text: no table look-up */
    if (in_ranges(code_point, zero_width, sizeof zero_width / sizeof *zero_width))
        return 0;
    if (in_ranges(code_point, wide, sizeof wide / sizeof *wide)) return 2;
    return 1;
}

size_t utf8_display_width(const char *text, size_t length) {
    size_t columns = 0, offset = 0;
    while (offset < length) {
        uint32_t code_point;
        size_t size = utf8_decode(text + offset, length - offset, &code_point);
        if (size == 0) { /* an invalid byte shows as one replacement column */
            columns++, offset++;
            continue;
        }
        if (code_point == '\t')
            columns = (columns / 8 + 1) * 8;
        else
            columns += (size_t)utf8_char_width(code_point);
        offset += size;
    }
    return columns;
}

size_t utf8_length(const char *text, size_t length) {
    size_t count = 0, offset = 0;
    while (offset < length) {
        uint32_t code_point;
        size_t size = utf8_decode(text + offset, length - offset, &code_point);
        offset += size ? size : 1;
        count++;
    }
    return count;
}
