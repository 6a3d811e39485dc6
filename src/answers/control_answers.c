/*
 * control_answers.c — reading the answers for a framework with libyaml:
 *
 *     tenken: 1
 *     framework: iso27001_2022
 *     certificates:
 *       - {framework: iso27001_2022, edition: "2022", scope: "…"}
 *     controls:
 *       "5.1": implemented
 *       "5.7": {status: excluded, reason: "…"}
 *
 * Every problem names its file, line and column, with the nearest known key,
 * status or control id; nothing is dropped silently.
 */
#include "answers/control_answers.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "base/source.h"
#include "base/suggest.h"
#include "answers/yaml_node.h"

typedef struct reading {
    arena *region;
    const source *file;
    yaml_document_t *document;
    const catalog_framework *framework;
    control_answers *answers;
    diag_list *diags;
} reading;

static const char *const status_names[] = {"unstated", "implemented", "partial", "not",
                                           "excluded"};
static const char *const top_keys[] = {"tenken", "framework", "subject", "certificates",
                                       "controls"};
static const char *const certificate_keys[] = {"framework", "edition", "scope"};
static const char *const control_keys[] = {"status", "reason"};

const char *control_status_name(control_status status) { return status_names[status]; }

/* {=== nodes and reports ===} */

static diagnostic *report_at(reading *state, diag_code code, const yaml_node_t *node,
                             const char *format, ...) __attribute__((format(printf, 4, 5)));

static diagnostic *report_at(reading *state, diag_code code, const yaml_node_t *node,
                             const char *format, ...) {
    yaml_place place = {state->file, state->diags, SEVERITY_ERROR};
    va_list arguments;
    va_start(arguments, format);
    diagnostic *record = yaml_report_va(&place, code, node, format, arguments);
    va_end(arguments);
    return record;
}

static const yaml_node_t *node_at(reading *state, int index) {
    return yaml_document_get_node(state->document, index);
}

