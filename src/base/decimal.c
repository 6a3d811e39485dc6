/*
 * decimal.c — exact decimal arithmetic on a 128-bit coefficient and a
 * base-10 exponent (decimal.h says what it promises). Results are kept as
 * computed (1.50 + 1.50 is 300 × 10^-2) and only trimmed when printed or
 * when they need more than 34 digits; rounding goes through one function,
 * round_to_fit, which rounds half to even and knows whether the digits
 * below the kept ones were exactly zero ("sticky").
 */
#include "base/decimal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef __int128 wide;
typedef unsigned __int128 uwide;

#define MAX_POWER 38   /* 10^38 < 2^127 */

/* 10^0 … 10^38 */
static const uwide ten[MAX_POWER + 1] = {
    1ULL,
    10ULL,
    100ULL,
    1000ULL,
    10000ULL,
    100000ULL,
    1000000ULL,
    10000000ULL,
    100000000ULL,
    1000000000ULL,
    10000000000ULL,
    100000000000ULL,
    1000000000000ULL,
    10000000000000ULL,
    100000000000000ULL,
    1000000000000000ULL,
    10000000000000000ULL,
    100000000000000000ULL,
    1000000000000000000ULL,
    10000000000000000000ULL,
    (uwide)10000000000000000000ULL * 10ULL,
    (uwide)10000000000000000000ULL * 100ULL,
    (uwide)10000000000000000000ULL * 1000ULL,
    (uwide)10000000000000000000ULL * 10000ULL,
    (uwide)10000000000000000000ULL * 100000ULL,
    (uwide)10000000000000000000ULL * 1000000ULL,
    (uwide)10000000000000000000ULL * 10000000ULL,
    (uwide)10000000000000000000ULL * 100000000ULL,
    (uwide)10000000000000000000ULL * 1000000000ULL,
    (uwide)10000000000000000000ULL * 10000000000ULL,
    (uwide)10000000000000000000ULL * 100000000000ULL,
    (uwide)10000000000000000000ULL * 1000000000000ULL,
    (uwide)10000000000000000000ULL * 10000000000000ULL,
    (uwide)10000000000000000000ULL * 100000000000000ULL,
    (uwide)10000000000000000000ULL * 1000000000000000ULL,
    (uwide)10000000000000000000ULL * 10000000000000000ULL,
    (uwide)10000000000000000000ULL * 100000000000000000ULL,
    (uwide)10000000000000000000ULL * 1000000000000000000ULL,
    (uwide)10000000000000000000ULL * 10000000000000000000ULL,
};

static int digit_count(uwide magnitude) {
    int digits = 1;
    while (digits <= MAX_POWER && magnitude >= ten[digits]) digits++;
    return digits;
}

static uwide magnitude_of(wide value) { return value < 0 ? -(uwide)value : (uwide)value; }

static wide with_sign(uwide magnitude, bool negative) {
    return negative ? -(wide)magnitude : (wide)magnitude;
}

/* Reduce magnitude × 10^*exponent to at most 34 digits and an exponent of
   at least -DECIMAL_MAX_EXPONENT, half to even; sticky > 0 says the true
   magnitude is a little above the given one, < 0 a little below. False
   when the exponent ends above DECIMAL_MAX_EXPONENT. */
static bool round_to_fit(uwide *magnitude, int64_t *exponent, int sticky) {
    int64_t drop = digit_count(*magnitude) - DECIMAL_DIGITS;
    if (drop < -DECIMAL_MAX_EXPONENT - *exponent) drop = -DECIMAL_MAX_EXPONENT - *exponent;
    if (drop > 0 && drop > MAX_POWER) {
        *magnitude = 0;   /* below half of the last kept digit */
        *exponent += drop;
    } else if (drop > 0) {
        uwide kept = *magnitude / ten[drop], rest = *magnitude % ten[drop];
        uwide half = ten[drop] / 2;
        bool up = rest > half || (rest == half && (sticky > 0 || (sticky == 0 && (kept & 1))));
        *magnitude = kept + (up ? 1 : 0);
        *exponent += drop;
        if (*magnitude == ten[DECIMAL_DIGITS]) *magnitude = ten[DECIMAL_DIGITS - 1], ++*exponent;
    }
    if (*magnitude == 0) *exponent = 0;
    while (*exponent > DECIMAL_MAX_EXPONENT && *magnitude * 10 < ten[DECIMAL_DIGITS])
        *magnitude *= 10, --*exponent;
    return *exponent <= DECIMAL_MAX_EXPONENT;
}

