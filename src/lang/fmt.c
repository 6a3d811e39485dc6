/*
 * fmt.c — tenken fmt, in three steps. The file is scanned by the language's
 * one scanner with comments kept (lex_scan). Every token then gets its roles
 * in the layout from its kind and the tokens before it: does it begin a
 * statement, may a line break before it be kept, is it part of a text, an
 * operator, an option key to align. Last the tokens are written out with the
 * indentation and spacing those roles call for (doc/fmt.md has the rules).
 * The parser only decides whether a file may be formatted; the layout is
 * scanned again and must give the same tokens, so formatting never changes
 * what a file means.
 */
#include "config.h"

#include "lang/fmt.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "lang/parse.h"
#include "base/source.h"
#include "base/utf8.h"

#include "grammar/parser.h"

enum { INDENT_WIDTH = 2, NO_COLUMN = SIZE_MAX, NO_TOKEN = SIZE_MAX };

/* What a token does in the layout. */
enum {
    ROLE_STARTS = 1u << 0,        /* begins a statement: always on a new line */
    ROLE_BREAK = 1u << 1,         /* a line break before it is kept */
    ROLE_TEXT_FIRST = 1u << 2,    /* the first part of a text */
    ROLE_TEXT_NEXT = 1u << 3,     /* a later part of a text: aligned under the first */
    ROLE_OPERATOR = 1u << 4,      /* a binary operator, then or else */
    ROLE_EXPRESSION = 1u << 5,    /* the first token of an expression */
    ROLE_AFTER_PAREN = 1u << 6,   /* the first token inside parentheses */
    ROLE_GLUE_BEFORE = 1u << 7,   /* no space before it */
    ROLE_GLUE_AFTER = 1u << 8,    /* no space after it */
    ROLE_OPEN = 1u << 9,          /* '{' */
    ROLE_CLOSE = 1u << 10,        /* '}' */
    ROLE_KEY = 1u << 11,          /* an option's key: padded so the points line up */
};

typedef struct fmt_token {
    int kind;
    uint32_t start, end;
    unsigned newlines;      /* line breaks between the previous token and this one */
    unsigned roles;
    size_t statement;       /* the statement a code token belongs to */
    size_t block;           /* '{', '}' and keys: the index of the block's '{' */
    size_t key_width;       /* '{' of an options block: its widest key */
} fmt_token;

typedef struct fmt_statement {
    unsigned depth;         /* blocks around it: indented INDENT_WIDTH × depth */
    bool opens_block;       /* it has a body in braces */
} fmt_statement;

typedef struct layout {
    arena *region;
    const source *file;
    fmt_token *tokens;
    size_t count;
    fmt_statement *statements;
    size_t statement_count, statement_capacity;
} layout;

/* {=== token classes ===} */

/* Keywords that begin a declaration, a member, a field, a stage or start of
   a ladder, a band, a change of a variant or a line of a test, where a statement can
   begin. */
static bool statement_keyword(int kind) {
    switch (kind) {
    case KW_TENKEN: case KW_MODULE: case KW_IMPORT: case KW_SCALE: case KW_FACT:
    case KW_CHECKLIST: case KW_SECTION: case KW_ITEM: case KW_LET: case KW_SCORE:
    case KW_GATE: case KW_SOURCE: case KW_LABEL: case KW_TEXT: case KW_QUESTION:
    case KW_NOTE: case KW_PRINTED: case KW_OPTIONS: case KW_WEIGHT: case KW_TAGS:
    case KW_EXCLUDE: case KW_ONLY: case KW_STAGES: case KW_STAGE: case KW_START:
    case KW_BANDS: case KW_BAND:
    case KW_VARIANT: case KW_INCLUDE: case KW_TEST: case KW_GIVEN: case KW_EXPECT:
    case KW_FRAMEWORK: case KW_CLAUSE: case KW_OBJECTIVE: case KW_CONTROL: case KW_DETAIL:
    case KW_MAP: case KW_NEW: case KW_REF:
        return true;
    default:
        return false;
    }
}

