/*
 * yaml_answers.h — one answer set from one YAML or JSON document
 * (yaml_answers.c), for the stream reader.
 */
#ifndef TK_YAML_ANSWERS_H
#define TK_YAML_ANSWERS_H

#include <stddef.h>

#include "answers/answers.h"
#include "tenken.h"

/* The record text..text+length, the number-th of `path` starting at line
   first_line: checked for UTF-8, a second byte order mark and runaway
   nesting, then read. NULL when nothing could be read from it (reported). */
tk_answers *answers_read_yaml(const tk_graph *graph, const char *path, const char *text,
                              size_t length, size_t first_line, size_t number, tk_diags *diags);

#endif