static bool finish(wide coefficient, int64_t exponent, int sticky, decimal *result) {
    if (sticky == 0 && coefficient < (wide)ten[DECIMAL_DIGITS] &&
        coefficient > -(wide)ten[DECIMAL_DIGITS] && exponent >= -DECIMAL_MAX_EXPONENT &&
        exponent <= DECIMAL_MAX_EXPONENT) {
        *result = (decimal){coefficient, (int32_t)(coefficient ? exponent : 0)};
        return true;
    }
    bool negative = coefficient < 0;
    uwide magnitude = magnitude_of(coefficient);
    if (!round_to_fit(&magnitude, &exponent, negative ? -sticky : sticky)) return false;
    *result = (decimal){with_sign(magnitude, negative), (int32_t)exponent};
    return true;
}

/* {=== + − × ÷ ===} */

bool decimal_add(decimal left, decimal right, decimal *sum) {
    if (left.exponent == right.exponent)
        return finish(left.coefficient + right.coefficient, left.exponent, 0, sum);
    if (left.coefficient == 0) return finish(right.coefficient, right.exponent, 0, sum);
    if (right.coefficient == 0) return finish(left.coefficient, left.exponent, 0, sum);
    decimal high = left.exponent > right.exponent ? left : right;
    decimal low = left.exponent > right.exponent ? right : left;
    int64_t gap = (int64_t)high.exponent - low.exponent;
    int room = 37 - digit_count(magnitude_of(high.coefficient));
    int64_t scale = gap < room ? gap : room;
    wide scaled = high.coefficient * (wide)ten[scale];
    int64_t rest = gap - scale;
    if (rest == 0) return finish(scaled + low.coefficient, low.exponent, 0, sum);
    /* high now has 37 digits: low's digits below rest only decide ties */
    wide low_kept = rest > MAX_POWER ? 0 : low.coefficient / (wide)ten[rest];
    wide low_rest = rest > MAX_POWER ? low.coefficient : low.coefficient % (wide)ten[rest];
    int sticky = low_rest > 0 ? 1 : low_rest < 0 ? -1 : 0;
    return finish(scaled + low_kept, low.exponent + rest, sticky, sum);
}

bool decimal_sub(decimal left, decimal right, decimal *difference) {
    return decimal_add(left, decimal_negate(right), difference);
}

/* A 256-bit magnitude as four 64-bit limbs, least significant first. */
typedef struct limbs {
    uint64_t limb[4];
} limbs;

static limbs multiply_wide(uwide left, uwide right) {
    uint64_t a[2] = {(uint64_t)left, (uint64_t)(left >> 64)};
    uint64_t b[2] = {(uint64_t)right, (uint64_t)(right >> 64)};
    limbs product = {{0, 0, 0, 0}};
    for (int i = 0; i < 2; i++) {
        uwide carry = 0;
        for (int j = 0; j < 2; j++) {
            uwide part = (uwide)a[i] * b[j] + product.limb[i + j] + carry;
            product.limb[i + j] = (uint64_t)part;
            carry = part >> 64;
        }
        product.limb[i + 2] = (uint64_t)carry;
    }
    return product;
}

/* Divide by divisor (< 2^64) in place; returns the remainder. */
static uint64_t divide_limbs(limbs *value, uint64_t divisor) {
    uwide remainder = 0;
    for (int index = 3; index >= 0; index--) {
        uwide current = (remainder << 64) | value->limb[index];
        value->limb[index] = (uint64_t)(current / divisor);
        remainder = current % divisor;
    }
    return (uint64_t)remainder;
}

bool decimal_mul(decimal left, decimal right, decimal *product) {
    int64_t exponent = (int64_t)left.exponent + right.exponent;
    wide direct;
    if (!__builtin_mul_overflow(left.coefficient, right.coefficient, &direct))
        return finish(direct, exponent, 0, product);
    bool negative = (left.coefficient < 0) != (right.coefficient < 0);
    limbs wide_product = multiply_wide(magnitude_of(left.coefficient),
                                       magnitude_of(right.coefficient));
    /* Drop digits ten at a time until the rest fits 128 bits; remember
       whether anything dropped was not zero, keeping the last digit. */
    bool dropped_nonzero = false;
    while (wide_product.limb[3] || wide_product.limb[2] || wide_product.limb[1] >> 60) {
        uint64_t remainder = divide_limbs(&wide_product, 10);
        dropped_nonzero = dropped_nonzero || remainder != 0;
        exponent++;
    }
    uwide magnitude = ((uwide)wide_product.limb[1] << 64) | wide_product.limb[0];
    /* The kept value has ≥ 36 digits, so a sticky digit below it is safe. */
    if (dropped_nonzero) magnitude = magnitude * 10 + 1, exponent--;
    if (!round_to_fit(&magnitude, &exponent, 0)) return false;
    *product = (decimal){with_sign(magnitude, negative), (int32_t)exponent};
    return true;
}

