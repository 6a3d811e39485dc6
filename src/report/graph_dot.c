/*
 * graph_dot.c — tk_write_graph: the evaluation graph as Graphviz DOT. Facts,
 * items, values, gates, stage ladders and bands are nodes, each kind with its own
 * shape; an edge runs from what is used to what uses it (a fact to the item
 * it excludes, an item to the score that sums it, a gate to the ladder it
 * opens). Each checklist is a cluster titled with its title.
 *
 * The output is stable, so two versions of a rule file diff well: facts
 * first, then each checklist's nodes, then module-level values, gates and
 * ladders, each group in the graph's topological order; edges in the
 * topological order of their targets, each target's sources in the order
 * its conditions name them, every pair once.
 */
#include <stdio.h>
#include <string.h>

#include "report/expr_text.h"
#include "lang/graph.h"
#include "tenken.h"
#include "base/escape.h"
#include "base/utf8.h"

enum { SHORT_COLUMNS = 24 };

typedef enum edge_kind { EDGE_USES, EDGE_EXCLUDE, EDGE_ONLY_WHEN, EDGE_STAGE } edge_kind;

typedef struct edge {
    size_t source;
    edge_kind kind;
    const char *label;      /* NULL: none */
} edge;

typedef struct dot_writer {
    const tk_graph *graph;
    FILE *stream;
    const char *lang;
    arena scratch;
    edge *edges;            /* the sources of the node being written */
    size_t edge_count, edge_capacity;
} dot_writer;

/* {=== strings ===} */

/* Text for inside a DOT string: quotes and backslashes escaped; line breaks
   (\n, \r, U+0085, U+2028, U+2029) and control characters as spaces
   (escape.c). */
static const char *dot_escape(dot_writer *writer, const char *text) {
    return escape_dot(&writer->scratch, text);
}

/* A node id from its parts, kept apart from every other: what dot_escape
   would turn into a space, and '%', is percent-encoded byte by byte, so ids
   that differ only there stay different. */
static const char *id_escape(dot_writer *writer, const char *text) {
    size_t length = strlen(text), used = 0;
    char *encoded = arena_alloc(&writer->scratch, length * 3 + 1);
    for (size_t offset = 0; offset < length;) {
        uint32_t code_point;
        size_t size = utf8_decode(text + offset, length - offset, &code_point);
        if (size == 0) size = 1, code_point = 0;
        bool encode = code_point < 0x20 || code_point == '%' ||
                      (code_point >= 0x7F && code_point < 0xA0) || code_point == 0x2028 ||
                      code_point == 0x2029;
        for (size_t byte = 0; byte < size; byte++) {
            if (encode) {
                snprintf(encoded + used, 4, "%%%02X", (unsigned char)text[offset + byte]);
                used += 3;
            } else {
                encoded[used++] = text[offset + byte];
            }
        }
        offset += size;
    }
    encoded[used] = '\0';
    return dot_escape(writer, encoded);
}

/* Text cut to SHORT_COLUMNS display columns, with an ellipsis when cut. */
static const char *shorten(dot_writer *writer, const char *text) {
    size_t length = strlen(text);
    if (utf8_display_width(text, length) <= SHORT_COLUMNS) return text;
    size_t offset = 0, width = 0;
    while (offset < length) {
        uint32_t code_point;
        size_t size = utf8_decode(text + offset, length - offset, &code_point);
        if (size == 0) size = 1, code_point = '?';
        size_t char_width = (size_t)utf8_char_width(code_point);
        if (width + char_width > SHORT_COLUMNS - 1) break;
        width += char_width;
        offset += size;
    }
    while (offset > 0 && text[offset - 1] == ' ') offset--;
    return arena_printf(&writer->scratch, "%.*s…", (int)offset, text);
}

static const char *pick(const dot_writer *writer, const graph_text *text) {
    return graph_text_pick(text, writer->lang);
}

/* A label of several lines: each escaped, joined by DOT's \n. */
static const char *label_lines(dot_writer *writer, const char *const *lines, size_t count) {
    char *label = "";
    bool first = true;
    for (size_t index = 0; index < count; index++) {
        if (!lines[index] || !*lines[index]) continue;
        label = arena_printf(&writer->scratch, "%s%s%s", label, first ? "" : "\\n",
                             dot_escape(writer, lines[index]));
        first = false;
    }
    return label;
}

/* {=== node ids and labels ===} */

