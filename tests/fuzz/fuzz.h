/*
 * fuzz.h — what the libFuzzer harnesses share: a fixed graph compiled once
 * from a rule file of the repository (found through TENKEN_FUZZ_SRCDIR, set
 * by tests/fuzz/run.sh), and a sink that swallows report output.
 */
#ifndef TK_FUZZ_H
#define TK_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

#include "answers/answer_reader.h"
#include "lang/compile.h"
#include "tenken.h"

/* Compile `relative` under the source tree once; abort if it does not compile
   (the harness would test nothing). */
static tk_graph *fuzz_graph(const char *relative) {
    const char *top = getenv("TENKEN_FUZZ_SRCDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", top ? top : ".", relative);
    const char *search[] = {top ? top : "."};
    tk_compile_options options = {search, 1, NULL};
    tk_diags *diags = tk_diags_new();
    tk_graph *graph = tk_compile_file(path, &options, diags);
    tk_diags_free(diags);
    if (!graph) {
        fprintf(stderr, "fuzz: %s does not compile\n", path);
        abort();
    }
    return graph;
}

static FILE *fuzz_sink(void) {
    static FILE *sink; /* the harness process's own; the library keeps none */
    if (!sink) sink = fopen("/dev/null", "w");
    return sink;
}

#endif
