/*
 * html.c — everything the HTML format writes. The results as one
 * self-contained HTML5 page: inline CSS and inline SVG, no script, nothing
 * loaded from anywhere. Each answer set is a <section>
 * (a new page when printed): the subject header, the stage ladders with what
 * holds back the next stage, the bands with the one reached highlighted,
 * then per checklist its totals and section subtotals, a radar chart for checklists on a point scale (a compact table
 * for Yes/No lists), the items, values and gates, the gaps by gain and the
 * exclusions with their reasons. The markup is also well-formed XML, so an
 * XML parser can check it. The diff of two results as a small page of
 * tables. Every text goes through html_escape.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/expr_text.h"
#include "report/formats.h"
#include "report/explain_text.h"
#include "base/escape.h"
#include "base/utf8.h"

/* {=== escaping and numbers ===} */

void html_escape(FILE *stream, const char *text) {
    escape_html(stream, text);
}

/* Coordinates with one decimal, whatever the locale says about commas. */
static void svg_number(FILE *stream, double number) {
    long tenths = lround(number * 10);
    if (tenths < 0) fputc('-', stream), tenths = -tenths;
    fprintf(stream, "%ld", tenths / 10);
    if (tenths % 10) fprintf(stream, ".%ld", tenths % 10);
}

static void svg_point(FILE *stream, radar_point point) {
    svg_number(stream, point.x);
    fputc(',', stream);
    svg_number(stream, point.y);
}

/* Write open, the escaped text, then close. */
static void tagged(FILE *stream, const char *open, const char *text, const char *close) {
    fputs(open, stream);
    html_escape(stream, text);
    fputs(close, stream);
}

/* {=== radar geometry ===} */

static const double tau = 6.283185307179586;

double radar_spoke_angle(const radar_geometry *geometry, size_t spoke) {
    if (geometry->spokes == 0) return 0;
    return tau * (double)spoke / (double)geometry->spokes;
}

radar_point radar_point_at(const radar_geometry *geometry, size_t spoke, double value) {
    double fraction = geometry->scale_max > 0 ? value / geometry->scale_max : 0;
    if (fraction < 0) fraction = 0;
    if (fraction > 1) fraction = 1;
    double angle = radar_spoke_angle(geometry, spoke), distance = geometry->radius * fraction;
    return (radar_point){geometry->cx + distance * sin(angle), geometry->cy - distance * cos(angle)};
}

/* {=== the page ===} */

/* Section colours (Okabe–Ito, safe for colour-blind readers), the fill of the
   answered area and the outer ring's grey, which nothing else has:
   tests/html/render.sh finds the chart by that grey in a screenshot and
   measures the area by its fill. */
static const char *const section_colours[] = {"#0072B2", "#D55E00", "#009E73",
                                              "#CC79A7", "#E69F00", "#56B4E9"};
enum { SECTION_COLOURS = sizeof section_colours / sizeof *section_colours };
#define NO_SECTION_COLOUR "#777777"
#define AREA_FILL "#8FB8E8"
#define AREA_STROKE "#1F5FA8"
#define OUTER_RING "#8A8F98"

