/*
 * answers.c — reading answer sets from YAML or JSON with libyaml. A stream
 * may hold many documents (`---`), each one answer set. Scalars stay text:
 * `yes`, `no` and `1.1` are never turned into booleans or numbers. Every
 * problem names its file, line and column; nothing is dropped silently.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "answers/answers.h"
#include "base/diag.h"
#include "answers/jsonl.h"
#include "answers/record_stream.h"
#include "answers/register.h"
#include "base/strmap.h"
#include "base/suggest.h"
#include "tenken.h"
#include "base/utf8.h"
#include "answers/yaml_node.h"

struct tk_answer_reader {
    arena region;           /* the CSV source text */
    const tk_graph *graph;
    const char *path;       /* as messages name it */
    source *file;           /* a CSV register, read whole */
    register_reader *csv;   /* a CSV register; else a stream of records */
    record_stream records;  /* YAML documents or JSON lines, read as they come */
    bool streaming;
    size_t documents;
    bool finished;
};

/* One answer set as read, not yet parsed (tk_answers_next_raw). */
struct tk_raw_answers {
    char *text;
    size_t length, first_line, number;
    record_kind kind;
    const char *path;
};

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

/* {=== items ===} */

static void explain_not_an_option(diag_list *diags, diagnostic *record, const graph_node *item,
                                  const char *answer) {
    suggestion best;
    suggest_begin(&best, answer);
    const graph_scale *scale = item->item->scale;
    for (size_t index = 0; index < scale->option_count; index++) {
        const graph_option *option = &scale->options[index];
        suggest_consider(&best, option->key);
        for (size_t variant = 0; variant < option->label.count; variant++)
            suggest_consider(&best, option->label.variants[variant].text);
    }
    if (suggest_result(&best)) {
        diag_set_help(diags, record, "did you mean '%s'?", suggest_result(&best));
        return;
    }
    char *choices = "";
    for (size_t index = 0; index < scale->option_count; index++) {
        const graph_option *option = &scale->options[index];
        const char *label = graph_text_pick(&option->label, "ja");
        choices = arena_printf(&diags->region, "%s%s%s (%g)", choices, index ? ", " : "",
                               label ? label : option->key, option->points);
    }
    diag_set_help(diags, record, "the options are %s", choices);
}

