/*
 * import_framework.c — `tenken import framework`: a control table (one row
 * per node, naming its parent's id) read as a tree and written as a
 * `framework` block. Each row is checked (id, title, obligation, kind), the
 * ids are indexed, parents are found, cycles are found and reported, and
 * each node's kind comes from its kind column or its level; only a table
 * without a single problem is written.
 */
#include "tenken.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frameworks/import_table.h"
#include "frameworks/import_text.h"
#include "base/strmap.h"
#include "base/suggest.h"

enum { KIND_COUNT = 4, MAX_LEVELS = 32, MAX_CYCLE_NOTES = 8 };

/* Ids compared in all for "did you mean" suggestions of unknown parents: a
   table whose every parent is wrong (the wrong column) must not cost rows
   squared comparisons. */
enum { SUGGESTION_BUDGET = 1000000 };

#define LEVEL_UNKNOWN ((size_t)-1)
#define NO_KIND ((size_t)-1)

static const char *const kind_names[KIND_COUNT] = {"clause", "objective", "control", "detail"};

/* The columns read, in this order. */
enum { COLUMN_ID, COLUMN_TITLE, COLUMN_PARENT, COLUMN_OBLIGATION, COLUMN_KIND, COLUMN_COUNT };

typedef enum obligation { OBLIGATION_NONE, OBLIGATION_MANDATORY, OBLIGATION_SELECTABLE } obligation;

typedef struct node {
    const import_cell *cells;   /* the row's cells, COLUMN_ID … COLUMN_KIND */
    bool damaged;           /* only its id is used (src/import_table.h) */
    size_t row;             /* its index among the rows */
    bool valid;             /* it has an id that no earlier row has */
    struct node *parent;    /* NULL at the top level, or for a parent not found */
    size_t kind;            /* from the kind column, or NO_KIND */
    obligation obligation;
    size_t level;           /* 0 at the top; LEVEL_UNKNOWN in or under a cycle */
    size_t walk;            /* the walk that reached it first (cycle search), 0 before */
    struct node **children;
    size_t child_count, child_capacity;
} node;

/* What the options say, read once. */
typedef struct framework_settings {
    const char *columns[4];     /* the headings of id, title, parent, obligation */
    size_t kinds[MAX_LEVELS];   /* the kind of each level */
    size_t kind_count;
} framework_settings;

typedef struct framework_run {
    arena region;
    import_table table;
    const tk_import_framework_options *options;
    framework_settings settings;
    node *nodes;
    size_t node_count;
    strmap by_id;               /* id → node */
    node **roots;
    size_t root_count, root_capacity;
    size_t suggestions_left;    /* ids that may still be compared (SUGGESTION_BUDGET) */
} framework_run;

/* {=== options ===} */

static size_t kind_by_name(const char *name) {
    for (size_t kind = 0; kind < KIND_COUNT; kind++)
        if (import_same_word(name, kind_names[kind])) return kind;
    return NO_KIND;
}

/* Read --columns and --kinds into settings; false with a message. */
static bool read_settings(arena *region, const tk_import_framework_options *options,
                          framework_settings *settings, char *message, size_t size) {
    const char *defaults[4] = {"id", "title", "parent", "obligation"};
    memcpy(settings->columns, defaults, sizeof defaults);
    if (options->columns) {
        size_t count = 0;
        const char *names[4] = {"", "", "", ""};
        if (!import_split_list(region, options->columns, names, 4, &count) || count < 2 ||
            !*names[0] || !*names[1])
            return snprintf(message, size, "--columns takes ID,TITLE,PARENT,OBLIGATION: the "
                                           "header names of the id and title columns, then "
                                           "of the parent and obligation columns or nothing"),
                   false;
        memcpy(settings->columns, names, sizeof names);
    }
    const char *kinds[MAX_LEVELS];
    const char *list = options->kinds ? options->kinds : "clause,objective,control,detail";
    size_t count = 0;
    if (!import_split_list(region, list, kinds, MAX_LEVELS, &count))
        return snprintf(message, size, "--kinds names at most %d levels", MAX_LEVELS), false;
    for (size_t level = 0; level < count; level++) {
        settings->kinds[level] = kind_by_name(kinds[level]);
        if (settings->kinds[level] == NO_KIND)
            return snprintf(message, size, "--kinds: '%s' is no kind (clause, objective, "
                                           "control or detail)", kinds[level]),
                   false;
    }
    settings->kind_count = count;
    return true;
}