static const char style_sheet[] =
    ":root{color-scheme:light}\n"
    "body{font-family:\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\",Meiryo,"
    "system-ui,sans-serif;color:#1a1a1a;background:#fff;line-height:1.5;margin:0 auto;"
    "max-width:62rem;padding:1rem 1.5rem}\n"
    "h1{font-size:1.5rem;margin:0 0 .3rem}\n"
    "h2{font-size:1.2rem;margin:1.6rem 0 .4rem;padding-bottom:.2rem;border-bottom:2px solid #ccd}\n"
    "h3{font-size:1rem;margin:1.1rem 0 .3rem}\n"
    "code{font-family:\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:.85em;"
    "background:#f3f4f6;padding:0 .2em;border-radius:3px}\n"
    ".answer-set{margin-bottom:3rem}\n"
    ".answer-set>header{border-bottom:3px solid #1f5fa8;padding-bottom:.5rem;margin-bottom:1rem}\n"
    "dl.meta{display:flex;flex-wrap:wrap;gap:.2rem 1.5rem;margin:.3rem 0}\n"
    "dl.meta div{display:flex;gap:.4rem}dl.meta dt{color:#555}dl.meta dd{margin:0;font-weight:600}\n"
    "table{border-collapse:collapse;margin:.4rem 0 .8rem;font-size:.92rem}\n"
    "caption{caption-side:top;text-align:left;padding:.1rem 0}\n"
    "th,td{border:1px solid #d0d4da;padding:.2rem .5rem;text-align:left;vertical-align:top}\n"
    "thead th{background:#eef1f5}\n"
    "td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "tr.section-row th{background:#f7f7fa;font-weight:600}\n"
    "table.compact td,table.compact th{padding:.05rem .4rem;font-size:.88rem}\n"
    ".totals{display:flex;align-items:baseline;gap:.8rem;margin:.4rem 0}\n"
    ".totals .score{font-size:2rem;font-weight:700;color:#1f5fa8;white-space:nowrap}\n"
    ".summary{color:#444;font-size:.92rem;margin:.2rem 0}\n"
    ".swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;"
    "vertical-align:-.05em;margin-right:.3em}\n"
    "figure.radar{margin:.5rem 0 1rem;break-inside:avoid}\n"
    "figure.radar svg{display:block;width:100%;max-width:760px;height:auto}\n"
    "figure.radar figcaption{font-size:.88rem;color:#333}\n"
    "figure.radar ul{list-style:none;padding:0;margin:.2rem 0;display:flex;flex-wrap:wrap;gap:.1rem 1.2rem}\n"
    ".status{display:inline-block;padding:0 .45em;border-radius:.6em;font-size:.85rem;"
    "font-weight:700;color:#fff;white-space:nowrap}\n"
    ".status-pass{background:#1a7f37}.status-fail{background:#c62828}.status-pending{background:#9a6700}\n"
    ".state-unanswered{color:#9a6700}.state-excluded,.state-not_applicable{color:#666}"
    ".state-invalid{color:#c62828;font-weight:600}\n"
    ".gate{margin:.4rem 0 .6rem}.gate p{margin:.1rem 0}\n"
    ".gate ul{margin:.1rem 0 .2rem 1.2rem;padding:0}\n"
    ".gate li.blocking::marker{content:\"\\2715  \";color:#c62828}\n"
    ".gate li.waiting::marker{content:\"\\2026  \";color:#9a6700}\n"
    ".note{color:#555;font-size:.88em}\n"
    "ol.ladder{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:.4rem 0}\n"
    "ol.ladder li{border:1px solid #b8c0cc;border-radius:4px;padding:.2rem .6rem;background:#f5f6f8;color:#666}\n"
    "ol.ladder li.entered{background:#e3f1e6;border-color:#1a7f37;color:#1a1a1a}\n"
    "ol.ladder li.current{background:#1f5fa8;border-color:#1f5fa8;color:#fff;font-weight:700}\n"
    "ol.ladder li.next{border:2px dashed #c62828;color:#1a1a1a}\n"
    "ol.ladder li .stage-id{font-weight:700;margin-right:.3em}\n"
    "table.bands tr.reached td{background:#6a3d9a;color:#fff;font-weight:700}\n"
    "table.bands tr.reached code{background:none;color:#fff}\n"
    "p.band strong{font-size:1.4rem;color:#6a3d9a;margin-right:.4em}\n"
    ".next-stage{border-left:4px solid #c62828;padding:.2rem .8rem;margin:.6rem 0;background:#fdf6f6}\n"
    "footer{color:#777;font-size:.8rem;margin-top:2rem}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:9.5pt}"
    ".answer-set{margin:0}.answer-set+.answer-set{break-before:page}"
    "h2,h3{break-after:avoid}tr,.gate,.next-stage,figure.radar{break-inside:avoid}"
    "figure.radar svg{max-width:165mm}"
    "*{print-color-adjust:exact;-webkit-print-color-adjust:exact}footer{display:none}}\n";

void html_begin(report_context *report) {
    FILE *stream = report->stream;
    fprintf(stream,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
            "<meta name=\"generator\" content=\"tenken %s\"/>\n",
            report->lang, tk_version());
    fputs("<title>", stream);
    html_escape(stream, report->words->document_title);
    fputs(" — ", stream);
    html_escape(stream, report->graph->module);
    fprintf(stream, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style_sheet);
}

void html_end(report_context *report) {
    fprintf(report->stream, "<footer>tenken %s</footer>\n</body>\n</html>\n", tk_version());
}

/* {=== small pieces ===} */

typedef struct html_report {
    report_context *report;
    const report_words *words;
    FILE *out;
} html_report;

static void status_badge(html_report *html, tk_gate_status status) {
    const char *name = report_gate_status_name(status);
    fprintf(html->out, "<span class=\"status status-%s\">", name);
    html_escape(html->out, report_gate_status_word(html->words, status));
    fputs("</span>", html->out);
}

/* The state of an item as words, with the answer's label when answered. */
static void item_answer(html_report *html, size_t node) {
    const item_outcome *item = &html->report->result->items[node];
    const tk_answers *answers = html->report->result->answers;
    FILE *out = html->out;
    const char *word = html->words->state[item->state].word;
    if (item->state == STATE_ANSWERED) {
        html_escape(out, report_option_label(html->report, node));
        return;
    }
    fprintf(out, "<span class=\"state-%s\">", item_state_name(item->state));
    const char *counted = report_counted_as(html->report, node);
    if (counted) {
        html_escape(out, counted);
    } else if (item->state == STATE_INVALID && answers->given_twice[node]) {
        html_escape(out, html->words->answered_twice);
    } else {
        html_escape(out, word);
        if (item->state == STATE_INVALID) tagged(out, " “", answers->raw[node], "”");
    }
    fputs("</span>", out);
}

static void item_notes(html_report *html, size_t node) {
    const tk_answers *answers = html->report->result->answers;
    if (answers->notes[node]) {
        tagged(html->out, "<br/><span class=\"note\">", html->words->note, ": ");
        html_escape(html->out, answers->notes[node]);
        fputs("</span>", html->out);
    }
    if (answers->evidence[node]) {
        tagged(html->out, "<br/><span class=\"note\">", html->words->evidence, ": ");
        html_escape(html->out, answers->evidence[node]);
        fputs("</span>", html->out);
    }
}

/* Why an excluded or not-applicable item does not count. */
static void item_reason(html_report *html, size_t node) {
    const item_outcome *item = &html->report->result->items[node];
    const graph_item *decl = html->report->graph->nodes[node].item;
    const char *note = report_exclusion_note(html->report, node);
    if (item->expired != NO_INDEX) {
        tagged(html->out, "<span class=\"expired\">", note, "</span>");
    } else if (item->state == STATE_EXCLUDED) {
        html_escape(html->out,
                    report_text(html->report, &decl->exclusions[item->reason].reason, ""));
        const char *condition = report_condition_text(&decl->exclusions[item->reason].condition);
        if (*condition) {
            tagged(html->out, " <span class=\"note\">(", html->words->excluded_when, " <code>");
            html_escape(html->out, condition);
            fputs("</code>)</span>", html->out);
        }
        if (note) tagged(html->out, " <span class=\"note\">", note, "</span>");
    } else if (item->state == STATE_NOT_APPLICABLE) {
        html_escape(html->out, html->words->only_when);
        tagged(html->out, "<code>",
               report_condition_text(&decl->only_when[item->reason]), "</code>");
    }
}

static const char *points_text(html_report *html, size_t node) {
    const item_outcome *item = &html->report->result->items[node];
    report_context *report = html->report;
    if (item->option >= 0) /* answered, or counted as an option */
        return arena_printf(&report->scratch, "%s/%s", report_number(report, item->points),
                            report_number(report, item->max));
    if (!report_state_applies(item->state)) return "–";
    return arena_printf(&report->scratch, "–/%s", report_number(report, item->max));
}

/* {=== header and facts ===} */

static void meta_entry(html_report *html, const char *term, const char *value, bool code) {
    if (!value) return;
    tagged(html->out, "<div><dt>", term, "</dt><dd>");
    tagged(html->out, code ? "<code>" : "", value, code ? "</code>" : "");
    fputs("</dd></div>", html->out);
}

static void html_header(html_report *html) {
    const tk_answers *answers = html->report->result->answers;
    FILE *out = html->out;
    fputs("<header>\n", out);
    tagged(out, "<h1>", answers->subject ? answers->subject : answers->path, "</h1>\n");
    fputs("<dl class=\"meta\">", out);
    meta_entry(html, html->words->assessor, answers->assessor, false);
    meta_entry(html, html->words->assessed, answers->assessed, false);
    meta_entry(html, html->words->rules, html->report->graph->module, true);
    const char *file = answers->document > 1
                             ? arena_printf(&html->report->scratch, "%s #%zu", answers->path,
                                            answers->document)
                             : answers->path;
    meta_entry(html, html->words->answer_file, file, true);
    fputs("</dl>\n</header>\n", out);
}

static void html_facts(html_report *html) {
    const tk_graph *graph = html->report->graph;
    if (graph->fact_count == 0) return;
    FILE *out = html->out;
    tagged(out, "<h3>", html->words->facts, "</h3>\n<table class=\"facts compact\"><thead><tr>");
    tagged(out, "<th>", html->words->fact, "</th>");
    tagged(out, "<th>", html->words->description, "</th>");
    tagged(out, "<th>", html->words->value, "</th></tr></thead><tbody>\n");
    for (size_t index = 0; index < graph->fact_count; index++) {
        size_t node = graph->facts[index];
        const graph_node *fact = &graph->nodes[node];
        tagged(out, "<tr><td><code>", fact->name, "</code></td>");
        tagged(out, "<td>", report_text(html->report, &fact->fact->description, ""), "</td>");
        tagged(out, "<td>", report_value_text(html->report, html->words, node), "</td></tr>\n");
    }
    fputs("</tbody></table>\n", out);
}

/* {=== gates ===} */

static void gate_item(html_report *html, size_t node, const char *kind) {
    FILE *out = html->out;
    fprintf(out, "<li class=\"%s\" data-item=\"", kind);
    html_escape(out, html->report->graph->nodes[node].name);
    tagged(out, "\"><b>", html->report->graph->nodes[node].name, "</b> ");
    html_escape(out, report_item_label(html->report, node));
    fputs(" — ", out);
    item_answer(html, node);
    item_notes(html, node);
    fputs("</li>\n", out);
}

/* A gate: status, name, title, and the items that block it or that it waits for. */
static void html_gate(html_report *html, size_t node, bool qualified) {
    const gate_outcome *gate = &html->report->result->gates[node];
    const graph_node *decl = &html->report->graph->nodes[node];
    FILE *out = html->out;
    fprintf(out, "<div class=\"gate gate-%s\"><p>", report_gate_status_name(gate->status));
    status_badge(html, gate->status);
    tagged(out, " <code>", qualified ? report_gate_name(html->report, node) : decl->name, "</code> ");
    html_escape(out, report_text(html->report, &decl->value->title, ""));
    if (html->report->options->explain)
        tagged(out, " <span class=\"note\">(<code>",
               report_value_written(html->report, node), "</code>)</span>");
    fputs("</p>\n", out);
    if (gate->blocking_count) {
        tagged(out, "<p class=\"note\">", html->words->blocking, ":</p><ul>\n");
        for (size_t index = 0; index < gate->blocking_count; index++)
            gate_item(html, gate->blocking[index], "blocking");
        fputs("</ul>\n", out);
    }
    if (gate->waiting_count) {
        tagged(out, "<p class=\"note\">", html->words->waiting, ":</p><ul>\n");
        for (size_t index = 0; index < gate->waiting_count; index++)
            gate_item(html, gate->waiting[index], "waiting");
        fputs("</ul>\n", out);
    }
    if (gate->cause_count) {
        tagged(out, "<p class=\"note\">", html->words->because, ":</p><ul>\n");
        for (size_t index = 0; index < gate->cause_count; index++)
            tagged(out, "<li class=\"blocking\"><code>",
                   report_cause_text(html->report, &gate->causes[index], node), "</code></li>\n");
        fputs("</ul>\n", out);
    }
    fputs("</div>\n", out);
}

/* Values (except those listed in `skip`) as a table, then the gates. */
static void html_values(html_report *html, const size_t *nodes, size_t count, size_t skip_a,
                        size_t skip_b) {
    FILE *out = html->out;
    const tk_graph *graph = html->report->graph;
    size_t values = 0, gates = 0;
    for (size_t index = 0; index < count; index++) {
        if (nodes[index] == skip_a || nodes[index] == skip_b) continue;
        if (graph->nodes[nodes[index]].kind == NODE_GATE) gates++;
        else values++;
    }
    if (values) {
        tagged(out, "<h3>", html->words->values, "</h3>\n<table class=\"values compact\"><thead><tr>");
        tagged(out, "<th>", html->words->name, "</th>");
        tagged(out, "<th>", html->words->description, "</th>");
        tagged(out, "<th class=\"num\">", html->words->value, "</th></tr></thead><tbody>\n");
        for (size_t index = 0; index < count; index++) {
            size_t node = nodes[index];
            const graph_node *decl = &graph->nodes[node];
            if (decl->kind == NODE_GATE || node == skip_a || node == skip_b) continue;
            tagged(out, "<tr><td><code>", decl->name, "</code></td>");
            tagged(out, "<td>", report_text(html->report, &decl->value->title, ""), "</td>");
            tagged(out, "<td class=\"num\">", report_value_text(html->report, html->words, node),
                   "</td></tr>\n");
        }
        fputs("</tbody></table>\n", out);
    }
    if (gates) {
        tagged(out, "<h3>", html->words->gates, "</h3>\n");
        for (size_t index = 0; index < count; index++)
            if (graph->nodes[nodes[index]].kind == NODE_GATE) html_gate(html, nodes[index], false);
    }
}

/* {=== the radar chart ===} */

enum {
    CHART_WIDTH = 760, CHART_HEIGHT = 500, CHART_RADIUS = 170,
    LABEL_GAP = 14, LABEL_COLUMNS = 24, SIDE_LABEL_COLUMNS = 30, LABEL_LINES = 3, LINE_HEIGHT = 13,
};

/* The top-level section of an item, as an index into the checklist's sections. */
static size_t top_section(const graph_checklist *checklist, size_t node_section) {
    size_t section = node_section;
    while (section != NO_INDEX && checklist->sections[section].parent != NO_INDEX)
        section = checklist->sections[section].parent;
    return section;
}

static const char *section_colour(const graph_checklist *checklist, size_t section) {
    if (section == NO_INDEX) return NO_SECTION_COLOUR;
    size_t position = 0;
    for (size_t index = 0; index < section; index++)
        position += checklist->sections[index].parent == NO_INDEX;
    return section_colours[position % SECTION_COLOURS];
}

/* A checklist gets a radar chart when at least three items score above 1. */
static bool wants_radar(const report_context *report, const graph_checklist *checklist) {
    size_t scaled = 0;
    for (size_t index = 0; index < checklist->item_count; index++)
        scaled += decimal_compare(report->result->items[checklist->items[index]].max,
                                  decimal_from_int(1)) > 0;
    return checklist->item_count >= 3 && scaled >= 3;
}

static bool closes_line(uint32_t code_point) {
    static const uint32_t closing[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x30FB, 0x30FC, 0xFF09,
                                       0x300D, 0x300F, 0x3011, 0x3015, ')', ',', '.'};
    for (size_t index = 0; index < sizeof closing / sizeof *closing; index++)
        if (closing[index] == code_point) return true;
    return false;
}

typedef struct label_line {
    size_t start, length;
} label_line;

/* Break text into at most LABEL_LINES lines of about equal display width,
   each at most `columns` wide: at a space in the second half of a line,
   else between characters (never before a closing mark). Returns the number
   of lines; `cut` when text was left over. */
static size_t wrap_lines(const char *text, size_t columns, size_t target, label_line *lines,
                         bool *cut, bool *split_word);

static size_t wrap_label(const char *text, size_t columns, label_line *lines, bool *cut) {
    size_t width = utf8_display_width(text, strlen(text));
    size_t wanted = (width + columns - 1) / columns;
    if (wanted > LABEL_LINES) wanted = LABEL_LINES;
    if (wanted == 0) wanted = 1;
    size_t target = (width + wanted - 1) / wanted + 1;
    if (target > columns) target = columns;
    bool split_word;
    size_t count = wrap_lines(text, columns, target, lines, cut, &split_word);
    /* words that do not fit the balanced width: fill whole lines instead */
    if (count > wanted || *cut || split_word)
        count = wrap_lines(text, columns, columns, lines, cut, &split_word);
    return count;
}

static bool latin_letter(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
           (character >= '0' && character <= '9');
}

static size_t wrap_lines(const char *text, size_t columns, size_t target, label_line *lines,
                         bool *cut, bool *split_word) {
    size_t length = strlen(text), offset = 0, count = 0;
    *split_word = false;
    while (offset < length && count < LABEL_LINES) {
        while (offset < length && text[offset] == ' ') offset++;
        if (offset >= length) break;
        size_t start = offset, used = 0, last_space = 0, end = offset;
        size_t limit = count + 1 == LABEL_LINES ? columns : target;
        while (end < length) {
            uint32_t code_point;
            size_t size = utf8_decode(text + end, length - end, &code_point);
            if (size == 0) size = 1, code_point = '?';
            size_t char_width = (size_t)utf8_char_width(code_point);
            if (used + char_width > limit && end > start && !closes_line(code_point)) break;
            if (code_point == ' ' && used * 2 >= limit) last_space = end;
            used += char_width;
            end += size;
        }
        /* a line broken at a space keeps it, so the text reads on when copied */
        if (end < length && last_space > start) end = last_space + 1;
        else if (end < length && end > start && latin_letter(text[end - 1]) && latin_letter(text[end]))
            *split_word = true;
        lines[count++] = (label_line){start, end - start};
        offset = end;
    }
    while (offset < length && text[offset] == ' ') offset++;
    *cut = offset < length;
    return count;
}

static void spoke_label(html_report *html, const radar_geometry *geometry, size_t spoke,
                        size_t node, const char *colour) {
    FILE *out = html->out;
    const report_context *report = html->report;
    const item_outcome *item = &report->result->items[node];
    const char *id = report->graph->nodes[node].name;
    const char *text = arena_printf(&html->report->scratch, "%s %s", id, report_item_label(report, node));
    double angle = radar_spoke_angle(geometry, spoke);
    double dx = sin(angle), dy = -cos(angle);
    label_line lines[LABEL_LINES + 1];
    bool cut;
    size_t count = wrap_label(text, fabs(dx) > 0.5 ? SIDE_LABEL_COLUMNS : LABEL_COLUMNS, lines, &cut);
    const char *gap =
        item->state == STATE_ANSWERED ? NULL : html->words->state[item->state].word;
    size_t total_lines = count + (gap != NULL);
    double x = geometry->cx + (geometry->radius + LABEL_GAP) * dx;
    double y = geometry->cy + (geometry->radius + LABEL_GAP) * dy;
    const char *anchor = dx > 0.2 ? "start" : dx < -0.2 ? "end" : "middle";
    double first;
    if (dy < -0.5) first = y - (double)(total_lines - 1) * LINE_HEIGHT - 2;
    else if (dy > 0.5) first = y + 10;
    else first = y + 4 - (double)(total_lines - 1) * LINE_HEIGHT / 2;
    fputs("<text class=\"spoke-label\" data-item=\"", out);
    html_escape(out, id);
    fprintf(out, "\" text-anchor=\"%s\" y=\"", anchor);
    svg_number(out, first);
    fputs("\">", out);
    for (size_t index = 0; index < count; index++) {
        fputs("<tspan x=\"", out);
        svg_number(out, x);
        fputs(index ? "\" dy=\"13\">" : "\">", out);
        size_t skip = 0;
        if (index == 0) {
            /* the id, coloured by section */
            fprintf(out, "<tspan class=\"spoke-id\" fill=\"%s\" font-weight=\"bold\">", colour);
            html_escape(out, id);
            fputs("</tspan> ", out);
            skip = strlen(id) + 1;
        }
        if (skip < lines[index].length) {
            const char *part = arena_strndup(&html->report->scratch, text + lines[index].start + skip,
                                             lines[index].length - skip);
            html_escape(out, part);
        }
        if (index + 1 == count && cut) fputs("…", out);
        fputs("</tspan>", out);
    }
    if (gap) {
        fputs("<tspan class=\"gap-note\" fill=\"#9a6700\" x=\"", out);
        svg_number(out, x);
        tagged(out, "\" dy=\"13\">(", gap, ")</tspan>");
    }
    fputs("</text>\n", out);
}

/* The answered area: one polygon when every spoke has a point; otherwise a
   fan from the centre over each run of neighbouring answered spokes, so an
   item with no point leaves a visible gap (it is not drawn as 0). */
static void area_path(FILE *out, const radar_geometry *geometry, const tk_result *result,
                      const graph_checklist *checklist, bool fill) {
    size_t spokes = checklist->item_count, answered = 0, first_gap = 0;
    for (size_t index = 0; index < spokes; index++) {
        if (result->items[checklist->items[index]].option >= 0) answered++; /* or counted */
        else first_gap = index;
    }
    if (answered == 0) return;
    fprintf(out, "<path class=\"%s\" d=\"", fill ? "radar-area" : "radar-line");
    radar_point centre = {geometry->cx, geometry->cy};
    if (answered == spokes) {
        for (size_t index = 0; index < spokes; index++) {
            const item_outcome *item = &result->items[checklist->items[index]];
            fputs(index ? " L" : "M", out);
            svg_point(out, radar_point_at(geometry, index, decimal_to_double(item->points)));
        }
        fputs(" Z", out);
    } else {
        bool in_run = false;
        for (size_t step = 1; step <= spokes; step++) {
            size_t index = (first_gap + step) % spokes;
            const item_outcome *item = &result->items[checklist->items[index]];
            bool has_point = item->option >= 0;
            if (has_point) {
                if (!in_run && fill) fputs(" M", out), svg_point(out, centre);
                fputs(in_run || fill ? " L" : " M", out);
                svg_point(out, radar_point_at(geometry, index, decimal_to_double(item->points)));
            } else if (in_run && fill) {
                fputs(" Z", out);
            }
            in_run = has_point;
        }
        if (in_run && fill) fputs(" Z", out);
    }
    if (fill)
        fputs("\" fill=\"" AREA_FILL "\" stroke=\"none\"/>\n", out);
    else
        fputs("\" fill=\"none\" stroke=\"" AREA_STROKE "\" stroke-width=\"2\" "
              "stroke-linejoin=\"round\"/>\n", out);
}

/* A wedge behind the spokes of one section, tinted with its colour: from the
   centre out to the outer ring, halfway to the neighbouring spokes. */
static void section_wedge(FILE *out, const radar_geometry *geometry, size_t from, size_t to,
                          const char *colour) {
    size_t spokes = geometry->spokes;
    double max = geometry->scale_max;
    radar_point before = radar_point_at(geometry, (from + spokes - 1) % spokes, max);
    radar_point after = radar_point_at(geometry, (to + 1) % spokes, max);
    radar_point first = radar_point_at(geometry, from, max), last = radar_point_at(geometry, to, max);
    fputs("<path class=\"section-wedge\" d=\"M", out);
    svg_point(out, (radar_point){geometry->cx, geometry->cy});
    fputs(" L", out);
    svg_point(out, (radar_point){(before.x + first.x) / 2, (before.y + first.y) / 2});
    for (size_t spoke = from; spoke <= to; spoke++) {
        fputs(" L", out);
        svg_point(out, radar_point_at(geometry, spoke, max));
    }
    fputs(" L", out);
    svg_point(out, (radar_point){(last.x + after.x) / 2, (last.y + after.y) / 2});
    fprintf(out, " Z\" fill=\"%s\" fill-opacity=\"0.10\" stroke=\"none\"/>\n", colour);
}

static void ring(FILE *out, const radar_geometry *geometry, double value, bool outer) {
    fputs("<polygon class=\"ring\" points=\"", out);
    for (size_t index = 0; index < geometry->spokes; index++) {
        if (index) fputc(' ', out);
        svg_point(out, radar_point_at(geometry, index, value));
    }
    fprintf(out, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
            outer ? OUTER_RING : "#b9bec7", outer ? "1.2" : "0.7");
}

static void radar_legend(html_report *html, const graph_checklist *checklist, size_t gaps) {
    FILE *out = html->out;
    report_context *report = html->report;
    fputs("<figcaption>\n<ul class=\"legend\">", out);
    fputs("<li><span class=\"swatch\" style=\"background:" AREA_FILL ";border:1px solid "
          AREA_STROKE "\"></span>", out);
    html_escape(out, html->words->chart_points);
    fputs("</li>", out);
    for (size_t index = 0; index < checklist->section_count; index++) {
        const graph_section *section = &checklist->sections[index];
        if (section->parent != NO_INDEX) continue;
        decimal points, max;
        size_t answered, applicable;
        report_section_points(report, section, &points, &max, &answered, &applicable);
        fprintf(out, "<li><span class=\"swatch\" style=\"background:%s\"></span>",
                section_colour(checklist, index));
        html_escape(out, report_text(report, &section->title, section->name));
        tagged(out, " <b>", arena_printf(&report->scratch, "%s / %s", report_number(report, points),
                                         report_number(report, max)), "</b></li>");
    }
    fputs("</ul>\n", out);
    if (gaps) {
        tagged(out, "<p class=\"chart-gaps\">", html->words->chart_gaps, ": ");
        size_t shown = 0;
        for (size_t index = 0; index < checklist->item_count; index++) {
            size_t node = checklist->items[index];
            const item_outcome *item = &report->result->items[node];
            if (item->option >= 0) continue; /* answered, or counted as an option */
            if (shown++) fputs(", ", out);
            tagged(out, "<b>", report->graph->nodes[node].name, "</b> ");
            html_escape(out, report_item_label(report, node));
            fputs(" (", out);
            item_answer(html, node);
            fputs(")", out);
        }
        fputs("</p>\n", out);
    }
    fputs("</figcaption>\n", out);
}

static void html_radar(html_report *html, const graph_checklist *checklist) {
    FILE *out = html->out;
    report_context *report = html->report;
    const tk_result *result = report->result;
    size_t spokes = checklist->item_count, gaps = 0;
    decimal chart_max = decimal_from_int(0);   /* the figures; the drawing uses doubles */
    for (size_t index = 0; index < spokes; index++) {
        const item_outcome *item = &result->items[checklist->items[index]];
        if (decimal_compare(item->max, chart_max) > 0) chart_max = item->max;
        gaps += item->option < 0;
    }
    double scale_max = decimal_to_double(chart_max);
    radar_geometry geometry = {CHART_WIDTH / 2.0, CHART_HEIGHT / 2.0, CHART_RADIUS, spokes, scale_max};
    const char *title = report_text(report, &checklist->title, checklist->name);
    fputs("<figure class=\"radar\">\n", out);
    fprintf(out, "<svg class=\"radar-chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                 "role=\"img\" aria-label=\"",
            CHART_WIDTH, CHART_HEIGHT, CHART_WIDTH, CHART_HEIGHT);
    html_escape(out, arena_printf(&report->scratch, "%s: %s", html->words->chart, title));
    fputs("\" font-size=\"11\" font-family=\"'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',"
          "Meiryo,sans-serif\">\n", out);
    tagged(out, "<title>", arena_printf(&report->scratch, "%s: %s", html->words->chart, title),
           "</title>\n");
    /* section wedges: one per run of spokes in the same top-level section */
    for (size_t from = 0; from < spokes;) {
        size_t section = top_section(checklist, report->graph->nodes[checklist->items[from]].item->section);
        size_t to = from;
        while (to + 1 < spokes &&
               top_section(checklist, report->graph->nodes[checklist->items[to + 1]].item->section) == section)
            to++;
        if (section != NO_INDEX) section_wedge(out, &geometry, from, to, section_colour(checklist, section));
        from = to + 1;
    }
    area_path(out, &geometry, result, checklist, true);
    /* rings: every whole point up to 10, else quarters */
    long long whole_max = 0;
    bool whole = decimal_to_whole(chart_max, &whole_max) && whole_max <= 10;
    int rings = whole ? (int)whole_max : 4;
    for (int step = 1; step <= rings; step++)
        ring(out, &geometry, scale_max * step / rings, step == rings);
    for (size_t index = 0; index < spokes; index++) {
        size_t node = checklist->items[index];
        bool has_point = result->items[node].option >= 0;
        const char *colour = section_colour(checklist, top_section(checklist, report->graph->nodes[node].item->section));
        radar_point end = radar_point_at(&geometry, index, scale_max);
        fputs("<line class=\"spoke\" x1=\"", out);
        svg_number(out, geometry.cx);
        fputs("\" y1=\"", out);
        svg_number(out, geometry.cy);
        fputs("\" x2=\"", out);
        svg_number(out, end.x);
        fputs("\" y2=\"", out);
        svg_number(out, end.y);
        fprintf(out, "\" stroke=\"%s\" stroke-width=\"%s\"%s/>\n", has_point ? colour : "#9a6700",
                has_point ? "1" : "1.5", has_point ? "" : " stroke-dasharray=\"4 3\"");
    }
    area_path(out, &geometry, result, checklist, false);
    for (int step = 0; step <= rings; step++) {
        decimal value = decimal_from_int(0);
        if (!decimal_mul(chart_max, decimal_from_int(step), &value) ||
            !decimal_div(value, decimal_from_int(rings), &value))
            value = chart_max;
        radar_point at = radar_point_at(&geometry, 0, decimal_to_double(value));
        fputs("<text class=\"ring-label\" x=\"", out);
        svg_number(out, at.x + 4);
        fputs("\" y=\"", out);
        svg_number(out, at.y + (step ? 11 : -3));
        fputs("\" font-size=\"9\" fill=\"#666\">", out);
        html_escape(out, report_number(report, value));
        fputs("</text>\n", out);
    }
    for (size_t index = 0; index < spokes; index++) {
        size_t node = checklist->items[index];
        const item_outcome *item = &result->items[node];
        const char *colour = section_colour(checklist, top_section(checklist, report->graph->nodes[node].item->section));
        if (item->option >= 0) {
            radar_point at = radar_point_at(&geometry, index, decimal_to_double(item->points));
            fputs("<circle class=\"radar-point\" cx=\"", out);
            svg_number(out, at.x);
            fputs("\" cy=\"", out);
            svg_number(out, at.y);
            fprintf(out, "\" r=\"3.5\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1\"/>\n", colour);
        }
        spoke_label(html, &geometry, index, node, colour);
    }
    fputs("</svg>\n", out);
    radar_legend(html, checklist, gaps);
    fputs("</figure>\n", out);
}

/* {=== a checklist ===} */

static void item_rows(html_report *html, const graph_checklist *checklist,
                      const graph_member *members, size_t count, int depth) {
    FILE *out = html->out;
    for (size_t index = 0; index < count; index++) {
        const graph_member *member = &members[index];
        if (member->kind == G_MEMBER_SECTION) {
            const graph_section *section = &checklist->sections[member->index];
            fprintf(out, "<tr class=\"section-row\"><th colspan=\"4\"%s>",
                    depth ? " style=\"padding-left:1.5rem\"" : "");
            html_escape(out, report_text(html->report, &section->title, section->name));
            fputs("</th></tr>\n", out);
            item_rows(html, checklist, section->members, section->member_count, depth + 1);
        } else {
            size_t node = member->index;
            tagged(out, "<tr class=\"item\" data-item=\"", html->report->graph->nodes[node].name, "\">");
            tagged(out, "<td>", html->report->graph->nodes[node].name, "</td>");
            tagged(out, "<td>", report_item_label(html->report, node), "</td><td>");
            item_answer(html, node);
            item_notes(html, node);
            tagged(out, "</td><td class=\"num\">", points_text(html, node), "</td></tr>\n");
        }
    }
}

static void html_items(html_report *html, const graph_checklist *checklist, bool compact) {
    FILE *out = html->out;
    tagged(out, "<h3>", html->words->items, "</h3>\n");
    fprintf(out, "<table class=\"items%s\"><thead><tr>", compact ? " compact" : "");
    tagged(out, "<th>", html->words->number, "</th>");
    tagged(out, "<th>", html->words->item, "</th>");
    tagged(out, "<th>", html->words->answer, "</th>");
    tagged(out, "<th class=\"num\">", html->words->points, "</th></tr></thead><tbody>\n");
    item_rows(html, checklist, checklist->members, checklist->member_count, 0);
    fputs("</tbody></table>\n", out);
}

/* A section's values of every section: "subtotal 3, done pass". */
static void section_value_cell(html_report *html, const graph_checklist *checklist,
                               const graph_section *section) {
    report_context *report = html->report;
    size_t *nodes;
    size_t count = report_section_values(report, checklist, section, &nodes);
    fputs("<td class=\"section-values\">", html->out);
    for (size_t index = 0; index < count; index++) {
        const graph_node *decl = &report->graph->nodes[nodes[index]];
        tagged(html->out, index ? ", <code>" : "<code>", decl->name + strlen(section->name) + 1,
               "</code> ");
        if (decl->kind == NODE_GATE)
            status_badge(html, report->result->gates[nodes[index]].status);
        else
            html_escape(html->out, report_value_text(report, html->words, nodes[index]));
    }
    fputs("</td>", html->out);
}

static void html_subtotals(html_report *html, const graph_checklist *checklist) {
    FILE *out = html->out;
    report_context *report = html->report;
    tagged(out, "<table class=\"subtotals compact\"><caption class=\"note\">", html->words->subtotals,
           "</caption><thead><tr>");
    tagged(out, "<th>", html->words->section, "</th>");
    tagged(out, "<th class=\"num\">", html->words->points, "</th>");
    tagged(out, "<th class=\"num\">", html->words->answered_column, "</th>");
    bool section_values = false;
    for (size_t index = 0; index < checklist->section_count; index++) {
        size_t *nodes;
        section_values |= report_section_values(report, checklist, &checklist->sections[index],
                                                 &nodes) > 0;
    }
    if (section_values) tagged(out, "<th>", html->words->values, "</th>");
    fputs("</tr></thead><tbody>\n", out);
    for (size_t index = 0; index < checklist->section_count; index++) {
        const graph_section *section = &checklist->sections[index];
        decimal points, max;
        size_t answered, applicable;
        report_section_points(report, section, &points, &max, &answered, &applicable);
        fprintf(out, "<tr class=\"subtotal\"><td%s><span class=\"swatch\" style=\"background:%s\"></span>",
                section->parent != NO_INDEX ? " style=\"padding-left:1.5rem\"" : "",
                section_colour(checklist, top_section(checklist, index)));
        html_escape(out, report_text(report, &section->title, section->name));
        tagged(out, "</td><td class=\"num\">",
               arena_printf(&report->scratch, "%s / %s", report_number(report, points),
                            report_number(report, max)),
               "</td>");
        tagged(out, "<td class=\"num\">",
               arena_printf(&report->scratch, "%zu / %zu", answered, applicable), "</td>");
        if (section_values) section_value_cell(html, checklist, section);
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

static void html_gaps(html_report *html, const graph_checklist *checklist) {
    FILE *out = html->out;
    report_context *report = html->report;
    size_t *gaps;
    size_t count = report_gaps(report, checklist, &gaps);
    tagged(out, "<h3>", html->words->gaps, "</h3>\n");
    if (count == 0) {
        tagged(out, "<p class=\"no-gaps\">", html->words->no_gaps, "</p>\n");
        return;
    }
    fputs("<table class=\"gaps compact\"><thead><tr>", out);
    tagged(out, "<th>", html->words->number, "</th>");
    tagged(out, "<th>", html->words->item, "</th>");
    tagged(out, "<th>", html->words->answer, "</th>");
    tagged(out, "<th>", html->words->best_answer, "</th>");
    tagged(out, "<th class=\"num\">", html->words->gain, "</th></tr></thead><tbody>\n");
    for (size_t index = 0; index < count; index++) {
        size_t node = gaps[index];
        tagged(out, "<tr class=\"gap\" data-item=\"", report->graph->nodes[node].name, "\">");
        tagged(out, "<td>", report->graph->nodes[node].name, "</td>");
        tagged(out, "<td>", report_item_label(report, node), "</td><td>");
        item_answer(html, node);
        tagged(out, " <span class=\"note\">", points_text(html, node), "</span></td>");
        tagged(out, "<td>", report_best_option(report, node), "</td>");
        tagged(out, "<td class=\"num\">+",
               report_number(report, report_item_gain(report, node)), "</td></tr>\n");
    }
    fputs("</tbody></table>\n", out);
}

/* Items under Exclusions: those that do not count, and those whose
   exclusion expired. */
static bool listed_as_exclusion(const item_outcome *item) {
    return !report_state_applies(item->state) || item->expired != NO_INDEX;
}

static void html_exclusions(html_report *html, const graph_checklist *checklist) {
    FILE *out = html->out;
    report_context *report = html->report;
    size_t count = 0;
    for (size_t index = 0; index < checklist->item_count; index++) {
        count += listed_as_exclusion(&report->result->items[checklist->items[index]]);
    }
    if (count == 0) return;
    tagged(out, "<h3>", html->words->exclusions, "</h3>\n<table class=\"exclusions compact\"><thead><tr>");
    tagged(out, "<th>", html->words->number, "</th>");
    tagged(out, "<th>", html->words->item, "</th>");
    tagged(out, "<th></th><th>", html->words->reason, "</th></tr></thead><tbody>\n");
    for (size_t index = 0; index < checklist->item_count; index++) {
        size_t node = checklist->items[index];
        if (!listed_as_exclusion(&report->result->items[node])) continue;
        tagged(out, "<tr class=\"exclusion\" data-item=\"", report->graph->nodes[node].name, "\">");
        tagged(out, "<td>", report->graph->nodes[node].name, "</td>");
        tagged(out, "<td>", report_item_label(report, node), "</td><td>");
        item_answer(html, node);
        fputs("</td><td>", out);
        item_reason(html, node);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

static void html_summary(html_report *html, const graph_checklist *checklist) {
    FILE *out = html->out;
    checklist_summary summary = report_summarize(html->report, checklist);
    const report_words *words = html->words;
    fprintf(out, "<p class=\"summary\">%s%zu%s%zu%s", words->answered_prefix,
            summary.states[STATE_ANSWERED], words->answered_middle, summary.applicable,
            words->answered_suffix);
    for (size_t state = 0; state < ITEM_STATE_COUNT; state++)
        if (!report_state_applies((item_state)state) && summary.states[state])
            fprintf(out, " · %s %zu", words->state[state].word, summary.states[state]);
    fputs("</p>\n", out);
}

static void html_checklist(html_report *html, const graph_checklist *checklist) {
    FILE *out = html->out;
    report_context *report = html->report;
    const char *title = report_text(report, &checklist->title, "");
    fputs("<section class=\"checklist\" data-checklist=\"", out);
    html_escape(out, checklist->name);
    fputs("\">\n<h2>", out);
    html_escape(out, *title ? title : checklist->name);
    tagged(out, " <code>", checklist->name, "</code></h2>\n");
    size_t total = report_checklist_value(report, checklist, "total");
    size_t max = report_checklist_value(report, checklist, "max");
    bool headline = total != NO_INDEX && max != NO_INDEX &&
                    report->graph->nodes[total].kind == NODE_VALUE &&
                    report->graph->nodes[max].kind == NODE_VALUE;
    if (headline) {
        const char *total_title = report_text(report, &report->graph->nodes[total].value->title,
                                              html->words->total);
        tagged(out, "<p class=\"totals\"><span class=\"score\">",
               arena_printf(&report->scratch, "%s / %s",
                            report_value_text(report, html->words, total),
                            report_value_text(report, html->words, max)),
               "</span>");
        tagged(out, "<span>", total_title, "</span>");
        if (report->result->values[total].kind == EV_UNKNOWN)
            tagged(out, " <span class=\"note\">(", html->words->not_in_total, ")</span>");
        fputs("</p>\n", out);
    } else {
        total = max = NO_INDEX;
    }
    html_summary(html, checklist);
    if (checklist->section_count) html_subtotals(html, checklist);
    bool radar = wants_radar(report, checklist);
    if (radar) html_radar(html, checklist);
    html_items(html, checklist, !radar);
    html_values(html, checklist->values, checklist->value_count, total, max);
    html_gaps(html, checklist);
    html_exclusions(html, checklist);
    fputs("</section>\n", out);
}

/* {=== stage ladders ===} */

static void html_ladder(html_report *html, size_t node) {
    FILE *out = html->out;
    report_context *report = html->report;
    const graph_stages *ladder = report->graph->nodes[node].stages;
    const ladder_outcome *outcome = &report->result->ladders[node];
    const char *title = report_text(report, &ladder->title, "");
    fputs("<section class=\"stages\" data-stages=\"", out);
    const char *name = report->graph->nodes[node].name;
    html_escape(out, name);
    fputs("\">\n<h2>", out);
    html_escape(out, *title ? title : name);
    tagged(out, " <code>", name, "</code></h2>\n");
    fputs("<p class=\"current-stage\">", out);
    if (outcome->current == NO_INDEX) {
        html_escape(out, html->words->no_stage);
    } else {
        const graph_stage *stage = &ladder->stages[outcome->current];
        html_escape(out, html->words->current);
        fputs(": <strong>", out);
        html_escape(out, stage->id);
        tagged(out, " ", report_text(report, &stage->title, ""), "</strong>");
    }
    fputs("</p>\n<ol class=\"ladder\">\n", out);
    for (size_t index = 0; index < ladder->stage_count; index++) {
        const graph_stage *stage = &ladder->stages[index];
        const char *state = index == outcome->current ? "current"
                            : outcome->entered[index]  ? "entered"
                            : index == outcome->next   ? "next"
                                                       : "later";
        fprintf(out, "<li class=\"%s%s\" data-stage=\"", state, stage->is_during ? " during" : "");
        html_escape(out, stage->id);
        tagged(out, "\"><span class=\"stage-id\">", stage->id, "</span>");
        html_escape(out, report_text(report, &stage->title, ""));
        if (stage->is_during)
            tagged(out, " (",
                   outcome->entered[index] ? html->words->during_active : html->words->during, ")");
        else if (outcome->entered[index] && index != outcome->current)
            fputs(" <span class=\"note\">✓</span>", out);
        fputs("</li>\n", out);
    }
    fputs("</ol>\n", out);
    if (outcome->next == NO_INDEX) {
        if (outcome->current != NO_INDEX)
            tagged(out, "<p class=\"note\">", html->words->last_stage, "</p>\n");
        fputs("</section>\n", out);
        return;
    }
    const graph_stage *next = &ladder->stages[outcome->next];
    fputs("<div class=\"next-stage\" data-stage=\"", out);
    html_escape(out, next->id);
    tagged(out, "\">\n<h3>", html->words->next_stage, ": ");
    html_escape(out, next->id);
    tagged(out, " ", report_text(report, &next->title, ""), "</h3>\n<p>");
    status_badge(html, outcome->next_status);
    tagged(out, " ", html->words->condition, ": ");
    tagged(out, "<code>", report_condition_text(&next->enter_when), "</code></p>\n");
    size_t *gates;
    size_t count = report_condition_gates(report, next->enter_when.expr, &gates);
    for (size_t index = 0; index < count; index++) html_gate(html, gates[index], true);
    fputs("</div>\n</section>\n", out);
}

/* {=== bands ===} */

/* A bands declaration: the band reached (or a badge: pending, n/a, none),
   the value, and every band with its bounds, the reached one highlighted. */
static void html_bands(html_report *html, size_t node) {
    FILE *out = html->out;
    report_context *report = html->report;
    const graph_bands *bands = report->graph->nodes[node].bands;
    int reached = eval_band(report->result, node);
    const char *title = report_text(report, &bands->title, "");
    const char *name = report->graph->nodes[node].name;
    fputs("<section class=\"bands\" data-bands=\"", out);
    html_escape(out, name);
    fputs("\">\n<h2>", out);
    html_escape(out, *title ? title : name);
    tagged(out, " <code>", name, "</code></h2>\n<p class=\"band\">");
    if (reached >= BAND_FIRST) {
        const graph_band *band = &bands->bands[reached - BAND_FIRST];
        tagged(out, "<strong>", band->id, "</strong>");
        html_escape(out, report_text(report, &band->title, ""));
    } else {
        tagged(out, "<span class=\"status status-pending\">",
               report_band_name(report, html->words, node), "</span>");
    }
    tagged(out, " — <code>", bands->written, "</code> = ");
    html_escape(out, report_value_text(report, html->words, node));
    fprintf(out, "</p>\n<table class=\"bands\">\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
            html->words->band, html->words->bounds, html->words->name);
    for (size_t index = 0; index < bands->band_count; index++) {
        const graph_band *band = &bands->bands[index];
        fprintf(out, "<tr%s data-band=\"", reached == BAND_FIRST + (int)index ? " class=\"reached\""
                                                                            : "");
        html_escape(out, band->id);
        tagged(out, "\"><td>", band->id, "</td>");
        tagged(out, "<td><code>", band_bounds_text(&report->scratch, band), "</code></td>");
        tagged(out, "<td>", report_text(report, &band->title, ""), "</td></tr>\n");
    }
    fputs("</table>\n</section>\n", out);
}

void html_result(report_context *report) {
    html_report html = {report, report->words, report->stream};
    const tk_graph *graph = report->graph;
    fprintf(html.out, "<section class=\"answer-set\" lang=\"%s\">\n", report->lang);
    html_header(&html);
    html_facts(&html);
    for (size_t index = 0; index < graph->ladder_count; index++)
        html_ladder(&html, graph->ladders[index]);
    for (size_t index = 0; index < graph->band_set_count; index++)
        html_bands(&html, graph->band_sets[index]);
    for (size_t index = 0; index < graph->checklist_count; index++)
        html_checklist(&html, &graph->checklists[index]);
    if (graph->value_count) {
        tagged(html.out, "<section class=\"overall\">\n<h2>", html.words->overall, "</h2>\n");
        html_values(&html, graph->values, graph->value_count, NO_INDEX, NO_INDEX);
        fputs("</section>\n", html.out);
    }
    fputs("</section>\n", html.out);
}

/* {=== the diff of two results ===} */

static const char diff_style[] =
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
    "th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left}"
    "th{background:#f3f3f3}td.up{color:#176f2c;font-weight:bold}"
    "td.down{color:#b42318;font-weight:bold}p.files{color:#555}";

static void diff_table_html(FILE *stream, const diff_table *table) {
    tagged(stream, "<h2>", table->heading, "</h2>\n");
    fputs("<table>\n<tr>", stream);
    for (size_t column = 0; column < table->columns; column++)
        tagged(stream, "<th>", table->head[column], "</th>");
    fputs("</tr>\n", stream);
    for (size_t row = 0; row < table->row_count; row++) {
        const diff_row *cells = &table->rows[row];
        fputs("<tr>", stream);
        for (size_t column = 0; column < table->columns; column++) {
            if (cells->delta_class && column + 1 == table->columns)
                fprintf(stream, "<td class=\"%s\">", cells->delta_class);
            else
                fputs("<td>", stream);
            html_escape(stream, cells->cells[column]);
            fputs("</td>", stream);
        }
        fputs("</tr>\n", stream);
    }
    fputs("</table>\n", stream);
}

void html_diff(diff_run *run) {
    FILE *stream = run->stream;
    fprintf(stream, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<title>tenken diff</title>\n<style>%s</style>\n</head>\n<body>\n",
            run->lang, diff_style);
    diff_set *set;
    while ((set = diff_next(run))) {
        tagged(stream, "<h1>", diff_subject(set->new.result->answers), "</h1>\n");
        tagged(stream, "<p class=\"files\">", diff_files_line(set), "</p>\n");
        diff_table tables[DIFF_KIND_COUNT];
        diff_tables(set, tables);
        for (size_t kind = 0; kind < DIFF_KIND_COUNT; kind++)
            if (tables[kind].row_count) diff_table_html(stream, &tables[kind]);
        if (set->count == 0) fprintf(stream, "<p>%s</p>\n", run->words->diff_no_changes_sentence);
    }
    fputs("</body>\n</html>\n", stream);
}
