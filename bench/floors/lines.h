/*
 * lines.h — the loop the JSON Lines floors share: read FILE a line at a time
 * (getline) and hand each non-empty line to a parser, then print
 * "sets=LINES bytes=SIZE". Each floor defines _POSIX_C_SOURCE 200809L (for
 * getline) before any include, and parse_line, which parses one JSON
 * document, frees it, and returns 0 when the line did not parse.
 */
#ifndef BENCH_LINES_H
#define BENCH_LINES_H

#include <stdio.h>
#include <stdlib.h>

static int parse_line(const char *line, size_t length);

static int parse_lines(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.jsonl\n", argv[0]);
        return 2;
    }
    FILE *input = fopen(argv[1], "rb");
    if (!input) {
        perror(argv[1]);
        return 2;
    }
    char *line = NULL;
    size_t capacity = 0, bytes = 0;
    unsigned long sets = 0;
    ssize_t length;
    while ((length = getline(&line, &capacity, input)) > 0) {
        bytes += (size_t)length;
        if (length == 1 && line[0] == '\n') continue;
        if (!parse_line(line, (size_t)length)) {
            fprintf(stderr, "%s:%lu: does not parse\n", argv[1], sets + 1);
            return 1;
        }
        sets++;
    }
    free(line);
    fclose(input);
    printf("sets=%lu bytes=%zu\n", sets, bytes);
    return 0;
}

#endif
