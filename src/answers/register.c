/*
 * register.c — a register saved as CSV (what `tenken eval --format=csv`
 * writes, or a spreadsheet's export of the 一覧表) read back as answer sets.
 * The first row that is not blank names the columns; each later row that is
 * not blank is one answer set. Columns are matched by their heading: the
 * register's columns by their Japanese or English names, facts by name or
 * description, items by label or id (with `CHECKLIST.` before it when the
 * rules have several checklists); the columns of values, gates and bands
 * are ignored. Every problem is reported at its cell.
 */
#include "answers/register.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/suggest.h"

const register_column register_columns[REGISTER_COLUMN_COUNT] = {
    {"管理番号", "ID", REGISTER_ID, {"id", NULL, NULL}},
    {"サービス名", "Service", REGISTER_SERVICE, {"service", "対象サービス名", NULL}},
    {"作成日", "Created", REGISTER_ASSESSED, {"assessed", NULL, NULL}},
    {"記入担当者氏名", "Filled in by", REGISTER_ASSESSOR, {"assessor", NULL, NULL}},
    {"所管部署", "Department", REGISTER_DEPARTMENT, {"department", NULL, NULL}},
    {"サービスの概要", "Summary", REGISTER_SUMMARY, {"summary", NULL, NULL}},
    {"ステータス", "Status", REGISTER_STATUS, {"status", NULL, NULL}},
    {"サービス利用開始（予定）日", "Start (planned)", REGISTER_START,
     {"start", "サービス利用開始日", "開始日"}},
    {"サービス利用終了（予定）日", "End (planned)", REGISTER_END,
     {"end", "終了（予定）日", "サービス利用終了日"}},
};

const char *const register_expiry_heading[2] = {"除外の期限", "Exclusion expiry"};

const char *register_value(const tk_answers *answers, size_t column) {
    int field = register_columns[column].field;
    if (field == REGISTER_ASSESSED) return answers->assessed;
    if (field == REGISTER_ASSESSOR) return answers->assessor;
    return answers->register_fields[field];
}

/* {=== matching the headings ===} */

typedef enum column_kind { COLUMN_IGNORED, COLUMN_REGISTER, COLUMN_FACT, COLUMN_ITEM } column_kind;

typedef struct column {
    column_kind kind;
    size_t target;          /* the register column, or the fact or item node */
} column;

struct register_reader {
    arena region;           /* the headings' columns; rows use a scratch arena */
    const tk_graph *graph;
    const source *file;
    csv_reader csv;
    column *columns;
    size_t column_count;
    bool header_read, finished;
};

static bool same_ascii_nocase(const char *left, const char *right) {
    for (; *left && *right; left++, right++)
        if (tolower((unsigned char)*left) != tolower((unsigned char)*right)) return false;
    return *left == *right;
}

static bool text_has(const graph_text *text, const char *wanted) {
    for (size_t index = 0; index < text->count; index++)
        if (strcmp(text->variants[index].text, wanted) == 0) return true;
    return false;
}

static size_t match_register(const char *heading) {
    for (size_t index = 0; index < REGISTER_COLUMN_COUNT; index++) {
        const register_column *candidate = &register_columns[index];
        if (!strcmp(candidate->ja, heading) || same_ascii_nocase(candidate->en, heading))
            return index;
        for (size_t alias = 0; alias < 3 && candidate->aliases[alias]; alias++)
            if (same_ascii_nocase(candidate->aliases[alias], heading)) return index;
    }
    return NO_INDEX;
}

static size_t match_fact(const tk_graph *graph, const char *heading) {
    for (size_t index = 0; index < graph->fact_count; index++) {
        const graph_node *fact = &graph->nodes[graph->facts[index]];
        if (!strcmp(fact->name, heading) || text_has(&fact->fact->description, heading))
            return graph->facts[index];
    }
    return NO_INDEX;
}

