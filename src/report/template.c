/*
 * template.c — tk_write_template: a blank answer file for a compiled module,
 * in the YAML of doc/answers.md. The header keys, every fact (empty: its
 * default applies) and every item of every checklist as `"ID":` with no
 * answer, each preceded by comments that say what to answer — the item's
 * label, text, question and note, when it is excluded or asked, and its
 * options with their points. Evaluated unchanged it leaves every item
 * unanswered and reports nothing.
 *
 * Rule texts may hold characters a YAML comment cannot (line breaks other
 * than \n, control characters): comments break lines where the text does and
 * replace what YAML does not allow; item ids are written double-quoted with
 * YAML escapes. Comments are wrapped to 80 display columns.
 */
#include <string.h>

#include "report/expr_text.h"
#include "report/words.h"
#include "lang/graph.h"
#include "tenken.h"
#include "base/escape.h"
#include "base/utf8.h"

enum { LINE_COLUMNS = 80, MIN_TEXT_COLUMNS = 24 };

typedef struct template_writer {
    const tk_graph *graph;
    FILE *stream;
    const char *lang;
    const report_words *say;
    arena scratch;
} template_writer;

static const char *pick(const template_writer *writer, const graph_text *text) {
    return graph_text_pick(text, writer->lang);
}

/* {=== characters ===} */

