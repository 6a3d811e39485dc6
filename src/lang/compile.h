/*
 * compile.h — the compiler pipeline for callers inside the library and the
 * unit tests: compile rule text held in memory.
 */
#ifndef TK_COMPILE_H
#define TK_COMPILE_H

#include "base/diag.h"
#include "lang/graph.h"
#include "tenken.h"

/* Compile `text` as if read from `path`; NULL when there were errors. */
tk_graph *compile_text(const char *path, const char *text, const tk_compile_options *options,
                       tk_diags *diags);

#endif