static bool text_option_fine(const char *name, const char *value, char *message, size_t size) {
    if (!value || import_bad_character(value, strlen(value)) == strlen(value)) return true;
    snprintf(message, size, "--%s holds a control character or a byte that is not UTF-8", name);
    return false;
}

static bool check_options(recovery *point, const tk_import_framework_options *options,
                          char *message, size_t size) {
    if (!options->id)
        return snprintf(message, size, "--id is required: the framework's name, such as "
                                       "ismap_2023"), false;
    if (!import_is_name(options->id))
        return snprintf(message, size, "--id '%s' cannot be a name of the rule language: use "
                                       "letters, digits and _ (no digit first, no keyword)",
                        options->id), false;
    if (!options->edition)
        return snprintf(message, size, "--edition is required: the framework's edition, such "
                                       "as 2023"), false;
    if (options->module && !import_is_module_name(options->module))
        return snprintf(message, size, "--module '%s' is no module name: names joined by dots, "
                                       "such as imported.ismap", options->module), false;
    if (options->lang && strcmp(options->lang, "ja") && strcmp(options->lang, "en"))
        return snprintf(message, size, "--lang is ja or en, not '%s'", options->lang), false;
    if (!text_option_fine("edition", options->edition, message, size) ||
        !text_option_fine("title", options->title, message, size) ||
        !text_option_fine("columns", options->columns, message, size))
        return false;
    arena region;
    arena_init(&region);
    recovery_own(point, &region, NULL, NULL);
    framework_settings settings;
    bool fine = read_settings(&region, options, &settings, message, size);
    arena_release(&region);
    return fine;
}

