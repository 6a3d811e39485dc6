/*
 * yaml_answers.c — one answer set from one YAML or JSON document, read with
 * libyaml. Scalars stay text: `yes`, `no` and `1.1` are never turned into
 * booleans or numbers. Every problem names its file, line and column;
 * nothing is dropped silently. The stream the documents come from is
 * answer_reader.c's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "answers/yaml_answers.h"
#include "base/diag.h"
#include "base/strmap.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "answers/yaml_node.h"

typedef struct reading {
    tk_answers *answers;
    const tk_graph *graph;
    const source *file;
    yaml_document_t *document;
    diag_list *diags;
    diag_severity severity; /* errors, or warnings under --lenient */
} reading;

/* {=== positions ===} */

/* libyaml counts columns in characters; diagnostics need byte offsets. */
static uint32_t mark_offset(const source *file, yaml_mark_t mark) {
    return source_offset_at(file, mark.line, mark.column);
}

static diagnostic *report_at(reading *state, diag_code code, const yaml_node_t *node,
                             const char *format, ...) __attribute__((format(printf, 4, 5)));

static yaml_place place_of(const reading *state) {
    yaml_place place = {state->file, state->diags, state->severity};
    return place;
}

static diagnostic *report_at(reading *state, diag_code code, const yaml_node_t *node,
                             const char *format, ...) {
    yaml_place place = place_of(state);
    va_list args;
    va_start(args, format);
    diagnostic *record = yaml_report_va(&place, code, node, format, args);
    va_end(args);
    return record;
}

/* {=== node helpers ===} */

static yaml_node_t *node_at(reading *state, int index) {
    return yaml_document_get_node(state->document, index);
}

static const char *scalar_text(const yaml_node_t *node) {
    return (const char *)node->data.scalar.value;
}

static bool scalar_is_null(const yaml_node_t *node) {
    if (node->type != YAML_SCALAR_NODE) return false;
    if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return node->data.scalar.length == 0;
    const char *text = scalar_text(node);
    return text[0] == '\0' || strcmp(text, "~") == 0 || strcmp(text, "null") == 0 ||
           strcmp(text, "Null") == 0 || strcmp(text, "NULL") == 0;
}

static bool expect_kind(reading *state, const yaml_node_t *node, yaml_node_type_t kind,
                        const char *what) {
    yaml_place place = place_of(state);
    return yaml_expect_kind(&place, node, kind, what);
}

/* Report keys given twice in one mapping; returns false if any was. A hash
   map keeps this linear for mappings of many thousand items. */
static bool check_duplicate_keys(reading *state, const yaml_node_t *mapping) {
    bool unique = true;
    arena scratch;
    arena_init_within(&scratch, &state->diags->region);
    strmap seen = {0};
    for (yaml_node_pair_t *pair = mapping->data.mapping.pairs.start;
         pair < mapping->data.mapping.pairs.top; pair++) {
        const yaml_node_t *key = node_at(state, pair->key);
        if (key->type != YAML_SCALAR_NODE) continue;
        const yaml_node_t *first = strmap_put(&scratch, &seen, scalar_text(key), (void *)key);
        if (first == key) continue;
        diagnostic *record = report_at(state, DIAG_TK0509, key, "key '%s' is given twice",
                                       scalar_text(key));
        diag_add_note(state->diags, record, state->file,
                      mark_offset(state->file, first->start_mark),
                      mark_offset(state->file, first->end_mark), "the first one is here");
        diag_set_help(state->diags, record, "keep one of them; tenken does not pick one");
        unique = false;
    }
    arena_release(&scratch);
    return unique;
}

static void node_span(const reading *state, const yaml_node_t *node, uint32_t *start,
                      uint32_t *end) {
    yaml_node_span(state->file, node, start, end);
}