bool decimal_div(decimal left, decimal right, decimal *quotient) {
    if (right.coefficient == 0) return false;
    if (left.coefficient == 0) return *quotient = (decimal){0, 0}, true;
    bool negative = (left.coefficient < 0) != (right.coefficient < 0);
    uwide dividend = magnitude_of(left.coefficient), divisor = magnitude_of(right.coefficient);
    int64_t exponent = (int64_t)left.exponent - right.exponent;
    uwide whole = dividend / divisor, remainder = dividend % divisor;
    /* Long division, as many digits at a time as 128 bits allow, to 35
       digits (one to round on). */
    int divisor_digits = digit_count(divisor);
    while (remainder != 0 && whole < ten[DECIMAL_DIGITS]) {
        int step = DECIMAL_DIGITS + 1 - digit_count(whole);
        if (step > MAX_POWER - divisor_digits) step = MAX_POWER - divisor_digits;
        if (step < 1) step = 1;
        remainder *= ten[step];
        whole = whole * ten[step] + remainder / divisor;
        remainder %= divisor;
        exponent -= step;
    }
    int sticky = remainder != 0 ? 1 : 0;
    if (!round_to_fit(&whole, &exponent, sticky)) return false;
    *quotient = (decimal){with_sign(whole, negative), (int32_t)exponent};
    return true;
}

/* {=== comparing ===} */

int decimal_compare(decimal left, decimal right) {
    if (left.exponent == right.exponent || left.coefficient == 0 || right.coefficient == 0)
        return (left.coefficient > right.coefficient) - (left.coefficient < right.coefficient);
    if ((left.coefficient < 0) != (right.coefficient < 0)) return left.coefficient < 0 ? -1 : 1;
    int sign = left.coefficient < 0 ? -1 : 1;
    uwide a = magnitude_of(left.coefficient), b = magnitude_of(right.coefficient);
    int64_t a_size = digit_count(a) + (int64_t)left.exponent;
    int64_t b_size = digit_count(b) + (int64_t)right.exponent;
    if (a_size != b_size) return a_size > b_size ? sign : -sign;
    /* Same order of magnitude: the exponents differ by at most 33. */
    if (left.exponent > right.exponent) a *= ten[left.exponent - right.exponent];
    else b *= ten[right.exponent - left.exponent];
    return a == b ? 0 : a > b ? sign : -sign;
}

/* {=== rounding to a place ===} */

typedef enum { TO_NEAREST_AWAY, TO_FLOOR, TO_CEIL } rounding;

static bool round_at(decimal number, int places, rounding mode, decimal *result) {
    int64_t drop = -(int64_t)places - number.exponent;
    if (drop <= 0 || number.coefficient == 0) return *result = number, true;
    bool negative = number.coefficient < 0;
    uwide magnitude = magnitude_of(number.coefficient);
    uwide kept = 0, rest = magnitude, unit = 0;
    if (drop <= MAX_POWER) {
        unit = ten[drop];
        kept = magnitude / unit, rest = magnitude % unit;
    }
    bool up = false;
    if (mode == TO_NEAREST_AWAY) up = unit != 0 && rest >= unit - unit / 2;
    else if (rest != 0) up = (mode == TO_FLOOR) == negative;
    kept += up ? 1 : 0;
    return finish(with_sign(kept, negative), -(int64_t)places, 0, result);
}

bool decimal_round(decimal number, int places, decimal *rounded) {
    if (places > DECIMAL_MAX_EXPONENT || places < -DECIMAL_MAX_EXPONENT) return false;
    return round_at(number, places, TO_NEAREST_AWAY, rounded);
}

bool decimal_floor(decimal number, decimal *result) {
    return round_at(number, 0, TO_FLOOR, result);
}

bool decimal_ceil(decimal number, decimal *result) {
    return round_at(number, 0, TO_CEIL, result);
}

bool decimal_to_whole(decimal number, long long *whole) {
    decimal floor;
    if (!decimal_floor(number, &floor) || decimal_compare(floor, number) != 0) return false;
    while (floor.exponent > 0) {
        if (floor.coefficient > (wide)INT64_MAX / 10 || floor.coefficient < (wide)INT64_MIN / 10)
            return false;
        floor.coefficient *= 10, floor.exponent--;
    }
    if (floor.coefficient > INT64_MAX || floor.coefficient < INT64_MIN) return false;
    *whole = (long long)floor.coefficient;
    return true;
}