/* An item of one checklist by label (any language), then by id. */
static size_t match_item(const tk_graph *graph, const graph_checklist *checklist,
                         const char *heading) {
    for (size_t index = 0; index < checklist->item_count; index++)
        if (text_has(&graph->nodes[checklist->items[index]].item->label, heading))
            return checklist->items[index];
    return graph_lookup(&checklist->item_by_id, heading);
}

static bool matches_value(const tk_graph *graph, const size_t *values, size_t count,
                          const char *heading) {
    for (size_t index = 0; index < count; index++) {
        const graph_node *node = &graph->nodes[values[index]];
        if (!strcmp(node->name, heading) || text_has(&node->value->title, heading))
            return true;
    }
    return false;
}

/* The checklist a heading names before a dot (`safe_use.1`), or NO_INDEX. */
static size_t heading_checklist(const tk_graph *graph, const char *heading, const char **rest) {
    for (size_t index = 0; index < graph->checklist_count; index++) {
        const char *name = graph->checklists[index].name;
        size_t length = strlen(name);
        if (!strncmp(heading, name, length) && heading[length] == '.') {
            *rest = heading + length + 1;
            return index;
        }
    }
    return NO_INDEX;
}

static void consider_headings(const tk_graph *graph, suggestion *best) {
    for (size_t index = 0; index < REGISTER_COLUMN_COUNT; index++) {
        suggest_consider(best, register_columns[index].ja);
        suggest_consider(best, register_columns[index].en);
    }
    for (size_t index = 0; index < graph->fact_count; index++)
        suggest_consider(best, graph->nodes[graph->facts[index]].name);
    for (size_t list = 0; list < graph->checklist_count; list++) {
        const graph_checklist *checklist = &graph->checklists[list];
        for (size_t index = 0; index < checklist->item_count; index++) {
            const graph_node *item = &graph->nodes[checklist->items[index]];
            suggest_consider(best, item->name);
            const graph_text *label = &item->item->label;
            for (size_t variant = 0; variant < label->count; variant++)
                suggest_consider(best, label->variants[variant].text);
        }
    }
}

static column unknown_heading(register_reader *reader, diag_list *diags, diag_severity severity,
                              const csv_field *field, const char *heading) {
    diagnostic *record = diag_report(diags, severity, DIAG_TK0516, reader->file, field->start,
                                     field->end, "no register column, fact or item is called '%s'",
                                     heading);
    suggestion best;
    suggest_begin(&best, heading);
    consider_headings(reader->graph, &best);
    if (suggest_result(&best))
        diag_set_help(diags, record, "did you mean '%s'?", suggest_result(&best));
    else
        diag_set_help(diags, record, "the columns are the register's (管理番号, サービス名, …), "
                      "then the items by label or id");
    return (column){COLUMN_IGNORED, 0};
}

/* An item heading without a checklist: the one item of any checklist. */
static column match_any_item(register_reader *reader, diag_list *diags, diag_severity severity,
                             const csv_field *field, const char *heading, bool *found) {
    const tk_graph *graph = reader->graph;
    size_t node = NO_INDEX, first_list = 0, matches = 0;
    for (size_t list = 0; list < graph->checklist_count; list++) {
        size_t candidate = match_item(graph, &graph->checklists[list], heading);
        if (candidate == NO_INDEX) continue;
        if (matches++ == 0) node = candidate, first_list = list;
    }
    *found = matches > 0;
    if (matches <= 1) return (column){COLUMN_ITEM, node};
    diagnostic *record = diag_report(diags, severity, DIAG_TK0516, reader->file, field->start,
                                     field->end, "column '%s' names items of several checklists",
                                     heading);
    diag_set_help(diags, record, "write the checklist before it, as in '%s.%s'",
                  graph->checklists[first_list].name, heading);
    return (column){COLUMN_IGNORED, 0};
}

