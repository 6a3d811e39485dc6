/*
 * utf8.h — UTF-8 decoding and display width. Japanese (East Asian Wide and
 * Fullwidth) characters take two terminal columns; combining marks take none.
 */
#ifndef TK_UTF8_H
#define TK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at text[0..length); returns its byte length, or 0 if
   the bytes are not valid UTF-8 (overlong, surrogate, truncated, > U+10FFFF). */
size_t utf8_decode(const char *text, size_t length, uint32_t *code_point);

/* Offset of the first invalid byte, or `length` when all of it is valid. */
size_t utf8_first_invalid(const char *text, size_t length);

/* Columns one code point takes on a terminal: 0, 1 or 2. */
int utf8_char_width(uint32_t code_point);

/* Columns text[0..length) takes; tabs advance to the next multiple of 8. */
size_t utf8_display_width(const char *text, size_t length);

/* Number of code points in text[0..length). */
size_t utf8_length(const char *text, size_t length);

#endif
