/*
 * import_table.c — reading the CSV table of `tenken import` with src/csv.c:
 * the first record that is not blank is the header, and each column asked
 * for is found in it by name (ignoring ASCII case); every later record that
 * is not blank is a row. Problems of the CSV are reported at their bytes.
 */
#include "frameworks/import_table.h"

#include <ctype.h>
#include <string.h>

#include "base/csv.h"
#include "frameworks/import_text.h"
#include "base/suggest.h"

#define NO_COLUMN ((size_t)-1)

#define HELP_SAVE_TABLE_AS_UTF8                                                          \
    "save the table as UTF-8 (in Excel: \"CSV UTF-8\"); Shift_JIS and other encodings " \
    "are not read"

bool import_same_word(const char *left, const char *right) {
    for (; *left && *right; left++, right++)
        if (tolower((unsigned char)*left) != tolower((unsigned char)*right)) return false;
    return *left == *right;
}

/* A field's value: spaces around it dropped unless it is quoted. */
static const char *field_value(arena *region, const csv_field *field) {
    if (field->quoted) return field->text;
    const char *start = field->text;
    while (*start == ' ' || *start == '\t') start++;
    size_t length = strlen(start);
    while (length > 0 && (start[length - 1] == ' ' || start[length - 1] == '\t')) length--;
    return arena_strndup(region, start, length);
}

/* {=== problems of the CSV ===} */

static void report_quote_problem(import_table *table, const csv_record *record) {
    static const char *const messages[] = {
        "", "this quoted field is never closed", "a quote inside a field that is not quoted",
        "text after the closing quote of a field"};
    diagnostic *report = diag_report(table->diags, SEVERITY_ERROR, DIAG_TK0801, table->file,
                                     record->problem_start, record->problem_end, "%s",
                                     messages[record->problem]);
    diag_set_help(table->diags, report,
                  record->problem == CSV_UNTERMINATED_QUOTE
                      ? "close it with \"; the rest of the file was read as this field"
                      : "put the whole field in quotes and double each quote inside it: "
                        "\"a \"\"b\"\" c\"");
}

/* Fields past the header's are an error when one of them holds something:
   a comma that was not quoted. Empty ones are padding and are ignored.
   True when the row had such fields. */
static bool check_field_count(import_table *table, const csv_record *record,
                              size_t header_count) {
    if (record->count <= header_count) return false;
    bool filled = false;
    for (size_t index = header_count; index < record->count; index++)
        filled |= record->fields[index].text[0] != '\0';
    if (!filled) return false;
    uint32_t start = record->fields[header_count].start;
    uint32_t end = record->end > start ? record->end : start + 1;
    diagnostic *report = diag_report(table->diags, SEVERITY_ERROR, DIAG_TK0802, table->file,
                                     start, end, "this row has %zu fields, the header %zu",
                                     record->count, header_count);
    diag_set_help(table->diags, report, "quote a field that holds a comma: \"a, b\"");
    return true;
}

/* The next record that is not blank, its quoting problems reported. */
static bool next_record(import_table *table, csv_reader *reader, csv_record *record) {
    while (csv_next(reader, table->region, record)) {
        if (record->problem != CSV_FINE) report_quote_problem(table, record);
        if (!csv_record_is_blank(record)) return true;
    }
    return false;
}

/* {=== the header ===} */

static void list_headings(import_table *table, diagnostic *report, const csv_record *header) {
    size_t capacity = 0, length = 0;
    char *names = NULL;
    for (size_t index = 0; index < header->count; index++) {
        const char *name = field_value(table->region, &header->fields[index]);
        const char *piece = arena_printf(table->region, "%s'%s'", index ? ", " : "", name);
        for (const char *cursor = piece; *cursor; cursor++)
            *ARENA_PUSH(table->region, names, length, capacity) = *cursor;
    }
    *ARENA_PUSH(table->region, names, length, capacity) = '\0';
    diag_add_note(table->diags, report, NULL, 0, 0, "the header's columns are %s", names);
}

/* The header cell nearest to a heading not found, or NO_COLUMN. */
static size_t near_column(import_table *table, const csv_record *header, const char *heading) {
    suggestion best;
    suggest_begin(&best, heading);
    size_t near = NO_COLUMN;
    for (size_t index = 0; index < header->count; index++) {
        const char *name = field_value(table->region, &header->fields[index]);
        suggest_consider(&best, name);
        if (suggest_result(&best) == name) near = index;
    }
    return near;
}

/* A heading with a near name in the header: reported at that name. */
static void report_near_column(import_table *table, const csv_record *header, size_t near,
                               const char *heading) {
    const csv_field *field = &header->fields[near];
    diagnostic *report = diag_report(table->diags, SEVERITY_ERROR, DIAG_TK0803, table->file,
                                     field->start, field->end, "the header has no column '%s'",
                                     heading);
    list_headings(table, report, header);
    diag_set_help(table->diags, report, "did you mean '%s'? name the columns with %s",
                  field_value(table->region, field), table->columns_usage);
}

/* The headings with no near name, reported together at the header. */
static void report_missing_columns(import_table *table, const csv_record *header,
                                   const char **headings, size_t count, const char *help) {
    const char *names = arena_printf(table->region, "'%s'", headings[0]);
    for (size_t index = 1; index < count; index++)
        names = arena_printf(table->region, "%s%s'%s'", names,
                             index + 1 == count ? " or " : ", ", headings[index]);
    diagnostic *report = diag_report(table->diags, SEVERITY_ERROR, DIAG_TK0803, table->file,
                                     header->start, header->end, "the header has no column %s",
                                     names);
    list_headings(table, report, header);
    if (help)
        diag_set_help(table->diags, report, "%s", help);
    else
        diag_set_help(table->diags, report, "name the columns with %s", table->columns_usage);
}