static const char *node_id(dot_writer *writer, size_t index) {
    const graph_node *node = &writer->graph->nodes[index];
    const char *checklist = node->checklist == NO_INDEX
                                ? NULL
                                : writer->graph->checklists[node->checklist].name;
    const char *kind = node->kind == NODE_FACT    ? "fact"
                       : node->kind == NODE_ITEM  ? "item"
                       : node->kind == NODE_GATE  ? "gate"
                       : node->kind == NODE_VALUE ? "value"
                                                  : "stages";
    const char *id = checklist ? arena_printf(&writer->scratch, "%s:%s:%s", kind, checklist,
                                              node->name)
                               : arena_printf(&writer->scratch, "%s:%s", kind, node->name);
    return id_escape(writer, id);
}

static const char *fact_type_label(const graph_fact *fact) {
    switch (fact->type) {
    case TYPE_BOOL: return "bool";
    case TYPE_NUMBER: return "number";
    case TYPE_DATE: return "date";
    case TYPE_ENUM: return "enum";
    default: return "string";
    }
}

/* The members of an enum fact, for its tooltip. */
static const char *enum_members(dot_writer *writer, const graph_node *fact) {
    char *members = "";
    for (size_t index = 0; index < fact->enum_members->count; index++)
        members = arena_printf(&writer->scratch, "%s%s%s", members, index ? ", " : "",
                               fact->enum_members->names[index]);
    return arena_printf(&writer->scratch, "enum(%s)", members);
}

static const char *ladder_steps(dot_writer *writer, const graph_stages *ladder) {
    char *steps = "", *during = "";
    for (size_t index = 0; index < ladder->stage_count; index++) {
        const graph_stage *stage = &ladder->stages[index];
        if (stage->is_during)
            during = arena_printf(&writer->scratch, "%s · %s (%s..%s)", during, stage->id,
                                  ladder->stages[stage->during_from].id,
                                  ladder->stages[stage->during_to].id);
        else
            steps = arena_printf(&writer->scratch, "%s%s%s", steps, *steps ? " → " : "",
                                 stage->id);
    }
    return arena_printf(&writer->scratch, "%s%s", steps, during);
}

static void write_node(dot_writer *writer, size_t index, int indent) {
    const tk_graph *graph = writer->graph;
    const graph_node *node = &graph->nodes[index];
    const char *lines[4] = {NULL, NULL, NULL, NULL};
    const char *style = "", *tooltip = NULL;
    switch (node->kind) {
    case NODE_FACT: {
        const graph_fact *fact = node->fact;
        lines[0] = arena_printf(&writer->scratch, "fact %s", node->name);
        lines[1] = fact->default_value
                       ? arena_printf(&writer->scratch, "%s = %s%s", fact_type_label(fact),
                                      expr_text(&writer->scratch, graph, fact->default_value,
                                                NO_INDEX),
                                      fact->fixed ? " (fixed)" : "")
                       : fact_type_label(fact);
        const char *description = pick(writer, &fact->description);
        if (description) lines[2] = shorten(writer, description);
        if (fact->type == TYPE_ENUM) tooltip = enum_members(writer, node);
        style = "shape=parallelogram, style=filled, fillcolor=\"#fff2cc\"";
        break;
    }
    case NODE_ITEM: {
        const graph_item *decl = node->item;
        const char *label = pick(writer, &decl->label);
        if (!label) label = pick(writer, &decl->text);
        lines[0] = node->name;
        if (label) lines[1] = shorten(writer, label);
        if (!decimal_equal(node->item->weight, decimal_from_int(1)))
            lines[2] = arena_printf(&writer->scratch, "× %s",
                                    expr_number_text(&writer->scratch, node->item->weight));
        style = "shape=box, style=filled, fillcolor=\"#ffffff\"";
        break;
    }
    case NODE_VALUE:
    case NODE_GATE: {
        const graph_value *decl = node->value;
        const char *kind = decl->kind == VALUE_GATE ? "gate" : decl->kind == VALUE_SCORE ? "score"
                                                                                          : "let";
        lines[0] = arena_printf(&writer->scratch, "%s %s", kind, node->name);
        const char *title = pick(writer, &decl->title);
        if (title) lines[1] = shorten(writer, title);
        tooltip = expr_text(&writer->scratch, graph, node->expr, node->checklist);
        style = node->kind == NODE_GATE
                    ? "shape=hexagon, style=filled, fillcolor=\"#d5e8d4\""
                    : "shape=ellipse, style=filled, fillcolor=\"#dae8fc\"";
        break;
    }
    case NODE_STAGES: {
        const graph_stages *ladder = node->stages;
        lines[0] = arena_printf(&writer->scratch, "stages %s", node->name);
        const char *title = pick(writer, &ladder->title);
        if (title) lines[1] = shorten(writer, title);
        lines[2] = ladder_steps(writer, ladder);
        style = "shape=box3d, style=filled, fillcolor=\"#e1d5e7\"";
        break;
    }
    case NODE_BANDS: {
        lines[0] = arena_printf(&writer->scratch, "bands %s", node->name);
        const char *title = pick(writer, &node->bands->title);
        if (title) lines[1] = shorten(writer, title);
        char *ids = "";
        for (size_t band = 0; band < node->bands->band_count; band++)
            ids = arena_printf(&writer->scratch, "%s%s%s", ids, band ? " · " : "",
                               node->bands->bands[band].id);
        lines[2] = ids;
        tooltip = node->bands->written;
        style = "shape=folder, style=filled, fillcolor=\"#f8cecc\"";
        break;
    }
    }
    fprintf(writer->stream, "%*s\"%s\" [%s, label=\"%s\"", indent, "", node_id(writer, index),
            style, label_lines(writer, lines, 4));
    if (tooltip) fprintf(writer->stream, ", tooltip=\"%s\"", dot_escape(writer, tooltip));
    fputs("];\n", writer->stream);
}