static size_t encode_utf8(uint32_t code_point, char *out) {
    if (code_point < 0x80) return out[0] = (char)code_point, 1;
    if (code_point < 0x800) {
        out[0] = (char)(0xC0 | (code_point >> 6));
        out[1] = (char)(0x80 | (code_point & 0x3F));
        return 2;
    }
    if (code_point < 0x10000) {
        out[0] = (char)(0xE0 | (code_point >> 12));
        out[1] = (char)(0x80 | ((code_point >> 6) & 0x3F));
        out[2] = (char)(0x80 | (code_point & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (code_point >> 18));
    out[1] = (char)(0x80 | ((code_point >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((code_point >> 6) & 0x3F));
    out[3] = (char)(0x80 | (code_point & 0x3F));
    return 4;
}

/* What YAML reads as the end of a line. */
static bool is_yaml_break(uint32_t code_point) {
    return code_point == '\n' || code_point == '\r' || code_point == 0x85 ||
           code_point == 0x2028 || code_point == 0x2029;
}

/* Text for a comment: every line break a '\n', tabs spaces, and what YAML
   does not allow the replacement character. */
static char *comment_text(template_writer *writer, const char *text) {
    size_t length = strlen(text), used = 0;
    char *clean = arena_alloc(&writer->scratch, length * 3 + 1);
    for (size_t offset = 0; offset < length;) {
        uint32_t code_point;
        size_t size = utf8_decode(text + offset, length - offset, &code_point);
        if (size == 0) size = 1, code_point = 0xFFFD;
        if (code_point == '\r' && offset + 1 < length && text[offset + 1] == '\n') {
            offset++;
            continue;
        }
        if (is_yaml_break(code_point)) code_point = '\n';
        else if (code_point == '\t') code_point = ' ';
        else if (!escape_yaml_printable(code_point)) code_point = 0xFFFD;
        used += encode_utf8(code_point, clean + used);
        offset += size;
    }
    clean[used] = '\0';
    return clean;
}

/* Characters a line should not start with, and ones it should not end with. */
static bool no_line_start(uint32_t code_point) {
    static const uint32_t marks[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF09, 0x300D, 0x300F,
                                     0x3011, 0x3015, 0x30FB, 0x30FC, 0x2026, 0xFF01, 0xFF1F,
                                     0xFF1A, 0xFF1B, 0x3009, 0x300B, ')', ',', '.', ':', ';',
                                     '!', '?', ']', '}'};
    for (size_t index = 0; index < sizeof marks / sizeof *marks; index++)
        if (marks[index] == code_point) return true;
    return false;
}

static bool no_line_end(uint32_t code_point) {
    static const uint32_t marks[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0x300A,
                                     '(', '[', '{'};
    for (size_t index = 0; index < sizeof marks / sizeof *marks; index++)
        if (marks[index] == code_point) return true;
    return false;
}

/* Whether a line may break between `before` and `after`. */
static bool may_break(uint32_t before, uint32_t after) {
    if (after == ' ' || before == ' ') return true;
    if (no_line_start(after) || no_line_end(before)) return false;
    return utf8_char_width(before) == 2 || utf8_char_width(after) == 2;
}

static uint32_t code_point_at(const char *text, size_t length, size_t offset, size_t *size) {
    uint32_t code_point = 0;
    *size = utf8_decode(text + offset, length - offset, &code_point);
    if (*size == 0) *size = 1, code_point = (unsigned char)text[offset];
    return code_point;
}

/* {=== writing comments ===} */

static void write_line(template_writer *writer, int indent, const char *lead, const char *text,
                       size_t text_length) {
    char *line = arena_printf(&writer->scratch, "%*s# %s%.*s", indent, "", lead, (int)text_length,
                              text);
    size_t length = strlen(line);
    while (length > 0 && line[length - 1] == ' ') length--;
    fwrite(line, 1, length, writer->stream);
    fputc('\n', writer->stream);
}

/* One paragraph (no line breaks), wrapped; `lead` before the first line and
   as many spaces before the others. Returns the lead for what follows. */
static const char *write_paragraph(template_writer *writer, int indent, const char *lead,
                                   const char *hang, const char *text, size_t columns) {
    size_t length = strlen(text), start = 0;
    if (length == 0) {
        write_line(writer, indent, lead, "", 0);
        return hang;
    }
    while (start < length) {
        size_t offset = start, width = 0, cut = 0;
        uint32_t previous = 0;
        while (offset < length) {
            size_t size;
            uint32_t code_point = code_point_at(text, length, offset, &size);
            size_t char_width = (size_t)utf8_char_width(code_point);
            if (offset > start && may_break(previous, code_point)) cut = offset;
            if (width + char_width > columns && offset > start) {
                if (no_line_start(code_point)) { /* let the mark hang past the margin */
                    offset += size;
                    cut = offset;
                } else if (!may_break(previous, code_point) && cut > start) {
                    offset = cut;
                }
                break;
            }
            width += char_width;
            previous = code_point;
            offset += size;
        }
        write_line(writer, indent, lead, text + start, offset - start);
        lead = hang;
        start = offset;
        while (start < length && text[start] == ' ') start++;
    }
    return hang;
}

/* A comment at `indent`: "# " LEAD TEXT, wrapped under the text's start. */
static void comment(template_writer *writer, int indent, const char *lead, const char *text) {
    char *one_line = comment_text(writer, lead); /* a lead may hold an item id */
    for (char *cursor = one_line; (cursor = strchr(cursor, '\n'));) *cursor = ' ';
    lead = one_line;
    size_t lead_width = utf8_display_width(lead, strlen(lead));
    size_t used = (size_t)indent + 2 + lead_width;
    size_t columns = used + MIN_TEXT_COLUMNS < LINE_COLUMNS ? LINE_COLUMNS - used
                                                            : MIN_TEXT_COLUMNS;
    char *hang = arena_alloc(&writer->scratch, lead_width + 1);
    memset(hang, ' ', lead_width);
    hang[lead_width] = '\0';
    char *clean = comment_text(writer, text ? text : "");
    const char *current = lead;
    for (char *paragraph = clean;;) {
        char *end = strchr(paragraph, '\n');
        if (end) *end = '\0';
        current = write_paragraph(writer, indent, current, hang, paragraph, columns);
        if (!end) break;
        paragraph = end + 1;
    }
}

/* {=== YAML scalars ===} */

/* An item id as a double-quoted YAML scalar: the text exactly, escaped. */
static void write_quoted(template_writer *writer, const char *text) {
    escape_yaml(writer->stream, text);
}

/* {=== the header and facts ===} */

static void write_header(template_writer *writer) {
    const report_words *say = writer->say;
    const char *intro[] = {say->template_intro_1, say->template_intro_2, say->template_intro_3,
                           say->template_intro_4};
    for (size_t index = 0; index < sizeof intro / sizeof *intro; index++)
        comment(writer, 0, "", intro[index]);
    fprintf(writer->stream, "tenken: 1\nrules: %s\n", writer->graph->module);
    comment(writer, 0, "", say->template_subject);
    fputs("subject: \"\"\n", writer->stream);
    comment(writer, 0, "", say->template_assessed);
    fputs("assessed:\n", writer->stream);
    comment(writer, 0, "", say->template_assessor);
    fputs("assessor: \"\"\n", writer->stream);
}

static const char *fact_type_text(template_writer *writer, const graph_node *fact) {
    switch (fact->fact->type) {
    case TYPE_BOOL: return "bool (true / false)";
    case TYPE_NUMBER: return "number";
    case TYPE_DATE: return "date (YYYY-MM-DD)";
    case TYPE_ENUM: {
        char *members = "";
        for (size_t index = 0; index < fact->enum_members->count; index++)
            members = arena_printf(&writer->scratch, "%s%s%s", members, index ? " / " : "",
                                   fact->enum_members->names[index]);
        return arena_printf(&writer->scratch, "enum (%s)", members);
    }
    default: return "string";
    }
}

static void write_fact(template_writer *writer, size_t node) {
    const report_words *say = writer->say;
    const graph_node *decl = &writer->graph->nodes[node];
    const graph_fact *fact = decl->fact;
    const char *value = fact->default_value
                            ? expr_text(&writer->scratch, writer->graph, fact->default_value,
                                        NO_INDEX)
                            : NULL;
    const char *about;
    if (fact->fixed)
        about = arena_printf(&writer->scratch, "%s%s%s", say->template_fixed_before,
                             value ? value : "?", say->template_fixed_after);
    else if (value)
        about = arena_printf(&writer->scratch, "%s%s", say->template_default_is, value);
    else
        about = say->template_no_default;
    fputc('\n', writer->stream);
    comment(writer, 2, arena_printf(&writer->scratch, "%s: ", decl->name),
            arena_printf(&writer->scratch, "%s%s", fact_type_text(writer, decl), about));
    const char *description = pick(writer, &fact->description);
    if (description) comment(writer, 2, "  ", description);
    /* A fact the variant fixes cannot be given, not even empty (TK0513). */
    if (!fact->fixed) fprintf(writer->stream, "  %s:\n", decl->name);
}

static void write_facts(template_writer *writer) {
    const tk_graph *graph = writer->graph;
    fputc('\n', writer->stream);
    if (graph->fact_count == 0) {
        comment(writer, 0, "", writer->say->template_no_facts);
        fputs("facts: {}\n", writer->stream);
        return;
    }
    comment(writer, 0, "", writer->say->template_facts);
    fputs("facts:\n", writer->stream);
    for (size_t index = 0; index < graph->fact_count; index++)
        write_fact(writer, graph->facts[index]);
}

/* {=== items ===} */

static const char *option_line(template_writer *writer, const graph_option *option) {
    const report_words *say = writer->say;
    const char *label = pick(writer, &option->label);
    char *text = arena_printf(&writer->scratch, "%s (%s", label ? label : option->key,
                              option->key);
    for (size_t index = 0; index < option->aliases.count; index++) {
        const char *before = index ? say->template_alias_separator
                             : option->aliases.count > 1 ? say->template_aliases
                                                          : say->template_alias;
        text = arena_printf(&writer->scratch, "%s%s%s", text, before,
                            option->aliases.names[index]);
    }
    return arena_printf(&writer->scratch, "%s)", text);
}

static void write_options(template_writer *writer, const graph_scale *scale) {
    comment(writer, 4, "  ", writer->say->template_options);
    if (!scale) return;
    size_t widest = 0;
    bool shared = false; /* answering by points would be ambiguous (TK0506) */
    for (size_t index = 0; index < scale->option_count; index++) {
        size_t width = strlen(expr_number_text(&writer->scratch, scale->options[index].points));
        if (width > widest) widest = width;
        for (size_t other = 0; other < index; other++)
            shared |= decimal_equal(scale->options[other].points, scale->options[index].points);
    }
    if (shared) comment(writer, 4, "  ", writer->say->template_shared_points);
    for (size_t index = 0; index < scale->option_count; index++) {
        const graph_option *option = &scale->options[index];
        const char *lead = arena_printf(&writer->scratch, "  %*s ", (int)widest,
                                        expr_number_text(&writer->scratch, option->points));
        comment(writer, 4, lead, option_line(writer, option));
    }
}

static void write_conditions(template_writer *writer, const graph_node *node) {
    const report_words *say = writer->say;
    const graph_item *item = node->item;
    const char *excluded = arena_printf(&writer->scratch, "  %s", say->template_excluded);
    for (size_t index = 0; index < item->exclusion_count; index++) {
        const graph_exclusion *exclusion = &item->exclusions[index];
        const gexpr *condition = exclusion->condition.expr;
        const char *when =
            condition->kind == G_BOOL && condition->boolean
                ? say->template_excluded_always
                : arena_printf(&writer->scratch, "%s%s%s", say->template_excluded_when_before,
                               expr_text(&writer->scratch, writer->graph, condition,
                                         node->checklist),
                               say->template_excluded_when_after);
        const char *reason = pick(writer, &exclusion->reason);
        comment(writer, 4, excluded,
                reason ? arena_printf(&writer->scratch, "%s — %s", when, reason) : when);
    }
    const char *asked = arena_printf(&writer->scratch, "  %s", say->template_asked);
    for (size_t index = 0; index < item->only_when_count; index++)
        comment(writer, 4, asked,
                arena_printf(&writer->scratch, "%s%s%s", say->template_only_when_before,
                             expr_text(&writer->scratch, writer->graph,
                                       item->only_when[index].expr, node->checklist),
                             say->template_only_when_after));
}

static void write_item(template_writer *writer, size_t index) {
    const report_words *say = writer->say;
    const graph_node *node = &writer->graph->nodes[index];
    const graph_item *item = node->item;
    const graph_item *decl = item;
    const char *label = pick(writer, &decl->label), *text = pick(writer, &decl->text);
    const char *heading = label ? label : text;
    fputc('\n', writer->stream);
    comment(writer, 4, arena_printf(&writer->scratch, "%s%s%s", say->template_item, node->name,
                                    heading ? ": " : ""),
            heading ? heading : "");
    if (label && text && strcmp(label, text) != 0) comment(writer, 4, "  ", text);
    const struct {
        const char *lead;
        const graph_text *text;
    } details[] = {{say->template_question, &decl->question},
                   {say->template_note, &decl->note},
                   {say->template_source, &decl->source_ref},
                   {say->template_printed, &decl->printed}};
    for (size_t detail = 0; detail < sizeof details / sizeof *details; detail++) {
        const char *value = pick(writer, details[detail].text);
        if (value)
            comment(writer, 4, arena_printf(&writer->scratch, "  %s", details[detail].lead),
                    value);
    }
    if (decl->tags.count) {
        char *tags = "";
        for (size_t tag = 0; tag < decl->tags.count; tag++)
            tags = arena_printf(&writer->scratch, "%s%s%s", tags, tag ? ", " : "",
                                decl->tags.names[tag]);
        comment(writer, 4, arena_printf(&writer->scratch, "  %s", say->template_tags), tags);
    }
    if (!decimal_equal(item->weight, decimal_from_int(1))) {
        const char *weight = expr_number_text(&writer->scratch, item->weight);
        comment(writer, 4, "  ",
                arena_printf(&writer->scratch, "%s%s%s%s%s", say->template_weight_before, weight,
                             say->template_weight_after, weight, say->template_close_paren));
    }
    write_conditions(writer, node);
    write_options(writer, item->scale);
    fputs("    ", writer->stream);
    write_quoted(writer, node->name);
    fputs(":\n", writer->stream);
}

static void write_members(template_writer *writer, const graph_checklist *checklist,
                          const graph_member *members, size_t count) {
    for (size_t index = 0; index < count; index++) {
        const graph_member *member = &members[index];
        if (member->kind == G_MEMBER_ITEM) {
            write_item(writer, member->index);
        } else {
            const graph_section *section = &checklist->sections[member->index];
            const char *title = pick(writer, &section->title);
            fputc('\n', writer->stream);
            comment(writer, 4,
                    arena_printf(&writer->scratch, "---- %s%s%s", writer->say->template_section,
                                 section->name, title ? ": " : ""),
                    title ? title : "");
            write_members(writer, checklist, section->members, section->member_count);
        }
    }
}

/* The values and gates computed from a checklist, or at module level. */
static void write_values(template_writer *writer, int indent, const char *heading,
                         const size_t *nodes, size_t count) {
    const report_words *say = writer->say;
    if (count == 0) return;
    fputc('\n', writer->stream);
    comment(writer, indent, "", heading);
    for (size_t index = 0; index < count; index++) {
        const graph_node *node = &writer->graph->nodes[nodes[index]];
        const graph_value *decl = node->value;
        const char *kind = decl->kind == VALUE_GATE ? "gate" : decl->kind == VALUE_SCORE ? "score"
                                                                                          : "let";
        const char *title = pick(writer, &decl->title);
        const char *expression = expr_text(&writer->scratch, writer->graph, node->expr,
                                           node->checklist);
        const char *line = arena_printf(&writer->scratch, "%s %s%s%s%s = %s", kind, node->name,
                                        title ? say->template_open_paren : "", title ? title : "",
                                        title ? say->template_close_paren : "", expression);
        size_t room = LINE_COLUMNS - (size_t)indent - 4;
        if (!title || utf8_display_width(line, strlen(line)) <= room) {
            comment(writer, indent, "  ", line);
        } else {
            comment(writer, indent, "  ",
                    arena_printf(&writer->scratch, "%s %s%s%s%s", kind, node->name,
                                 say->template_open_paren, title, say->template_close_paren));
            comment(writer, indent, "    = ", expression);
        }
    }
}

static void write_checklist(template_writer *writer, const graph_checklist *checklist) {
    const char *title = pick(writer, &checklist->title);
    const char *origin = pick(writer, &checklist->source_ref);
    static const char rule[] =
        "====================================================================";
    fputc('\n', writer->stream);
    comment(writer, 2, "", rule);
    comment(writer, 2,
            arena_printf(&writer->scratch, "%s%s%s", writer->say->template_checklist,
                         checklist->name, title ? ": " : ""),
            title ? title : "");
    if (origin)
        comment(writer, 2, arena_printf(&writer->scratch, "  %s", writer->say->template_source),
                origin);
    comment(writer, 2, "", rule);
    if (checklist->item_count == 0) {
        fprintf(writer->stream, "  %s: {}\n", checklist->name);
    } else {
        fprintf(writer->stream, "  %s:\n", checklist->name);
        write_members(writer, checklist, checklist->members, checklist->member_count);
    }
    write_values(writer, 4, writer->say->template_computed, checklist->values,
                 checklist->value_count);
}

/* {=== stages ===} */

static void write_ladder(template_writer *writer, size_t index) {
    const report_words *say = writer->say;
    const graph_node *node = &writer->graph->nodes[index];
    const graph_stages *ladder = node->stages;
    const char *title = pick(writer, &ladder->title);
    fputc('\n', writer->stream);
    comment(writer, 0, arena_printf(&writer->scratch, "%s%s%s", say->template_stages, node->name,
                                    title ? ": " : ""),
            title ? title : "");
    for (size_t position = 0; position < ladder->stage_count; position++) {
        const graph_stage *stage = &ladder->stages[position];
        const char *name = pick(writer, &stage->title);
        char *line = arena_printf(&writer->scratch, "%s", name ? name : "");
        if (stage->is_during)
            line = arena_printf(&writer->scratch, "%s — %s%s .. %s", line, say->template_during,
                                ladder->stages[stage->during_from].id,
                                ladder->stages[stage->during_to].id);
        else if (stage->enter_when.expr)
            line = arena_printf(&writer->scratch, "%s — %s%s", line, say->template_enter_when,
                                expr_text(&writer->scratch, writer->graph, stage->enter_when.expr,
                                          NO_INDEX));
        comment(writer, 0, arena_printf(&writer->scratch, "  %s ", stage->id), line);
    }
    for (size_t start = 0; start < ladder->start_count; start++) {
        const graph_stage_start *entry = &ladder->starts[start];
        const char *id = entry->stage != NO_INDEX ? ladder->stages[entry->stage].id : "?";
        const char *condition = expr_text(&writer->scratch, writer->graph,
                                          entry->condition.expr, NO_INDEX);
        /* ja: 開始: COND のとき ID から; en: start at ID when COND */
        const char *line =
            strcmp(writer->lang, "en") == 0
                ? arena_printf(&writer->scratch, "%s%s%s%s", say->template_start_before, id,
                               say->template_start_middle, condition)
                : arena_printf(&writer->scratch, "%s%s%s%s%s", say->template_start_before,
                               condition, say->template_start_middle, id,
                               say->template_start_after);
        comment(writer, 0, "  ", line);
    }
}

/* {=== the whole ===} */

void tk_write_template(const tk_graph *graph, FILE *stream, const char *lang) {
    recovery point;
    if (setjmp(point.resume)) {
        stream_out_of_memory(stream);
        return;
    }
    recovery_begin(&point, NULL);
    template_writer writer = {graph, stream, "ja", report_words_for(lang), {0}};
    if (lang && strcmp(lang, "en") == 0) writer.lang = "en";
    arena_init(&writer.scratch);
    recovery_own(&point, &writer.scratch, NULL, NULL);
    write_header(&writer);
    write_facts(&writer);
    fputc('\n', stream);
    if (graph->checklist_count == 0) {
        fputs("answers: {}\n", stream);
    } else {
        fputs("answers:\n", stream);
        for (size_t index = 0; index < graph->checklist_count; index++)
            write_checklist(&writer, &graph->checklists[index]);
    }
    write_values(&writer, 0, writer.say->template_module_values, graph->values, graph->value_count);
    for (size_t index = 0; index < graph->ladder_count; index++)
        write_ladder(&writer, graph->ladders[index]);
    arena_release(&writer.scratch);
    recovery_end(&point);
}
