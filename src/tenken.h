/*
 * tenken.h — the public interface of libtenken: compile rule files into an
 * evaluation graph, read answer sets, evaluate them, and render results and
 * diagnostics. Every handle is opaque. Nothing here prints on its own, exits
 * the process, or keeps global state; a compiled graph may be shared by any
 * number of threads evaluating at once.
 *
 * Running out of memory is an error, never a crash: the call that finds no
 * memory frees what it had made and returns, and the process goes on.
 *   - A function given a tk_diags returns its failure value (NULL, false,
 *     TK_FMT_REFUSED, TK_IMPORT_UNREADABLE; tk_answers_next and
 *     tk_answers_next_raw NULL, the stream then ended) and adds TK0906
 *     out-of-memory to the diagnostics, counted by tk_diags_io_error_count.
 *   - A function that writes to a FILE and returns nothing (tk_report and
 *     its siblings, tk_report_diff, tk_write_template, tk_write_graph,
 *     tk_map_write, tk_diags_print; tk_formatted_write_diff, which returns
 *     0) stops and sets the stream's error indicator (ferror) with errno
 *     ENOMEM, as a write that failed does.
 *   - A function with an error message (tk_output_open, tk_output_commit,
 *     tk_answers_save, tk_fmt_file, the import option checks) fails with
 *     "out of memory".
 *   - The others that make something (tk_diags_new, tk_answers_new,
 *     tk_evaluate, tk_test_run, tk_interview_new) return NULL;
 *     tk_interview_next returns NULL and tk_interview_answer
 *     TK_REPLY_NOT_AN_OPTION, the reply not taken, with errno ENOMEM.
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

/* The diagnostics format --format=NAME names: "text", "json" or "sarif"
   (NULL: text); false for any other name. */
bool tk_diag_format_by_name(const char *name, tk_diag_format *format);

tk_diags *tk_diags_new(void);
void tk_diags_free(tk_diags *diags);
size_t tk_diags_error_count(const tk_diags *diags);
size_t tk_diags_warning_count(const tk_diags *diags);
/* Files that could not be read or written (TK0901): the commands exit 2. */
size_t tk_diags_io_error_count(const tk_diags *diags);
/* Turn every warning into an error (tenken check -Werror). */
void tk_diags_promote_warnings(tk_diags *diags);
/* Turn answer-file errors into warnings (tenken eval --lenient). */
void tk_diags_set_lenient(tk_diags *diags, bool lenient);
bool tk_diags_lenient(const tk_diags *diags);
/* Append copies of the diagnostics of `from` to `into` (one thread's batch). */
void tk_diags_append(tk_diags *into, const tk_diags *from);
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
   every problem found is in diags. A path ending in ".tkc", or a file that
   starts with the .tkc magic bytes, is loaded as a compiled graph instead
   (tk_load_compiled); options.variant must then name the variant it holds. */
tk_graph *tk_compile_file(const char *path, const tk_compile_options *options,
                          tk_diags *diags);
void tk_graph_free(tk_graph *graph);
const char *tk_graph_module(const tk_graph *graph);
/* The variants the compiled file declares (compile each with options.variant). */
size_t tk_graph_variant_count(const tk_graph *graph);
const char *tk_graph_variant_name(const tk_graph *graph, size_t index);
/* The variant this graph is, or NULL for the module itself. */
const char *tk_graph_variant(const tk_graph *graph);

/* {=== compiled graphs (.tkc, doc/tkc.md) ===} */

/* Write the graph to a compiled file, atomically (a temporary file in the
   same directory, then rename). False, with the problem in diags, when it
   cannot be written. */
bool tk_write_compiled(const tk_graph *graph, const char *path, tk_diags *diags);
/* Load a compiled file; NULL, with one diagnostic (TK0901 to TK0904), when
   it cannot be read, is no compiled graph, is of another format version or
   is damaged. */
tk_graph *tk_load_compiled(const char *path, tk_diags *diags);
/* Whether the graph was loaded from a compiled file: it holds that graph
   only, so the variants it names cannot be compiled from it. */