/* Tokens after which an operand comes: there `item`, `gate`, `stage`,
   `section`, `checklist` and `weight` are part of an expression, not the
   start of a statement, and `-` is a sign. */
static bool expects_operand(int kind) {
    switch (kind) {
    case '=': case OP_EQ_TOKEN: case OP_NE_TOKEN: case '<': case OP_LE_TOKEN: case '>':
    case OP_GE_TOKEN: case '+': case '-': case '*': case '/': case '(': case ',': case ':':
    case KW_AND: case KW_OR: case KW_NOT: case KW_IF: case KW_THEN: case KW_ELSE:
    case KW_WHEN: case KW_EXPECT: case KW_OF: case KW_IS: case KW_AS:
    case KW_EVERY: case KW_APPLIED: case KW_SELECTS: case KW_IN: case DOTDOT:
        return true;
    default:
        return false;
    }
}

static bool binary_operator(int kind) {
    switch (kind) {
    case KW_AND: case KW_OR: case OP_EQ_TOKEN: case OP_NE_TOKEN: case '<': case OP_LE_TOKEN:
    case '>': case OP_GE_TOKEN: case '+': case '*': case '/':
        return true;
    default:
        return false;
    }
}

static bool relation_keyword(int kind) {
    switch (kind) {
    case KW_EQUIVALENT: case KW_EQUAL: case KW_SUBSET_OF: case KW_SUPERSET_OF:
    case KW_INTERSECTS: case KW_NO_RELATIONSHIP:
        return true;
    default:
        return false;
    }
}

/* Tokens after which a string is an id, a name, an alias or a value, not
   the first part of a text. */
static bool string_is_not_text_after(int kind) {
    switch (kind) {
    case KW_ITEM: case '.': case KW_STAGE: case KW_START: case KW_DURING: case DOTDOT: case KW_BAND:
    case KW_TEST: case KW_ALIAS: case KW_BLOCKING: case KW_WAITING: case KW_TAGS:
    case KW_CLAUSE: case KW_OBJECTIVE: case KW_CONTROL: case KW_DETAIL: case KW_EDITION:
    case KW_NEW: case ':':
        return true;
    default:
        return relation_keyword(kind);
    }
}

/* In a map, a row begins with its source id unless that string continues
   the row before: its target, or a note or source text. */
static bool map_row_starts(int kind, int previous) {
    if (kind != STRING && kind != NUMBER && kind != IDENT) return false;
    return !relation_keyword(previous) && previous != KW_NEW && previous != KW_JA &&
           previous != KW_EN && previous != KW_NOTE && previous != KW_SOURCE;
}

/* Fields whose text stays on the field's line. */
static bool field_keyword(int kind) {
    switch (kind) {
    case KW_LABEL: case KW_TEXT: case KW_QUESTION: case KW_NOTE: case KW_SOURCE:
    case KW_PRINTED: case KW_BECAUSE:
        return true;
    default:
        return false;
    }
}

/* Keywords a long statement may be broken before. */
static bool break_keyword(int kind) {
    switch (kind) {
    case KW_BECAUSE: case KW_ENTER: case KW_DURING: case KW_ALIAS: case KW_BLOCKING:
    case KW_WAITING: case KW_UNTIL: case KW_SHOWN:
        return true;
    default:
        return false;
    }
}

/* {=== classifying ===} */

typedef struct open_block {
    size_t open;            /* index of its '{' */
    size_t statement;       /* the statement the block belongs to */
    int head;               /* that statement's first token */
    bool options;           /* options of a scale or an item */
    bool map;               /* the rows of a map */
} open_block;

static size_t new_statement(layout *run, unsigned depth) {
    fmt_statement *entry = ARENA_PUSH(run->region, run->statements, run->statement_count,
                                      run->statement_capacity);
    entry->depth = depth;
    entry->opens_block = false;
    return run->statement_count - 1;
}

