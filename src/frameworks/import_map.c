/*
 * import_map.c — `tenken import map`: a mapping table (a source control, a
 * relation and a target control per row, with an optional note) written as
 * a `map A -> B` block, one row per line in the table's order. Each row is
 * checked on its own; only a table without a single problem is written.
 */
#include "tenken.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frameworks/import_table.h"
#include "frameworks/import_text.h"
#include "base/suggest.h"

enum { COLUMN_SOURCE, COLUMN_RELATION, COLUMN_TARGET, COLUMN_NOTE, COLUMN_COUNT };

/* The relations of the rule language, then `new` (a target without a source). */
enum { RELATION_COUNT = 7, RELATION_NONE = 5, RELATION_NEW = 6, NO_RELATION = -1 };
static const char *const relation_names[RELATION_COUNT] = {
    "equivalent", "equal", "subset-of", "superset-of", "intersects", "no-relationship", "new"};

typedef struct map_row {
    const import_cell *cells;
    int relation;
} map_row;

typedef struct map_run {
    arena region;
    import_table table;
    const tk_import_map_options *options;
    const char *columns[COLUMN_COUNT];
    map_row *rows;
} map_run;

/* {=== options ===} */

static bool read_columns(arena *region, const tk_import_map_options *options,
                         const char **columns, char *message, size_t size) {
    const char *defaults[COLUMN_COUNT] = {"source", "relation", "target", "note"};
    memcpy(columns, defaults, sizeof defaults);
    if (!options->columns) return true;
    size_t count = 0;
    const char *names[COLUMN_COUNT] = {"", "", "", ""};
    if (!import_split_list(region, options->columns, names, COLUMN_COUNT, &count) || count < 3 ||
        !*names[0] || !*names[1] || !*names[2])
        return snprintf(message, size, "--columns takes SOURCE,RELATION,TARGET,NOTE: the header "
                                       "names of the source, relation and target columns, then "
                                       "of the note column or nothing"),
               false;
    memcpy(columns, names, sizeof names);
    return true;
}

static bool text_fine(const char *name, const char *value, char *message, size_t size) {
    if (!value || import_bad_character(value, strlen(value)) == strlen(value)) return true;
    snprintf(message, size, "--%s holds a control character or a byte that is not UTF-8", name);
    return false;
}

static bool name_fine(const char *option, const char *value, char *message, size_t size) {
    if (!value)
        return snprintf(message, size, "--%s is required: the name of the framework mapped "
                                       "%s, such as iso27001_2022",
                        option, strcmp(option, "from") ? "to" : "from"), false;
    if (!import_is_name(value))
        return snprintf(message, size, "--%s '%s' cannot be a name of the rule language: use "
                                       "letters, digits and _ (no digit first, no keyword)",
                        option, value), false;
    return true;
}

static bool module_fine(const char *option, const char *value, char *message, size_t size) {
    if (!value || import_is_module_name(value)) return true;
    snprintf(message, size, "--%s '%s' is no module name: names joined by dots, such as "
                            "stdlib.frameworks.iso27001_2022", option, value);
    return false;
}

static bool check_options(recovery *point, const tk_import_map_options *options,
                          char *message, size_t size) {
    if (!name_fine("from", options->from, message, size) ||
        !name_fine("to", options->to, message, size) ||
        !module_fine("from-module", options->from_module, message, size) ||
        !module_fine("to-module", options->to_module, message, size) ||
        !module_fine("module", options->module, message, size) ||
        !text_fine("title", options->title, message, size) ||
        !text_fine("columns", options->columns, message, size))
        return false;
    arena region;
    arena_init(&region);
    recovery_own(point, &region, NULL, NULL);
    const char *columns[COLUMN_COUNT];
    bool fine = read_columns(&region, options, columns, message, size);
    arena_release(&region);
    return fine;
}

bool tk_import_map_options_check(const tk_import_map_options *options, char *message,
                                 size_t size) {
    recovery point;
    if (setjmp(point.resume)) return snprintf(message, size, "out of memory"), false;
    recovery_begin(&point, NULL);
    errno = 0;
    bool fine = check_options(&point, options, message, size);
    if (!fine && errno == ENOMEM) snprintf(message, size, "out of memory"); /* import_is_name */
    recovery_end(&point);
    return fine;
}

