/*
 * answers.h — one answer set as the evaluator reads it: per node, the option
 * chosen for an item or the value given for a fact, plus the header fields
 * (subject, assessor, date, the register's fields) and each answer's note and
 * evidence. Made and filled by answers.c, for the readers of YAML or JSON
 * (yaml_answers.c, jsonl.c) and of a CSV register (register.c); the stream
 * of sets a file holds is answer_reader.h's.
 */
#ifndef TK_ANSWERS_H
#define TK_ANSWERS_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/decimal.h"
#include "base/diag.h"
#include "lang/graph.h"
#include "base/source.h"
#include "tenken.h"

/* The fields of `register:`, the register (台帳) columns besides 作成日
   (`assessed`) and 記入担当者氏名 (`assessor`). */
typedef enum register_key {
    REGISTER_ID, REGISTER_SERVICE, REGISTER_DEPARTMENT, REGISTER_SUMMARY, REGISTER_STATUS,
    REGISTER_START, REGISTER_END, REGISTER_KEY_COUNT
} register_key;

/* "id", "service", … in the order above. */
extern const char *const answers_register_keys[REGISTER_KEY_COUNT];

typedef struct fact_value {
    bool given;
    value_type type;
    decimal number;         /* numbers, booleans (0/1), enum member index */
    const char *string;     /* strings and dates (YYYY-MM-DD) */
} fact_value;

struct tk_answers {
    arena region;
    const tk_graph *graph;
    const char *path;
    size_t document;        /* 1-based position in the stream */
    const char *rules, *subject, *assessed, *assessor;
    const char *register_fields[REGISTER_KEY_COUNT];   /* NULL: not given */
    int32_t *options;       /* per node: option index, ANSWER_NONE or ANSWER_INVALID */
    const char **raw;       /* per node: the answer as written, for invalid ones */
    bool *given_twice;      /* per node: answered more than once, so invalid */
    const char **notes;     /* per node, or NULL */
    const char **evidence;  /* per node, or NULL */
    fact_value *facts;      /* per node */
};

/* An empty answer set: nothing answered, no fact given. Made within a call
   (arena.h): freed if it fails; answers_create is for tests, outside any. */
struct tk_answers *answers_create_within(recovery *point, const tk_graph *graph,
                                         const char *path, size_t document);
struct tk_answers *answers_create(const tk_graph *graph, const char *path, size_t document);

/* Whether any register field is given. */
bool answers_have_register(const struct tk_answers *answers);

/* Once a set is read: a missing subject is the register's id and service. */
void answers_finish(struct tk_answers *answers);

/* Give an item's answer as text, as the answer files do: sets the option, or
   marks the answer invalid and reports it (TK0505, TK0506) at start..end. */
void answers_give_item(struct tk_answers *answers, size_t node, const char *text,
                       diag_list *diags, diag_severity severity, const source *file,
                       uint32_t start, uint32_t end);

/* Give a fact's value as text: converts it to the fact's type, or reports
   TK0508 (wrong type), TK0520 (outside its bounds) or TK0513 (fixed by the
   rules) at start..end. */
void answers_give_fact(struct tk_answers *answers, size_t node, const char *text,
                       diag_list *diags, diag_severity severity, const source *file,
                       uint32_t start, uint32_t end);

/* Convert a fact's text to its declared type; false when it does not fit. */
bool answers_convert_fact(const graph_node *fact, const char *text, fact_value *value);

/* Whether a converted value fits the fact's bounds (numbers: range, whole). */
bool answers_fact_fits(const graph_node *fact, const fact_value *value);

/* The hint of every "not UTF-8" diagnostic on an answer file. */
extern const char *const answers_utf8_help;

#endif