/* Give every code token its roles. The file has no syntax errors, so a few
   facts about the grammar are enough: a statement begins with one of its
   keywords (or, in options, with a key) wherever no operand is expected;
   what follows `.`, `module`, `import` and `extends` is a name. */
static void classify(layout *run) {
    open_block *blocks = NULL;
    size_t depth = 0, block_capacity = 0;
    size_t statement = new_statement(run, 0);
    int head = 0, previous = 0;
    unsigned parens = 0, previous_roles = 0;
    bool previous_name = false, previous_in_text = false;
    for (size_t index = 0; index < run->count; index++) {
        fmt_token *token = &run->tokens[index];
        int kind = token->kind;
        if (kind == COMMENT) continue;
        bool options = depth > 0 && blocks[depth - 1].options;
        bool map_rows = depth > 0 && blocks[depth - 1].map;
        bool row_start = map_rows && map_row_starts(kind, previous);
        bool row_field = map_rows && (head == STRING || head == NUMBER || head == IDENT ||
                                      head == KW_NEW) &&
                         (kind == KW_NOTE || kind == KW_SOURCE);
        bool name = previous == '.' ||
                    (!previous_name && (previous == KW_MODULE || previous == KW_IMPORT ||
                                        previous == KW_EXTENDS));
        bool operand = !previous_name && expects_operand(previous);
        bool in_text = false;
        unsigned roles = 0;
        if (!name && parens == 0 && !operand &&
            ((statement_keyword(kind) && !(kind == KW_VARIANT && head == KW_TEST) && !row_field) ||
             (kind == IDENT && options) || row_start)) {
            roles |= ROLE_STARTS;
            statement = new_statement(run, (unsigned)depth);
            head = kind;
            if (kind == IDENT && options) {
                fmt_token *open = &run->tokens[blocks[depth - 1].open];
                size_t width = token->end - token->start;
                roles |= ROLE_KEY;
                token->block = blocks[depth - 1].open;
                if (width > open->key_width) open->key_width = width;
            }
        }
        token->statement = statement;
        switch (kind) {
        case '{':
            roles |= ROLE_OPEN;
            run->statements[statement].opens_block = true;
            *ARENA_PUSH(run->region, blocks, depth, block_capacity) = (open_block){
                index, statement, head, head == KW_SCALE || head == KW_OPTIONS, head == KW_MAP};
            token->block = index;
            break;
        case '}':
            roles |= ROLE_CLOSE;
            if (depth > 0) {
                depth--;
                token->block = blocks[depth].open;
                statement = blocks[depth].statement;
                head = blocks[depth].head;
                token->statement = statement;
            }
            break;
        case '(':
            roles |= ROLE_GLUE_AFTER;
            if (previous == KW_ENUM || (previous == IDENT && head != KW_IMPORT))
                roles |= ROLE_GLUE_BEFORE;
            parens++;
            break;
        case ')':
            roles |= ROLE_GLUE_BEFORE;
            if (parens > 0) parens--;
            break;
        case ',':
            roles |= ROLE_GLUE_BEFORE;
            break;
        case '.':
            roles |= ROLE_GLUE_BEFORE | ROLE_GLUE_AFTER;
            break;
        case ':':
            if (head == KW_REF) roles |= ROLE_GLUE_BEFORE | ROLE_GLUE_AFTER;
            break;
        default:
            break;
        }
        if (!name) {
            bool sign = kind == '-' && (operand || (options && (previous_roles & ROLE_KEY)));
            if (kind == '-' && sign) roles |= ROLE_GLUE_AFTER;
            if (binary_operator(kind) || (kind == '-' && !sign) || kind == KW_THEN ||
                kind == KW_ELSE)
                roles |= ROLE_OPERATOR | ROLE_BREAK;
            if (break_keyword(kind)) roles |= ROLE_BREAK;
            if (kind == KW_WHEN && previous != KW_EXCLUDE && previous != KW_ONLY &&
                previous != KW_ENTER)
                roles |= ROLE_BREAK;
            if (kind == '=' && parens == 0 &&
                (head == KW_LET || head == KW_SCORE || head == KW_GATE || head == KW_FACT))
                roles |= ROLE_BREAK;
            if (parens == 0 &&
                (previous == '=' || previous == KW_WHEN || previous == KW_EXPECT))
                roles |= ROLE_EXPRESSION;
            if (kind == KW_JA || kind == KW_EN) {
                roles |= previous_in_text ? ROLE_TEXT_NEXT | ROLE_BREAK : ROLE_TEXT_FIRST;
            } else if (kind == STRING) {
                if (!previous_name && (previous == KW_JA || previous == KW_EN)) {
                    in_text = true;
                } else if (!operand && !string_is_not_text_after(previous) && !row_start) {
                    roles |= ROLE_TEXT_FIRST;
                    in_text = true;
                }
            }
            if ((roles & ROLE_TEXT_FIRST) && !options && !field_keyword(previous))
                roles |= ROLE_BREAK;
        }
        if (previous == '(') roles |= ROLE_AFTER_PAREN;
        token->roles = roles;
        previous = kind;
        previous_roles = roles;
        previous_name = name;
        previous_in_text = in_text;
    }
}

