/* test_decimal.c — the exact decimal number (src/base/decimal.c): parsing,
   printing, + − × ÷ with 34 digits rounded half to even, comparing,
   rounding to a place, overflow and division by zero. */
#include "unit.h"

#include "base/decimal.h"

static decimal number(const char *text) {
    decimal parsed;
    cr_assert(decimal_parse(text, strlen(text), &parsed), "'%s' parses", text);
    return parsed;
}

static void assert_text(decimal value, const char *expected) {
    char buffer[DECIMAL_TEXT_MAX];
    cr_assert_str_eq(decimal_format(value, buffer), expected);
}

typedef bool (*operation)(decimal, decimal, decimal *);

static void assert_op(operation op, const char *left, const char *right, const char *expected) {
    decimal result;
    cr_assert(op(number(left), number(right), &result), "%s with %s fits", left, right);
    assert_text(result, expected);
}

static bool fails(operation op, const char *left, const char *right) {
    decimal result;
    return !op(number(left), number(right), &result);
}

/* {=== the examples ===} */

Test(decimal, point_one_plus_point_two_is_point_three) {
    decimal sum;
    cr_assert(decimal_add(number("0.1"), number("0.2"), &sum));
    cr_assert(decimal_equal(sum, number("0.3")));
    assert_text(sum, "0.3");
}

Test(decimal, comparison_at_a_threshold_is_exact) {
    cr_assert_eq(decimal_compare(number("99.9"), number("99.9")), 0);
    cr_assert_eq(decimal_compare(number("99.90"), number("99.9")), 0);
    cr_assert_eq(decimal_compare(number("99.89"), number("99.9")), -1);
    cr_assert_eq(decimal_compare(number("99.91"), number("99.9")), 1);
    decimal availability;   /* (43200 - 43.2) / 43200 × 100 → 99.9 exactly */
    cr_assert(decimal_sub(number("43200"), number("43.2"), &availability));
    cr_assert(decimal_div(availability, number("43200"), &availability));
    cr_assert(decimal_mul(availability, number("100"), &availability));
    cr_assert_eq(decimal_compare(availability, number("99.9")), 0);
    assert_text(availability, "99.9");
}

Test(decimal, prints_as_written) {
    assert_text(number("98.996"), "98.996");
    assert_text(number("99.995"), "99.995");
    assert_text(number("12345.678"), "12345.678");
    assert_text(number("100"), "100");
    assert_text(number("1.500"), "1.5");
    assert_text(number("0.001"), "0.001");
    assert_text(number("-2.50"), "-2.5");
    assert_text(number("1200"), "1200");
}

Test(decimal, never_negative_zero) {
    assert_op(decimal_mul, "-5", "0", "0");
    assert_op(decimal_mul, "-1", "0.0", "0");
    assert_op(decimal_sub, "0", "0", "0");
    assert_op(decimal_add, "-0.5", "0.5", "0");
    assert_text(decimal_negate(number("0")), "0");
    assert_text(number("-0"), "0");
    assert_text(number("-0.000"), "0");
    decimal rounded;
    cr_assert(decimal_round(number("-0.4"), 0, &rounded));
    assert_text(rounded, "0");
    cr_assert(decimal_ceil(number("-0.4"), &rounded));
    assert_text(rounded, "0");
}

/* {=== arithmetic ===} */

Test(decimal, add_and_subtract) {
    assert_op(decimal_add, "1.25", "2", "3.25");
    assert_op(decimal_add, "0.999", "0.001", "1");
    assert_op(decimal_sub, "1", "0.001", "0.999");
    assert_op(decimal_sub, "2", "5", "-3");
    assert_op(decimal_add, "-1.5", "-2.25", "-3.75");
    assert_op(decimal_add, "9999999999999999999999999999999999", "1", "10000000000000000000000000000000000");
}