static const char *scalar(const yaml_node_t *node) {
    return node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static bool expect_kind(reading *state, const yaml_node_t *node, yaml_node_type_t kind,
                        const char *what) {
    yaml_place place = {state->file, state->diags, SEVERITY_ERROR};
    return yaml_expect_kind(&place, node, kind, what);
}

/* A key of a mapping checked against the keys it may have, with duplicates. */
static int known_key(reading *state, const yaml_node_t *key, const char *const *keys,
                     size_t count, strmap *seen) {
    const char *text = scalar(key);
    if (!text) {
        diagnostic *record = report_at(state, DIAG_TK0502, key, "a key must be a single value");
        diag_set_help(state->diags, record, "write `key: value` lines");
        return -1;
    }
    const yaml_node_t *first = strmap_put(state->region, seen, text, (void *)key);
    if (first != key) {
        diagnostic *record = report_at(state, DIAG_TK0509, key, "key '%s' is given twice", text);
        diag_set_help(state->diags, record, "keep one of them; tenken does not pick one");
        diag_add_note(state->diags, record, state->file,
                      source_offset_at(state->file, first->start_mark.line,
                                       first->start_mark.column),
                      source_offset_at(state->file, first->end_mark.line,
                                       first->end_mark.column),
                      "the first one is here");
        return -1;
    }
    suggestion best;
    suggest_begin(&best, text);
    for (size_t index = 0; index < count; index++) {
        if (strcmp(keys[index], text) == 0) return (int)index;
        suggest_consider(&best, keys[index]);
    }
    diagnostic *record = report_at(state, DIAG_TK0511, key, "unknown key '%s'", text);
    if (suggest_result(&best))
        diag_set_help(state->diags, record, "did you mean '%s'?", suggest_result(&best));
    else {
        char *listed = "";
        for (size_t index = 0; index < count; index++)
            listed = arena_printf(state->region, "%s%s%s", listed, index ? ", " : "", keys[index]);
        diag_set_help(state->diags, record, "the keys here are %s", listed);
    }
    return -1;
}

/* {=== controls ===} */

static control_status parse_status(reading *state, const yaml_node_t *node) {
    const char *text = scalar(node);
    if (!text) {
        expect_kind(state, node, YAML_SCALAR_NODE, "a control's status");
        return CONTROL_UNSTATED;
    }
    suggestion best;
    suggest_begin(&best, text);
    for (size_t status = CONTROL_IMPLEMENTED; status <= CONTROL_EXCLUDED; status++) {
        if (strcmp(status_names[status], text) == 0) return (control_status)status;
        suggest_consider(&best, status_names[status]);
    }
    diagnostic *record = report_at(state, DIAG_TK0518, node, "'%s' is not a control status",
                                   text);
    if (suggest_result(&best))
        diag_set_help(state->diags, record, "did you mean '%s'? a status is implemented, "
                      "partial, not or excluded", suggest_result(&best));
    else
        diag_set_help(state->diags, record,
                      "a status is implemented, partial, not or excluded (with a reason)");
    return CONTROL_UNSTATED;
}

static bool check_control_id(reading *state, const yaml_node_t *key) {
    const char *id = scalar(key);
    if (catalog_node(state->framework, id)) return true;
    diagnostic *record = report_at(state, DIAG_TK0517, key, "framework '%s' has no control '%s'",
                                   state->framework->id, id);
    suggestion best;
    suggest_begin(&best, id);
    for (size_t index = 0; index < state->framework->node_count; index++)
        suggest_consider(&best, state->framework->nodes[index]->id);
    if (suggest_result(&best))
        diag_set_help(state->diags, record, "did you mean '%s'?", suggest_result(&best));
    else
        diag_set_help(state->diags, record, "quote ids such as \"5.1\" so they stay text");
    return false;
}

static void read_control_mapping(reading *state, const yaml_node_t *key,
                                 const yaml_node_t *value, control_answer *answer) {
    strmap seen = {0};
    const yaml_node_t *reason = NULL;
    for (yaml_node_pair_t *pair = value->data.mapping.pairs.start;
         pair < value->data.mapping.pairs.top; pair++) {
        const yaml_node_t *field = node_at(state, pair->value);
        switch (known_key(state, node_at(state, pair->key), control_keys, 2, &seen)) {
        case 0: answer->status = parse_status(state, field); break;
        case 1:
            if (expect_kind(state, field, YAML_SCALAR_NODE, "a reason")) reason = field;
            break;
        default: break;
        }
    }
    if (reason) answer->reason = arena_strdup(state->region, scalar(reason));
    if (!strmap_get(&seen, "status")) {
        diagnostic *record = report_at(state, DIAG_TK0518, key, "control '%s' has no status",
                                       scalar(key));
        diag_set_help(state->diags, record,
                      "add `status:` with implemented, partial, not or excluded");
    } else if (reason && answer->status != CONTROL_EXCLUDED &&
               answer->status != CONTROL_UNSTATED) {
        diagnostic *record = report_at(state, DIAG_TK0502, reason,
                                       "a reason is given only for an excluded control");
        diag_set_help(state->diags, record,
                      "remove the reason, or state the control excluded; a note on a partial "
                      "control belongs in your own records");
    }
}

static void read_control(reading *state, const yaml_node_t *key, const yaml_node_t *value) {
    control_answer *answer = ARENA_NEW(state->region, control_answer);
    if (value->type == YAML_MAPPING_NODE)
        read_control_mapping(state, key, value, answer);
    else
        answer->status = parse_status(state, value);
    if (answer->status == CONTROL_EXCLUDED && (!answer->reason || !answer->reason[0])) {
        diagnostic *record = report_at(state, DIAG_TK0519, key,
                                       "control '%s' is excluded without a reason", scalar(key));
        diag_set_help(state->diags, record,
                      "write {status: excluded, reason: \"why it does not apply\"}");
    }
    /* The document is freed after reading: keep a copy of the id. */
    strmap_put(state->region, &state->answers->by_id, arena_strdup(state->region, scalar(key)),
               answer);
}

static void read_controls(reading *state, const yaml_node_t *controls) {
    if (!expect_kind(state, controls, YAML_MAPPING_NODE, "controls")) return;
    strmap seen = {0};
    for (yaml_node_pair_t *pair = controls->data.mapping.pairs.start;
         pair < controls->data.mapping.pairs.top; pair++) {
        const yaml_node_t *key = node_at(state, pair->key);
        if (!expect_kind(state, key, YAML_SCALAR_NODE, "a control id")) continue;
        const yaml_node_t *first = strmap_put(state->region, &seen, scalar(key), (void *)key);
        if (first != key) {
            diagnostic *record = report_at(state, DIAG_TK0509, key, "control '%s' is given twice",
                                           scalar(key));
            diag_set_help(state->diags, record, "keep one of them; tenken does not pick one");
            continue;
        }
        if (check_control_id(state, key))
            read_control(state, key, node_at(state, pair->value));
    }
}

/* {=== certificates and the header ===} */

static void read_certificate(reading *state, const yaml_node_t *entry) {
    if (!expect_kind(state, entry, YAML_MAPPING_NODE, "a certificate")) return;
    certificate held = {0};
    strmap seen = {0};
    for (yaml_node_pair_t *pair = entry->data.mapping.pairs.start;
         pair < entry->data.mapping.pairs.top; pair++) {
        const yaml_node_t *value = node_at(state, pair->value);
        int key = known_key(state, node_at(state, pair->key), certificate_keys, 3, &seen);
        if (key < 0 || !expect_kind(state, value, YAML_SCALAR_NODE, certificate_keys[key]))
            continue;
        const char *text = arena_strdup(state->region, scalar(value));
        if (key == 0) held.framework = text;
        else if (key == 1) held.edition = text;
        else held.scope = text;
    }
    if (!held.framework) {
        diagnostic *record = report_at(state, DIAG_TK0502, entry,
                                       "a certificate must name its framework");
        diag_set_help(state->diags, record,
                      "write {framework: iso27001_2022, edition: \"2022\", scope: \"…\"}");
        return;
    }
    control_answers *answers = state->answers;
    *ARENA_PUSH(state->region, answers->certificates, answers->certificate_count,
                answers->certificate_capacity) = held;
    if (strcmp(held.framework, state->framework->id) == 0) answers->certified = true;
}

static void read_certificates(reading *state, const yaml_node_t *list) {
    if (!expect_kind(state, list, YAML_SEQUENCE_NODE, "certificates")) return;
    for (yaml_node_item_t *item = list->data.sequence.items.start;
         item < list->data.sequence.items.top; item++)
        read_certificate(state, node_at(state, *item));
}

static void read_header(reading *state, int key, const yaml_node_t *value) {
    if (!expect_kind(state, value, YAML_SCALAR_NODE, top_keys[key])) return;
    const char *text = scalar(value);
    if (key == 0 && strcmp(text, "1") != 0) {
        diagnostic *record = report_at(state, DIAG_TK0512, value,
                                       "answer format version %s is not read by this tenken",
                                       text);
        diag_set_help(state->diags, record, "write `tenken: 1`");
    } else if (key == 1 && strcmp(text, state->framework->id) != 0) {
        diagnostic *record = report_at(state, DIAG_TK0510, value,
                                       "these answers are for framework '%s', not '%s'", text,
                                       state->framework->id);
        diag_set_help(state->diags, record, "give them with --from %s=FILE", text);
    } else if (key == 2) {
        state->answers->subject = arena_strdup(state->region, text);
    }
}

static void read_top(reading *state, const yaml_node_t *root) {
    if (!expect_kind(state, root, YAML_MAPPING_NODE, "an answer file")) return;
    strmap seen = {0};
    for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
         pair < root->data.mapping.pairs.top; pair++) {
        const yaml_node_t *value = node_at(state, pair->value);
        int key = known_key(state, node_at(state, pair->key), top_keys, 5, &seen);
        if (key >= 0 && key <= 2) read_header(state, key, value);
        else if (key == 3) read_certificates(state, value);
        else if (key == 4) read_controls(state, value);
    }
}

