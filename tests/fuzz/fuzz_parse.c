/*
 * fuzz_parse.c — the scanner and parser on arbitrary bytes: any input must
 * give a tree and diagnostics, never a crash, a hang or a leak.
 */
#include <stdint.h>

#include "lang/parse.h"
#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    arena region;
    arena_init(&region);
    diag_list diags;
    diag_list_init(&diags);
    source *file = source_from_text(&region, "fuzz.tkn", (const char *)data, size);
    if (utf8_first_invalid(file->text, file->length) == file->length)
        parse_module(&region, file, &diags);
    diag_list_release(&diags);
    arena_release(&region);
    return 0;
}