/* {=== edges ===} */

/* Whether a label "a, b, c" holds `part` as one of its entries. */
static bool label_has(const char *label, const char *part) {
    size_t length = strlen(part);
    for (const char *cursor = label; (cursor = strstr(cursor, part)); cursor++) {
        bool starts = cursor == label || (cursor >= label + 2 && cursor[-2] == ',');
        bool ends = cursor[length] == '\0' || cursor[length] == ',';
        if (starts && ends) return true;
    }
    return false;
}

static void add_edge(dot_writer *writer, size_t from, edge_kind kind, const char *label) {
    for (size_t index = 0; index < writer->edge_count; index++) {
        edge *existing = &writer->edges[index];
        if (existing->source != from) continue;
        if (!label || (existing->label && label_has(existing->label, label))) return;
        existing->label = existing->label
                              ? arena_printf(&writer->scratch, "%s, %s", existing->label, label)
                              : label;
        return;
    }
    edge *added = ARENA_PUSH(&writer->scratch, writer->edges, writer->edge_count,
                             writer->edge_capacity);
    added->source = from;
    added->kind = kind;
    added->label = label;
}

/* Every node an expression uses, in the order it names them. */
static void add_expr_edges(dot_writer *writer, const gexpr *expr, edge_kind kind,
                           const char *label) {
    if (!expr) return;
    switch (expr->kind) {
    case G_NODE:
    case G_ITEM_POINTS:
    case G_ITEM_IS:
    case G_FACT_IS: add_edge(writer, expr->node, kind, label); break;
    case G_AGGREGATE:
        for (size_t index = 0; index < expr->aggregate.item_count; index++)
            add_edge(writer, expr->aggregate.items[index], kind, label);
        add_expr_edges(writer, expr->aggregate.unanswered_as, kind, label);
        break;
    default: break;
    }
    add_expr_edges(writer, expr->left, kind, label);
    add_expr_edges(writer, expr->right, kind, label);
    add_expr_edges(writer, expr->otherwise, kind, label);
}

static void collect_edges(dot_writer *writer, const graph_node *node) {
    writer->edge_count = 0;
    if (node->kind == NODE_ITEM) {
        const graph_item *item = node->item;
        for (size_t index = 0; index < item->exclusion_count; index++)
            add_expr_edges(writer, item->exclusions[index].condition.expr, EDGE_EXCLUDE,
                           "exclude");
        for (size_t index = 0; index < item->only_when_count; index++)
            add_expr_edges(writer, item->only_when[index].expr, EDGE_ONLY_WHEN, "only when");
    } else if (node->kind == NODE_STAGES) {
        const graph_stages *ladder = node->stages;
        for (size_t index = 0; index < ladder->stage_count; index++)
            if (ladder->stages[index].enter_when.expr)
                add_expr_edges(writer, ladder->stages[index].enter_when.expr, EDGE_STAGE,
                               arena_printf(&writer->scratch, "enter %s",
                                            ladder->stages[index].id));
        for (size_t index = 0; index < ladder->start_count; index++) {
            size_t stage = ladder->starts[index].stage;
            add_expr_edges(writer, ladder->starts[index].condition.expr, EDGE_STAGE,
                           arena_printf(&writer->scratch, "start %s",
                                        stage == NO_INDEX ? "?" : ladder->stages[stage].id));
        }
    } else if (node->kind != NODE_FACT) {
        add_expr_edges(writer, node->expr, EDGE_USES, NULL);
    }
}

