/*
 * yaml_parse.c — the YAML floor: libyaml merely parsing an answer stream.
 *
 *   yaml_parse FILE.yaml
 *
 * Pulls every event of the multi-document stream with yaml_parser_parse and
 * throws it away: no document tree, no answers. Prints
 * "sets=DOCUMENTS bytes=SIZE". What tenken's YAML reader cannot beat.
 */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: yaml_parse FILE.yaml\n");
        return 2;
    }
    FILE *input = fopen(argv[1], "rb");
    if (!input) {
        perror(argv[1]);
        return 2;
    }
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, input);
    unsigned long documents = 0;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s:%zu: %s\n", argv[1], parser.problem_mark.line + 1,
                    parser.problem ? parser.problem : "parse error");
            return 1;
        }
        yaml_event_type_t type = event.type;
        if (type == YAML_DOCUMENT_START_EVENT) documents++;
        yaml_event_delete(&event);
        if (type == YAML_STREAM_END_EVENT) break;
    }
    printf("sets=%lu bytes=%ld\n", documents, ftell(input));
    yaml_parser_delete(&parser);
    fclose(input);
    return 0;
}