Test(decimal, carries_round_half_even_at_34_digits) {
    /* 34 nines plus 0.5: 35 digits, the tie goes to the even 10^34 */
    assert_op(decimal_add, "9999999999999999999999999999999999", "0.5", "10000000000000000000000000000000000");
    /* 1 + 5 × 10^-34 needs 35 digits: a tie rounds to the even 1 */
    assert_op(decimal_add, "1", "0.0000000000000000000000000000000005", "1");
    assert_op(decimal_add, "1", "0.00000000000000000000000000000000051",
              "1.000000000000000000000000000000001");
    assert_op(decimal_add, "1.000000000000000000000000000000001",
              "0.0000000000000000000000000000000005", "1.000000000000000000000000000000002");
    /* a tiny addend far below the last digit only breaks a tie */
    assert_op(decimal_add, "1e40", "1", "1e+40");
    assert_op(decimal_sub, "1e40", "1e-40", "1e+40");
    /* ties at the 34th digit, and digits far below one that break them */
    assert_op(decimal_add, "1000000000000000000000000000000001", "0.5", "1000000000000000000000000000000002");
    assert_op(decimal_add, "1000000000000000000000000000000001", "0.4999999999999999999999999999999999", "1000000000000000000000000000000001");
    assert_op(decimal_sub, "1000000000000000000000000000000002", "0.5000000000000000000000000000000001", "1000000000000000000000000000000001");
    assert_op(decimal_add, "1000000000000000000000000000000002", "0.5000000000000000000000000000000001", "1000000000000000000000000000000003");
    assert_op(decimal_sub, "1000000000000000000000000000000002", "0.5", "1000000000000000000000000000000002");
}

Test(decimal, multiply) {
    assert_op(decimal_mul, "1.5", "1.5", "2.25");
    assert_op(decimal_mul, "-0.1", "0.1", "-0.01");
    assert_op(decimal_mul, "12345678901234567890", "98765432109876543210",
              "1219326311370217952237463801111264000000");   /* 40 digits rounded to 34 */
    /* 34 digits squared: rounded to 34 */
    assert_op(decimal_mul, "9999999999999999999999999999999999", "9999999999999999999999999999999999",
              "9.999999999999999999999999999999998e+67");
    assert_op(decimal_mul, "3333333333333333333333333333333333", "3",
              "9999999999999999999999999999999999");
}

Test(decimal, divide_to_34_digits) {
    assert_op(decimal_div, "1", "3", "0.3333333333333333333333333333333333");
    assert_op(decimal_div, "2", "3", "0.6666666666666666666666666666666667");
    assert_op(decimal_div, "-2", "3", "-0.6666666666666666666666666666666667");
    assert_op(decimal_div, "1", "4", "0.25");
    assert_op(decimal_div, "10", "2", "5");
    assert_op(decimal_div, "1", "8", "0.125");
    assert_op(decimal_div, "100", "7", "14.28571428571428571428571428571429");
    assert_op(decimal_div, "0", "7", "0");
    assert_op(decimal_div, "7", "0.5", "14");
}

Test(decimal, division_by_zero_and_overflow_fail) {
    cr_assert(fails(decimal_div, "1", "0"));
    cr_assert(fails(decimal_div, "0", "0"));
    cr_assert(fails(decimal_mul, "1e5000", "1e5000"));
    cr_assert(fails(decimal_div, "1e5000", "1e-5000"));
    cr_assert(!fails(decimal_mul, "1e3000", "1e3000"));
    /* tiny results go to zero, never fail */
    assert_op(decimal_mul, "1e-5000", "1e-5000", "0");
}

/* {=== comparing ===} */

Test(decimal, compare_across_exponents_and_signs) {
    cr_assert_eq(decimal_compare(number("1"), number("1.000")), 0);
    cr_assert_eq(decimal_compare(number("-1"), number("1")), -1);
    cr_assert_eq(decimal_compare(number("0"), number("-0.0001")), 1);
    cr_assert_eq(decimal_compare(number("1e30"), number("999999999999999999999999999999")), 1);
    cr_assert_eq(decimal_compare(number("-1e30"), number("-999999999999999999999999999999")), -1);
    cr_assert_eq(decimal_compare(number("0.30000000000000001"), number("0.3")), 1);
    cr_assert_eq(decimal_compare(number("1e-6000"), number("0")), 1);
}