bool tk_import_framework_options_check(const tk_import_framework_options *options,
                                       char *message, size_t size) {
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

static void report_empty(framework_run *run, const import_cell *cell, const char *message,
                         const char *help) {
    diagnostic *report = diag_report(run->table.diags, SEVERITY_ERROR, DIAG_TK0804,
                                     run->table.file, cell->start, cell->end, "%s", message);
    diag_set_help(run->table.diags, report, "%s", help);
}

static obligation read_obligation(framework_run *run, const import_cell *cell) {
    const char *text = cell->text;
    if (!*text) return OBLIGATION_NONE;
    if (import_same_word(text, "mandatory") || !strcmp(text, "必須")) return OBLIGATION_MANDATORY;
    if (import_same_word(text, "selectable") || !strcmp(text, "選択"))
        return OBLIGATION_SELECTABLE;
    diag_list *diags = run->table.diags;
    diagnostic *report = diag_report(diags, SEVERITY_ERROR, DIAG_TK0808, run->table.file,
                                     cell->start, cell->end, "'%s' is no obligation", text);
    suggestion best;
    suggest_begin(&best, text);
    suggest_consider(&best, "mandatory");
    suggest_consider(&best, "selectable");
    if (suggest_result(&best))
        diag_set_help(diags, report, "did you mean '%s'?", suggest_result(&best));
    else
        diag_set_help(diags, report, "write mandatory (必須) or selectable (選択), or leave the "
                                     "cell empty");
    return OBLIGATION_NONE;
}

static size_t read_kind(framework_run *run, const import_cell *cell) {
    if (!*cell->text) return NO_KIND;
    size_t kind = kind_by_name(cell->text);
    if (kind != NO_KIND) return kind;
    diag_list *diags = run->table.diags;
    diagnostic *report = diag_report(diags, SEVERITY_ERROR, DIAG_TK0808, run->table.file,
                                     cell->start, cell->end, "'%s' is no kind", cell->text);
    suggestion best;
    suggest_begin(&best, cell->text);
    for (size_t index = 0; index < KIND_COUNT; index++) suggest_consider(&best, kind_names[index]);
    if (suggest_result(&best))
        diag_set_help(diags, report, "did you mean '%s'?", suggest_result(&best));
    else
        diag_set_help(diags, report, "the kinds are clause, objective, control and detail; an "
                                     "empty cell takes the kind of the row's level (--kinds)");
    return NO_KIND;
}

static void report_duplicate(framework_run *run, const node *first, const node *again) {
    const import_cell *cell = &again->cells[COLUMN_ID];
    diag_list *diags = run->table.diags;
    diagnostic *report = diag_report(diags, SEVERITY_ERROR, DIAG_TK0805, run->table.file,
                                     cell->start, cell->end, "id '%s' is given to two rows",
                                     cell->text);
    const import_cell *earlier = &first->cells[COLUMN_ID];
    diag_add_note(diags, report, run->table.file, earlier->start, earlier->end,
                  "the first row with it is here");
    diag_set_help(diags, report, "give each row its own id");
}

/* Index a row's id. */
static void index_node(framework_run *run, node *item) {
    const char *id = item->cells[COLUMN_ID].text;
    node *first = strmap_put(&run->region, &run->by_id, id, item);
    if (first != item) {
        report_duplicate(run, first, item);
        return;
    }
    item->valid = true;
}

/* Check one row's cells and index its id. A damaged row's id is indexed,
   so that its children find it, and nothing else of it is checked. */
static void read_node(framework_run *run, node *item) {
    const import_cell *cells = item->cells;
    const char *id = cells[COLUMN_ID].text;
    if (item->damaged) {
        if (*id) index_node(run, item);
        return;
    }
    bool id_fine = import_check_cell_text(&run->table, &cells[COLUMN_ID], "id");
    if (!*id)
        report_empty(run, &cells[COLUMN_ID], "this row has no id",
                     "give every row an id; a row with none cannot be a parent or be found");
    if (!*cells[COLUMN_TITLE].text)
        report_empty(run, &cells[COLUMN_TITLE],
                     *id ? arena_printf(&run->region, "row '%s' has no title", id)
                         : "this row has no title",
                     "give every row its title");
    import_check_cell_text(&run->table, &cells[COLUMN_TITLE], "title");
    import_check_cell_text(&run->table, &cells[COLUMN_PARENT], "parent");
    item->obligation = read_obligation(run, &cells[COLUMN_OBLIGATION]);
    item->kind = read_kind(run, &cells[COLUMN_KIND]);
    if (*id && id_fine) index_node(run, item);
}

static void report_unknown_parent(framework_run *run, const node *item) {
    const import_cell *cell = &item->cells[COLUMN_PARENT];
    diag_list *diags = run->table.diags;
    diagnostic *report = diag_report(diags, SEVERITY_ERROR, DIAG_TK0806, run->table.file,
                                     cell->start, cell->end, "no row has the id '%s'", cell->text);
    suggestion best;
    suggest_begin(&best, cell->text);
    if (report != &diags->overflow && run->suggestions_left >= run->node_count) {
        run->suggestions_left -= run->node_count;
        for (size_t index = 0; index < run->node_count; index++)
            if (run->nodes[index].valid)
                suggest_consider(&best, run->nodes[index].cells[COLUMN_ID].text);
    }
    if (suggest_result(&best))
        diag_set_help(diags, report, "did you mean '%s'?", suggest_result(&best));
    else
        diag_set_help(diags, report, "the parent is the id of another row; leave it empty for a "
                                     "row at the top level");
}

static void find_parents(framework_run *run) {
    for (size_t index = 0; index < run->node_count; index++) {
        node *item = &run->nodes[index];
        const char *parent = item->cells[COLUMN_PARENT].text;
        if (!item->valid || item->damaged || !*parent) continue;
        item->parent = strmap_get(&run->by_id, parent);
        if (!item->parent) report_unknown_parent(run, item);
    }
}

/* {=== cycles and levels ===} */

/* A cycle through `entry`: reported once, at the row of it that comes first. */
static void report_cycle(framework_run *run, node *entry) {
    node *first = entry;
    for (node *cursor = entry->parent; cursor != entry; cursor = cursor->parent)
        if (cursor->row < first->row) first = cursor;
    const char *id = first->cells[COLUMN_ID].text;
    const char *chain = id;
    size_t shown = 1;
    for (node *cursor = first->parent;; cursor = cursor->parent, shown++) {
        if (cursor != first && shown > MAX_CYCLE_NOTES) continue;   /* a long cycle: "… →" */
        chain = arena_printf(&run->region, "%s → %s", chain,
                             cursor == first || shown < MAX_CYCLE_NOTES
                                 ? cursor->cells[COLUMN_ID].text
                                 : "…");
        if (cursor == first) break;
    }
    diag_list *diags = run->table.diags;
    const import_cell *cell = &first->cells[COLUMN_PARENT];
    diagnostic *report =
        first->parent == first
            ? diag_report(diags, SEVERITY_ERROR, DIAG_TK0807, run->table.file, cell->start,
                          cell->end, "row '%s' is its own parent", id)
            : diag_report(diags, SEVERITY_ERROR, DIAG_TK0807, run->table.file, cell->start,
                          cell->end, "row '%s' is its own ancestor: %s", id, chain);
    size_t notes = 0;
    for (node *cursor = first->parent; cursor != first && notes < MAX_CYCLE_NOTES;
         cursor = cursor->parent, notes++) {
        const import_cell *link = &cursor->cells[COLUMN_PARENT];
        diag_add_note(diags, report, run->table.file, link->start, link->end,
                      "row '%s' has the parent '%s'", cursor->cells[COLUMN_ID].text, link->text);
    }
    diag_set_help(diags, report, "give %s another parent, or none to put it at the top level",
                  first->parent == first ? "the row" : "one of these rows");
}

/* Follow the parents up from one node until a node already reached: one at
   the top, one whose level is known, or (a cycle) one of this walk. Then
   give every node of the walk its level. */
static void walk_up(framework_run *run, node *start, size_t walk) {
    size_t length = 0;
    node *stop = start;
    while (stop && stop->walk == 0) {
        stop->walk = walk;
        stop = stop->parent;
        length++;
    }
    size_t top = 0;
    if (stop && stop->walk == walk) {
        report_cycle(run, stop);
        top = LEVEL_UNKNOWN;
    } else if (stop) {
        top = stop->level == LEVEL_UNKNOWN ? LEVEL_UNKNOWN : stop->level + 1;
    }
    node *cursor = start;
    for (size_t step = 0; step < length; step++, cursor = cursor->parent)
        cursor->level = top == LEVEL_UNKNOWN ? LEVEL_UNKNOWN : top + (length - 1 - step);
}

static void find_levels(framework_run *run) {
    for (size_t index = 0; index < run->node_count; index++) {
        node *item = &run->nodes[index];
        if (item->valid && item->walk == 0) walk_up(run, item, index + 1);
    }
}

/* {=== kinds and the tree ===} */

static void report_too_deep(framework_run *run, const node *item, const char *reason) {
    const import_cell *cell = &item->cells[COLUMN_ID];
    diag_list *diags = run->table.diags;
    diagnostic *report = diag_report(diags, SEVERITY_ERROR, DIAG_TK0810, run->table.file,
                                     cell->start, cell->end, "row '%s' is at level %zu, %s",
                                     cell->text, item->level + 1, reason);
    if (item->level >= MAX_LEVELS)
        diag_set_help(diags, report, "tenken reads at most %d levels of nesting; check that the "
                                     "parents are right", MAX_LEVELS);
    else
        diag_set_help(diags, report, "name a kind for each level with --kinds (such as "
                                     "--kinds clause,objective,control,detail,detail), or give "
                                     "the row's kind in a kind column");
}

/* Each node's kind, and its place among its parent's children. */
static void build_tree(framework_run *run) {
    for (size_t index = 0; index < run->node_count; index++) {
        node *item = &run->nodes[index];
        if (!item->valid || item->level == LEVEL_UNKNOWN) continue;
        if (item->level >= MAX_LEVELS) {
            report_too_deep(run, item, arena_printf(&run->region, "deeper than %d levels",
                                                    MAX_LEVELS));
            continue;
        }
        if (item->kind == NO_KIND && item->level >= run->settings.kind_count) {
            report_too_deep(run, item, arena_printf(&run->region, "and --kinds names %zu %s",
                                                    run->settings.kind_count,
                                                    run->settings.kind_count == 1 ? "level"
                                                                                  : "levels"));
            continue;
        }
        if (item->kind == NO_KIND) item->kind = run->settings.kinds[item->level];
        if (item->parent)
            *ARENA_PUSH(&run->region, item->parent->children, item->parent->child_count,
                        item->parent->child_capacity) = item;
        else
            *ARENA_PUSH(&run->region, run->roots, run->root_count, run->root_capacity) = item;
    }
}

/* {=== writing ===} */

static void write_node(FILE *stream, const framework_run *run, const node *item, size_t depth) {
    fprintf(stream, "%*s%s ", (int)(depth * 2), "", kind_names[item->kind]);
    import_write_string(stream, item->cells[COLUMN_ID].text);
    fprintf(stream, " %s ", run->options->lang ? run->options->lang : "ja");
    import_write_string(stream, item->cells[COLUMN_TITLE].text);
    if (item->obligation == OBLIGATION_MANDATORY) fputs(" mandatory", stream);
    if (item->obligation == OBLIGATION_SELECTABLE) fputs(" selectable", stream);
    if (!item->child_count) {
        fputc('\n', stream);
        return;
    }
    fputs(" {\n", stream);
    for (size_t index = 0; index < item->child_count; index++)
        write_node(stream, run, item->children[index], depth + 1);
    fprintf(stream, "%*s}\n", (int)(depth * 2), "");
}

static void write_framework(FILE *stream, framework_run *run) {
    const tk_import_framework_options *options = run->options;
    const char *module = options->module ? options->module
                                         : arena_printf(&run->region, "imported.%s", options->id);
    import_write_head(stream, module, NULL, 0, run->table.file->path, run->table.row_count);
    fprintf(stream, "framework %s ", options->id);
    import_write_string(stream, options->title ? options->title : options->id);
    fputs(" edition ", stream);
    import_write_string(stream, options->edition);
    fputs(" {\n", stream);
    for (size_t index = 0; index < run->root_count; index++) {
        if (index) fputc('\n', stream);
        write_node(stream, run, run->roots[index], 1);
    }
    fputs("}\n", stream);
}

/* {=== the import ===} */

static void read_tree(framework_run *run) {
    run->node_count = run->table.row_count;
    run->nodes = arena_calloc(&run->region, run->node_count ? run->node_count : 1, sizeof(node));
    for (size_t index = 0; index < run->node_count; index++) {
        run->nodes[index].cells = run->table.rows[index].cells;
        run->nodes[index].damaged = run->table.rows[index].damaged;
        run->nodes[index].row = index;
        read_node(run, &run->nodes[index]);
    }
    find_parents(run);
    find_levels(run);
    build_tree(run);
}

tk_import_status tk_import_framework(const char *path,
                                     const tk_import_framework_options *options,
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
    framework_run run = {.options = options, .suggestions_left = SUGGESTION_BUDGET};
    arena_init(&run.region);
    recovery_own(&point, &run.region, NULL, NULL);
    /* Unreachable: the options passed tk_import_framework_options_check, as
       the caller must see to (tenken.h), and that check ends with this same
       read_settings, whose answer depends on the options alone; running out
       of memory in it jumps to the point above instead of returning false.
       False here is the caller's bug, not a state of the system. */
    char message[256];
    if (!read_settings(&run.region, options, &run.settings, message, sizeof message)) abort();
    import_column columns[COLUMN_COUNT] = {
        {run.settings.columns[0], false, NULL},
        {run.settings.columns[1], false, NULL},
        {run.settings.columns[2], false,
         "name the columns with --columns ID,TITLE,PARENT,OBLIGATION; for a table without "
         "parents leave PARENT empty (--columns id,title,,)"},
        {run.settings.columns[3], !options->columns, NULL},
        {"kind", true, NULL},
    };
    tk_import_status status = TK_IMPORT_UNREADABLE;
    if (import_table_read(&run.table, &run.region, list, path, columns, COLUMN_COUNT,
                          "--columns ID,TITLE,PARENT,OBLIGATION")) {
        if (run.table.complete) read_tree(&run);
        status = TK_IMPORT_FINDINGS;
        if (list->error_count == errors_before) {
            text_stream out;
            write_framework(text_stream_open(&out, &run.region, text, length), &run);
            text_stream_close(&out, &run.region);
            status = TK_IMPORT_WRITTEN;
        }
    }
    arena_release(&run.region);
    recovery_end(&point);
    return status;
}