/* The answer itself: a scalar, or a mapping {answer, note, evidence}. */
static const yaml_node_t *answer_value_node(reading *state, const yaml_node_t *value,
                                            size_t node) {
    if (value->type == YAML_SCALAR_NODE) return value;
    if (value->type != YAML_MAPPING_NODE) {
        expect_kind(state, value, YAML_SCALAR_NODE, "an answer");
        return NULL;
    }
    check_duplicate_keys(state, value);
    const yaml_node_t *answer = NULL;
    for (yaml_node_pair_t *pair = value->data.mapping.pairs.start;
         pair < value->data.mapping.pairs.top; pair++) {
        const yaml_node_t *key = node_at(state, pair->key);
        const yaml_node_t *field = node_at(state, pair->value);
        if (!expect_kind(state, key, YAML_SCALAR_NODE, "a key")) continue;
        const char *name = scalar_text(key);
        if (strcmp(name, "answer") == 0) {
            if (expect_kind(state, field, YAML_SCALAR_NODE, "'answer'")) answer = field;
        } else if (strcmp(name, "note") == 0 || strcmp(name, "evidence") == 0) {
            if (!expect_kind(state, field, YAML_SCALAR_NODE, name)) continue;
            const char **slot = name[0] == 'n' ? state->answers->notes : state->answers->evidence;
            slot[node] = arena_strdup(&state->answers->region, scalar_text(field));
        } else {
            diagnostic *record = report_at(state, DIAG_TK0511, key,
                                           "an answer has no field '%s'", name);
            diag_set_help(state->diags, record, "the fields are answer, note and evidence");
        }
    }
    return answer;
}

static void read_item_answer(reading *state, size_t node, const yaml_node_t *value) {
    if (!state->graph->nodes[node].item->scale) return; /* only in a graph with errors */
    const yaml_node_t *answer = answer_value_node(state, value, node);
    if (!answer || scalar_is_null(answer)) return; /* unanswered */
    uint32_t start, end;
    node_span(state, answer, &start, &end);
    answers_give_item(state->answers, node, scalar_text(answer), state->diags, state->severity,
                      state->file, start, end);
}

static void read_checklist_answers(reading *state, size_t checklist, const yaml_node_t *items) {
    if (!expect_kind(state, items, YAML_MAPPING_NODE, "the answers of a checklist")) return;
    check_duplicate_keys(state, items);
    const graph_checklist *target = &state->graph->checklists[checklist];
    arena scratch; /* the ids met so far, empty answers included */
    arena_init_within(&scratch, &state->diags->region);
    strmap seen = {0};
    for (yaml_node_pair_t *pair = items->data.mapping.pairs.start;
         pair < items->data.mapping.pairs.top; pair++) {
        const yaml_node_t *key = node_at(state, pair->key);
        if (!expect_kind(state, key, YAML_SCALAR_NODE, "an item id")) continue;
        size_t node = graph_lookup(&target->item_by_id, scalar_text(key));
        if (node == NO_INDEX) {
            diagnostic *record = report_at(state, DIAG_TK0504, key,
                                           "checklist '%s' has no item '%s'", target->name,
                                           scalar_text(key));
            suggestion best;
            suggest_begin(&best, scalar_text(key));
            for (size_t index = 0; index < target->item_count; index++)
                suggest_consider(&best, state->graph->nodes[target->items[index]].name);
            if (suggest_result(&best))
                diag_set_help(state->diags, record, "did you mean '%s'?", suggest_result(&best));
            continue;
        }
        if (strmap_put(&scratch, &seen, scalar_text(key), (void *)key) != key) {
            state->answers->options[node] = ANSWER_INVALID; /* given twice, reported */
            state->answers->raw[node] = NULL;
            state->answers->given_twice[node] = true;
            continue;
        }
        read_item_answer(state, node, node_at(state, pair->value));
    }
    arena_release(&scratch);
}

static void read_answers(reading *state, const yaml_node_t *checklists) {
    if (scalar_is_null(checklists)) return;
    if (!expect_kind(state, checklists, YAML_MAPPING_NODE, "'answers'")) return;
    check_duplicate_keys(state, checklists);
    for (yaml_node_pair_t *pair = checklists->data.mapping.pairs.start;
         pair < checklists->data.mapping.pairs.top; pair++) {
        const yaml_node_t *key = node_at(state, pair->key);
        if (!expect_kind(state, key, YAML_SCALAR_NODE, "a checklist name")) continue;
        size_t checklist = graph_lookup(&state->graph->checklist_by_name, scalar_text(key));
        if (checklist == NO_INDEX) {
            diagnostic *record = report_at(state, DIAG_TK0503, key,
                                           "the rules have no checklist '%s'",
                                           scalar_text(key));
            suggestion best;
            suggest_begin(&best, scalar_text(key));
            for (size_t index = 0; index < state->graph->checklist_count; index++)
                suggest_consider(&best, state->graph->checklists[index].name);
            if (suggest_result(&best))
                diag_set_help(state->diags, record, "did you mean '%s'?", suggest_result(&best));
            continue;
        }
        read_checklist_answers(state, checklist, node_at(state, pair->value));
    }
}

