/*
 * jansson_parse.c — a JSON Lines floor: jansson merely parsing every line
 * (json_loadb, then json_decref).
 */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>

#include "lines.h"

static int parse_line(const char *line, size_t length) {
    json_error_t error;
    json_t *document = json_loadb(line, length, JSON_DISABLE_EOF_CHECK, &error);
    if (!document) return 0;
    json_decref(document);
    return 1;
}

int main(int argc, char **argv) {
    return parse_lines(argc, argv);
}
