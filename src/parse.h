/*
 * parse.h — the entry to the scanner and parser (grammar/lexer.l,
 * grammar/parser.y): one rule file in, one syntax tree out, with every
 * syntax error reported to the diagnostics list.
 */
#ifndef TK_PARSE_H
#define TK_PARSE_H

#include "ast.h"
#include "diag.h"

/* State the scanner keeps per file (flex's yyextra); nothing is global. */
typedef struct lexer_state {
    const source *file;
    diag_list *diags;
    arena *region;
    uint32_t offset;        /* byte offset of the next token */
} lexer_state;

/* State the parser's actions share. */
typedef struct parse_context {
    const source *file;
    diag_list *diags;
    arena *region;
    ast_module *module;
    size_t syntax_errors;   /* reported so far, so a rule can tell if one fell inside it */
} parse_context;

/* Parse one file. Returns the tree (possibly partial when there were
   errors; the caller checks the diagnostics list). Never NULL. */
ast_module *parse_module(arena *region, const source *file, diag_list *diags);

#endif
