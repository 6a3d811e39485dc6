/*
 * import_table.h — a CSV table for `tenken import`: a header row naming the
 * columns, then one row per record that is not blank, each cell keeping
 * where it was written. Reading reports every problem of the CSV itself
 * (quoting, extra fields, a column missing from the header) at its place
 * and goes on, so one run shows them all.
 */
#ifndef TK_IMPORT_TABLE_H
#define TK_IMPORT_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/source.h"

/* A column the import reads. */
typedef struct import_column {
    const char *heading;    /* the header name looked for; NULL or "": not in the table */
    bool optional;          /* a table without it is fine */
    const char *absent_help;    /* help when the header lacks it and has no near name;
                                   NULL: how to name the columns */
} import_column;

typedef struct import_cell {
    const char *text;       /* the value, spaces around an unquoted one dropped;
                               "" for a column not in the table or a row cut short */
    uint32_t start, end;    /* its bytes in the file (quotes included) */
} import_cell;

typedef struct import_row {
    import_cell *cells;     /* one per column asked for, in that order */
    bool damaged;           /* a quote never closed or fields past the header's, so
                               its cells may be shifted (the problem is reported) */
} import_row;

typedef struct import_table {
    arena *region;
    diag_list *diags;
    const source *file;     /* NULL when the file could not be read */
    size_t column_count;    /* the columns asked for */
    import_row *rows;
    size_t row_count;
    const char *columns_usage;  /* how to name the columns: "--columns ID,TITLE,…" */
    bool complete;          /* the file is UTF-8 and every column asked for was found */
} import_table;

/* Read the table at path ("-": standard input): its header, and for every
   row the cells of the columns asked for. False, with TK0901 reported, when
   the file cannot be read; otherwise true, with any problem reported. */
bool import_table_read(import_table *table, arena *region, diag_list *diags, const char *path,
                       const import_column *columns, size_t column_count,
                       const char *columns_usage);

/* Report TK0809 when a cell holds a character a string cannot (a control
   character, a line break); `what` names the cell ("title"). True when the
   cell is fine. */
bool import_check_cell_text(import_table *table, const import_cell *cell, const char *what);

/* Whether two values are the same, ignoring ASCII case (headers, keywords). */
bool import_same_word(const char *left, const char *right);

#endif