static void read_fact(reading *state, size_t node, const yaml_node_t *value) {
    if (!expect_kind(state, value, YAML_SCALAR_NODE, "a fact's value")) return;
    if (scalar_is_null(value) && !state->graph->nodes[node].fact->fixed) return;
    uint32_t start, end;
    node_span(state, value, &start, &end);
    answers_give_fact(state->answers, node, scalar_text(value), state->diags, state->severity,
                      state->file, start, end);
}

static void read_facts(reading *state, const yaml_node_t *facts) {
    if (scalar_is_null(facts)) return;
    if (!expect_kind(state, facts, YAML_MAPPING_NODE, "'facts'")) return;
    check_duplicate_keys(state, facts);
    arena scratch; /* the facts met so far: one given twice stays unknown */
    arena_init_within(&scratch, &state->diags->region);
    strmap seen = {0};
    for (yaml_node_pair_t *pair = facts->data.mapping.pairs.start;
         pair < facts->data.mapping.pairs.top; pair++) {
        const yaml_node_t *key = node_at(state, pair->key);
        if (!expect_kind(state, key, YAML_SCALAR_NODE, "a fact name")) continue;
        size_t node = graph_lookup(&state->graph->fact_by_name, scalar_text(key));
        if (node == NO_INDEX) {
            diagnostic *record = report_at(state, DIAG_TK0507, key,
                                           "the rules declare no fact '%s'", scalar_text(key));
            suggestion best;
            suggest_begin(&best, scalar_text(key));
            for (size_t index = 0; index < state->graph->fact_count; index++)
                suggest_consider(&best, state->graph->nodes[state->graph->facts[index]].name);
            if (suggest_result(&best))
                diag_set_help(state->diags, record, "did you mean '%s'?", suggest_result(&best));
            else if (state->graph->fact_count == 0)
                diag_set_help(state->diags, record, "module '%s' declares no facts; remove it",
                              state->graph->module);
            continue;
        }
        if (strmap_put(&scratch, &seen, scalar_text(key), (void *)key) != key) {
            state->answers->facts[node] = (fact_value){0}; /* given twice, reported */
            continue;
        }
        read_fact(state, node, node_at(state, pair->value));
    }
    arena_release(&scratch);
}

/* {=== the header ===} */

static const char *const header_keys[] = {"tenken", "rules", "subject", "assessed",
                                          "assessor", "register", "facts", "answers"};

static void report_unknown_register_key(reading *state, const yaml_node_t *key) {
    const char *name = scalar_text(key);
    diagnostic *record = report_at(state, DIAG_TK0511, key, "the register has no field '%s'",
                                   name);
    if (!strcmp(name, "assessed") || !strcmp(name, "assessor")) {
        diag_set_help(state->diags, record, "'%s' is a key of the answer set: move it out of "
                      "`register:`", name);
        return;
    }
    suggestion best;
    suggest_begin(&best, name);
    for (size_t index = 0; index < REGISTER_KEY_COUNT; index++)
        suggest_consider(&best, answers_register_keys[index]);
    if (suggest_result(&best))
        diag_set_help(state->diags, record, "did you mean '%s'?", suggest_result(&best));
    else
        diag_set_help(state->diags, record,
                      "the fields are id, service, department, summary, status, start and end");
}

/* `register:` — the register's free-text fields, each a single value. */
static void read_register(reading *state, const yaml_node_t *fields) {
    if (scalar_is_null(fields)) return;
    if (!expect_kind(state, fields, YAML_MAPPING_NODE, "'register'")) return;
    check_duplicate_keys(state, fields);
    for (yaml_node_pair_t *pair = fields->data.mapping.pairs.start;
         pair < fields->data.mapping.pairs.top; pair++) {
        const yaml_node_t *key = node_at(state, pair->key);
        const yaml_node_t *value = node_at(state, pair->value);
        if (!expect_kind(state, key, YAML_SCALAR_NODE, "a register field")) continue;
        size_t field = 0;
        while (field < REGISTER_KEY_COUNT && strcmp(answers_register_keys[field], scalar_text(key)))
            field++;
        if (field == REGISTER_KEY_COUNT) {
            report_unknown_register_key(state, key);
            continue;
        }
        const char *what = arena_printf(&state->diags->region, "'%s'", scalar_text(key));
        if (!expect_kind(state, value, YAML_SCALAR_NODE, what) || scalar_is_null(value)) continue;
        state->answers->register_fields[field] =
            arena_strdup(&state->answers->region, scalar_text(value));
    }
}

