/*
 * jsonc_parse.c — a JSON Lines floor: json-c merely parsing every line
 * (json_tokener_parse_ex into a json_object, then json_object_put).
 */
#define _POSIX_C_SOURCE 200809L
#include <json-c/json.h>

#include "lines.h"

static json_tokener *tokener;

static int parse_line(const char *line, size_t length) {
    json_tokener_reset(tokener);
    json_object *document = json_tokener_parse_ex(tokener, line, (int)length);
    if (!document) return 0;
    json_object_put(document);
    return 1;
}

int main(int argc, char **argv) {
    tokener = json_tokener_new();
    int status = parse_lines(argc, argv);
    json_tokener_free(tokener);
    return status;
}