static column match_heading(register_reader *reader, diag_list *diags, diag_severity severity,
                            const csv_field *field, const char *heading) {
    const tk_graph *graph = reader->graph;
    if (!*heading || !strcmp(heading, register_expiry_heading[0]) ||
        !strcmp(heading, register_expiry_heading[1]))
        return (column){COLUMN_IGNORED, 0};
    size_t found = match_register(heading);
    if (found != NO_INDEX) return (column){COLUMN_REGISTER, found};
    if ((found = match_fact(graph, heading)) != NO_INDEX) return (column){COLUMN_FACT, found};
    const char *rest = heading;
    size_t list = heading_checklist(graph, heading, &rest);
    if (list != NO_INDEX) {
        const graph_checklist *checklist = &graph->checklists[list];
        if ((found = match_item(graph, checklist, rest)) != NO_INDEX)
            return (column){COLUMN_ITEM, found};
        if (matches_value(graph, checklist->values, checklist->value_count, rest))
            return (column){COLUMN_IGNORED, 0};
        return unknown_heading(reader, diags, severity, field, heading);
    }
    bool item_found;
    column item = match_any_item(reader, diags, severity, field, heading, &item_found);
    if (item_found) return item;
    for (size_t index = 0; index < graph->checklist_count; index++)
        if (matches_value(graph, graph->checklists[index].values,
                          graph->checklists[index].value_count, heading))
            return (column){COLUMN_IGNORED, 0};
    if (matches_value(graph, graph->values, graph->value_count, heading))
        return (column){COLUMN_IGNORED, 0};
    for (size_t index = 0; index < graph->band_set_count; index++) {
        const graph_node *node = &graph->nodes[graph->band_sets[index]];
        if (!strcmp(node->name, heading) || text_has(&node->bands->title, heading))
            return (column){COLUMN_IGNORED, 0};
    }
    return unknown_heading(reader, diags, severity, field, heading);
}

/* A cell's text: spaces around it dropped unless it is quoted. */
static const char *cell_text(arena *region, const csv_field *field) {
    if (field->quoted) return arena_strdup(region, field->text);
    const char *start = field->text;
    while (*start == ' ' || *start == '\t') start++;
    size_t length = strlen(start);
    while (length > 0 && (start[length - 1] == ' ' || start[length - 1] == '\t')) length--;
    return arena_strndup(region, start, length);
}

static void report_duplicate(register_reader *reader, diag_list *diags, diag_severity severity,
                             const csv_record *header, size_t first, size_t second) {
    const csv_field *field = &header->fields[second];
    diagnostic *record = diag_report(diags, severity, DIAG_TK0509, reader->file, field->start,
                                     field->end, "column '%s' is given twice",
                                     cell_text(&diags->region, field));
    diag_add_note(diags, record, reader->file, header->fields[first].start,
                  header->fields[first].end, "the first one is here");
    diag_set_help(diags, record, "keep one of them; tenken does not pick one");
}

static bool same_column(column left, column right) {
    return left.kind != COLUMN_IGNORED && left.kind == right.kind && left.target == right.target;
}

static void read_header(register_reader *reader, diag_list *diags, diag_severity severity,
                        const csv_record *header) {
    reader->column_count = header->count;
    reader->columns = arena_calloc(&reader->region, header->count, sizeof(column));
    for (size_t index = 0; index < header->count; index++) {
        const char *heading = cell_text(&reader->region, &header->fields[index]);
        column found = match_heading(reader, diags, severity, &header->fields[index], heading);
        for (size_t earlier = 0; earlier < index; earlier++) {
            if (!same_column(reader->columns[earlier], found)) continue;
            report_duplicate(reader, diags, severity, header, earlier, index);
            found.kind = COLUMN_IGNORED;
            break;
        }
        reader->columns[index] = found;
    }
}

/* {=== rows ===} */

static void report_quote_problem(register_reader *reader, diag_list *diags,
                                 const csv_record *record) {
    static const char *const messages[] = {
        "", "this quoted field is never closed", "a quote inside a field that is not quoted",
        "text after the closing quote of a field"};
    diagnostic *report = diag_report(diags, SEVERITY_ERROR, DIAG_TK0514, reader->file,
                                     record->problem_start, record->problem_end, "%s",
                                     messages[record->problem]);
    diag_set_help(diags, report, record->problem == CSV_UNTERMINATED_QUOTE
                                     ? "close it with \"; the rest of the file was read as this field"
                                     : "put the whole field in quotes and double each quote "
                                       "inside it: \"a \"\"b\"\" c\"");
}

