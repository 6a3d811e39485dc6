/*
 * import_text.h — the small pieces of text both imports share: checking the
 * names and lists given as options, finding control characters, and writing
 * strings and the head of a rule file (version line, module, imports and the
 * comment naming the table).
 */
#ifndef TK_IMPORT_TEXT_H
#define TK_IMPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/arena.h"

/* Whether text is one name of the rule language (letters, digits and _, not
   starting with a digit) that is no keyword: scanned with the language's
   own scanner, so a keyword added to it is refused here too. False with
   errno ENOMEM when memory runs out. */
bool import_is_name(const char *text);

/* Whether text is a module name: names joined by dots (a.b.c). */
bool import_is_module_name(const char *text);

/* Split a comma-separated option into at most `max` items, spaces around
   each dropped; an empty item is "". False when it has more than `max`. */
bool import_split_list(arena *region, const char *list, const char **items, size_t max,
                       size_t *count);

/* The byte offset of the first character in text[0..length) that a string
   of the rule language cannot hold (a control character other than tab, or
   a byte that is not UTF-8), or `length` when there is none. */
size_t import_bad_character(const char *text, size_t length);

/* What the character at text[offset] is, for a message: "a line break",
   "the control character U+0007", "a byte that is not UTF-8". */
const char *import_describe_character(arena *region, const char *text, size_t length,
                                      size_t offset);

/* text as a string of the rule language: quoted, with \" \\ and \t. */
void import_write_string(FILE *stream, const char *text);

/* The head of a rule file: `tenken 1`, `module NAME`, the imports, a blank
   line, and `# Imported by tenken import from FILE (N rows).` naming the
   table by its base name. */
void import_write_head(FILE *stream, const char *module, const char *const *imports,
                       size_t import_count, const char *table_path, size_t row_count);

#endif
