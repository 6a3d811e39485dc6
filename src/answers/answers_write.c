/*
 * answers_write.c — an answer set written back as an answer file (YAML, the
 * format answers.c reads), and saved so that a crash or Ctrl-C never leaves
 * a half-written file: a temporary file in the same directory, flushed to
 * disk, then renamed over the old one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "answers/answers.h"
#include "base/atomic_file.h"
#include "base/escape.h"
#include "base/json_write.h"
#include "tenken.h"

/* A text as a YAML double-quoted scalar with YAML's escapes, which the
   reader reads back as exactly the same text (base/escape.h): control
   characters, DEL, NEL, U+2028, U+2029 and a byte order mark escaped. A
   text that is not valid UTF-8 cannot be carried by a YAML file: each
   invalid byte is written as U+FFFD. */
static void write_text(FILE *stream, const char *text) {
    escape_yaml(stream, text);
}

static void write_field(FILE *stream, const char *indent, const char *key, const char *text) {
    if (!text) return;
    fprintf(stream, "%s%s: ", indent, key);
    write_text(stream, text);
    fputc('\n', stream);
}

static void write_fact(FILE *stream, const tk_graph *graph, size_t node, const fact_value *value) {
    const graph_node *fact = &graph->nodes[node];
    fprintf(stream, "  %s: ", fact->name);
    switch (value->type) {
    case TYPE_BOOL: fputs(!decimal_is_zero(value->number) ? "true" : "false", stream); break;
    case TYPE_NUMBER: fputs(DECIMAL_TEXT(value->number), stream); break;
    case TYPE_ENUM: /* quoted too: a member may be named null */
        write_text(stream, fact->enum_members->names[decimal_to_index(value->number)]);
        break;
    default: write_text(stream, value->string); break;
    }
    fputc('\n', stream);
}

/* The option as an answer file names it: its Japanese label (or any label),
   unless that label would name another option; then its key. */
static const char *option_text(const graph_scale *scale, int option) {
    const graph_option *chosen = &scale->options[option];
    const char *label = graph_text_pick(&chosen->label, "ja");
    return label && graph_match_option(scale, label) == option ? label : chosen->key;
}

static void write_item(FILE *stream, const tk_answers *answers, size_t node) {
    const graph_node *item = &answers->graph->nodes[node];
    int option = answers->options[node];
    const char *text = option >= 0 ? option_text(item->item->scale, option)
                       : option == ANSWER_INVALID ? answers->raw[node] : NULL;
    const char *note = answers->notes[node], *evidence = answers->evidence[node];
    if (!text && !note && !evidence) return;
    fputs("    ", stream);
    write_text(stream, item->name);
    if (!note && !evidence) {
        fputs(": ", stream);
        write_text(stream, text);
        fputc('\n', stream);
        return;
    }
    fputs(":\n", stream);
    write_field(stream, "      ", "answer", text);
    write_field(stream, "      ", "note", note);
    write_field(stream, "      ", "evidence", evidence);
}

static bool checklist_has_answers(const tk_answers *answers, const graph_checklist *checklist) {
    for (size_t index = 0; index < checklist->item_count; index++) {
        size_t node = checklist->items[index];
        if (answers->options[node] != ANSWER_NONE || answers->notes[node] ||
            answers->evidence[node])
            return true;
    }
    return false;
}

void tk_answers_write(const tk_answers *answers, FILE *stream) {
    const tk_graph *graph = answers->graph;
    fputs("tenken: 1\n", stream);
    write_field(stream, "", "rules", answers->rules ? answers->rules : graph->module);
    write_field(stream, "", "subject", answers->subject);
    write_field(stream, "", "assessed", answers->assessed);
    write_field(stream, "", "assessor", answers->assessor);
    if (answers_have_register(answers)) {
        fputs("register:\n", stream);
        for (size_t field = 0; field < REGISTER_KEY_COUNT; field++)
            write_field(stream, "  ", answers_register_keys[field], answers->register_fields[field]);
    }
    bool any_fact = false;
    for (size_t index = 0; index < graph->fact_count; index++) {
        size_t node = graph->facts[index];
        if (!answers->facts[node].given) continue;
        if (!any_fact) fputs("facts:\n", stream);
        any_fact = true;
        write_fact(stream, graph, node, &answers->facts[node]);
    }
    fputs("answers:\n", stream);
    for (size_t list = 0; list < graph->checklist_count; list++) {
        const graph_checklist *checklist = &graph->checklists[list];
        if (!checklist_has_answers(answers, checklist)) continue;
        fprintf(stream, "  %s:\n", checklist->name);
        for (size_t index = 0; index < checklist->item_count; index++)
            write_item(stream, answers, checklist->items[index]);
    }
}

/* {=== saving ===} */

bool tk_answers_save(const tk_answers *answers, const char *path, const char **error) {
    atomic_file file;
    if (atomic_file_open(&file, path)) {
        tk_answers_write(answers, file.stream);
        if (atomic_file_commit(&file)) return true;
    }
    *error = errno == ENOMEM ? "out of memory" : strerror(errno ? errno : EIO);
    return false;
}