/* {=== rounding to a place ===} */

static void assert_round(const char *text, int places, const char *expected) {
    decimal rounded;
    cr_assert(decimal_round(number(text), places, &rounded));
    assert_text(rounded, expected);
}

Test(decimal, round_half_away_from_zero) {
    assert_round("2.5", 0, "3");
    assert_round("3.5", 0, "4");
    assert_round("-2.5", 0, "-3");
    assert_round("2.449", 1, "2.4");
    assert_round("2.45", 1, "2.5");
    assert_round("99.995", 2, "100");
    assert_round("1234", -2, "1200");
    assert_round("1250", -2, "1300");
    assert_round("0.4", 0, "0");
    assert_round("1.5", 3, "1.5");
    assert_round("0.000000000000000000000000000000000000000001", 2, "0");
}

Test(decimal, floor_ceil_abs) {
    decimal result;
    cr_assert(decimal_floor(number("-1.5"), &result));
    assert_text(result, "-2");
    cr_assert(decimal_ceil(number("-1.5"), &result));
    assert_text(result, "-1");
    cr_assert(decimal_floor(number("2.999"), &result));
    assert_text(result, "2");
    cr_assert(decimal_ceil(number("2.001"), &result));
    assert_text(result, "3");
    cr_assert(decimal_ceil(number("1e-50"), &result));
    assert_text(result, "1");
    cr_assert(decimal_floor(number("7"), &result));
    assert_text(result, "7");
    assert_text(decimal_abs(number("-3.25")), "3.25");
    long long whole;
    cr_assert(decimal_to_whole(number("42.000"), &whole));
    cr_assert_eq(whole, 42);
    cr_assert(!decimal_to_whole(number("4.2"), &whole));
}

/* {=== text ===} */

Test(decimal, parse_forms) {
    assert_text(number(".5"), "0.5");
    assert_text(number("5."), "5");
    assert_text(number("+7"), "7");
    assert_text(number("1e3"), "1000");
    assert_text(number("1.5E-3"), "0.0015");
    assert_text(number("000012.5000"), "12.5");
    /* 34 significant digits, and trailing zeros beyond them, are exact */
    assert_text(number("1.000000000000000000000000000000001"), "1.000000000000000000000000000000001");
    assert_text(number("1.0000000000000000000000000000000010000"),
                "1.000000000000000000000000000000001");
    assert_text(number("1234567890123456789012345678901234000000"),
                "1234567890123456789012345678901234000000");
}

Test(decimal, parse_errors) {
    const char *bad[] = {"", "-", ".", "1.2.3", "1e", "1e+", "abc", "1x", "--1", "1 ", " 1",
                         "0x10", "1e99999999999", "inf", "nan", "1,5",
                         /* a 35th significant digit would be rounded away */
                         "1.00000000000000000000000000000000050",
                         "123456789012345678901234567890123456789"};
    for (size_t index = 0; index < sizeof bad / sizeof *bad; index++) {
        decimal parsed;
        cr_assert(!decimal_parse(bad[index], strlen(bad[index]), &parsed), "'%s' fails", bad[index]);
    }
    decimal parsed;
    cr_assert(decimal_parse("12abc", 2, &parsed), "only the given length is read");
    assert_text(parsed, "12");
}

Test(decimal, print_huge_and_tiny) {
    assert_text(number("1e60"), "1e+60");
    assert_text(number("-1.5e60"), "-1.5e+60");
    assert_text(number("1e-50"), "1e-50");
    assert_text(number("0.000001"), "0.000001");
    assert_text(number("0.0000001"), "1e-7");
    assert_text(number("1e39"), "1000000000000000000000000000000000000000");
    assert_text(number("1e40"), "1e+40");
    assert_text(number("-9.999999999999999999999999999999999e+6000"),
                "-9.999999999999999999999999999999999e+6000");
    assert_text(number("1e-6000"), "1e-6000");
    cr_assert_float_eq(decimal_to_double(number("99.9")), 99.9, 1e-12);
}