/* {=== writing ===} */

typedef struct writer {
    layout *run;
    char *text;
    size_t length, capacity;
    size_t line_start;          /* offset of the current line in text */
    size_t text_column;         /* where the current text's first part is */
    size_t expression_column;   /* where the current expression begins, or NO_COLUMN */
    size_t *paren_columns;      /* per open parenthesis: its first token's column */
    size_t paren_depth, paren_capacity;
    size_t last_code;           /* the last code token written, or NO_TOKEN */
    bool comment_since_code;    /* a comment was written after it */
    bool force_break;           /* the line ends in a comment */
    bool block_start;           /* nothing but '{' and its comment in the block yet */
} writer;

static void put(writer *out, const char *bytes, size_t length) {
    out->text = arena_grow(out->run->region, out->text, &out->capacity, out->length + length + 1,
                           1);
    memcpy(out->text + out->length, bytes, length);
    out->length += length;
    out->text[out->length] = '\0';
}

static void put_spaces(writer *out, size_t count) {
    for (size_t index = 0; index < count; index++) put(out, " ", 1);
}

static void new_line(writer *out, bool blank, size_t indent) {
    put(out, blank ? "\n\n" : "\n", blank ? 2 : 1);
    out->line_start = out->length;
    put_spaces(out, indent);
}

static size_t current_column(const writer *out) {
    return utf8_display_width(out->text + out->line_start, out->length - out->line_start);
}

static size_t statement_indent(const writer *out, const fmt_token *token) {
    return INDENT_WIDTH * (size_t)out->run->statements[token->statement].depth;
}

/* Where a token goes when it begins a continuation line of its statement. */
static size_t continuation_indent(const writer *out, const fmt_token *token) {
    if (token->roles & ROLE_TEXT_NEXT) return out->text_column;
    if (token->roles & ROLE_OPERATOR) {
        if (out->paren_depth > 0 && out->paren_columns[out->paren_depth - 1] != NO_COLUMN)
            return out->paren_columns[out->paren_depth - 1];
        if (out->expression_column != NO_COLUMN) return out->expression_column;
    }
    const fmt_statement *statement = &out->run->statements[token->statement];
    return INDENT_WIDTH * (size_t)statement->depth +
           (statement->opens_block ? 2 * INDENT_WIDTH : INDENT_WIDTH);
}

/* A comment's text without trailing white space (and a CR before LF). */
static size_t comment_length(const char *text, size_t length) {
    while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t' ||
                          text[length - 1] == '\r' || text[length - 1] == '\v' ||
                          text[length - 1] == '\f'))
        length--;
    return length;
}

