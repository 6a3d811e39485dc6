/*
 * jsonl.h — the fast reader of JSON Lines answer sets. It reads the common
 * shape of an answer set (header strings, facts, answers by checklist and
 * item) straight into an answer set, without building a document. Anything
 * it does not read plainly — a problem of any kind, a register, an answer
 * with a note — it leaves to the general reader (libyaml), which reports
 * with line and column; so both give the same answers and the same errors.
 */
#ifndef TK_JSONL_H
#define TK_JSONL_H

#include <stddef.h>

#include "answers/answers.h"

/* The answer set one JSON line holds, or NULL when the general reader must
   read it. Nothing is reported. Read within the call that protects `within`
   (arena.h). */
struct tk_answers *jsonl_read_fast(const arena *within, const tk_graph *graph, const char *path,
                                   const char *text, size_t length, size_t number);

#endif
