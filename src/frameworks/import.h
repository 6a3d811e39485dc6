/*
 * import.h — `tenken import`: control tables that regulators hand out as
 * spreadsheets, saved as CSV, turned into tenken rule files. A framework
 * table (one row per clause, objective, control or detailed control, each
 * naming its parent) becomes a `framework` block; a mapping table (one row
 * per source control, relation and target control) becomes a `map` block.
 * The syntax written is the rule language's `framework` and `map` blocks.
 *
 * Every problem of a table is reported to diags, each at its cell; on any
 * problem nothing is written. Nothing here prints, exits, or keeps global
 * state: the text is handed back for the caller to write.
 */
#ifndef TK_IMPORT_H
#define TK_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "tenken.h"

typedef enum import_status {
    IMPORT_WRITTEN,         /* *text holds the rule file */
    IMPORT_FINDINGS,        /* problems in the table, in diags; no text */
    IMPORT_UNREADABLE,      /* the file cannot be read (TK0901); no text */
} import_status;

typedef struct import_framework_options {
    const char *id;         /* the framework's name, e.g. ismap_2023 (required) */
    const char *edition;    /* its edition, e.g. "2023" (required) */
    const char *title;      /* NULL: the id */
    const char *module;     /* NULL: imported.ID */
    const char *columns;    /* "ID,TITLE,PARENT,OBLIGATION" headings; NULL: the
                               defaults id,title,parent,obligation */
    const char *kinds;      /* the kind of each level, "clause,objective,…";
                               NULL: clause,objective,control,detail */
    const char *lang;       /* the language of the titles: "ja" (NULL) or "en" */
} import_framework_options;

typedef struct import_map_options {
    const char *from, *to;  /* the frameworks mapped (required) */
    const char *from_module, *to_module;    /* NULL: stdlib.frameworks.FROM / .TO */
    const char *title;      /* NULL: none */
    const char *module;     /* NULL: imported.FROM_to_TO */
    const char *columns;    /* "SOURCE,RELATION,TARGET,NOTE" headings; NULL: the
                               defaults source,relation,target,note */
} import_map_options;

/* Whether the options can be used: false, with the first problem written to
   message[size] as one line, when one is missing or malformed (a usage
   error, not a problem of the table). */
bool import_framework_options_check(const import_framework_options *options, char *message,
                                    size_t size);
bool import_map_options_check(const import_map_options *options, char *message, size_t size);

/* Read the CSV table at `path` ("-": standard input) and make the rule file.
   The options must have passed their check. On IMPORT_WRITTEN, *text is the
   file, NUL-terminated, *length bytes, allocated with malloc for the caller
   to free; otherwise *text is NULL. */
import_status import_framework(const char *path, const import_framework_options *options,
                               tk_diags *diags, char **text, size_t *length);
import_status import_map(const char *path, const import_map_options *options, tk_diags *diags,
                         char **text, size_t *length);

#endif