static size_t next_code_token(const layout *run, size_t index) {
    while (index < run->count && run->tokens[index].kind == COMMENT) index++;
    return index;
}

static void write_comment(writer *out, size_t index) {
    const fmt_token *token = &out->run->tokens[index];
    const char *text = out->run->file->text + token->start;
    size_t length = comment_length(text, token->end - token->start);
    if (out->length > 0 && token->newlines == 0) {
        /* At the end of a line: stays there, one space after the code. */
        put(out, " ", 1);
        put(out, text, length);
        out->force_break = true;
        out->comment_since_code = true;
        return;
    }
    /* On a line of its own: indented as what follows it. */
    size_t next = next_code_token(out->run, index + 1);
    size_t indent = 0;
    bool paragraph = true;      /* may have a blank line before it */
    if (next < out->run->count) {
        const fmt_token *following = &out->run->tokens[next];
        if (following->roles & ROLE_CLOSE) {
            indent = statement_indent(out, following) + INDENT_WIDTH;
        } else if (following->roles & ROLE_STARTS) {
            indent = statement_indent(out, following);
        } else {
            indent = continuation_indent(out, following);
            paragraph = false;
        }
    }
    if (out->length > 0)
        new_line(out, paragraph && token->newlines >= 2 && !out->block_start, indent);
    else
        put_spaces(out, indent);
    put(out, text, length);
    out->force_break = true;
    out->block_start = false;
    out->comment_since_code = true;
}

static void write_code(writer *out, size_t index) {
    const fmt_token *token = &out->run->tokens[index];
    const fmt_token *tokens = out->run->tokens;
    unsigned roles = token->roles;
    bool first = out->length == 0;
    bool empty_block = (roles & ROLE_CLOSE) && out->last_code == token->block &&
                       !out->comment_since_code;
    if (first || empty_block) {
        /* the first token of the file, or the '}' of "{}" */
    } else if (roles & (ROLE_STARTS | ROLE_CLOSE)) {
        bool blank = (roles & ROLE_STARTS) && token->newlines >= 2 && !out->block_start;
        new_line(out, blank, statement_indent(out, token));
    } else if (out->force_break || ((roles & ROLE_BREAK) && token->newlines > 0)) {
        new_line(out, false, continuation_indent(out, token));
    } else if (!(roles & ROLE_GLUE_BEFORE) && out->last_code != NO_TOKEN &&
               !(tokens[out->last_code].roles & ROLE_GLUE_AFTER)) {
        const fmt_token *last = &tokens[out->last_code];
        size_t spaces = 1;
        if (last->roles & ROLE_KEY)
            spaces += tokens[last->block].key_width - (last->end - last->start);
        put_spaces(out, spaces);
    }
    if (roles & ROLE_STARTS) {
        out->expression_column = NO_COLUMN;
        out->paren_depth = 0;
    }
    if (roles & (ROLE_TEXT_FIRST | ROLE_EXPRESSION | ROLE_AFTER_PAREN)) {
        size_t column = current_column(out);
        if (roles & ROLE_TEXT_FIRST) out->text_column = column;
        if (roles & ROLE_EXPRESSION) out->expression_column = column;
        if ((roles & ROLE_AFTER_PAREN) && out->paren_depth > 0)
            out->paren_columns[out->paren_depth - 1] = column;
    }
    put(out, out->run->file->text + token->start, token->end - token->start);
    if (token->kind == '(')
        *ARENA_PUSH(out->run->region, out->paren_columns, out->paren_depth,
                    out->paren_capacity) = NO_COLUMN;
    else if (token->kind == ')' && out->paren_depth > 0)
        out->paren_depth--;
    out->last_code = index;
    out->comment_since_code = false;
    out->force_break = false;
    out->block_start = (roles & ROLE_OPEN) != 0;
}

/* {=== checking the layout ===} */

/* The layout must scan to the same tokens: the same code token for token,
   the same comments but for white space at their ends. */
