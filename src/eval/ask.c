/*
 * ask.c — an interview over a compiled checklist (tenken ask): the facts the
 * items' conditions use come first, then every item in order. After each
 * answer the set is evaluated again, so an item that an answer or a fact
 * excludes, or makes not applicable, is never asked. Replies name an option
 * by its number in the list, label, key, alias, or points ("3点", "3p").
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "answers/answers.h"
#include "eval/eval.h"
#include "tenken.h"

struct tk_interview {
    arena region;
    const tk_graph *graph;
    tk_answers *answers;
    const char *lang;
    tk_question *questions;
    size_t count;
    bool *skipped;          /* per question */
};

/* {=== which facts come first ===} */

/* Mark the facts an expression reads, through the values it names. */
static void mark_facts(const tk_graph *graph, const gexpr *expr, bool *used, unsigned depth) {
    if (!expr || depth > 64) return;
    if (expr->kind == G_NODE || expr->kind == G_FACT_IS) {
        const graph_node *node = &graph->nodes[expr->node];
        if (node->kind == NODE_FACT) used[expr->node] = true;
        else if (node->kind == NODE_VALUE || node->kind == NODE_GATE)
            mark_facts(graph, node->expr, used, depth + 1);
        if (node->kind == NODE_FACT && node->fact->default_value)
            mark_facts(graph, node->fact->default_value, used, depth + 1);
    }
    mark_facts(graph, expr->left, used, depth + 1);
    mark_facts(graph, expr->right, used, depth + 1);
    mark_facts(graph, expr->otherwise, used, depth + 1);
}

static bool *facts_in_conditions(tk_interview *interview) {
    const tk_graph *graph = interview->graph;
    bool *used = arena_calloc(&interview->region, graph->node_count + 1, sizeof(bool));
    for (size_t node = 0; node < graph->node_count; node++) {
        const graph_item *item = graph->nodes[node].item;
        if (graph->nodes[node].kind != NODE_ITEM) continue;
        for (size_t index = 0; index < item->exclusion_count; index++)
            mark_facts(graph, item->exclusions[index].condition.expr, used, 0);
        for (size_t index = 0; index < item->only_when_count; index++)
            mark_facts(graph, item->only_when[index].expr, used, 0);
    }
    return used;
}

/* {=== the questions ===} */

static const char *pick(tk_interview *interview, const graph_text *text) {
    return graph_text_pick(text, interview->lang);
}

static void describe_item(tk_interview *interview, tk_question *question, size_t node) {
    const graph_node *decl = &interview->graph->nodes[node];
    const graph_item *item = decl->item;
    question->kind = TK_QUESTION_ITEM;
    question->checklist = interview->graph->checklists[decl->checklist].name;
    const graph_checklist *checklist = &interview->graph->checklists[decl->checklist];
    size_t section = decl->item->section;
    question->section = section == NO_INDEX ? NULL
                        : pick(interview, &checklist->sections[section].title);
    question->label = pick(interview, &item->label);
    question->text = pick(interview, &item->text);
    question->question = pick(interview, &item->question);
    question->note = pick(interview, &item->note);
    const graph_scale *scale = decl->item->scale;
    size_t count = scale ? scale->option_count : 0;
    tk_choice *choices = arena_calloc(&interview->region, count + 1, sizeof *choices);
    for (size_t index = 0; index < count; index++) {
        const graph_option *option = &scale->options[index];
        const char *label = graph_text_pick(&option->label, interview->lang);
        choices[index] = (tk_choice){label ? label : option->key, option->key,
                                      arena_strdup(&interview->region,
                                                   DECIMAL_TEXT(option->points))};
    }
    question->choices = choices;
    question->choice_count = count;
}

static void describe_fact(tk_interview *interview, tk_question *question, size_t node,
                          const tk_result *defaults) {
    const graph_node *decl = &interview->graph->nodes[node];
    const graph_fact *fact = decl->fact;
    const graph_names *members = decl->enum_members;
    bool english = strcmp(interview->lang, "en") == 0;
    question->kind = TK_QUESTION_FACT;
    question->text = pick(interview, &fact->description);
    question->type = value_type_name(decl->fact->type);
    if (graph_fact_bounds_text(&interview->region, fact))
        question->type = graph_fact_bounds_text(&interview->region, fact);
    size_t count = decl->fact->type == TYPE_BOOL   ? 2
                   : decl->fact->type == TYPE_ENUM ? members->count
                                                   : 0;
    tk_choice *choices = arena_calloc(&interview->region, count + 1, sizeof *choices);
    if (decl->fact->type == TYPE_BOOL) {
        choices[0] = (tk_choice){english ? "yes" : "はい", "true", NULL};
        choices[1] = (tk_choice){english ? "no" : "いいえ", "false", NULL};
    }
    for (size_t index = 0; decl->fact->type == TYPE_ENUM && index < count; index++)
        choices[index] = (tk_choice){members->names[index], members->names[index], NULL};
    question->choices = choices;
    question->choice_count = count;
    eval_value value = defaults->values[node];
    if (value.kind == EV_BOOL) question->default_text = !decimal_is_zero(value.number) ? "true" : "false";
    else if (value.kind == EV_STRING) question->default_text = value.string;
    else if (value.kind == EV_NUMBER && decl->fact->type == TYPE_ENUM)
        question->default_text = members->names[decimal_to_index(value.number)];
    else if (value.kind == EV_NUMBER)
        question->default_text = arena_strdup(&interview->region, DECIMAL_TEXT(value.number));
}