static void write_edges(dot_writer *writer) {
    const tk_graph *graph = writer->graph;
    for (size_t target = 0; target < graph->node_count; target++) {
        collect_edges(writer, &graph->nodes[target]);
        const char *target_id = node_id(writer, target);
        for (size_t index = 0; index < writer->edge_count; index++) {
            const edge *entry = &writer->edges[index];
            fprintf(writer->stream, "  \"%s\" -> \"%s\"", node_id(writer, entry->source),
                    target_id);
            const char *style = entry->kind == EDGE_EXCLUDE     ? "style=dashed, color=\"#b85450\""
                                : entry->kind == EDGE_ONLY_WHEN ? "style=dashed, color=\"#6c8ebf\""
                                : entry->kind == EDGE_STAGE     ? "penwidth=2"
                                                                : NULL;
            if (style || entry->label) {
                fputs(" [", writer->stream);
                if (style) fputs(style, writer->stream);
                if (entry->label)
                    fprintf(writer->stream, "%slabel=\"%s\"", style ? ", " : "",
                            dot_escape(writer, entry->label));
                fputc(']', writer->stream);
            }
            fputs(";\n", writer->stream);
        }
    }
}

/* {=== the whole ===} */

void tk_write_graph(const tk_graph *graph, FILE *stream, const char *lang) {
    recovery point;
    if (setjmp(point.resume)) {
        stream_out_of_memory(stream);
        return;
    }
    recovery_begin(&point, NULL);
    dot_writer writer = {graph, stream, "ja", {0}, NULL, 0, 0};
    if (lang && strcmp(lang, "en") == 0) writer.lang = "en";
    arena_init(&writer.scratch);
    recovery_own(&point, &writer.scratch, NULL, NULL);
    const char *module = dot_escape(&writer, graph->module);
    fprintf(stream, "// tenken graph %s: an edge runs from what is used to what uses it\n",
            graph->module);
    fprintf(stream, "digraph \"%s\" {\n", module);
    fprintf(stream, "  graph [rankdir=LR, label=\"%s\", labelloc=t, fontname=\"sans-serif\"];\n",
            module);
    fputs("  node [fontname=\"sans-serif\", fontsize=10];\n", stream);
    fputs("  edge [fontname=\"sans-serif\", fontsize=9, color=\"#555555\"];\n", stream);
    fputc('\n', stream);
    for (size_t index = 0; index < graph->node_count; index++)
        if (graph->nodes[index].kind == NODE_FACT) write_node(&writer, index, 2);
    for (size_t checklist = 0; checklist < graph->checklist_count; checklist++) {
        const graph_checklist *entry = &graph->checklists[checklist];
        const char *title = pick(&writer, &entry->title);
        const char *lines[] = {entry->name, title};
        fprintf(stream, "\n  subgraph \"cluster_%s\" {\n", dot_escape(&writer, entry->name));
        fprintf(stream, "    label=\"%s\";\n    style=rounded;\n    color=\"#999999\";\n",
                label_lines(&writer, lines, 2));
        for (size_t index = 0; index < graph->node_count; index++)
            if (graph->nodes[index].checklist == checklist &&
                graph->nodes[index].kind != NODE_FACT)
                write_node(&writer, index, 4);
        fputs("  }\n", stream);
    }
    bool module_level = false;
    for (size_t index = 0; index < graph->node_count; index++) {
        const graph_node *node = &graph->nodes[index];
        if (node->checklist != NO_INDEX || node->kind == NODE_FACT) continue;
        if (!module_level) fputc('\n', stream), module_level = true;
        write_node(&writer, index, 2);
    }
    fputc('\n', stream);
    write_edges(&writer);
    fputs("}\n", stream);
    arena_release(&writer.scratch);
    recovery_end(&point);
}
