/*
 * coverage_report.c — the renderers of `tenken map`. JSON is the contract
 * (doc/mappings.md documents its shape); text is for a terminal, aligned by
 * display width; Markdown for a review; CSV one row per target control for
 * a spreadsheet.
 */
#include "report/coverage_report.h"

#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/escape.h"
#include "base/json_write.h"
#include "base/utf8.h"

enum { ID_COLUMN = 10, LEVEL_COLUMN = 8 };

static const char *title_of(const graph_text *title, const char *lang) {
    const char *text = graph_text_pick(title, lang);
    return text ? text : "";
}

static double clause_ratio(const clause_coverage *clause) {
    size_t total = clause->counts[0] + clause->counts[1] + clause->counts[2];
    return total ? (double)clause->counts[COVERAGE_FULL] / (double)total : 0;
}

static const char *via_relation(const coverage_via *via) { return relation_name(via->relation); }

/* {=== JSON ===} */

static void json_via(json_writer *out, const control_coverage *control) {
    json_begin_array(out);
    for (size_t index = 0; index < control->via_count; index++) {
        const coverage_via *via = &control->via[index];
        json_begin_object(out);
        json_key(out, "control");
        json_string(out, via->source_id);
        json_key(out, "relation");
        json_string(out, via_relation(via));
        json_key(out, "status");
        json_string(out, control_status_name(via->status));
        json_key(out, "gives");
        json_string(out, coverage_level_name(via->gives));
        json_end_object(out);
    }
    json_end_array(out);
}

static void json_counts(json_writer *out, const size_t counts[3]) {
    for (size_t level = COVERAGE_FULL + 1; level-- > 0;) {
        json_key(out, coverage_level_name((coverage_level)level));
        json_number(out, (double)counts[level]);
    }
}

static void json_coverage(json_writer *out, const coverage_report *report, const char *lang) {
    json_key(out, "to");
    json_string(out, report->to->id);
    json_key(out, "to_edition");
    json_string(out, report->to->edition);
    json_key(out, "maps");
    json_begin_array(out);
    for (size_t index = 0; index < report->map_count; index++) {
        const catalog_map *map = report->maps[index];
        json_begin_object(out);
        json_key(out, "file");
        json_string(out, map->path);
        json_key(out, "line");
        json_number(out, map->line);
        json_key(out, "read");
        json_string(out, strcmp(map->from, report->from->id) ? "reverse" : "forward");
        json_end_object(out);
    }
    json_end_array(out);
    json_key(out, "controls");
    json_begin_object(out);
    for (size_t index = 0; index < report->control_count; index++) {
        const control_coverage *control = &report->controls[index];
        json_key(out, control->target->id);
        json_begin_object(out);
        json_key(out, "title");
        json_string(out, title_of(&control->target->title, lang));
        json_key(out, "clause");
        json_string(out, catalog_top(control->target)->id);
        json_key(out, "coverage");
        json_string(out, coverage_level_name(control->level));
        json_key(out, "new");
        json_bool(out, control->is_new);
        json_key(out, "via");
        json_via(out, control);
        json_end_object(out);
    }
    json_end_object(out);
    json_key(out, "clauses");
    json_begin_object(out);
    for (size_t index = 0; index < report->clause_count; index++) {
        const clause_coverage *clause = &report->clauses[index];
        json_key(out, clause->clause->id);
        json_begin_object(out);
        json_key(out, "title");
        json_string(out, title_of(&clause->clause->title, lang));
        json_counts(out, clause->counts);
        json_key(out, "ratio");
        json_number(out, clause_ratio(clause));
        json_end_object(out);
    }
    json_end_object(out);
    json_key(out, "summary");
    json_begin_object(out);
    json_counts(out, report->counts);
    json_end_object(out);
}

static void json_gates(json_writer *out, const coverage_output *output) {
    json_key(out, "gates");
    json_begin_object(out);
    for (size_t index = 0; output->gates && index < output->from->gate_count; index++) {
        const selection_result *result = &output->gates[index];
        json_key(out, result->gate->name);
        json_begin_object(out);
        json_key(out, "title");
        json_string(out, graph_text_pick(&result->gate->title, output->lang));
        json_key(out, "status");
        json_string(out, result->passed ? "pass" : "fail");
        json_key(out, "missing");
        json_begin_array(out);
        for (size_t node = 0; node < result->missing_count; node++)
            json_string(out, result->missing[node]->id);
        json_end_array(out);
        json_end_object(out);
    }
    json_end_object(out);
}