static void build_questions(tk_interview *interview) {
    const tk_graph *graph = interview->graph;
    bool *used = facts_in_conditions(interview);
    size_t capacity = 0;
    tk_answers *empty = answers_create_within(arena_recovery(&interview->region), graph, "", 0);
    tk_result *defaults = tk_evaluate(graph, empty); /* within this call: never NULL */
    for (size_t index = 0; index < graph->fact_count; index++) {
        size_t node = graph->facts[index];
        if (!used[node] || graph->nodes[node].fact->fixed) continue;
        tk_question *question = ARENA_PUSH(&interview->region, interview->questions,
                                           interview->count, capacity);
        *question = (tk_question){0};
        question->node = node;
        question->id = graph->nodes[node].name;
        describe_fact(interview, question, node, defaults);
    }
    for (size_t list = 0; list < graph->checklist_count; list++) {
        const graph_checklist *checklist = &graph->checklists[list];
        for (size_t index = 0; index < checklist->item_count; index++) {
            tk_question *question = ARENA_PUSH(&interview->region, interview->questions,
                                               interview->count, capacity);
            *question = (tk_question){0};
            question->node = checklist->items[index];
            question->id = graph->nodes[question->node].name;
            describe_item(interview, question, question->node);
        }
    }
    for (size_t index = 0; index < interview->count; index++) {
        interview->questions[index].number = index + 1;
        interview->questions[index].count = interview->count;
    }
    tk_result_free(defaults);
    tk_answers_free(empty);
}

/* An interview that could not be made: its answers are the caller's, or
   their own arena's (freed as the call's). */
static void discard_interview(void *interview) {
    arena_release(&((tk_interview *)interview)->region);
    free(interview);
}

tk_interview *tk_interview_new(const tk_graph *graph, tk_answers *answers, const char *lang) {
    recovery point;
    if (setjmp(point.resume)) return NULL;
    recovery_begin(&point, NULL);
    tk_interview *interview = calloc(1, sizeof *interview);
    if (!interview) recovery_fail(&point);
    arena_init(&interview->region);
    recovery_own(&point, &interview->region, discard_interview, interview);
    interview->graph = graph;
    interview->answers = answers ? answers : answers_create_within(&point, graph, "", 0);
    interview->lang = lang && !strcmp(lang, "en") ? "en" : "ja";
    build_questions(interview);
    interview->skipped = arena_calloc(&interview->region, interview->count + 1, sizeof(bool));
    recovery_end(&point);
    return interview;
}

/* A call on the interview: its arena and its answers' guarded, so what it
   evaluates is made within it. */
static void begin_asking(recovery *point, tk_interview *interview) {
    recovery_begin(point, NULL);
    recovery_guard(point, &interview->region);
    recovery_guard(point, &interview->answers->region);
}

void tk_interview_free(tk_interview *interview) {
    if (!interview) return;
    tk_answers_free(interview->answers);
    arena_release(&interview->region);
    free(interview);
}

const tk_answers *tk_interview_answers(const tk_interview *interview) {
    return interview->answers;
}

/* {=== asking ===} */

static bool is_answered(const tk_interview *interview, const tk_question *question) {
    if (question->kind == TK_QUESTION_FACT)
        return interview->answers->facts[question->node].given;
    return interview->answers->options[question->node] >= 0;
}

static const tk_question *next_question(tk_interview *interview) {
    tk_result *result = tk_evaluate(interview->graph, interview->answers);
    const tk_question *next = NULL;
    for (size_t index = 0; index < interview->count && !next; index++) {
        const tk_question *question = &interview->questions[index];
        if (interview->skipped[index] || is_answered(interview, question)) continue;
        if (question->kind == TK_QUESTION_ITEM) {
            item_state state = result->items[question->node].state;
            if (state == STATE_EXCLUDED || state == STATE_NOT_APPLICABLE) continue;
        }
        next = question;
    }
    tk_result_free(result);
    return next;
}