void answers_give_item(tk_answers *answers, size_t node, const char *text, diag_list *diags,
                       diag_severity severity, const source *file, uint32_t start,
                       uint32_t end) {
    const graph_node *item = &answers->graph->nodes[node];
    if (!item->item->scale) return; /* only in a graph with errors */
    answers->raw[node] = arena_strdup(&answers->region, text);
    int option = graph_match_option(item->item->scale, text);
    if (option >= 0) {
        answers->options[node] = option;
        return;
    }
    answers->options[node] = ANSWER_INVALID;
    if (option == ANSWER_AMBIGUOUS) {
        diagnostic *record = diag_report(diags, severity, DIAG_TK0506, file, start, end,
                                         "'%s' matches the points of several options of item '%s'",
                                         text, item->name);
        diag_set_help(diags, record, "answer with the option's label or key");
        return;
    }
    diagnostic *record = diag_report(diags, severity, DIAG_TK0505, file, start, end,
                                     "'%s' is not an option of item '%s'", text, item->name);
    explain_not_an_option(diags, record, item, text);
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

/* {=== facts ===} */

bool answers_convert_fact(const graph_node *fact, const char *text, fact_value *value) {
    value->type = fact->type;
    switch (fact->fact->type) {
    case TYPE_BOOL:
        if (!strcmp(text, "true") || !strcmp(text, "yes")) return value->number = 1, true;
        if (!strcmp(text, "false") || !strcmp(text, "no")) return value->number = 0, true;
        return false;
    case TYPE_NUMBER:
        value->number = strtod(text, NULL);
        return text_is_decimal(text) && isfinite(value->number);
    case TYPE_DATE: value->string = text; return text_is_date(text);
    case TYPE_ENUM:
        for (size_t index = 0; index < fact->enum_members->count; index++)
            if (!strcmp(fact->enum_members->names[index], text))
                return value->number = (double)index, true;
        return false;
    default: value->string = text; return true;
    }
}

static const char *fact_type_hint(const graph_node *fact, arena *region) {
    switch (fact->fact->type) {
    case TYPE_BOOL: return "write true or false";
    case TYPE_NUMBER: return "write a number such as 3 or 2.5";
    case TYPE_DATE: return "write a date as YYYY-MM-DD";
    case TYPE_ENUM: {
        char *list = "";
        for (size_t index = 0; index < fact->enum_members->count; index++)
            list = arena_printf(region, "%s%s%s", list, index ? ", " : "",
                                fact->enum_members->names[index]);
        return arena_printf(region, "write one of %s", list);
    }
    default: return NULL;
    }
}

void answers_give_fact(tk_answers *answers, size_t node, const char *text, diag_list *diags,
                       diag_severity severity, const source *file, uint32_t start,
                       uint32_t end) {
    const graph_node *fact = &answers->graph->nodes[node];
    if (fact->fact->fixed) {
        diagnostic *record = diag_report(diags, severity, DIAG_TK0513, file, start, end,
                                         "fact '%s' is fixed by the rules (%s)", fact->name,
                                         answers->graph->module);
        diag_set_help(diags, record,
                      "remove it from the answers, or evaluate the module the variant extends");
        return;
    }
    text = arena_strdup(&answers->region, text);
    fact_value converted = {0};
    if (!answers_convert_fact(fact, text, &converted)) {
        diagnostic *record = diag_report(diags, severity, DIAG_TK0508, file, start, end,
                                         "fact '%s' is %s, not '%s'", fact->name,
                                         value_type_name(fact->fact->type), text);
        const char *hint = fact_type_hint(fact, &diags->region);
        if (hint) diag_set_help(diags, record, "%s", hint);
        return;
    }
    converted.given = true;
    answers->facts[node] = converted;
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

const char *const answers_register_keys[REGISTER_KEY_COUNT] = {
    "id", "service", "department", "summary", "status", "start", "end"};

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

bool answers_have_register(const tk_answers *answers) {
    for (size_t field = 0; field < REGISTER_KEY_COUNT; field++)
        if (answers->register_fields[field]) return true;
    return false;
}

void answers_finish(tk_answers *answers) {
    const char *id = answers->register_fields[REGISTER_ID];
    const char *service = answers->register_fields[REGISTER_SERVICE];
    if (answers->subject || (!id && !service)) return;
    answers->subject = id && service ? arena_printf(&answers->region, "%s %s", id, service)
                                     : id ? id : service;
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

/* {=== the stream ===} */

static bool names_suffix(const char *path, const char *suffix) {
    size_t length = strlen(path), suffix_length = strlen(suffix);
    return length >= suffix_length && strcasecmp(path + length - suffix_length, suffix) == 0;
}

static bool names_csv(const char *path) { return names_suffix(path, ".csv"); }

static bool names_jsonl(const char *path) {
    return names_suffix(path, ".jsonl") || names_suffix(path, ".ndjson");
}

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

static const char *const utf8_help =
    "save the file as UTF-8; a spreadsheet's CSV export may be Shift_JIS";

/* A CSV register is read whole: its heading row applies to every row. */
static tk_answer_reader *start_csv(tk_answer_reader *reader, tk_diags *diags) {
    if (!diag_check_utf8(diag_list_of(diags), reader->file, utf8_help)) reader->finished = true;
    reader->csv = register_open(&reader->region, reader->graph, reader->file);
    return reader;
}

static record_kind kind_for(tk_input_format format, const char *path) {
    return format == TK_INPUT_JSONL || (format == TK_INPUT_AUTO && names_jsonl(path))
               ? RECORDS_JSONL : RECORDS_YAML;
}

tk_answer_reader *tk_answers_open(const tk_graph *graph, const char *path, tk_diags *diags) {
    return tk_answers_open_as(graph, path, TK_INPUT_AUTO, diags);
}

static void close_reader(void *reader) { tk_answers_close(reader); }

/* A reader made within the call that protects `within` (arena.h). */
static tk_answer_reader *new_reader(const arena *within, const tk_graph *graph,
                                    const char *path) {
    tk_answer_reader *reader = calloc(1, sizeof *reader);
    if (!reader) arena_out_of_memory(within);
    arena_init(&reader->region);
    recovery_own(arena_recovery(within), &reader->region, close_reader, reader);
    reader->graph = graph;
    reader->path = arena_strdup(&reader->region, strcmp(path, "-") == 0 ? "<stdin>" : path);
    return reader;
}

static tk_answer_reader *open_reader(const tk_graph *graph, const char *path,
                                     tk_input_format format, tk_diags *diags) {
    tk_answer_reader *reader = new_reader(&diag_list_of(diags)->region, graph, path);
    if (format == TK_INPUT_CSV || (format == TK_INPUT_AUTO && names_csv(path))) {
        const char *error = NULL;
        reader->file = source_read_file(&reader->region, path, &error);
        if (reader->file) return start_csv(reader, diags);
        diag_report_at_path(diag_list_of(diags), SEVERITY_ERROR, DIAG_TK0901, path,
                            "cannot read the file: %s", error);
    } else if (record_stream_open(&reader->records, path, kind_for(format, path))) {
        reader->streaming = true;
        reader->records.within = &reader->region;
        return reader;
    } else {
        if (errno == ENOMEM) arena_out_of_memory(&reader->region);
        diag_report_at_path(diag_list_of(diags), SEVERITY_ERROR, DIAG_TK0901, path,
                            "cannot read the file: %s", strerror(errno));
    }
    tk_answers_close(reader);
    return NULL;
}

tk_answer_reader *tk_answers_open_as(const tk_graph *graph, const char *path,
                                     tk_input_format format, tk_diags *diags) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    recovery_begin(&point, &diag_list_of(diags)->region);
    recovery_guard(&point, &diag_list_of(diags)->region);
    tk_answer_reader *reader = open_reader(graph, path, format, diags);
    recovery_end(&point);
    return reader;
}

tk_answer_reader *answers_open_text(const tk_graph *graph, const char *path, const char *text,
                                    tk_diags *diags) {
    tk_answer_reader *reader = new_reader(&diag_list_of(diags)->region, graph, path);
    if (names_csv(path)) {
        reader->file = source_from_text(&reader->region, path, text, strlen(text));
        return start_csv(reader, diags);
    }
    reader->streaming = record_stream_open_text(&reader->records, text, strlen(text),
                                                kind_for(TK_INPUT_AUTO, path));
    return reader;
}

static void free_answers(void *answers) { tk_answers_free(answers); }

struct tk_answers *answers_create(const tk_graph *graph, const char *path, size_t document) {
    return answers_create_within(NULL, graph, path, document);
}

struct tk_answers *answers_create_within(recovery *point, const tk_graph *graph,
                                         const char *path, size_t document) {
    tk_answers *answers = calloc(1, sizeof *answers);
    if (!answers && !point) return NULL;
    if (!answers) recovery_fail(point);
    arena_init(&answers->region);
    recovery_own(point, &answers->region, free_answers, answers);
    size_t count = graph->node_count + 1;
    answers->graph = graph;
    answers->path = arena_strdup(&answers->region, path); /* outlives the reader */
    answers->document = document;
    answers->options = arena_alloc(&answers->region, count * sizeof(int32_t));
    for (size_t index = 0; index < count; index++) answers->options[index] = ANSWER_NONE;
    answers->raw = arena_calloc(&answers->region, count, sizeof(char *));
    answers->given_twice = arena_calloc(&answers->region, count, sizeof(bool));
    answers->notes = arena_calloc(&answers->region, count, sizeof(char *));
    answers->evidence = arena_calloc(&answers->region, count, sizeof(char *));
    answers->facts = arena_calloc(&answers->region, count, sizeof(fact_value));
    return answers;
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

/* One record: checked for UTF-8 and nesting, then read (JSON lines first by
   the fast reader, which leaves anything unusual to libyaml). NULL when
   nothing could be read from it. */
static tk_answers *parse_record(const tk_graph *graph, const char *path, const char *text,
                                size_t length, size_t first_line, size_t number,
                                record_kind kind, tk_diags *diags) {
    if (kind == RECORDS_JSONL) {
        tk_answers *fast = jsonl_read_fast(&diag_list_of(diags)->region, graph, path, text,
                                           length, number);
        if (fast) return fast;
    }
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
    } else if (diag_check_utf8(list, file, utf8_help)) {
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

static void report_too_large(const tk_answer_reader *reader, const stream_record *next,
                             tk_diags *diags) {
    diagnostic *record = diag_report_at_path(diag_list_of(diags), SEVERITY_ERROR, DIAG_TK0502,
        reader->path, "the answer set at line %zu is larger than 64 MiB", next->first_line);
    diag_set_help(diag_list_of(diags), record, "an answer set is a few kilobytes; check that "
                                                "the file is an answer file");
}

bool tk_answers_can_split(const tk_answer_reader *reader) { return reader->streaming; }

/* The next record of a stream; one too large is reported and passed over.
   At the end (and after a read error, reported) the reader is finished. */
static bool next_record(tk_answer_reader *reader, stream_record *next, tk_diags *diags) {
    bool failed = false;
    while (record_next(&reader->records, next, &failed)) {
        if (!next->too_large) return true;
        report_too_large(reader, next, diags);
    }
    if (failed)
        diag_report_at_path(diag_list_of(diags), SEVERITY_ERROR, DIAG_TK0901, reader->path,
                            "cannot read the file: read error");
    reader->finished = true;
    return false;
}

static tk_raw_answers *next_raw(tk_answer_reader *reader, tk_diags *diags) {
    stream_record next;
    if (next_record(reader, &next, diags)) {
        tk_raw_answers *raw = calloc(1, sizeof *raw);
        if (!raw) arena_out_of_memory(&reader->region);
        raw->text = malloc(next.length + 1);
        if (!raw->text) {
            free(raw);
            arena_out_of_memory(&reader->region);
        }
        memcpy(raw->text, next.text, next.length);
        raw->text[next.length] = '\0';
        raw->length = next.length;
        raw->first_line = next.first_line;
        raw->number = next.number;
        raw->kind = reader->records.kind;
        raw->path = reader->path;
        return raw;
    }
    return NULL;
}

/* A call on the reader: begun, with the reader and the diagnostics guarded. */
static void begin_reading(recovery *point, tk_answer_reader *reader, tk_diags *diags) {
    recovery_begin(point, &diag_list_of(diags)->region);
    recovery_guard(point, &diag_list_of(diags)->region);
    recovery_guard(point, &reader->region);
}

tk_raw_answers *tk_answers_next_raw(tk_answer_reader *reader, tk_diags *diags) {
    if (reader->finished || !reader->streaming) return NULL;
    recovery point;
    if (setjmp(point.resume)) {
        reader->finished = true;
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    begin_reading(&point, reader, diags);
    tk_raw_answers *raw = next_raw(reader, diags);
    recovery_end(&point);
    return raw;
}

tk_answers *tk_raw_answers_parse(const tk_graph *graph, const tk_raw_answers *raw,
                                 tk_diags *diags) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    recovery_begin(&point, &diag_list_of(diags)->region);
    recovery_guard(&point, &diag_list_of(diags)->region);
    tk_answers *answers = parse_record(graph, raw->path, raw->text, raw->length,
                                       raw->first_line, raw->number, raw->kind, diags);
    recovery_end(&point);
    return answers;
}

void tk_raw_answers_free(tk_raw_answers *raw) {
    if (!raw) return;
    free(raw->text);
    free(raw);
}

static tk_answers *next_answers(tk_answer_reader *reader, tk_diags *diags) {
    if (reader->csv) {
        tk_answers *answers = register_next(reader->csv, diag_list_of(diags),
            diag_is_lenient(diags) ? SEVERITY_WARNING : SEVERITY_ERROR, reader->documents + 1);
        if (answers) reader->documents++;
        else reader->finished = true;
        return answers;
    }
    stream_record next;
    while (next_record(reader, &next, diags)) {
        tk_answers *answers = parse_record(reader->graph, reader->path, next.text, next.length,
                                           next.first_line, next.number, reader->records.kind,
                                           diags);
        if (answers) return answers;
    }
    return NULL;
}

tk_answers *tk_answers_next(tk_answer_reader *reader, tk_diags *diags) {
    if (reader->finished) return NULL;
    recovery point;
    if (setjmp(point.resume)) {
        reader->finished = true;
        diag_out_of_memory(diag_list_of(diags));
        return NULL;
    }
    begin_reading(&point, reader, diags);
    tk_answers *answers = next_answers(reader, diags);
    recovery_end(&point);
    return answers;
}

tk_answers *tk_answers_new(const tk_graph *graph, const char *path) {
    recovery point;
    if (setjmp(point.resume)) return NULL;
    recovery_begin(&point, NULL);
    tk_answers *answers = answers_create_within(&point, graph, path, 1);
    recovery_end(&point);
    return answers;
}

const char *tk_answers_subject(const tk_answers *answers) {
    return answers->subject;
}

void tk_answers_free(tk_answers *answers) {
    if (!answers) return;
    arena_release(&answers->region);
    free(answers);
}

void tk_answers_close(tk_answer_reader *reader) {
    if (!reader) return;
    if (reader->streaming) record_stream_close(&reader->records);
    register_close(reader->csv);
    arena_release(&reader->region);
    free(reader);
}