static bool same_tokens(const layout *run, const char *text, size_t length) {
    arena region;
    arena_init_within(&region, run->region);
    diag_list scratch;
    diag_list_init(&scratch);
    recovery_own(arena_recovery(run->region), &scratch.region, NULL, NULL);
    source *again = source_from_text(&region, run->file->path, text, length);
    size_t count = 0;
    lex_token *tokens = lex_scan(&region, again, &scratch, true, &count);
    bool same = scratch.error_count == 0 && count == run->count;
    for (size_t index = 0; same && index < count; index++) {
        const fmt_token *before = &run->tokens[index];
        const char *old_text = run->file->text + before->start;
        const char *new_text = again->text + tokens[index].start;
        size_t old_length = before->end - before->start;
        size_t new_length = tokens[index].end - tokens[index].start;
        if (before->kind == COMMENT) {
            old_length = comment_length(old_text, old_length);
            new_length = comment_length(new_text, new_length);
        }
        same = before->kind == tokens[index].kind && old_length == new_length &&
               memcmp(old_text, new_text, old_length) == 0;
    }
    diag_list_release(&scratch);
    arena_release(&region);
    return same;
}

/* {=== entry ===} */

static fmt_status lay_out(arena *region, const source *file, char **layout_text,
                          size_t *layout_length) {
    diag_list scratch;
    diag_list_init(&scratch);
    recovery_own(arena_recovery(region), &scratch.region, NULL, NULL);
    size_t count = 0;
    lex_token *scanned = lex_scan(region, file, &scratch, true, &count);
    diag_list_release(&scratch);
    layout run = {region, file, NULL, count, NULL, 0, 0};
    run.tokens = arena_calloc(region, count + 1, sizeof *run.tokens);
    uint32_t previous_end = 0;
    for (size_t index = 0; index < count; index++) {
        fmt_token *token = &run.tokens[index];
        token->kind = scanned[index].kind;
        token->start = scanned[index].start;
        token->end = scanned[index].end;
        token->block = NO_TOKEN;
        for (uint32_t offset = previous_end; offset < token->start; offset++)
            token->newlines += file->text[offset] == '\n';
        previous_end = token->end;
    }
    classify(&run);
    writer out = {0};
    out.run = &run;
    out.expression_column = NO_COLUMN;
    out.last_code = NO_TOKEN;
    for (size_t index = 0; index < count; index++) {
        if (run.tokens[index].kind == COMMENT)
            write_comment(&out, index);
        else
            write_code(&out, index);
    }
    if (out.length > 0) put(&out, "\n", 1);
    if (!same_tokens(&run, out.text ? out.text : "", out.length)) return FMT_INTERNAL_ERROR;
    char *copy = malloc(out.length + 1);
    if (!copy) arena_out_of_memory(region);
    if (out.length) memcpy(copy, out.text, out.length);
    copy[out.length] = '\0';
    *layout_text = copy;
    *layout_length = out.length;
    return FMT_OK;
}

/* An error of the scanner or the grammar (TK00xx, TK01xx), as opposed to
   the few checks of meaning the parser makes on the way (a text given twice). */
static bool syntax_error(const diagnostic *record) {
    return record->severity == SEVERITY_ERROR && record->code <= DIAG_TK0103;
}

/* Forget the diagnostics reported since `count`: a file that is formatted
   gets none, whatever the parser noticed besides its syntax. */
static void forget_diagnostics(diag_list *list, size_t count) {
    while (list->count > count) {
        const diagnostic *record = list->items[--list->count];
        if (record->severity == SEVERITY_ERROR) list->error_count--;
        if (record->severity == SEVERITY_WARNING) list->warning_count--;
    }
}

