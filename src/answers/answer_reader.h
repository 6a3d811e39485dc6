/*
 * answer_reader.h — the stream of answer sets a file holds (answer_reader.c):
 * the public tk_answers_open, tk_answers_next and their kin; the same for
 * callers within a call already in progress; a reader over text in memory
 * for tests and fuzzing.
 */
#ifndef TK_ANSWER_READER_H
#define TK_ANSWER_READER_H

#include "answers/answers.h"
#include "tenken.h"

/* tk_answers_open_as and tk_answers_next within the call that protects the
   diagnostics (arena.h): running out of memory fails that call. */
tk_answer_reader *answers_reader_open(const tk_graph *graph, const char *path,
                                      tk_input_format format, tk_diags *diags);
tk_answers *answers_reader_next(tk_answer_reader *reader, tk_diags *diags);

/* An answer reader over text in memory (tests, fuzzing). */
tk_answer_reader *answers_open_text(const tk_graph *graph, const char *path, const char *text,
                                    tk_diags *diags);

#endif