/* A header value as written; NULL when it is empty or null, as in a blank
   template (`subject: ""`, `assessed:`), so that it counts as not given. */
static const char *header_text(reading *state, const yaml_node_t *value, const char *key) {
    if (!expect_kind(state, value, YAML_SCALAR_NODE, key)) return NULL;
    if (scalar_is_null(value)) return NULL;
    return arena_strdup(&state->answers->region, scalar_text(value));
}

static void read_header_key(reading *state, const yaml_node_t *key, const yaml_node_t *value) {
    const char *name = scalar_text(key);
    tk_answers *answers = state->answers;
    if (!strcmp(name, "tenken")) {
        const char *version = header_text(state, value, "'tenken'");
        if (version && strcmp(version, "1") != 0) {
            diagnostic *record = report_at(state, DIAG_TK0512, value,
                                           "answer format version '%s' is not supported",
                                           version);
            diag_set_help(state->diags, record, "this tenken reads `tenken: 1`");
        }
    } else if (!strcmp(name, "rules")) {
        answers->rules = header_text(state, value, "'rules'");
        const char *base = state->graph->base_module;
        if (answers->rules && strcmp(answers->rules, state->graph->module) != 0 &&
            !(base && strcmp(answers->rules, base) == 0)) {
            diagnostic *record = report_at(state, DIAG_TK0510, value,
                                           "these answers are for '%s', the rules are '%s'",
                                           answers->rules, state->graph->module);
            diag_set_help(state->diags, record,
                          "evaluate them with the rules of that module, or fix `rules:`");
        }
    } else if (!strcmp(name, "subject")) {
        answers->subject = header_text(state, value, "'subject'");
    } else if (!strcmp(name, "assessed")) {
        answers->assessed = header_text(state, value, "'assessed'");
    } else if (!strcmp(name, "assessor")) {
        answers->assessor = header_text(state, value, "'assessor'");
    } else if (!strcmp(name, "register")) {
        read_register(state, value);
    } else if (!strcmp(name, "facts")) {
        read_facts(state, value);
    } else if (!strcmp(name, "answers")) {
        read_answers(state, value);
    } else {
        diagnostic *record = report_at(state, DIAG_TK0511, key,
                                       "an answer file has no key '%s'", name);
        suggestion best;
        suggest_begin(&best, name);
        for (size_t index = 0; index < sizeof header_keys / sizeof *header_keys; index++)
            suggest_consider(&best, header_keys[index]);
        if (suggest_result(&best))
            diag_set_help(state->diags, record, "did you mean '%s'?", suggest_result(&best));
        else
            diag_set_help(state->diags, record,
                          "the keys are tenken, rules, subject, assessed, assessor, facts "
                          "and answers");
    }
}

/* A value that holds a NUL character ("\0" in a quoted scalar) would be cut
   short where tenken reads it as text: each is an error, never silent. */
static void check_nul_characters(reading *state) {
    for (yaml_node_t *node = state->document->nodes.start; node < state->document->nodes.top;
         node++) {
        if (node->type != YAML_SCALAR_NODE) continue;
        if (strlen(scalar_text(node)) == node->data.scalar.length) continue;
        diagnostic *record = report_at(state, DIAG_TK0502, node,
                                       "a value holds a NUL character");
        diag_set_help(state->diags, record, "remove the \\0 from the value");
    }
}

static void read_document(reading *state) {
    check_nul_characters(state);
    const yaml_node_t *root = yaml_document_get_root_node(state->document);
    if (scalar_is_null(root)) return;
    if (!expect_kind(state, root, YAML_MAPPING_NODE, "an answer set")) return;
    check_duplicate_keys(state, root);
    for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
         pair < root->data.mapping.pairs.top; pair++) {
        const yaml_node_t *key = node_at(state, pair->key);
        if (!expect_kind(state, key, YAML_SCALAR_NODE, "a key")) continue;
        read_header_key(state, key, node_at(state, pair->value));
    }
}

/* {=== one record ===} */

enum { ANSWERS_MAX_FLOW_DEPTH = 512 };  /* libyaml's time grows with the square of it */

/* The offset where [ and { brackets (outside quotes and comments) first nest
   deeper than ANSWERS_MAX_FLOW_DEPTH, or SIZE_MAX. Answer files nest four
   levels; a file nesting hundreds of thousands would take minutes to read. */