bool tk_graph_is_precompiled(const tk_graph *graph);

/* {=== answers ===} */

typedef enum tk_input_format {
    TK_INPUT_AUTO,          /* a CSV register when the name ends in .csv, else YAML or JSON */
    TK_INPUT_YAML,          /* YAML or JSON */
    TK_INPUT_CSV,           /* a register as CSV: a heading row, then one answer set a row */
    TK_INPUT_JSONL,         /* JSON Lines: one answer set a line (also by a .jsonl name) */
} tk_input_format;

/* Open an answer file (YAML or JSON; a CSV register when its name ends in
   .csv; "-" is standard input) holding one or more answer sets. NULL when
   the file cannot be read. */
tk_answer_reader *tk_answers_open(const tk_graph *graph, const char *path, tk_diags *diags);
/* The same, reading the format given. */
tk_answer_reader *tk_answers_open_as(const tk_graph *graph, const char *path,
                                     tk_input_format format, tk_diags *diags);
/* The next answer set, or NULL at the end of the stream. YAML documents and
   JSON lines are read one at a time, so a stream of any length is read in
   the memory of one set. A set that does not parse is reported to diags and
   skipped; problems within a set are reported and the set is still
   returned, with the affected answers marked invalid. */
tk_answers *tk_answers_next(tk_answer_reader *reader, tk_diags *diags);
/* Batch evaluation on several threads: one thread takes the answer sets
   from the reader unparsed (a JSON line or a YAML document each, in order);
   any thread parses one with diagnostics of its own. NULL at the end of the
   stream, and always for a CSV register (read it with tk_answers_next). */
typedef struct tk_raw_answers tk_raw_answers;
/* Whether the reader hands out raw answer sets (YAML and JSON Lines do). */
bool tk_answers_can_split(const tk_answer_reader *reader);
tk_raw_answers *tk_answers_next_raw(tk_answer_reader *reader, tk_diags *diags);
/* NULL when nothing could be read from the set (reported to diags). */
tk_answers *tk_raw_answers_parse(const tk_graph *graph, const tk_raw_answers *raw,
                                 tk_diags *diags);
void tk_raw_answers_free(tk_raw_answers *raw);

/* An empty answer set; `path` names it where a report needs a name. */
tk_answers *tk_answers_new(const tk_graph *graph, const char *path);
/* The subject the set is about (its register's id and service when it
   names none), or NULL. */
const char *tk_answers_subject(const tk_answers *answers);
void tk_answers_free(tk_answers *answers);
void tk_answers_close(tk_answer_reader *reader);

/* Write an answer set as an answer file (YAML, as tk_answers_open reads it). */
void tk_answers_write(const tk_answers *answers, FILE *stream);
/* Save it to path safely: a temporary file in the same directory, synced to
   disk, renamed over path. False (with *error) when it cannot be written. */
bool tk_answers_save(const tk_answers *answers, const char *path, const char **error);

/* {=== evaluating ===} */

tk_result *tk_evaluate(const tk_graph *graph, const tk_answers *answers);
void tk_result_free(tk_result *result);

typedef enum tk_gate_status { TK_GATE_PASS, TK_GATE_FAIL, TK_GATE_PENDING, TK_GATE_UNKNOWN_NAME } tk_gate_status;
/* A gate by name: "gate" at module level or "checklist.gate". */
tk_gate_status tk_result_gate(const tk_result *result, const char *name);

/* {=== asking the questions (tenken ask) ===} */

typedef struct tk_interview tk_interview;

typedef enum tk_question_kind { TK_QUESTION_FACT, TK_QUESTION_ITEM } tk_question_kind;

typedef struct tk_choice {
    const char *label;      /* in the interview's language; the key when there is none */
    const char *key;        /* an option's key; a fact's value as written */
    const char *points;     /* items' options: the exact decimal ("2.5"); NULL otherwise */
} tk_choice;