const tk_question *tk_interview_next(tk_interview *interview) {
    recovery point;
    if (setjmp(point.resume)) {
        errno = ENOMEM;
        return NULL;
    }
    begin_asking(&point, interview);
    const tk_question *next = next_question(interview);
    recovery_end(&point);
    return next;
}

void tk_interview_skip(tk_interview *interview, const tk_question *question) {
    interview->skipped[question->number - 1] = true;
}

size_t tk_interview_answered(const tk_interview *interview) {
    size_t answered = 0;
    for (size_t index = 0; index < interview->count; index++)
        answered += is_answered(interview, &interview->questions[index]);
    return answered;
}

/* The list number a reply gives ("2"), or 0. */
static size_t list_number(const char *reply, size_t count) {
    if (!*reply || strspn(reply, "0123456789") != strlen(reply) || strlen(reply) > 6) return 0;
    size_t number = (size_t)atol(reply);
    return number <= count ? number : 0;
}

/* Points written with a unit: "3点", "3p", "3pt", "3 points" → "3". */
static const char *points_of(tk_interview *interview, const char *reply) {
    static const char *const units[] = {"点", "points", "point", "pts", "pt", "p"};
    size_t length = strlen(reply);
    for (size_t index = 0; index < sizeof units / sizeof *units; index++) {
        size_t unit = strlen(units[index]);
        if (length <= unit || strcmp(reply + length - unit, units[index])) continue;
        size_t end = length - unit;
        while (end > 0 && reply[end - 1] == ' ') end--;
        char *number = arena_strndup(&interview->region, reply, end);
        return text_is_decimal(number) ? number : NULL;
    }
    return NULL;
}

static tk_reply answer_item(tk_interview *interview, const tk_question *question,
                            const char *reply) {
    const graph_scale *scale = interview->graph->nodes[question->node].item->scale;
    int option = ANSWER_INVALID;
    size_t number = list_number(reply, question->choice_count);
    if (number) option = (int)number - 1;
    else if (strspn(reply, "0123456789") != strlen(reply)) option = graph_match_option(scale, reply);
    if (option == ANSWER_INVALID) {
        const char *points = points_of(interview, reply);
        if (points) option = graph_match_option(scale, points);
    }
    if (option == ANSWER_AMBIGUOUS) return TK_REPLY_AMBIGUOUS;
    if (option < 0) return TK_REPLY_NOT_AN_OPTION;
    const char *raw = arena_strdup(&interview->answers->region, reply);
    interview->answers->options[question->node] = option;
    interview->answers->raw[question->node] = raw;
    return TK_REPLY_OK;
}

static tk_reply answer_fact(tk_interview *interview, const tk_question *question,
                            const char *reply) {
    const graph_node *fact = &interview->graph->nodes[question->node];
    size_t number = list_number(reply, question->choice_count);
    if (number) reply = question->choices[number - 1].key;
    for (size_t index = 0; index < question->choice_count; index++)
        if (!strcmp(reply, question->choices[index].label)) reply = question->choices[index].key;
    const char *text = arena_strdup(&interview->answers->region, reply);
    fact_value value = {0};
    if (!answers_convert_fact(fact, text, &value)) return TK_REPLY_WRONG_TYPE;
    if (!answers_fact_fits(fact, &value)) return TK_REPLY_WRONG_TYPE;
    value.given = true;
    interview->answers->facts[question->node] = value;
    return TK_REPLY_OK;
}

static tk_reply answer(tk_interview *interview, const tk_question *question, const char *reply) {
    while (*reply == ' ' || *reply == '\t') reply++;
    size_t length = strlen(reply);
    while (length > 0 && (reply[length - 1] == ' ' || reply[length - 1] == '\t' ||
                          reply[length - 1] == '\n' || reply[length - 1] == '\r'))
        length--;
    const char *trimmed = arena_strndup(&interview->region, reply, length);
    if (!*trimmed) return TK_REPLY_NOT_AN_OPTION;
    if (question->kind == TK_QUESTION_FACT) return answer_fact(interview, question, trimmed);
    return answer_item(interview, question, trimmed);
}

tk_reply tk_interview_answer(tk_interview *interview, const tk_question *question,
                             const char *reply) {
    recovery point;
    if (setjmp(point.resume)) { /* the answer was not taken */
        errno = ENOMEM;
        return TK_REPLY_NOT_AN_OPTION;
    }
    begin_asking(&point, interview);
    tk_reply taken = answer(interview, question, reply);
    recovery_end(&point);
    return taken;
}
