/*
 * parse.h — the entry to the scanner and parser (grammar/lexer.l,
 * grammar/parser.y): one rule file in, one syntax tree out, with every
 * syntax error reported to the diagnostics list.
 */
#ifndef TK_PARSE_H
#define TK_PARSE_H

#include "lang/ast.h"
#include "base/diag.h"

/* State the scanner keeps per file (flex's yyextra); nothing is global. */
typedef struct lexer_state {
    const source *file;
    diag_list *diags;
    arena *region;
    uint32_t offset;        /* byte offset of the next token */
    bool comments;          /* return comments as COMMENT tokens (tenken fmt); the
                               parser never sets it */
} lexer_state;

/* State the parser's actions share. */
typedef struct parse_context {
    const source *file;
    diag_list *diags;
    arena *region;
    ast_module *module;
    size_t syntax_errors;   /* reported so far, so a rule can tell if one fell inside it */
} parse_context;

/* One token as scanned: its kind (a token number of grammar/parser.h, such
   as KW_ITEM, '{' or COMMENT; 0 at the end) and its bytes in the file. */
typedef struct lex_token {
    int kind;
    uint32_t start, end;
} lex_token;

/* Scan a whole file with the language's scanner, without parsing it: the
   tokens in order, then one of kind 0 at the end of the file (not counted in
   *count), allocated in region. With `comments`, every comment is a COMMENT
   token. Bad bytes and strings are reported to diags as the parser's scan
   reports them. */
lex_token *lex_scan(arena *region, const source *file, diag_list *diags, bool comments,
                    size_t *count);

/* Parse one file. Returns the tree (possibly partial when there were
   errors; the caller checks the diagnostics list). Never NULL. */
ast_module *parse_module(arena *region, const source *file, diag_list *diags);

#endif