typedef struct tk_question {
    tk_question_kind kind;
    size_t number, count;   /* this is question `number` (from 1) of `count` */
    size_t node;            /* the fact or item, for the library */
    const char *checklist;  /* items: the checklist's name */
    const char *section;    /* items: the section's title, or NULL */
    const char *id;         /* the item's id, or the fact's name */
    const char *label, *text, *question, *note;   /* NULL when the rules give none */
    const char *type;       /* facts: "a number", "a boolean", … */
    const char *default_text;   /* facts: the value when it is not given, or NULL */
    const tk_choice *choices;   /* options; a boolean's yes and no; an enum's members */
    size_t choice_count;
} tk_question;

typedef enum tk_reply {
    TK_REPLY_OK, TK_REPLY_NOT_AN_OPTION, TK_REPLY_AMBIGUOUS, TK_REPLY_WRONG_TYPE,
} tk_reply;

/* An interview over the graph's questions: the facts that items' conditions
   use, then every item. Takes the answer set to continue (NULL: a new one). */
tk_interview *tk_interview_new(const tk_graph *graph, tk_answers *answers, const char *lang);
/* The first question not answered, not skipped, and not excluded or not
   applicable given the answers so far; NULL when none is left. */
const tk_question *tk_interview_next(tk_interview *interview);
/* Answer by the option's number in the list, label, key, alias, or points
   with a unit ("3点", "3p"); a fact by its value or number in the list. */
tk_reply tk_interview_answer(tk_interview *interview, const tk_question *question,
                             const char *reply);
void tk_interview_skip(tk_interview *interview, const tk_question *question);
size_t tk_interview_answered(const tk_interview *interview);
const tk_answers *tk_interview_answers(const tk_interview *interview);
void tk_interview_free(tk_interview *interview);

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

/* The output formats. Each writes results; which also write the diff of
   two results (tk_report_diff) or coverage (tk_map_write) says
   tk_report_format_name. */
typedef enum tk_report_format {
    TK_REPORT_TEXT, TK_REPORT_JSON, TK_REPORT_JSONL,
    TK_REPORT_CSV,          /* a register row per result (tk_report_begin writes the heading) */
    TK_REPORT_MARKDOWN,     /* Markdown for GitHub: headings and tables */
    TK_REPORT_HTML,         /* one self-contained HTML5 page (inline CSS and SVG) */
} tk_report_format;

/* What a format is asked to write, as the commands do: results (tenken
   eval), the diff of two results (tenken diff), coverage (tenken map). */
typedef enum tk_report_use {
    TK_REPORT_USE_RESULTS, TK_REPORT_USE_DIFFS, TK_REPORT_USE_COVERAGE,
} tk_report_use;

/* The format --format=NAME names ("text", "json", "md" or "markdown", …;
   NULL names the default, text), when it writes `use`: false otherwise. */
bool tk_report_format_by_name(const char *name, tk_report_use use, tk_report_format *format);
/* The names of the formats that write `use`, one per format, in a fixed
   order: the index-th, or NULL past the last. For usage messages. */
const char *tk_report_format_name(tk_report_use use, size_t index);

typedef struct tk_report_options {
    tk_report_format format;
    const char *lang;       /* "ja" or "en"; NULL is "ja" */
    bool explain;           /* add a trace to every node */
    bool color;             /* ANSI colour in text reports; the others have none */
} tk_report_options;

/* What comes before the first result: for CSV the byte order mark and the
   heading row (written even when no result follows); for HTML the page's
   head; nothing otherwise. tk_report writes one answer set (for HTML one
   <section>), tk_report_separator what goes between two (a blank line in
   text and Markdown, nothing otherwise), and tk_report_end what comes after
   the last: for HTML the end of the page. */
void tk_report_begin(const tk_graph *graph, FILE *stream, const tk_report_options *options);
void tk_report(const tk_result *result, FILE *stream, const tk_report_options *options);
void tk_report_separator(const tk_graph *graph, FILE *stream, const tk_report_options *options);
void tk_report_end(const tk_graph *graph, FILE *stream, const tk_report_options *options);

/* What changed from old[i] to new[i], for each of `count` pairs of results
   of the same rules: as text, JSON (tenken-diff/1; JSONL on one line),
   Markdown or HTML (one page for all pairs). A format that writes no diff
   (CSV) writes it as text. */