static void json_certificates(json_writer *out, const control_answers *answers) {
    json_key(out, "certificates");
    json_begin_array(out);
    for (size_t index = 0; answers && index < answers->certificate_count; index++) {
        const certificate *held = &answers->certificates[index];
        json_begin_object(out);
        json_key(out, "framework");
        json_string(out, held->framework);
        json_key(out, "edition");
        json_string(out, held->edition);
        json_key(out, "scope");
        json_string(out, held->scope);
        json_end_object(out);
    }
    json_end_array(out);
}

static void write_json(const coverage_output *output, FILE *stream) {
    json_writer out;
    json_writer_init(&out, stream, true);
    json_begin_object(&out);
    json_key(&out, "from");
    json_string(&out, output->from->id);
    json_key(&out, "from_edition");
    json_string(&out, output->from->edition);
    json_key(&out, "answers");
    json_string(&out, output->answers ? output->answers->path : NULL);
    json_key(&out, "subject");
    json_string(&out, output->answers ? output->answers->subject : NULL);
    json_certificates(&out, output->answers);
    if (output->coverage) json_coverage(&out, output->coverage, output->lang);
    json_gates(&out, output);
    json_end_object(&out);
    fputc('\n', stream);
}

/* {=== text ===} */

static void pad_to(FILE *stream, const char *text, size_t column) {
    size_t width = utf8_display_width(text, strlen(text));
    fputs(text, stream);
    for (; width < column; width++) fputc(' ', stream);
    fputc(' ', stream);
}

static void text_via(FILE *stream, const control_coverage *control) {
    if (control->is_new && control->via_count == 0) {
        fputs("  (new: no counterpart in the source)", stream);
        return;
    }
    for (size_t index = 0; index < control->via_count; index++) {
        const coverage_via *via = &control->via[index];
        fprintf(stream, "%s%s %s %s", index ? ", " : "  ← ", via->source_id, via_relation(via),
                control_status_name(via->status));
    }
}

static void text_coverage(const coverage_report *report, const char *lang, FILE *stream) {
    for (size_t clause_index = 0; clause_index < report->clause_count; clause_index++) {
        const clause_coverage *clause = &report->clauses[clause_index];
        fprintf(stream, "\n%s %s: full %zu, partial %zu, none %zu (%.0f%% full)\n",
                clause->clause->id, title_of(&clause->clause->title, lang),
                clause->counts[COVERAGE_FULL], clause->counts[COVERAGE_PARTIAL],
                clause->counts[COVERAGE_NONE], 100 * clause_ratio(clause));
        for (size_t index = 0; index < report->control_count; index++) {
            const control_coverage *control = &report->controls[index];
            if (catalog_top(control->target) != clause->clause) continue;
            fputs("  ", stream);
            pad_to(stream, control->target->id, ID_COLUMN);
            pad_to(stream, coverage_level_name(control->level), LEVEL_COLUMN);
            fputs(title_of(&control->target->title, lang), stream);
            text_via(stream, control);
            fputc('\n', stream);
        }
    }
    fprintf(stream, "\nsummary: full %zu, partial %zu, none %zu of %zu %s %ss\n",
            report->counts[COVERAGE_FULL], report->counts[COVERAGE_PARTIAL],
            report->counts[COVERAGE_NONE], report->control_count, report->to->id,
            control_kind_name(report->to->unit_kind));
}

static void text_gates(const coverage_output *output, FILE *stream) {
    for (size_t index = 0; output->gates && index < output->from->gate_count; index++) {
        const selection_result *result = &output->gates[index];
        const char *title = graph_text_pick(&result->gate->title, output->lang);
        fprintf(stream, "gate %s%s%s%s: %s", result->gate->name, title ? " (" : "",
                title ? title : "", title ? ")" : "", result->passed ? "pass" : "fail");
        for (size_t node = 0; node < result->missing_count; node++)
            fprintf(stream, "%s%s", node ? ", " : " — missing: ", result->missing[node]->id);
        fputc('\n', stream);
    }
}

static void write_text(const coverage_output *output, FILE *stream) {
    const catalog_framework *from = output->from;
    fprintf(stream, "%s (edition %s)", from->id, from->edition);
    if (output->coverage)
        fprintf(stream, " → %s (edition %s)", output->coverage->to->id,
                output->coverage->to->edition);
    fputc('\n', stream);
    if (output->answers) {
        fprintf(stream, "answers: %s%s%s\n", output->answers->path,
                output->answers->subject ? " — " : "",
                output->answers->subject ? output->answers->subject : "");
        for (size_t index = 0; index < output->answers->certificate_count; index++) {
            const certificate *held = &output->answers->certificates[index];
            fprintf(stream, "certificate: %s%s%s%s%s\n", held->framework,
                    held->edition ? " " : "", held->edition ? held->edition : "",
                    held->scope ? " — " : "", held->scope ? held->scope : "");
        }
    } else if (output->coverage) {
        fputs("no answers: every source control counts as implemented (structural reach)\n",
              stream);
    }
    if (output->coverage) text_coverage(output->coverage, output->lang, stream);
    if (output->gates) {
        if (output->coverage) fputc('\n', stream);
        text_gates(output, stream);
    }
}

