/*
 * simdjson_parse.cpp — the JSON Lines floor: simdjson merely parsing the file.
 *
 *   simdjson_parse FILE.jsonl
 *
 * Loads the file (padded_string::load) and parses every document with the
 * DOM parser's parse_many, which builds each document's tape in full, then
 * drops it. Prints "sets=DOCUMENTS bytes=SIZE". The practical floor for any
 * JSON Lines reader.
 */
#include <cstdio>
#include <simdjson.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: simdjson_parse FILE.jsonl\n");
        return 2;
    }
    simdjson::padded_string text;
    if (simdjson::padded_string::load(argv[1]).get(text)) {
        std::fprintf(stderr, "%s: cannot read\n", argv[1]);
        return 2;
    }
    simdjson::dom::parser parser;
    simdjson::dom::document_stream documents;
    if (parser.parse_many(text).get(documents)) {
        std::fprintf(stderr, "%s: does not parse\n", argv[1]);
        return 1;
    }
    unsigned long sets = 0;
    for (auto document : documents) {
        simdjson::dom::element root;
        if (document.get(root)) {
            std::fprintf(stderr, "%s:%lu: does not parse\n", argv[1], sets + 1);
            return 1;
        }
        sets++;
    }
    std::printf("sets=%lu bytes=%zu\n", sets, text.size());
    return 0;
}