/* {=== rows ===} */

static void report(map_run *run, diag_code code, const import_cell *cell, const char *help,
                   const char *format, ...) __attribute__((format(printf, 5, 6)));

static void report(map_run *run, diag_code code, const import_cell *cell, const char *help,
                   const char *format, ...) {
    va_list args;
    va_start(args, format);
    diagnostic *record = diag_report_va(run->table.diags, SEVERITY_ERROR, code, run->table.file,
                                        cell->start, cell->end, format, args);
    va_end(args);
    diag_set_help(run->table.diags, record, "%s", help);
}

static void report_unknown_relation(map_run *run, const import_cell *cell) {
    diag_list *diags = run->table.diags;
    diagnostic *record = diag_report(diags, SEVERITY_ERROR, DIAG_TK0808, run->table.file,
                                     cell->start, cell->end, "'%s' is no relation", cell->text);
    suggestion best;
    suggest_begin(&best, cell->text);
    for (size_t index = 0; index < RELATION_COUNT; index++)
        suggest_consider(&best, relation_names[index]);
    if (suggest_result(&best))
        diag_set_help(diags, record, "did you mean '%s'?", suggest_result(&best));
    else
        diag_set_help(diags, record, "the relations are equivalent, equal, subset-of, "
                                     "superset-of, intersects, no-relationship and new");
}

static int read_relation(map_run *run, const import_cell *cell) {
    if (!*cell->text) {
        report(run, DIAG_TK0804, cell, "write how the source relates to the target: "
                                       "equivalent, subset-of, intersects, …",
               "this row has no relation");
        return NO_RELATION;
    }
    for (int index = 0; index < RELATION_COUNT; index++)
        if (import_same_word(cell->text, relation_names[index])) return index;
    report_unknown_relation(run, cell);
    return NO_RELATION;
}

/* The source and target a row's relation needs. */
static void check_ends(map_run *run, const map_row *row) {
    const import_cell *source_cell = &row->cells[COLUMN_SOURCE];
    const import_cell *target = &row->cells[COLUMN_TARGET];
    if (row->relation == RELATION_NEW && *source_cell->text)
        report(run, DIAG_TK0808, source_cell,
               "leave the source empty in a 'new' row, or give the row another relation",
               "a 'new' row is a target without a source, but this one has the source '%s'",
               source_cell->text);
    if (row->relation != RELATION_NEW && !*source_cell->text)
        report(run, DIAG_TK0804, source_cell,
               "give the source control's id; a target with no source is a 'new' row",
               "this row has no source");
    if (row->relation != RELATION_NONE && !*target->text)
        report(run, DIAG_TK0804, target,
               "give the target control's id; only a no-relationship row may have none",
               "this row has no target");
}

static void read_row(map_run *run, map_row *row) {
    import_check_cell_text(&run->table, &row->cells[COLUMN_SOURCE], "source");
    row->relation = read_relation(run, &row->cells[COLUMN_RELATION]);
    import_check_cell_text(&run->table, &row->cells[COLUMN_TARGET], "target");
    import_check_cell_text(&run->table, &row->cells[COLUMN_NOTE], "note");
    if (row->relation != NO_RELATION) check_ends(run, row);
}

static void read_rows(map_run *run) {
    run->rows = arena_calloc(&run->region, run->table.row_count ? run->table.row_count : 1,
                             sizeof(map_row));
    for (size_t index = 0; index < run->table.row_count; index++) {
        run->rows[index].cells = run->table.rows[index].cells;
        if (!run->table.rows[index].damaged) read_row(run, &run->rows[index]);
    }
}

/* {=== writing ===} */