void tk_report_diff(const tk_result *const *old, const tk_result *const *new, size_t count,
                    FILE *stream, const tk_report_options *options);

/* {=== templates and graphs ===} */

/* A blank answer file for the graph, in YAML (doc/answers.md): the header
   keys, every fact empty (its default applies) and every item of every
   checklist as "ID": with no answer, each after comments giving its texts,
   conditions and options with their points. lang is "ja" or "en" (NULL:
   "ja"). Evaluated unchanged it leaves every item unanswered, or excluded or
   not applicable by the facts' defaults, and reports no problem. */
void tk_write_template(const tk_graph *graph, FILE *stream, const char *lang);

/* The evaluation graph as Graphviz DOT: facts, items, values, gates and stage
   ladders as nodes, one cluster per checklist, an edge from each node to
   every node that uses it; in a stable order. Labels in lang ("ja", "en"). */
void tk_write_graph(const tk_graph *graph, FILE *stream, const char *lang);

/* {=== writing a file atomically ===} */

typedef struct tk_output tk_output;         /* standard output, or a file being replaced */

/* Where to write: standard output when path is NULL or "-", else a
   temporary file in path's directory (a symbolic link's target's) that
   tk_output_commit renames over it; the new file gets the old one's mode.
   NULL, with *error (the system's message), when no temporary file can be
   made. */
tk_output *tk_output_open(const char *path, const char **error);
FILE *tk_output_stream(const tk_output *output);
/* Flush and, for a file, sync it to disk, rename it over path and sync the
   directory. False, with *error, when anything failed: the temporary file
   is then removed and path left as it was. Either way output is freed. */
bool tk_output_commit(tk_output *output, const char **error);
/* Give up: remove the temporary file, leave path as it was, free output. */
void tk_output_discard(tk_output *output);

/* {=== formatting rule files (tenken fmt, doc/fmt.md) ===} */

typedef enum tk_fmt_status {
    TK_FMT_OK,              /* the layout was made */
    TK_FMT_REFUSED,         /* invalid UTF-8, syntax errors or a file over 64 MiB,
                               reported to diags as tk_compile_file reports them */
    TK_FMT_INTERNAL_ERROR,  /* the layout would not scan to the same tokens: a bug in
                               the formatter; nothing is laid out */
} tk_fmt_status;

/* Lay out `length` bytes of rule text named `path` in diagnostics. On
   TK_FMT_OK *layout is the canonical text, NUL-terminated, *layout_length
   bytes, allocated with malloc for the caller to free; otherwise NULL. Names
   and types are not checked. */
tk_fmt_status tk_fmt_text(const char *path, const char *text, size_t length, tk_diags *diags,
                          char **layout, size_t *layout_length);

typedef struct tk_formatted tk_formatted;   /* a rule file and its canonical layout */

/* Read the rule file at path ("-": standard input, named "<stdin>") with the
   limits every rule file is read with, and lay it out. NULL, with *error
   (why it cannot be read), when it cannot be read. */
tk_formatted *tk_fmt_file(const char *path, tk_diags *diags, const char **error);
tk_fmt_status tk_formatted_status(const tk_formatted *formatted);
/* Whether the file is laid out already: its bytes are the layout's. */
bool tk_formatted_unchanged(const tk_formatted *formatted);
/* The layout (TK_FMT_OK), *length bytes, NUL-terminated; NULL otherwise. */
const char *tk_formatted_layout(const tk_formatted *formatted, size_t *length);
/* Where the file differs from its layout, as a unified diff (three lines of
   context) headed `--- PATH` and `+++ PATH`; nothing when it does not.
   Returns the number of hunks written. */
size_t tk_formatted_write_diff(const tk_formatted *formatted, FILE *stream);
void tk_formatted_free(tk_formatted *formatted);

/* {=== importing control tables (tenken import) ===} */

/* A control table saved from a spreadsheet as CSV turned into a rule file:
   a framework table (one row per clause, objective, control or detailed
   control, each naming its parent) becomes a `framework` block, a mapping
   table (one row per source control, relation and target control) a `map`
   block. Every problem of a table is reported to diags at its cell; on any
   problem no text is made. */