static void report_field_count(register_reader *reader, diag_list *diags, diag_severity severity,
                               const csv_record *record) {
    uint32_t start = record->end, end = record->end + 1;
    if (record->count > reader->column_count) {
        start = record->fields[reader->column_count].start;
        end = record->end > start ? record->end : start + 1;
    }
    diagnostic *report = diag_report(diags, severity, DIAG_TK0515, reader->file, start, end,
                                     "this row has %zu fields, the heading row %zu",
                                     record->count, reader->column_count);
    diag_set_help(diags, report, record->count > reader->column_count
                                     ? "quote a field that holds a comma: \"a, b\""
                                     : "an empty cell still needs its comma");
}

static void read_cell(register_reader *reader, tk_answers *answers, diag_list *diags,
                      diag_severity severity, column target, const csv_field *field) {
    const char *text = cell_text(&answers->region, field);
    if (target.kind == COLUMN_IGNORED || !*text) return;
    if (target.kind == COLUMN_REGISTER) {
        int slot = register_columns[target.target].field;
        if (slot == REGISTER_ASSESSED) answers->assessed = text;
        else if (slot == REGISTER_ASSESSOR) answers->assessor = text;
        else answers->register_fields[slot] = text;
    } else if (target.kind == COLUMN_FACT) {
        answers_give_fact(answers, target.target, text, diags, severity, reader->file,
                          field->start, field->end);
    } else {
        answers_give_item(answers, target.target, text, diags, severity, reader->file,
                          field->start, field->end);
    }
}

static tk_answers *read_row(register_reader *reader, diag_list *diags, diag_severity severity,
                            const csv_record *record, size_t document) {
    tk_answers *answers = answers_create_within(arena_recovery(&diags->region), reader->graph,
                                                reader->file->path, document);
    if (record->count != reader->column_count) report_field_count(reader, diags, severity, record);
    size_t count = record->count < reader->column_count ? record->count : reader->column_count;
    for (size_t index = 0; index < count; index++)
        read_cell(reader, answers, diags, severity, reader->columns[index], &record->fields[index]);
    answers_finish(answers);
    return answers;
}

/* The next record that is not blank, its quoting problems reported. */
static bool next_record(register_reader *reader, diag_list *diags, arena *region,
                        csv_record *record) {
    while (!reader->finished) {
        if (!csv_next(&reader->csv, region, record)) break;
        if (record->problem != CSV_FINE) report_quote_problem(reader, diags, record);
        if (record->problem == CSV_UNTERMINATED_QUOTE) break;
        if (!csv_record_is_blank(record)) return true;
    }
    reader->finished = true;
    return false;
}

register_reader *register_open(const arena *within, const tk_graph *graph, const source *file) {
    register_reader *reader = calloc(1, sizeof *reader);
    if (!reader) arena_out_of_memory(within);
    arena_init(&reader->region);
    reader->graph = graph;
    reader->file = file;
    csv_reader_init(&reader->csv, file->text, file->length);
    return reader;
}

tk_answers *register_next(register_reader *reader, diag_list *diags, diag_severity severity,
                          size_t document) {
    recovery_guard(arena_recovery(&diags->region), &reader->region);
    arena scratch;
    arena_init_within(&scratch, &diags->region);
    csv_record record;
    tk_answers *answers = NULL;
    if (!reader->header_read && next_record(reader, diags, &scratch, &record)) {
        reader->header_read = true;
        read_header(reader, diags, severity, &record);
    }
    if (reader->header_read && next_record(reader, diags, &scratch, &record))
        answers = read_row(reader, diags, severity, &record, document);
    arena_release(&scratch);
    return answers;
}

void register_close(register_reader *reader) {
    if (!reader) return;
    arena_release(&reader->region);
    free(reader);
}
