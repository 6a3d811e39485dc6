/*
 * yaml_node.c — node positions and kind checks for the YAML readers. libyaml
 * counts columns in characters; diagnostics want byte offsets.
 */
#include "answers/yaml_node.h"

#include <stdarg.h>

void yaml_node_span(const source *file, const yaml_node_t *node, uint32_t *start,
                    uint32_t *end) {
    *start = source_offset_at(file, node->start_mark.line, node->start_mark.column);
    *end = source_offset_at(file, node->end_mark.line, node->end_mark.column);
    if (node->type != YAML_SCALAR_NODE || *end <= *start) *end = *start + 1;
}

diagnostic *yaml_report_va(const yaml_place *place, diag_code code, const yaml_node_t *node,
                           const char *format, va_list arguments) {
    uint32_t start, end;
    yaml_node_span(place->file, node, &start, &end);
    return diag_report_va(place->diags, place->severity, code, place->file, start, end, format,
                          arguments);
}

static diagnostic *report(const yaml_place *place, diag_code code, const yaml_node_t *node,
                          const char *format, ...) __attribute__((format(printf, 4, 5)));

static diagnostic *report(const yaml_place *place, diag_code code, const yaml_node_t *node,
                          const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    diagnostic *record = yaml_report_va(place, code, node, format, arguments);
    va_end(arguments);
    return record;
}

static const char *kind_words(yaml_node_type_t type) {
    switch (type) {
    case YAML_SCALAR_NODE: return "a single value";
    case YAML_SEQUENCE_NODE: return "a list";
    default: return "a mapping";
    }
}

bool yaml_expect_kind(const yaml_place *place, const yaml_node_t *node, yaml_node_type_t kind,
                      const char *what) {
    if (node->type == kind) return true;
    const char *wanted = kind == YAML_MAPPING_NODE ? "a mapping (key: value lines)"
                                                   : kind_words(kind);
    diagnostic *record = report(place, DIAG_TK0502, node, "%s must be %s", what, wanted);
    diag_set_help(place->diags, record, "found %s here", kind_words(node->type));
    return false;
}

/* An offset at the very end of an answer set is shown at the end of its
   last line, where the set stops short, not on the blank line after it. */
static uint32_t within_text(const source *file, uint32_t offset) {
    if (offset < file->length) return offset;
    uint32_t end = (uint32_t)file->length;
    while (end > 0 && (file->text[end - 1] == '\n' || file->text[end - 1] == '\r')) end--;
    return end;
}

void yaml_report_parser_error(const source *file, const yaml_parser_t *parser,
                              diag_list *diags) {
    /* libyaml could not get memory: the call fails as when an arena cannot.
       Some of its allocations fail with no error set (yaml_strdup of a
       tag in the loader); nothing else fails without one. */
    if (parser->error == YAML_MEMORY_ERROR || parser->error == YAML_NO_ERROR)
        arena_out_of_memory(&diags->region);
    yaml_mark_t mark = parser->problem_mark;
    uint32_t offset = within_text(file, source_offset_at(file, mark.line, mark.column));
    const char *problem = parser->problem ? parser->problem : "malformed YAML or JSON";
    diagnostic *record = diag_report(diags, SEVERITY_ERROR, DIAG_TK0501, file, offset,
                                     offset + 1, "%s", problem);
    if (parser->context) {
        uint32_t context_offset = within_text(file, source_offset_at(file, parser->context_mark.line, parser->context_mark.column));
        diag_add_note(diags, record, file, context_offset, context_offset + 1, "%s",
                      parser->context);
    }
    diag_set_help(diags, record,
                  "check the indentation and quoting here; quote values that contain ': ' or "
                  "start with a special character");
}

bool yaml_another_document(const source *file, yaml_parser_t *parser, diag_list *diags,
                           uint32_t *offset) {
    yaml_document_t rest;
    if (!yaml_parser_load(parser, &rest)) {
        yaml_report_parser_error(file, parser, diags);
        return false;
    }
    const yaml_node_t *root = yaml_document_get_root_node(&rest);
    if (root) *offset = source_offset_at(file, root->start_mark.line, root->start_mark.column);
    yaml_document_delete(&rest);
    return root != NULL;
}
