/*
 * decimal.h — tenken's number: an exact decimal, coefficient × 10^exponent,
 * with a 128-bit coefficient of at most 34 significant digits (as IEEE
 * decimal128). Literals such as 0.1 are held exactly, so 0.1 + 0.2 == 0.3
 * and a comparison at a threshold is exact. Addition, subtraction and
 * multiplication are exact while the result has at most 34 digits; a result
 * that needs more (division, huge products) is rounded to 34 significant
 * digits, half to even. An operation whose result does not fit (exponent
 * beyond ±DECIMAL_MAX_EXPONENT) or divides by zero returns false: the
 * evaluator shows it as n/a. Zero has no sign: nothing here makes a -0.
 */
#ifndef TK_DECIMAL_H
#define TK_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DECIMAL_DIGITS 34
#define DECIMAL_MAX_EXPONENT 6000

typedef struct decimal {
    __int128 coefficient;   /* |coefficient| < 10^34 */
    int32_t exponent;       /* value = coefficient × 10^exponent */
} decimal;

/* Whether a decimal read from elsewhere (a .tkc file) keeps the limits. */
static inline bool decimal_is_valid(decimal number) {
    __int128 limit = (__int128)10000000000000000ULL * 1000000000000000000ULL;   /* 10^34 */
    return number.coefficient < limit && number.coefficient > -limit &&
           number.exponent <= DECIMAL_MAX_EXPONENT && number.exponent >= -DECIMAL_MAX_EXPONENT;
}

/* The longest text decimal_format writes, its NUL included. */
#define DECIMAL_TEXT_MAX 48

static inline decimal decimal_from_int(long long whole) {
    return (decimal){whole, 0};
}
static inline bool decimal_is_zero(decimal number) { return number.coefficient == 0; }
static inline bool decimal_is_negative(decimal number) { return number.coefficient < 0; }
static inline decimal decimal_negate(decimal number) {
    return (decimal){-number.coefficient, number.exponent};
}
static inline decimal decimal_abs(decimal number) {
    return number.coefficient < 0 ? decimal_negate(number) : number;
}

/* *sum = left + right (and the others likewise); false when the result
   does not fit, or for a division by zero. */
bool decimal_add(decimal left, decimal right, decimal *sum);
bool decimal_sub(decimal left, decimal right, decimal *difference);
bool decimal_mul(decimal left, decimal right, decimal *product);
bool decimal_div(decimal left, decimal right, decimal *quotient);

/* -1, 0 or 1 as left is less than, equal to or greater than right; exact. */
int decimal_compare(decimal left, decimal right);
static inline bool decimal_equal(decimal left, decimal right) {
    return decimal_compare(left, right) == 0;
}

/* x rounded to places digits after the decimal point (places may be
   negative: to tens, hundreds), half away from zero as taught at school
   and as spreadsheets' ROUND does; floor and ceil to whole numbers. False
   when the result does not fit. */
bool decimal_round(decimal number, int places, decimal *rounded);
bool decimal_floor(decimal number, decimal *result);
bool decimal_ceil(decimal number, decimal *result);

/* Whether number is a whole number, and that number when it fits. */
bool decimal_to_whole(decimal number, long long *whole);

/* Parse text[0..length): an optional sign, digits with at most one decimal
   point (".5" and "5." included), an optional exponent "e-3". False for
   anything else, for an exponent out of range, and for a number of more
   than 34 significant digits (it could not be held exactly). */
bool decimal_parse(const char *text, size_t length, decimal *number);

/* The exact value as text into buffer (DECIMAL_TEXT_MAX bytes), trailing
   zeros dropped, never "-0": "12345.678", "0.001", "-2"; plain digits
   while that takes at most 40 characters, else "1.5e+60"/"1e-50" (which
   JSON reads as the same number). Returns buffer. */
char *decimal_format(decimal number, char *buffer);

/* decimal_format into a buffer that lives until the end of the enclosing
   block: printf("%s", DECIMAL_TEXT(x)). */
#define DECIMAL_TEXT(number) decimal_format((number), (char[DECIMAL_TEXT_MAX]){0})

/* A whole number as a list position (an enum member), or SIZE_MAX. */
static inline size_t decimal_to_index(decimal number) {
    long long whole;
    return decimal_to_whole(number, &whole) && whole >= 0 ? (size_t)whole : SIZE_MAX;
}

/* The nearest double, for drawing only (the HTML radar chart). */
double decimal_to_double(decimal number);

#endif
