/*
 * answers.c — one answer set: made empty, given items' options and facts'
 * values as text (converted and checked against the rules, with the
 * diagnostics every reader shares), finished and freed. The readers
 * (yaml_answers.c, jsonl.c, register.c) fill sets through it.
 */
#include <stdlib.h>
#include <string.h>

#include "answers/answers.h"
#include "base/suggest.h"
#include "base/utf8.h"

const char *const answers_utf8_help =
    "save the file as UTF-8; a spreadsheet's CSV export may be Shift_JIS";

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
        choices = arena_printf(&diags->region, "%s%s%s (%s)", choices, index ? ", " : "",
                               label ? label : option->key, DECIMAL_TEXT(option->points));
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

/* {=== facts ===} */

bool answers_convert_fact(const graph_node *fact, const char *text, fact_value *value) {
    value->type = fact->type;
    switch (fact->fact->type) {
    case TYPE_BOOL:
        if (!strcmp(text, "true") || !strcmp(text, "yes")) return value->number = decimal_from_int(1), true;
        if (!strcmp(text, "false") || !strcmp(text, "no")) return value->number = decimal_from_int(0), true;
        return false;
    case TYPE_NUMBER:
        return text_is_decimal(text) && decimal_parse(text, strlen(text), &value->number);
    case TYPE_DATE: value->string = text; return text_is_date(text);
    case TYPE_ENUM:
        for (size_t index = 0; index < fact->enum_members->count; index++)
            if (!strcmp(fact->enum_members->names[index], text))
                return value->number = decimal_from_int((long long)index), true;
        return false;
    default: value->string = text; return true;
    }
}

bool answers_fact_fits(const graph_node *fact, const fact_value *value) {
    return fact->type != TYPE_NUMBER || graph_fact_accepts(fact->fact, value->number);
}

static const char *fact_type_hint(const graph_node *fact, arena *region) {
    switch (fact->fact->type) {
    case TYPE_BOOL: return "write true or false";
    case TYPE_NUMBER: return "write a number such as 3 or 2.5, of at most 34 significant digits";
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
    if (!answers_fact_fits(fact, &converted)) {
        const char *accepted = graph_fact_bounds_text(&diags->region, fact->fact);
        diagnostic *record = diag_report(diags, severity, DIAG_TK0520, file, start, end,
                                         "fact '%s' is %s, not %s", fact->name, accepted, text);
        diag_set_help(diags, record, "write %s", accepted);
        return;
    }
    converted.given = true;
    answers->facts[node] = converted;
}

/* {=== the register and the subject ===} */

const char *const answers_register_keys[REGISTER_KEY_COUNT] = {
    "id", "service", "department", "summary", "status", "start", "end"};

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

/* {=== making and freeing ===} */

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