static size_t too_deep_at(const char *text, size_t length) {
    size_t depth = 0;
    char quote = 0;
    bool comment = false;
    for (size_t offset = 0; offset < length; offset++) {
        char byte = text[offset];
        if (comment) { comment = byte != '\n' && byte != '\r'; continue; }
        if (quote) {
            if (byte == '\\' && quote == '"') offset++;
            else if (byte == quote) quote = 0;
            continue;
        }
        if (byte == '"' || byte == '\'') quote = byte;
        else if (byte == '#') comment = true;
        else if (byte == '[' || byte == '{') {
            if (++depth > ANSWERS_MAX_FLOW_DEPTH) return offset;
        } else if ((byte == ']' || byte == '}') && depth > 0) depth--;
    }
    return SIZE_MAX;
}

/* A record is one document: anything after it that libyaml does not read as
   the end of the stream (two JSON objects on two lines of a .json file) is
   an error, never a set dropped in silence. */
static void check_single_document(const source *file, yaml_parser_t *parser, diag_list *diags) {
    uint32_t offset;
    if (!yaml_another_document(file, parser, diags, &offset)) return;
    diagnostic *record = diag_report(diags, SEVERITY_ERROR, DIAG_TK0501, file, offset,
                                     offset + 1, "a second answer set without `---`");
    diag_set_help(diags, record, "separate answer sets with a `---` line, or write one "
                                 "JSON object a line in a .jsonl file");
}

/* A record with libyaml: one document (JSON is read as YAML's flow style).
   NULL when it does not parse, reported. */
static void delete_parser(void *parser) { yaml_parser_delete(parser); }
static void delete_document(void *document) { yaml_document_delete(document); }

static tk_answers *parse_yaml_record(const tk_graph *graph, const source *file, size_t number,
                                     tk_diags *diags) {
    arena *within = &diag_list_of(diags)->region;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) arena_out_of_memory(within);
    recovery_cleanup parser_cleanup;
    recovery_push(within, &parser_cleanup, delete_parser, &parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)file->text, file->length);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    yaml_document_t document;
    tk_answers *answers = NULL;
    if (!yaml_parser_load(&parser, &document)) {
        yaml_report_parser_error(file, &parser, diag_list_of(diags));
    } else {
        recovery_cleanup document_cleanup;
        recovery_push(within, &document_cleanup, delete_document, &document);
        if (yaml_document_get_root_node(&document)) {
            answers = answers_create_within(arena_recovery(within), graph, file->path, number);
            reading state = {answers, graph, file, &document, diag_list_of(diags),
                             diag_is_lenient(diags) ? SEVERITY_WARNING : SEVERITY_ERROR};
            read_document(&state);
            answers_finish(answers);
        }
        recovery_pop(&document_cleanup);
        yaml_document_delete(&document);
        check_single_document(file, &parser, diag_list_of(diags));
    }
    recovery_pop(&parser_cleanup);
    yaml_parser_delete(&parser);
    return answers;
}

tk_answers *answers_read_yaml(const tk_graph *graph, const char *path, const char *text,
                              size_t length, size_t first_line, size_t number, tk_diags *diags) {
    arena scratch;
    arena_init_within(&scratch, &diag_list_of(diags)->region);
    source *file = source_from_text(&scratch, path, text, length);
    file->line_offset = (unsigned)(first_line - 1);
    tk_answers *answers = NULL;
    diag_list *list = diag_list_of(diags);
    if (file->length >= 3 && memcmp(file->text, "\xEF\xBB\xBF", 3) == 0) {
        diagnostic *record = diag_report(list, SEVERITY_ERROR, DIAG_TK0501, file, 0, 3,
                                         "a second byte order mark");
        diag_set_help(list, record, "save the file as UTF-8 with one byte order mark at most");
    } else if (diag_check_utf8(list, file, answers_utf8_help)) {
        size_t deep = too_deep_at(file->text, file->length);
        if (deep == SIZE_MAX) {
            answers = parse_yaml_record(graph, file, number, diags);
        } else {
            diagnostic *record = diag_report(list, SEVERITY_ERROR, DIAG_TK0502, file,
                (uint32_t)deep, (uint32_t)deep + 1,
                "the answer file nests deeper than %d levels", ANSWERS_MAX_FLOW_DEPTH);
            diag_set_help(list, record, "an answer file needs four levels; "
                                        "check for brackets that are never closed");
        }
    }
    diag_forget_file(list, file);
    arena_release(&scratch);
    return answers;
}
