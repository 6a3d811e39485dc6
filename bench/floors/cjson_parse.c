/*
 * cjson_parse.c — a JSON Lines floor: cJSON merely parsing every line
 * (cJSON_ParseWithLength, then cJSON_Delete).
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>

#include "lines.h"

static int parse_line(const char *line, size_t length) {
    cJSON *document = cJSON_ParseWithLength(line, length);
    if (!document) return 0;
    cJSON_Delete(document);
    return 1;
}

int main(int argc, char **argv) {
    return parse_lines(argc, argv);
}
