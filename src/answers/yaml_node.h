/*
 * yaml_node.h — what tenken's two YAML readers (answer files, answers for a
 * framework) share about libyaml's nodes: where a node is in its file, and a
 * node of the wrong kind reported the same way by both.
 */
#ifndef TK_YAML_NODE_H
#define TK_YAML_NODE_H

#include <stdbool.h>
#include <stdint.h>
#include <yaml.h>

#include "base/diag.h"
#include "base/source.h"

/* Where diagnostics about a document's nodes go. */
typedef struct yaml_place {
    const source *file;
    diag_list *diags;
    diag_severity severity;
} yaml_place;

/* A node's bytes: its start, and its end (one byte for a non-scalar). */
void yaml_node_span(const source *file, const yaml_node_t *node, uint32_t *start,
                    uint32_t *end);

diagnostic *yaml_report_va(const yaml_place *place, diag_code code, const yaml_node_t *node,
                           const char *format, va_list arguments)
    __attribute__((format(printf, 4, 0)));

/* False, with TK0502 ("WHAT must be a mapping" …), when the node is not of
   the kind wanted. */
bool yaml_expect_kind(const yaml_place *place, const yaml_node_t *node, yaml_node_type_t kind,
                      const char *what);

/* TK0501 for what libyaml could not parse, at its problem (and a note at
   its context); a place at the very end of the text is shown at the end of
   the last line, where the text stops short. */
void yaml_report_parser_error(const source *file, const yaml_parser_t *parser,
                              diag_list *diags);

/* After a document has been loaded: whether another follows (its root at
   *offset), so a reader can refuse it rather than drop it in silence. What
   does not parse is reported. */
bool yaml_another_document(const source *file, yaml_parser_t *parser, diag_list *diags,
                           uint32_t *offset);

#endif