static void report_repeated_column(import_table *table, const csv_field *first,
                                   const csv_field *again, const char *heading) {
    diagnostic *report = diag_report(table->diags, SEVERITY_ERROR, DIAG_TK0803, table->file,
                                     again->start, again->end, "column '%s' is given twice",
                                     heading);
    diag_add_note(table->diags, report, table->file, first->start, first->end,
                  "the first one is here");
    diag_set_help(table->diags, report, "rename or remove one of them; tenken does not pick one");
}

/* Where a heading is in the header (NO_COLUMN when it is not); a heading
   found twice is reported. */
static size_t find_column(import_table *table, const csv_record *header, const char *heading) {
    size_t position = NO_COLUMN;
    for (size_t index = 0; index < header->count; index++) {
        const csv_field *field = &header->fields[index];
        if (!import_same_word(field_value(table->region, field), heading)) continue;
        if (position == NO_COLUMN)
            position = index;
        else
            report_repeated_column(table, &header->fields[position], field, heading);
    }
    return position;
}

/* Where each column asked for is in the header (NO_COLUMN when it is not),
   the ones that are required and missing reported. */
static size_t *find_columns(import_table *table, const csv_record *header,
                            const import_column *columns) {
    size_t *positions = arena_calloc(table->region, table->column_count, sizeof *positions);
    const char **missing = arena_calloc(table->region, table->column_count, sizeof *missing);
    size_t missing_count = 0;
    const char *help = NULL;
    for (size_t column = 0; column < table->column_count; column++) {
        const char *heading = columns[column].heading;
        positions[column] = heading && *heading ? find_column(table, header, heading) : NO_COLUMN;
        if (positions[column] != NO_COLUMN || !heading || !*heading || columns[column].optional)
            continue;
        table->complete = false;
        size_t near = near_column(table, header, heading);
        if (near != NO_COLUMN) {
            report_near_column(table, header, near, heading);
            continue;
        }
        missing[missing_count++] = heading;
        if (columns[column].absent_help) help = columns[column].absent_help;
    }
    if (missing_count) report_missing_columns(table, header, missing, missing_count, help);
    return positions;
}

/* {=== rows ===} */

static void add_row(import_table *table, const csv_record *record, const size_t *positions,
                    bool damaged, size_t *capacity) {
    import_cell *cells = arena_calloc(table->region, table->column_count, sizeof *cells);
    for (size_t column = 0; column < table->column_count; column++) {
        size_t position = positions[column];
        if (position == NO_COLUMN || position >= record->count) {
            cells[column] = (import_cell){"", record->end, record->end};
            continue;
        }
        const csv_field *field = &record->fields[position];
        cells[column] = (import_cell){field_value(table->region, field), field->start, field->end};
    }
    *ARENA_PUSH(table->region, table->rows, table->row_count, *capacity) =
        (import_row){cells, damaged};
}

static bool read_file(import_table *table, const char *path) {
    const char *error = NULL;
    table->file = source_read_file(table->region, path, &error);
    if (table->file) return true;
    diag_report_at_path(table->diags, SEVERITY_ERROR, DIAG_TK0901, path,
                        "cannot read the file: %s", error);
    return false;
}

bool import_table_read(import_table *table, arena *region, diag_list *diags, const char *path,
                       const import_column *columns, size_t column_count,
                       const char *columns_usage) {
    memset(table, 0, sizeof *table);
    table->region = region;
    table->diags = diags;
    table->column_count = column_count;
    table->columns_usage = columns_usage;
    if (!read_file(table, path)) return false;
    if (!diag_check_utf8(diags, table->file, HELP_SAVE_TABLE_AS_UTF8)) return true;
    csv_reader reader;
    csv_reader_init(&reader, table->file->text, table->file->length);
    csv_record header, record;
    if (!next_record(table, &reader, &header)) {
        diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0803, table->file->path,
                            "the table has no header row: the file is empty");
        return true;
    }
    table->complete = true;
    const size_t *positions = find_columns(table, &header, columns);
    size_t capacity = 0;
    while (next_record(table, &reader, &record)) {
        bool damaged = check_field_count(table, &record, header.count) ||
                       record.problem == CSV_UNTERMINATED_QUOTE;
        add_row(table, &record, positions, damaged, &capacity);
    }
    return true;
}

/* {=== cells ===} */

bool import_check_cell_text(import_table *table, const import_cell *cell, const char *what) {
    const char *bytes = table->file->text + cell->start;
    size_t length = cell->end - cell->start;
    size_t offset = import_bad_character(bytes, length);
    if (offset == length) return true;
    const char *character = import_describe_character(table->region, bytes, length, offset);
    bool line_break = bytes[offset] == '\n' || bytes[offset] == '\r';
    diagnostic *report = diag_report(table->diags, SEVERITY_ERROR, DIAG_TK0809, table->file,
                                     cell->start + (uint32_t)offset,
                                     cell->start + (uint32_t)offset + 1, "the %s holds %s", what,
                                     character);
    diag_set_help(table->diags, report,
                  line_break ? "tenken import writes each value on one line: put a space in "
                               "place of the line break in the spreadsheet"
                             : "remove it from the cell");
    return false;
}