static void write_row(FILE *stream, arena *region, const map_row *row) {
    const import_cell *cells = row->cells;
    bool no_relationship = strcmp(relation_names[row->relation], "no-relationship") == 0;
    fputs("  ", stream);
    if (row->relation == RELATION_NEW) {
        fputs("new ", stream);
        import_write_string(stream, cells[COLUMN_TARGET].text);
    } else {
        import_write_string(stream, cells[COLUMN_SOURCE].text);
        fprintf(stream, " %s", relation_names[row->relation]);
        if (*cells[COLUMN_TARGET].text && !no_relationship) {
            fputc(' ', stream);
            import_write_string(stream, cells[COLUMN_TARGET].text);
        }
    }
    if (no_relationship && *cells[COLUMN_TARGET].text) {
        /* The language's no-relationship names no target; keep the table's in the note. */
        fputs(" note ", stream);
        import_write_string(stream, arena_printf(region, "%s%starget in the table: %s",
                                                 cells[COLUMN_NOTE].text,
                                                 *cells[COLUMN_NOTE].text ? "; " : "",
                                                 cells[COLUMN_TARGET].text));
    } else if (*cells[COLUMN_NOTE].text) {
        fputs(" note ", stream);
        import_write_string(stream, cells[COLUMN_NOTE].text);
    }
    fputc('\n', stream);
}

static void write_map(FILE *stream, map_run *run) {
    const tk_import_map_options *options = run->options;
    const char *imports[2] = {
        options->from_module ? options->from_module
                             : arena_printf(&run->region, "stdlib.frameworks.%s", options->from),
        options->to_module ? options->to_module
                           : arena_printf(&run->region, "stdlib.frameworks.%s", options->to)};
    size_t import_count = strcmp(imports[0], imports[1]) ? 2 : 1;
    const char *module = options->module ? options->module
                                         : arena_printf(&run->region, "imported.%s_to_%s",
                                                        options->from, options->to);
    import_write_head(stream, module, imports, import_count, run->table.file->path,
                      run->table.row_count);
    fprintf(stream, "map %s -> %s ", options->from, options->to);
    if (options->title) {
        import_write_string(stream, options->title);
        fputc(' ', stream);
    }
    fputs("{\n", stream);
    for (size_t index = 0; index < run->table.row_count; index++)
        write_row(stream, &run->region, &run->rows[index]);
    fputs("}\n", stream);
}

/* {=== the import ===} */

tk_import_status tk_import_map(const char *path, const tk_import_map_options *options,
                               tk_diags *diags, char **text, size_t *length) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(diag_list_of(diags));
        return TK_IMPORT_UNREADABLE;
    }
    recovery_begin_guarded(&point, &diag_list_of(diags)->region);
    *text = NULL;
    *length = 0;
    diag_list *list = diag_list_of(diags);
    size_t errors_before = list->error_count;
    map_run run = {.options = options};
    arena_init(&run.region);
    recovery_own(&point, &run.region, NULL, NULL);
    /* Unreachable: the options passed tk_import_map_options_check, as
       the caller must see to (tenken.h), and that check ends with this same
       read_columns, whose answer depends on the options alone; running out
       of memory in it jumps to the point above instead of returning false.
       False here is the caller's bug, not a state of the system. */
    char message[256];
    if (!read_columns(&run.region, options, run.columns, message, sizeof message)) abort();
    import_column columns[COLUMN_COUNT] = {
        {run.columns[COLUMN_SOURCE], false, NULL},
        {run.columns[COLUMN_RELATION], false, NULL},
        {run.columns[COLUMN_TARGET], false, NULL},
        {run.columns[COLUMN_NOTE], !options->columns, NULL},
    };
    tk_import_status status = TK_IMPORT_UNREADABLE;
    if (import_table_read(&run.table, &run.region, list, path, columns, COLUMN_COUNT,
                          "--columns SOURCE,RELATION,TARGET,NOTE")) {
        if (run.table.complete) read_rows(&run);
        status = TK_IMPORT_FINDINGS;
        if (list->error_count == errors_before) {
            text_stream out;
            write_map(text_stream_open(&out, &run.region, text, length), &run);
            text_stream_close(&out, &run.region);
            status = TK_IMPORT_WRITTEN;
        }
    }
    arena_release(&run.region);
    recovery_end(&point);
    return status;
}