/* {=== text ===} */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* The exponent part after 'e': a sign and up to a few digits. */
static bool parse_exponent(const char *text, size_t length, int64_t *exponent) {
    size_t at = 0;
    bool negative = false;
    if (at < length && (text[at] == '+' || text[at] == '-')) negative = text[at++] == '-';
    if (at == length) return false;
    int64_t value = 0;
    for (; at < length; at++) {
        if (!is_digit(text[at])) return false;
        if (value < 100000000) value = value * 10 + (text[at] - '0');
    }
    *exponent = negative ? -value : value;
    return true;
}

bool decimal_parse(const char *text, size_t length, decimal *number) {
    size_t at = 0;
    bool negative = false;
    if (at < length && (text[at] == '+' || text[at] == '-')) negative = text[at++] == '-';
    uwide magnitude = 0;
    int64_t exponent = 0;
    int digits = 0, kept = 0;
    bool seen_point = false, dropped_nonzero = false;
    for (; at < length && (is_digit(text[at]) || (text[at] == '.' && !seen_point)); at++) {
        if (text[at] == '.') {
            seen_point = true;
            continue;
        }
        digits++;
        int digit = text[at] - '0';
        if (kept == 0 && digit == 0) {
            if (seen_point) exponent--;
            continue;
        }
        if (kept < DECIMAL_DIGITS + 1) {
            magnitude = magnitude * 10 + (uwide)digit, kept++;
            if (seen_point) exponent--;
        } else {
            dropped_nonzero = dropped_nonzero || digit != 0;
            if (!seen_point) exponent++;
        }
    }
    if (digits == 0) return false;
    /* A number is taken exactly or not at all: a 35th significant digit
       that is not 0 would be rounded away. */
    if (dropped_nonzero || (kept > DECIMAL_DIGITS && magnitude % 10 != 0)) return false;
    if (at < length) {
        int64_t power;
        if ((text[at] != 'e' && text[at] != 'E') || !parse_exponent(text + at + 1, length - at - 1, &power))
            return false;
        exponent += power;
    }
    if (exponent > 4 * (int64_t)DECIMAL_MAX_EXPONENT) return false;
    if (exponent < -4 * (int64_t)DECIMAL_MAX_EXPONENT) exponent = -4 * (int64_t)DECIMAL_MAX_EXPONENT;
    if (!round_to_fit(&magnitude, &exponent, dropped_nonzero ? 1 : 0)) return false;
    *number = (decimal){with_sign(magnitude, negative), (int32_t)exponent};
    return true;
}

char *decimal_format(decimal number, char *buffer) {
    uwide magnitude = magnitude_of(number.coefficient);
    int64_t exponent = number.exponent;
    if (magnitude == 0) return strcpy(buffer, "0");
    while ((magnitude >> 64 == 0 ? (uint64_t)magnitude % 10 : magnitude % 10) == 0)
        magnitude /= 10, exponent++;
    char digits[40];
    int count = 0;
    uwide high_part = magnitude;
    for (; high_part >> 64; high_part /= 10) digits[count++] = (char)('0' + (int)(high_part % 10));
    for (uint64_t rest = (uint64_t)high_part; rest; rest /= 10)   /* 64-bit: the usual case */
        digits[count++] = (char)('0' + (int)(rest % 10));
    char *out = buffer;
    if (number.coefficient < 0) *out++ = '-';
    int64_t point = count + exponent;   /* digits before the decimal point */
    if (exponent >= 0 && point <= 40) {
        for (int index = count - 1; index >= 0; index--) *out++ = digits[index];
        for (int64_t zero = 0; zero < exponent; zero++) *out++ = '0';
    } else if (exponent < 0 && point > 0) {
        for (int index = count - 1; index >= 0; index--) {
            *out++ = digits[index];
            if (index == count - point && index > 0) *out++ = '.';
        }
    } else if (exponent < 0 && point > -6 && count - point <= 40) {
        *out++ = '0', *out++ = '.';
        for (int64_t zero = point; zero < 0; zero++) *out++ = '0';
        for (int index = count - 1; index >= 0; index--) *out++ = digits[index];
    } else {
        *out++ = digits[count - 1];
        if (count > 1) *out++ = '.';
        for (int index = count - 2; index >= 0; index--) *out++ = digits[index];
        out += sprintf(out, "e%+lld", (long long)(point - 1));
    }
    *out = '\0';
    return buffer;
}

double decimal_to_double(decimal number) {
    char text[DECIMAL_TEXT_MAX];
    return strtod(decimal_format(number, text), NULL);
}