typedef enum tk_import_status {
    TK_IMPORT_WRITTEN,      /* *text holds the rule file */
    TK_IMPORT_FINDINGS,     /* problems in the table, in diags; no text */
    TK_IMPORT_UNREADABLE,   /* the file cannot be read (TK0901); no text */
} tk_import_status;

typedef struct tk_import_framework_options {
    const char *id;         /* the framework's name, e.g. ismap_2023 (required) */
    const char *edition;    /* its edition, e.g. "2023" (required) */
    const char *title;      /* NULL: the id */
    const char *module;     /* NULL: imported.ID */
    const char *columns;    /* "ID,TITLE,PARENT,OBLIGATION" headings; NULL: the
                               defaults id,title,parent,obligation */
    const char *kinds;      /* the kind of each level, "clause,objective,…";
                               NULL: clause,objective,control,detail */
    const char *lang;       /* the language of the titles: "ja" (NULL) or "en" */
} tk_import_framework_options;

typedef struct tk_import_map_options {
    const char *from, *to;  /* the frameworks mapped (required) */
    const char *from_module, *to_module;    /* NULL: stdlib.frameworks.FROM / .TO */
    const char *title;      /* NULL: none */
    const char *module;     /* NULL: imported.FROM_to_TO */
    const char *columns;    /* "SOURCE,RELATION,TARGET,NOTE" headings; NULL: the
                               defaults source,relation,target,note */
} tk_import_map_options;

/* Whether the options can be used: false, with the first problem written to
   message[size] as one line naming the command's option (--id, --columns, …),
   when one is missing or malformed (a usage error, not a problem of the
   table). */
bool tk_import_framework_options_check(const tk_import_framework_options *options,
                                       char *message, size_t size);
bool tk_import_map_options_check(const tk_import_map_options *options, char *message,
                                 size_t size);

/* Read the CSV table at `path` ("-": standard input) and make the rule file.
   The options must have passed their check. On TK_IMPORT_WRITTEN, *text is
   the file, NUL-terminated, *length bytes, allocated with malloc for the
   caller to free; otherwise *text is NULL. */
tk_import_status tk_import_framework(const char *path, const tk_import_framework_options *options,
                                     tk_diags *diags, char **text, size_t *length);
tk_import_status tk_import_map(const char *path, const tk_import_map_options *options,
                               tk_diags *diags, char **text, size_t *length);

/* {=== coverage between frameworks (tenken map, doc/mappings.md) ===} */

typedef struct tk_map_result tk_map_result;

typedef struct tk_map_options {
    const char *from;       /* the source framework, or a checklist module (then `to`
                               is required) whose items `ref` the target's controls */
    const char *answers;    /* an answer file for `from`, or NULL */
    const char *to;         /* the target framework; NULL: only the selection gates
                               of `from` over its answers */
    const char *const *files;   /* the catalogue: rule files loaded in this order,
                                   a module already loaded is not loaded again */
    size_t file_count;
    const tk_compile_options *compile;  /* imports' search path; NULL: none */
} tk_map_options;

/* Load the catalogue, find `from` and `to` in it, read the answers, and
   compute what the source's controls reach in the target through the maps
   between them (read in either direction), and with answers the selection
   gates of the source framework. Without answers every source control counts
   as implemented. NULL when anything failed, reported to diags (an unknown
   framework at "--from" or "--to", as the command names them; a file that
   cannot be read as TK0901). */
tk_map_result *tk_map(const tk_map_options *options, tk_diags *diags);
/* Write the result as text, JSON, Markdown or CSV, titles in lang ("ja",
   "en"; NULL: "ja"). A format that writes no coverage (JSON Lines, HTML)
   writes it as text. */
void tk_map_write(const tk_map_result *result, tk_report_format format, const char *lang,
                  FILE *stream);
/* Whether every selection gate passed (true without answers). */
bool tk_map_gates_passed(const tk_map_result *result);
void tk_map_result_free(tk_map_result *result);

#ifdef __cplusplus
}
#endif

#endif