fmt_status fmt_text(const char *path, const char *text, size_t length, tk_diags *diags,
                    char **layout_text, size_t *layout_length) {
    *layout_text = NULL;
    *layout_length = 0;
    diag_list *list = diag_list_of(diags);
    size_t diagnostics_before = list->count;
    if (length > SOURCE_MAX_BYTES) {
        diag_report_at_path(list, SEVERITY_ERROR, DIAG_TK0901, path,
                            "cannot read the file: file is larger than 64 MiB");
        return FMT_REFUSED;
    }
    arena region;
    arena_init_within(&region, &list->region);
    source *file = source_from_text(&region, path, text, length);
    fmt_status status = FMT_REFUSED;
    if (diag_check_utf8(list, file, DIAG_HELP_SAVE_AS_UTF8)) {
        parse_module(&region, file, list);
        bool refused = false;
        for (size_t index = diagnostics_before; index < list->count; index++)
            refused |= syntax_error(list->items[index]);
        if (!refused) {
            forget_diagnostics(list, diagnostics_before);
            status = lay_out(&region, file, layout_text, layout_length);
        }
    }
    arena_release(&region);
    return status;
}

/* {=== differences ===} */

enum { DIFF_CONTEXT = 3, DIFF_MAX_CELLS = 4 * 1024 * 1024 };

typedef struct diff_line {
    const char *text;
    size_t length;          /* with its '\n', when it has one */
} diff_line;

typedef struct diff_op {
    char kind;              /* ' ' same, '-' only in the old text, '+' only in the new */
    size_t old_index, new_index;    /* lines of each text before this one */
} diff_op;

static diff_line *split_lines(arena *region, const char *text, size_t length, size_t *count) {
    size_t lines = 0;
    for (size_t offset = 0; offset < length; offset++) lines += text[offset] == '\n';
    diff_line *result = arena_calloc(region, lines + 2, sizeof *result);
    size_t used = 0, start = 0;
    for (size_t offset = 0; offset < length; offset++) {
        if (text[offset] != '\n') continue;
        result[used++] = (diff_line){text + start, offset + 1 - start};
        start = offset + 1;
    }
    if (start < length) result[used++] = (diff_line){text + start, length - start};
    *count = used;
    return result;
}

static bool same_line(diff_line left, diff_line right) {
    return left.length == right.length && memcmp(left.text, right.text, left.length) == 0;
}

/* The edit script: a longest common subsequence of lines between the common
   head and tail; a middle too large for that is shown as replaced whole. */
static diff_op *diff_lines(arena *region, const diff_line *old_lines, size_t old_count,
                           const diff_line *new_lines, size_t new_count, size_t *op_count) {
    diff_op *ops = arena_calloc(region, old_count + new_count + 1, sizeof *ops);
    size_t used = 0, old_at = 0, new_at = 0;
    size_t head = 0, tail = 0;
    while (head < old_count && head < new_count && same_line(old_lines[head], new_lines[head]))
        head++;
    while (tail < old_count - head && tail < new_count - head &&
           same_line(old_lines[old_count - 1 - tail], new_lines[new_count - 1 - tail]))
        tail++;
    for (; old_at < head; old_at++, new_at++) ops[used++] = (diff_op){' ', old_at, new_at};
    size_t rows = old_count - head - tail, columns = new_count - head - tail;
    uint32_t *common = NULL;
    if (rows > 0 && columns > 0 && rows * columns <= DIFF_MAX_CELLS)
        common = arena_calloc(region, (rows + 1) * (columns + 1), sizeof *common);
    if (common) {
        /* common[row][column]: the LCS of the rest of each text from there. */
        for (size_t row = rows; row-- > 0;)
            for (size_t column = columns; column-- > 0;) {
                uint32_t *cell = &common[row * (columns + 1) + column];
                if (same_line(old_lines[head + row], new_lines[head + column]))
                    *cell = common[(row + 1) * (columns + 1) + column + 1] + 1;
                else {
                    uint32_t down = common[(row + 1) * (columns + 1) + column];
                    uint32_t right = common[row * (columns + 1) + column + 1];
                    *cell = down >= right ? down : right;
                }
            }
        size_t row = 0, column = 0;
        while (row < rows && column < columns) {
            if (same_line(old_lines[head + row], new_lines[head + column])) {
                ops[used++] = (diff_op){' ', old_at++, new_at++};
                row++, column++;
            } else if (common[(row + 1) * (columns + 1) + column] >=
                       common[row * (columns + 1) + column + 1]) {
                ops[used++] = (diff_op){'-', old_at++, new_at};
                row++;
            } else {
                ops[used++] = (diff_op){'+', old_at, new_at++};
                column++;
            }
        }
    }
    while (old_at < old_count - tail) ops[used++] = (diff_op){'-', old_at++, new_at};
    while (new_at < new_count - tail) ops[used++] = (diff_op){'+', old_at, new_at++};
    while (old_at < old_count) ops[used++] = (diff_op){' ', old_at++, new_at++};
    *op_count = used;
    return ops;
}

