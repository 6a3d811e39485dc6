/*
 * yaml_node.c — node positions and kind checks for the YAML readers. libyaml
 * counts columns in characters; diagnostics want byte offsets.
 */
#include "yaml_node.h"

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