/* {=== Markdown and CSV ===} */

/* A title in a table cell: on one line, its | escaped (escape.c). */
static void md_cell(FILE *stream, const char *text) {
    escape_md_line(stream, text);
}

static void md_via(FILE *stream, const control_coverage *control) {
    if (control->is_new && control->via_count == 0) fputs("new", stream);
    for (size_t index = 0; index < control->via_count; index++) {
        const coverage_via *via = &control->via[index];
        fprintf(stream, "%s%s %s (%s)", index ? ", " : "", via->source_id, via_relation(via),
                control_status_name(via->status));
    }
}

static void write_md(const coverage_output *output, FILE *stream) {
    const coverage_report *report = output->coverage;
    fprintf(stream, "# %s", output->from->id);
    if (report) fprintf(stream, " → %s", report->to->id);
    fputs("\n\n", stream);
    if (output->answers) fprintf(stream, "Answers: `%s`\n\n", output->answers->path);
    if (report) {
        fputs("| clause | title | full | partial | none | full % |\n|---|---|---:|---:|---:|---:|\n",
              stream);
        for (size_t index = 0; index < report->clause_count; index++) {
            const clause_coverage *clause = &report->clauses[index];
            fprintf(stream, "| %s | ", clause->clause->id);
            md_cell(stream, title_of(&clause->clause->title, output->lang));
            fprintf(stream, " | %zu | %zu | %zu | %.0f |\n", clause->counts[COVERAGE_FULL],
                    clause->counts[COVERAGE_PARTIAL], clause->counts[COVERAGE_NONE],
                    100 * clause_ratio(clause));
        }
        fprintf(stream, "| **all** | | %zu | %zu | %zu | |\n\n", report->counts[COVERAGE_FULL],
                report->counts[COVERAGE_PARTIAL], report->counts[COVERAGE_NONE]);
        fputs("| control | title | coverage | via |\n|---|---|---|---|\n", stream);
        for (size_t index = 0; index < report->control_count; index++) {
            const control_coverage *control = &report->controls[index];
            fprintf(stream, "| %s | ", control->target->id);
            md_cell(stream, title_of(&control->target->title, output->lang));
            fprintf(stream, " | %s | ", coverage_level_name(control->level));
            md_via(stream, control);
            fputs(" |\n", stream);
        }
    }
    for (size_t index = 0; output->gates && index < output->from->gate_count; index++) {
        const selection_result *result = &output->gates[index];
        fprintf(stream, "%s- gate `%s`: **%s**", index ? "" : "\n", result->gate->name,
                result->passed ? "pass" : "fail");
        for (size_t node = 0; node < result->missing_count; node++)
            fprintf(stream, "%s%s", node ? ", " : " — missing: ", result->missing[node]->id);
        fputc('\n', stream);
    }
}

/* "5.1.1 equivalent implemented; …" as one CSV field: every row, however many. */
static void write_via_field(FILE *stream, const control_coverage *control) {
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    if (!out) abort();
    for (size_t entry = 0; entry < control->via_count; entry++) {
        const coverage_via *step = &control->via[entry];
        fprintf(out, "%s%s %s %s", entry ? "; " : "", step->source_id, via_relation(step),
                control_status_name(step->status));
    }
    fclose(out);
    csv_write_field(stream, text);
    free(text);
}

static void write_csv(const coverage_output *output, FILE *stream) {
    const coverage_report *report = output->coverage;
    fputs("control,clause,title,coverage,new,via\r\n", stream);
    for (size_t index = 0; report && index < report->control_count; index++) {
        const control_coverage *control = &report->controls[index];
        csv_write_field(stream, control->target->id);
        fputc(',', stream);
        csv_write_field(stream, catalog_top(control->target)->id);
        fputc(',', stream);
        csv_write_field(stream, title_of(&control->target->title, output->lang));
        fprintf(stream, ",%s,%s,", coverage_level_name(control->level),
                control->is_new ? "yes" : "no");
        write_via_field(stream, control);
        fputs("\r\n", stream);
    }
}

void coverage_write(const coverage_output *output, coverage_format format, FILE *stream) {
    switch (format) {
    case COVERAGE_TEXT: write_text(output, stream); break;
    case COVERAGE_JSON: write_json(output, stream); break;
    case COVERAGE_MD: write_md(output, stream); break;
    case COVERAGE_CSV: write_csv(output, stream); break;
    }
}