static void write_hunk(FILE *stream, const diff_op *ops, size_t first, size_t end,
                       const diff_line *old_lines, const diff_line *new_lines) {
    size_t old_span = 0, new_span = 0;
    for (size_t index = first; index < end; index++) {
        old_span += ops[index].kind != '+';
        new_span += ops[index].kind != '-';
    }
    size_t old_start = ops[first].old_index + (old_span > 0);
    size_t new_start = ops[first].new_index + (new_span > 0);
    fprintf(stream, "@@ -%zu,%zu +%zu,%zu @@\n", old_start, old_span, new_start, new_span);
    for (size_t index = first; index < end; index++) {
        const diff_op *op = &ops[index];
        diff_line line = op->kind == '+' ? new_lines[op->new_index] : old_lines[op->old_index];
        fputc(op->kind, stream);
        fwrite(line.text, 1, line.length, stream);
        if (line.length == 0 || line.text[line.length - 1] != '\n')
            fputs("\n\\ No newline at end of file\n", stream);
    }
}

static size_t write_diff(arena *region, FILE *stream, const char *path, const char *old_text,
                         size_t old_length, const char *new_text, size_t new_length) {
    size_t old_count = 0, new_count = 0, op_count = 0, hunks = 0;
    diff_line *old_lines = split_lines(region, old_text, old_length, &old_count);
    diff_line *new_lines = split_lines(region, new_text, new_length, &new_count);
    diff_op *ops = diff_lines(region, old_lines, old_count, new_lines, new_count, &op_count);
    size_t index = 0, previous_end = 0;
    for (;;) {
        while (index < op_count && ops[index].kind == ' ') index++;
        if (index == op_count) break;
        size_t first = index > DIFF_CONTEXT ? index - DIFF_CONTEXT : 0;
        if (first < previous_end) first = previous_end;
        size_t last = index;    /* one past the hunk's last change */
        for (;;) {
            while (last < op_count && ops[last].kind != ' ') last++;
            size_t same = last;
            while (same < op_count && ops[same].kind == ' ') same++;
            if (same < op_count && same - last <= 2 * DIFF_CONTEXT) {
                last = same;
                continue;
            }
            break;
        }
        size_t end = last + DIFF_CONTEXT < op_count ? last + DIFF_CONTEXT : op_count;
        if (hunks++ == 0) fprintf(stream, "--- %s\t(original)\n+++ %s\t(formatted)\n", path, path);
        write_hunk(stream, ops, first, end, old_lines, new_lines);
        previous_end = index = end;
    }
    return hunks;
}

size_t fmt_write_diff(FILE *stream, const char *path, const char *old_text, size_t old_length,
                      const char *new_text, size_t new_length) {
    recovery point;
    if (setjmp(point.resume)) {
        stream_out_of_memory(stream);
        return 0;
    }
    recovery_begin(&point, NULL);
    arena region;
    arena_init(&region);
    recovery_own(&point, &region, NULL, NULL);
    size_t hunks = write_diff(&region, stream, path, old_text, old_length, new_text, new_length);
    arena_release(&region);
    recovery_end(&point);
    return hunks;
}
