/*
 * compile.h — the compiler pipeline for callers inside the library and the
 * unit tests: compile a rule file or a compiled graph within a call already
 * in progress, or rule text held in memory.
 */
#ifndef TK_COMPILE_H
#define TK_COMPILE_H

#include "base/diag.h"
#include "lang/graph.h"
#include "tenken.h"

/* tk_compile_file within the call that protects the diagnostics (arena.h):
   running out of memory fails that call. */
tk_graph *compile_path(const char *path, const tk_compile_options *options, tk_diags *diags);

/* Compile `text` as if read from `path`; NULL when there were errors. */
tk_graph *compile_text(const char *path, const char *text, const tk_compile_options *options,
                       tk_diags *diags);

#endif
