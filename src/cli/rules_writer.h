/*
 * rules_writer.h — the shape shared by commands that compile one rule file
 * and write something made from its graph (`tenken graph`, `tenken template`).
 */
#ifndef TK_CLI_RULES_WRITER_H
#define TK_CLI_RULES_WRITER_H

#include <stdio.h>

#include "tenken.h"

typedef void rules_writer(const tk_graph *graph, FILE *stream, const char *lang);

/* Parse the options (-I, --variant, --lang, -o, --color), compile the one
   rule file given and hand its graph to write; the exit status. */
int cli_run_rules_writer(int argc, char **argv, const char *command, const char *help,
                         rules_writer *write);

#endif
