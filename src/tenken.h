/*
 * tenken.h — the public interface of libtenken: compile rule files into an
 * evaluation graph, read answer sets, evaluate them, and render results and
 * diagnostics. Every handle is opaque. Nothing here prints on its own, exits
 * the process, or keeps global state; a compiled graph may be shared by any
 * number of threads evaluating at once.
 */
#ifndef TENKEN_H
#define TENKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TK_RESULT_FORMAT "tenken-result/1"

typedef struct tk_diags tk_diags;           /* diagnostics from any stage */
typedef struct tk_graph tk_graph;           /* a compiled rule module */
typedef struct tk_answer_reader tk_answer_reader; /* a stream of answer sets */
typedef struct tk_answers tk_answers;       /* one answer set */
typedef struct tk_result tk_result;         /* one evaluated answer set */

const char *tk_version(void);

/* {=== diagnostics ===} */

typedef enum tk_diag_format { TK_DIAG_TEXT, TK_DIAG_JSON, TK_DIAG_SARIF } tk_diag_format;

tk_diags *tk_diags_new(void);
void tk_diags_free(tk_diags *diags);
size_t tk_diags_error_count(const tk_diags *diags);
size_t tk_diags_warning_count(const tk_diags *diags);
/* Turn every warning into an error (tenken check -Werror). */
void tk_diags_promote_warnings(tk_diags *diags);
/* Turn answer-file errors into warnings (tenken eval --lenient). */
void tk_diags_set_lenient(tk_diags *diags, bool lenient);
/* max_errors = 0 shows them all. */
void tk_diags_print(const tk_diags *diags, FILE *stream, tk_diag_format format, bool color,
                    size_t max_errors);

/* {=== compiling ===} */

typedef struct tk_compile_options {
    const char *const *search_path;   /* directories searched for imports, in order */
    size_t search_path_count;
    const char *variant;    /* compile this variant of the root module; NULL: the module */
} tk_compile_options;

/* Compile a rule file and its imports. Returns NULL when there were errors;
   every problem found is in diags. */
tk_graph *tk_compile_file(const char *path, const tk_compile_options *options,
                          tk_diags *diags);
void tk_graph_free(tk_graph *graph);
const char *tk_graph_module(const tk_graph *graph);
/* The variants the compiled file declares (compile each with options.variant). */
size_t tk_graph_variant_count(const tk_graph *graph);
const char *tk_graph_variant_name(const tk_graph *graph, size_t index);

/* {=== answers ===} */

/* Open an answer file (YAML or JSON; "-" is standard input) holding one or
   more answer sets. NULL when the file cannot be read. */
tk_answer_reader *tk_answers_open(const tk_graph *graph, const char *path, tk_diags *diags);
/* The next answer set, or NULL at the end of the stream (or after a syntax
   error, which is in diags). Problems in a set are reported to diags and the
   set is still returned, with the affected answers marked invalid. */
tk_answers *tk_answers_next(tk_answer_reader *reader, tk_diags *diags);
void tk_answers_free(tk_answers *answers);
void tk_answers_close(tk_answer_reader *reader);

/* {=== evaluating ===} */

tk_result *tk_evaluate(const tk_graph *graph, const tk_answers *answers);
void tk_result_free(tk_result *result);

typedef enum tk_gate_status { TK_GATE_PASS, TK_GATE_FAIL, TK_GATE_PENDING, TK_GATE_UNKNOWN_NAME } tk_gate_status;
/* A gate by name: "gate" at module level or "checklist.gate". */
tk_gate_status tk_result_gate(const tk_result *result, const char *name);

/* {=== tests written in rule files ===} */

typedef struct tk_test_result tk_test_result;

/* The test blocks that run against this graph (the module, or the variant). */
size_t tk_graph_test_count(const tk_graph *graph);
tk_test_result *tk_test_run(const tk_graph *graph, size_t index);
const char *tk_test_name(const tk_test_result *result);
const char *tk_test_file(const tk_test_result *result);
unsigned tk_test_line(const tk_test_result *result);
bool tk_test_passed(const tk_test_result *result);
/* Each failure reads FILE:LINE:COL: EXPECTATION: WHAT WAS FOUND. */
size_t tk_test_failure_count(const tk_test_result *result);
const char *tk_test_failure(const tk_test_result *result, size_t index);
void tk_test_result_free(tk_test_result *result);

/* {=== reports ===} */

typedef enum tk_report_format { TK_REPORT_TEXT, TK_REPORT_JSON, TK_REPORT_JSONL } tk_report_format;

typedef struct tk_report_options {
    tk_report_format format;
    const char *lang;       /* "ja" or "en"; NULL is "ja" */
    bool explain;           /* add a trace to every node */
    bool color;             /* ANSI colour in text reports */
} tk_report_options;

void tk_report(const tk_result *result, FILE *stream, const tk_report_options *options);

#ifdef __cplusplus
}
#endif

#endif