/* {=== entry ===} */

static void delete_document(void *document) { yaml_document_delete(document); }

static void read_document(reading *state, yaml_parser_t *parser) {
    yaml_document_t document;
    if (!yaml_parser_load(parser, &document)) {
        yaml_report_parser_error(state->file, parser, state->diags);
        return;
    }
    recovery_cleanup deleting; /* if memory runs out while it is read */
    recovery_push(state->region, &deleting, delete_document, &document);
    state->document = &document;
    const yaml_node_t *root = yaml_document_get_root_node(&document);
    if (root)
        read_top(state, root);
    else
        diag_set_help(state->diags,
                      diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0502, state->file, 0, 0,
                                  "the answer file is empty"),
                      "start it with `tenken: 1` and `framework: ID`");
    recovery_pop(&deleting);
    yaml_document_delete(&document);
    uint32_t offset;
    if (yaml_another_document(state->file, parser, state->diags, &offset)) {
        diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0502, state->file,
                                         offset, offset + 1,
                                         "a second document in the answers for a framework");
        diag_set_help(state->diags, record,
                      "give every control under one `controls:` in one document");
    }
}

static void delete_parser(void *parser) { yaml_parser_delete(parser); }

control_answers *control_answers_read(arena *region, const char *path,
                                      const catalog_framework *framework, diag_list *diags) {
    const char *error = NULL;
    source *file = source_read_file(region, path, &error);
    if (!file) {
        diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0901, path, "cannot read the file: %s",
                            error);
        return NULL;
    }
    if (!diag_check_utf8(diags, file, DIAG_HELP_SAVE_AS_UTF8)) return NULL;
    size_t errors_before = diags->error_count;
    control_answers *answers = ARENA_NEW(region, control_answers);
    answers->path = path;
    reading state = {region, file, NULL, framework, answers, diags};
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) arena_out_of_memory(region);
    recovery_cleanup deleting;
    recovery_push(region, &deleting, delete_parser, &parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)file->text, file->length);
    read_document(&state, &parser);
    recovery_pop(&deleting);
    yaml_parser_delete(&parser);
    return diags->error_count == errors_before ? answers : NULL;
}

control_answer control_answers_get(const control_answers *answers, const char *id) {
    control_answer implemented = {CONTROL_IMPLEMENTED, NULL};
    if (!answers) return implemented;
    const control_answer *stated = strmap_get(&answers->by_id, id);
    if (stated) return *stated;
    if (answers->certified) return implemented;
    control_answer unstated = {CONTROL_UNSTATED, NULL};
    return unstated;
}
