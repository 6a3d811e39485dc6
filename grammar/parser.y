/*
 * parser.y — the tenken grammar: a pure bison parser with byte-offset
 * locations that builds the syntax tree (src/ast.h) and nothing else.
 * Syntax errors name what was expected in the user's words, never a token
 * name, and error rules resynchronise so one run reports every error.
 */
%code top {
#include "config.h"
}

%code requires {
#include "lang/ast.h"
#include "lang/parse.h"

typedef struct TK_YYLTYPE {
    uint32_t start, end;
} TK_YYLTYPE;
#define TK_YYLTYPE_IS_DECLARED 1

typedef struct token_value {
    const char *text;
} token_value;

/* One field of an item body, collected before it is applied to the item. */
typedef enum field_kind {
    FIELD_LABEL, FIELD_TEXT, FIELD_QUESTION, FIELD_NOTE, FIELD_SOURCE, FIELD_PRINTED, FIELD_SCALE,
    FIELD_OPTIONS, FIELD_WEIGHT, FIELD_TAGS, FIELD_EXCLUDE, FIELD_ONLY_WHEN, FIELD_REF,
} field_kind;

typedef struct ast_field {
    field_kind kind;
    TK_YYLTYPE where;
    ast_text text;
    const char *name;
    ast_scale *options;
    decimal number;
    ast_list strings;
    ast_exclusion *exclusion;
    ast_expr *condition;
    TK_YYLTYPE option_where;    /* FIELD_ONLY_WHEN: the option counted, when not applicable */
} ast_field;
}

%code provides {
int tk_yylex(TK_YYSTYPE *value, TK_YYLTYPE *location, void *scanner);
}

%code {
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"

/* A rule's span runs from its first symbol to its last; an empty rule sits
   at the end of the symbol before it. */
#define YYLLOC_DEFAULT(Current, Rhs, N)                                   \
    do {                                                                  \
        if (N) {                                                          \
            (Current).start = YYRHSLOC(Rhs, 1).start;                     \
            (Current).end = YYRHSLOC(Rhs, N).end;                         \
        } else {                                                          \
            (Current).start = (Current).end = YYRHSLOC(Rhs, 0).end;       \
        }                                                                 \
    } while (0)

static span to_span(YYLTYPE location) {
    span where = {location.start, location.end};
    return where;
}

static YYLTYPE to_yyltype(span where) {
    YYLTYPE location = {where.start, where.end};
    return location;
}

static void yyerror(YYLTYPE *location, void *scanner, parse_context *context,
                    const char *message);
static diagnostic *parse_error(parse_context *context, YYLTYPE location,
                               const char *message, const char *help);
static ast_expr *new_expr(parse_context *context, expr_kind kind, YYLTYPE location);
static ast_expr *new_binary(parse_context *context, binary_op op, ast_expr *left,
                            ast_expr *right, YYLTYPE location);
static ast_expr *limit_depth(parse_context *context, ast_expr *expr);
static ast_expr *new_call(parse_context *context, token_value name, YYLTYPE name_location,
                          ast_expr *left, ast_expr *right, YYLTYPE location);
static YYLTYPE to_yyltype(span where);
static ast_text text_one(parse_context *context, const char *lang, const char *text,
                         YYLTYPE location);
static ast_text text_add(parse_context *context, ast_text text, const char *lang,
                         const char *value, YYLTYPE location);
static ast_member *new_member(parse_context *context, ast_member_kind kind, void *node,
                              YYLTYPE location);
static void add_item_field(parse_context *context, ast_item *item, ast_field *field);
static ast_field *new_field(parse_context *context, field_kind kind, YYLTYPE location);
static ast_fact *new_fact(parse_context *context, const char *name, YYLTYPE location,
                          fact_type type, ast_expr *default_value, ast_text description);
static ast_scale *new_scale(parse_context *context, const char *name, YYLTYPE location);
static decimal number_value(parse_context *context, token_value token, YYLTYPE location);
static ast_format *new_format(parse_context *context, YYLTYPE location);
static ast_format *format_decimals(parse_context *context, const char *count, YYLTYPE location,
                                   token_value word, YYLTYPE word_location);
static ast_format *merge_format(parse_context *context, ast_format *into, const ast_format *part);
static void expect_word(parse_context *context, token_value word, YYLTYPE location,
                        const char *wanted);
static const char *join_dotted(parse_context *context, const ast_list *parts);
static ast_change *new_change(parse_context *context, change_kind kind, YYLTYPE location);
static ast_given *new_given(parse_context *context, given_kind kind, YYLTYPE location);
static ast_band *add_bound(parse_context *context, ast_band *band, bool lower, bool inclusive,
                           decimal value, YYLTYPE op_location, YYLTYPE value_location);
static ast_aggregate make_element(element_kind kind, const char *name, YYLTYPE name_location,
                                  ast_aggregate selection);
static ast_selection_gate *new_selection_gate(parse_context *context, selection_rule rule,
                                              const char *name, YYLTYPE location,
                                              ast_text title);
static ast_map_row *new_map_row(parse_context *context, relation_kind relation,
                                YYLTYPE location);
static ast_ref *new_ref(parse_context *context, relation_kind relation, const char *framework,
                        YYLTYPE framework_location, const char *control,
                        YYLTYPE control_location);

#define AREA (context->region)

/* The parser's stacks grow in the arena of the tree, not with malloc, so
   running out of memory in an action (base/arena.h) leaves nothing to free.
   Past YYMAXDEPTH the file nests too deeply, reported as bison reports an
   exhausted stack; the stacks are then left as they are and the parse stops. */
#define yyoverflow(message, states, states_bytes, values, values_bytes, places,         \
                   places_bytes, depth)                                                  \
    do {                                                                                 \
        if (*(depth) >= YYMAXDEPTH) {                                                    \
            yyerror(&yylloc, scanner, context, message);                                 \
            break;                                                                       \
        }                                                                                \
        YYPTRDIFF_T grown = *(depth) * 2 < YYMAXDEPTH ? *(depth) * 2 : YYMAXDEPTH;       \
        *(states) = grow_stack(context, *(states), states_bytes, grown * YYSIZEOF(**(states))); \
        *(values) = grow_stack(context, *(values), values_bytes, grown * YYSIZEOF(**(values))); \
        *(places) = grow_stack(context, *(places), places_bytes, grown * YYSIZEOF(**(places))); \
        *(depth) = grown;                                                                \
    } while (0)

static void *grow_stack(parse_context *context, const void *stack, ptrdiff_t used,
                        ptrdiff_t bytes) {
    void *grown = arena_alloc(context->region, (size_t)bytes);
    memcpy(grown, stack, (size_t)used);
    return grown;
}

}

%define api.pure full
%define api.prefix {tk_yy}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {void *scanner}
%parse-param {parse_context *context}

%union {
    token_value token;
    ast_expr *expr;
    ast_text text;
    ast_list list;
    ast_option *option;
    ast_scale *scale;
    ast_member *member;
    ast_field *field;
    ast_item *item;
    ast_fact *fact;
    ast_value *value;
    ast_aggregate aggregate;
    fact_type type;
    value_kind value_kind;
    binary_op op;
    int flag;
    size_t count;
    decimal number;
    const char *word;
    ast_stages *stages;
    ast_stage *stage;
    ast_bands *bands;
    ast_band *band;
    ast_variant *variant;
    ast_change *change;
    ast_test *test;
    ast_given *given;
    ast_expect *expect;
    ast_framework *framework;
    ast_control *control;
    ast_selection_gate *selection_gate;
    ast_map *map;
    ast_map_row *map_row;
    ast_ref *ref;
    control_kind control_kind;
    obligation obligation;
    relation_kind relation;
    ast_fact_bounds bounds;
    ast_format *format;
}

%token END 0 "end of file"
%token <token> IDENT "a name"
%token <token> NUMBER "a number"
%token <token> STRING "a string"
%token <token> DATE "a date"
%token KW_TENKEN "tenken" KW_MODULE "module" KW_IMPORT "import" KW_SCALE "scale"
%token KW_FACT "fact" KW_CHECKLIST "checklist" KW_SECTION "section" KW_ITEM "item"
%token KW_ITEMS "items" KW_EXCLUDE "exclude" KW_WHEN "when" KW_BECAUSE "because"
%token KW_ONLY "only" KW_LET "let" KW_SCORE "score" KW_GATE "gate"
%token KW_AND "and" KW_OR "or" KW_NOT "not" KW_IF "if" KW_THEN "then" KW_ELSE "else"
%token KW_IS "is" KW_OF "of" KW_TRUE "true" KW_FALSE "false"
%token KW_LABEL "label" KW_TEXT "text" KW_QUESTION "question" KW_NOTE "note"
%token KW_WEIGHT "weight" KW_TAGS "tags" KW_OPTIONS "options" KW_ALIAS "alias"
%token KW_SOURCE "source" KW_UNANSWERED "unanswered" KW_AS "as"
%token KW_BOOL "bool" KW_NUMBER "number" KW_STRING "string" KW_DATE "date" KW_ENUM "enum"
%token KW_JA "ja" KW_EN "en"
%token KW_STAGES "stages" KW_STAGE "stage" KW_ENTER "enter" KW_DURING "during" KW_START "start"
%token KW_BANDS "bands" KW_BAND "band"
%token KW_VARIANT "variant" KW_EXTENDS "extends" KW_INCLUDE "include"
%token KW_TEST "test" KW_GIVEN "given" KW_EXPECT "expect" KW_BLOCKING "blocking"
%token KW_WAITING "waiting" KW_PRINTED "printed"
%token KW_FRAMEWORK "framework" KW_EDITION "edition" KW_CLAUSE "clause"
%token KW_OBJECTIVE "objective" KW_CONTROL "control" KW_DETAIL "detail"
%token KW_MANDATORY "mandatory" KW_SELECTABLE "selectable" KW_MAP "map" KW_REF "ref"
%token KW_NEW "new" KW_EVERY "every" KW_APPLIES "applies" KW_APPLIED "applied"
%token KW_SELECTS "selects" KW_SELECTED "selected"
%token KW_OTHERWISE "otherwise" KW_COUNTS "counts"
%token KW_EQUIVALENT "equivalent" KW_EQUAL "equal" KW_SUBSET_OF "subset-of"
%token KW_SUPERSET_OF "superset-of" KW_INTERSECTS "intersects"
%token KW_NO_RELATIONSHIP "no-relationship"
%token KW_UNTIL "until" KW_IN "in" KW_WHOLE "whole" KW_SHOWN "shown"
%token ARROW "->"
%token DOTDOT ".."
%token OP_EQ_TOKEN "==" OP_NE_TOKEN "!=" OP_LE_TOKEN "<=" OP_GE_TOKEN ">="
/* Only the scanner of tenken fmt returns comments (lexer_state.comments). */
%token COMMENT "a comment"

%type <expr> expr primary literal opt_default
%type <text> text opt_text
%type <list> dotted_name import_names options members item_fields string_list name_list
%type <option> option
%type <scale> scale_body
%type <member> member
%type <field> item_field
%type <item> item_head
%type <type> type
%type <value_kind> value_keyword
%type <aggregate> element selection
%type <token> item_id lang is_word opt_until given_answer
%type <bounds> fact_bounds fact_range
%type <expr> bound_literal
%type <fact> fact_decl
%type <stages> stage_entries stages_decl
%type <stage> stage_tail
%type <bands> band_entries bands_decl
%type <band> band_bounds
%type <variant> variant_decl
%type <change> change
%type <test> test_lines test_decl
%type <given> given
%type <expect> expect expect_lists
%type <list> changes id_list
%type <expr> opt_condition
%type <token> opt_test_variant
%type <count> syntax_error_mark
%type <number> signed_number
%type <word> module_word
%type <value> value_decl
%type <format> opt_shown shown_parts shown_part
%type <framework> framework_decl framework_body
%type <control> control_node node_body opt_node_block
%type <selection_gate> selection_gate
%type <control_kind> control_kind
%type <obligation> opt_obligation
%type <map> map_decl map_body
%type <map_row> map_row
%type <relation> relation
%type <ref> ref_target
%type <list> ref_targets

%precedence KW_ELSE
%left KW_OR
%left KW_AND
%precedence KW_NOT
%nonassoc OP_EQ_TOKEN OP_NE_TOKEN '<' OP_LE_TOKEN '>' OP_GE_TOKEN KW_IS
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%%

/* file -> "tenken" NUMBER "module" dotted_name declarations */
file:
    version_line module_line declarations
    ;

version_line:
    "tenken" NUMBER {
        context->module->version = strcmp($2.text, "1") == 0 ? 1 : -1; /* -1: unsupported */
        if (strcmp($2.text, "1") != 0) {
            diagnostic *record = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0102,
                context->file, @2.start, @2.end, "unsupported language version %s", $2.text);
            diag_set_help(context->diags, record, "this tenken reads `tenken 1`");
        }
    }
  | %empty {
        diagnostic *record = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0102,
            context->file, @$.start, @$.start, "missing version line");
        diag_set_help(context->diags, record, "start the file with the line `tenken 1`");
    }
    ;

module_line:
    "module" dotted_name {
        context->module->name = join_dotted(context, &$2);
        context->module->name_span = to_span(@2);
    }
    ;

/* Module names are paths of words; a keyword is a word here too (x.date). */
dotted_name:
    module_word { $$ = (ast_list){0}; ast_list_push(AREA, &$$, (void *)$1); }
  | dotted_name '.' module_word { $$ = $1; ast_list_push(AREA, &$$, (void *)$3); }
    ;

module_word:
    IDENT { $$ = $1.text; }
  | "tenken" { $$ = "tenken"; }
  | "module" { $$ = "module"; }
  | "import" { $$ = "import"; }
  | "scale" { $$ = "scale"; }
  | "fact" { $$ = "fact"; }
  | "checklist" { $$ = "checklist"; }
  | "section" { $$ = "section"; }
  | "item" { $$ = "item"; }
  | "items" { $$ = "items"; }
  | "exclude" { $$ = "exclude"; }
  | "when" { $$ = "when"; }
  | "because" { $$ = "because"; }
  | "only" { $$ = "only"; }
  | "let" { $$ = "let"; }
  | "score" { $$ = "score"; }
  | "gate" { $$ = "gate"; }
  | "and" { $$ = "and"; }
  | "or" { $$ = "or"; }
  | "not" { $$ = "not"; }
  | "if" { $$ = "if"; }
  | "then" { $$ = "then"; }
  | "else" { $$ = "else"; }
  | "is" { $$ = "is"; }
  | "of" { $$ = "of"; }
  | "true" { $$ = "true"; }
  | "false" { $$ = "false"; }
  | "label" { $$ = "label"; }
  | "text" { $$ = "text"; }
  | "question" { $$ = "question"; }
  | "note" { $$ = "note"; }
  | "weight" { $$ = "weight"; }
  | "tags" { $$ = "tags"; }
  | "options" { $$ = "options"; }
  | "alias" { $$ = "alias"; }
  | "source" { $$ = "source"; }
  | "unanswered" { $$ = "unanswered"; }
  | "as" { $$ = "as"; }
  | "bool" { $$ = "bool"; }
  | "number" { $$ = "number"; }
  | "string" { $$ = "string"; }
  | "date" { $$ = "date"; }
  | "enum" { $$ = "enum"; }
  | "ja" { $$ = "ja"; }
  | "en" { $$ = "en"; }
  | "stages" { $$ = "stages"; }
  | "stage" { $$ = "stage"; }
  | "bands" { $$ = "bands"; }
  | "band" { $$ = "band"; }
  | "enter" { $$ = "enter"; }
  | "during" { $$ = "during"; }
  | "start" { $$ = "start"; }
  | "variant" { $$ = "variant"; }
  | "extends" { $$ = "extends"; }
  | "include" { $$ = "include"; }
  | "test" { $$ = "test"; }
  | "given" { $$ = "given"; }
  | "expect" { $$ = "expect"; }
  | "blocking" { $$ = "blocking"; }
  | "waiting" { $$ = "waiting"; }
  | "printed" { $$ = "printed"; }
  | "framework" { $$ = "framework"; }
  | "edition" { $$ = "edition"; }
  | "clause" { $$ = "clause"; }
  | "objective" { $$ = "objective"; }
  | "control" { $$ = "control"; }
  | "detail" { $$ = "detail"; }
  | "mandatory" { $$ = "mandatory"; }
  | "selectable" { $$ = "selectable"; }
  | "map" { $$ = "map"; }
  | "ref" { $$ = "ref"; }
  | "new" { $$ = "new"; }
  | "every" { $$ = "every"; }
  | "otherwise" { $$ = "otherwise"; }
  | "counts" { $$ = "counts"; }
  | "applies" { $$ = "applies"; }
  | "applied" { $$ = "applied"; }
  | "selects" { $$ = "selects"; }
  | "selected" { $$ = "selected"; }
  | "equivalent" { $$ = "equivalent"; }
  | "equal" { $$ = "equal"; }
  | "intersects" { $$ = "intersects"; }
  | "until" { $$ = "until"; }
  | "in" { $$ = "in"; }
  | "whole" { $$ = "whole"; }
  | "shown" { $$ = "shown"; }
    ;

declarations:
    %empty
  | declarations declaration
    ;

declaration:
    import_decl
  | scale_decl
  | fact_decl { ast_list_push(AREA, &context->module->facts, $1); }
  | checklist_decl
  | value_decl { ast_list_push(AREA, &context->module->values, $1); }
  | stages_decl { ast_list_push(AREA, &context->module->stages, $1); }
  | bands_decl { ast_list_push(AREA, &context->module->bands, $1); }
  | variant_decl { ast_list_push(AREA, &context->module->variants, $1); }
  | test_decl { ast_list_push(AREA, &context->module->tests, $1); }
  | framework_decl { ast_list_push(AREA, &context->module->frameworks, $1); }
  | map_decl { ast_list_push(AREA, &context->module->maps, $1); }
  | error
    ;

/* import_decl -> "import" dotted_name [ "(" name, … ")" ] */
import_decl:
    "import" dotted_name import_names {
        ast_import *import = ARENA_NEW(AREA, ast_import);
        import->module = join_dotted(context, &$2);
        import->where = to_span(@2);
        import->names = $3;
        ast_list_push(AREA, &context->module->imports, import);
    }
    ;

import_names:
    %empty { $$ = (ast_list){0}; }
  | '(' name_list ')' { $$ = $2; }
    ;

/* scale_decl -> "scale" NAME "{" option… "}" */
scale_decl:
    "scale" IDENT '{' scale_body '}' {
        $4->name = $2.text;
        $4->where = to_span(@2);
        ast_list_push(AREA, &context->module->scales, $4);
    }
    ;

/* The options of a scale; a syntax error among them may have dropped some. */
scale_body:
    syntax_error_mark options {
        $$ = new_scale(context, NULL, @$);
        $$->options = $2;
        $$->after_syntax_error = context->syntax_errors > $1;
    }
    ;

syntax_error_mark:
    %empty { $$ = context->syntax_errors; }
    ;

options:
    %empty { $$ = (ast_list){0}; }
  | options option { $$ = $1; ast_list_push(AREA, &$$, $2); }
  | options error { $$ = $1; }
    ;

/* option -> KEY POINTS TEXT [alias "…"]… */
option:
    IDENT NUMBER text {
        $$ = ARENA_NEW(AREA, ast_option);
        $$->key = $1.text; $$->where = to_span(@1); $$->label = $3;
        $$->points = number_value(context, $2, @2);
    }
  | IDENT '-' NUMBER text {
        $$ = ARENA_NEW(AREA, ast_option);
        $$->key = $1.text; $$->where = to_span(@1); $$->label = $4;
        $$->points = decimal_negate(number_value(context, $3, @3));
    }
  | option "alias" STRING {
        $$ = $1;
        ast_alias *alias = ARENA_NEW(AREA, ast_alias);
        alias->text = $3.text; alias->where = to_span(@3);
        ast_list_push(AREA, &$$->aliases, alias);
    }
    ;

/* fact_decl -> "fact" NAME ":" TYPE [= LITERAL] [TEXT] */
fact_decl:
    "fact" IDENT ':' type opt_default opt_text {
        $$ = new_fact(context, $2.text, @2, $4, $5, $6);
    }
  | "fact" IDENT ':' "number" fact_bounds opt_default opt_text {
        $$ = new_fact(context, $2.text, @2, FACT_NUMBER, $6, $7);
        $$->bounds = $5;
    }
  | "fact" IDENT ':' "enum" '(' name_list ')' opt_default opt_text {
        $$ = new_fact(context, $2.text, @2, FACT_ENUM, $8, $9);
        $$->enum_members = $6;
    }
    ;

/* "in" LOW ".." HIGH (inclusive; either end may be left open), "whole", or
   both */
fact_bounds:
    "in" fact_range { $$ = $2; $$.where = to_span(@$); }
  | "in" fact_range "whole" { $$ = $2; $$.whole = true; $$.where = to_span(@$); }
  | "whole" { $$ = (ast_fact_bounds){NULL, NULL, true, to_span(@$)}; }
    ;

fact_range:
    bound_literal ".." bound_literal { $$ = (ast_fact_bounds){$1, $3, false, to_span(@$)}; }
  | bound_literal ".." { $$ = (ast_fact_bounds){$1, NULL, false, to_span(@$)}; }
  | ".." bound_literal { $$ = (ast_fact_bounds){NULL, $2, false, to_span(@$)}; }
    ;

/* A fact's bound: a number literal, signed. */
bound_literal:
    NUMBER { $$ = new_expr(context, EXPR_NUMBER, @1); $$->number = number_value(context, $1, @1); }
  | '-' NUMBER {
        $$ = new_expr(context, EXPR_NUMBER, @$);
        $$->number = decimal_negate(number_value(context, $2, @2));
    }
    ;

type:
    "bool" { $$ = FACT_BOOL; }
  | "number" { $$ = FACT_NUMBER; }
  | "string" { $$ = FACT_STRING; }
  | "date" { $$ = FACT_DATE; }
    ;

name_list:
    IDENT { $$ = (ast_list){0}; ast_list_push(AREA, &$$, (void *)$1.text); }
  | name_list ',' IDENT { $$ = $1; ast_list_push(AREA, &$$, (void *)$3.text); }
    ;

opt_default:
    %empty { $$ = NULL; }
  | '=' literal { $$ = $2; }
    ;

literal:
    NUMBER { $$ = new_expr(context, EXPR_NUMBER, @1); $$->number = number_value(context, $1, @1); }
  | '-' NUMBER {
        $$ = new_expr(context, EXPR_NUMBER, @$); $$->number = decimal_negate(number_value(context, $2, @2));
    }
  | "true" { $$ = new_expr(context, EXPR_BOOL, @1); $$->boolean = true; }
  | "false" { $$ = new_expr(context, EXPR_BOOL, @1); $$->boolean = false; }
  | STRING { $$ = new_expr(context, EXPR_STRING, @1); $$->name = $1.text; }
  | IDENT { $$ = new_expr(context, EXPR_NAME, @1); $$->name = $1.text; }
    ;

/* checklist_decl -> "checklist" NAME [TEXT] "{" member… "}" */
checklist_decl:
    "checklist" IDENT opt_text '{' members '}' {
        ast_checklist *checklist = ARENA_NEW(AREA, ast_checklist);
        checklist->name = $2.text;
        checklist->where = to_span(@2);
        checklist->title = $3;
        checklist->members = $5;
        checklist->file = context->file;
        ast_list_push(AREA, &context->module->checklists, checklist);
    }
    ;

members:
    %empty { $$ = (ast_list){0}; }
  | members member { $$ = $1; if ($2) ast_list_push(AREA, &$$, $2); }
    ;

member:
    item_head { $$ = new_member(context, MEMBER_ITEM, $1, @1); }
  | item_head '{' item_fields '}' {
        for (size_t index = 0; index < $3.count; index++)
            add_item_field(context, $1, $3.items[index]);
        $$ = new_member(context, MEMBER_ITEM, $1, @1);
    }
  | "section" IDENT opt_text '{' members '}' {
        ast_section *section = ARENA_NEW(AREA, ast_section);
        section->name = $2.text; section->where = to_span(@2);
        section->title = $3; section->members = $5;
        $$ = new_member(context, MEMBER_SECTION, section, @2);
    }
  | value_decl { $$ = new_member(context, MEMBER_VALUE, $1, @1); }
  | "scale" IDENT { $$ = new_member(context, MEMBER_SCALE, NULL, @2); $$->name = $2.text; }
  | "source" text { $$ = new_member(context, MEMBER_SOURCE, NULL, @2); $$->text = $2; }
  | "weight" NUMBER {
        $$ = new_member(context, MEMBER_WEIGHT, NULL, @1); $$->number = number_value(context, $2, @2);
    }
  | error { $$ = NULL; }
    ;

/* item -> "item" ID [TEXT] [ "{" field… "}" ] */
item_head:
    "item" item_id opt_text {
        $$ = ARENA_NEW(AREA, ast_item);
        $$->id = $2.text; $$->where = to_span(@2); $$->text = $3; $$->weight = decimal_from_int(1);
        $$->file = context->file;
    }
    ;

/* What follows 'is': an option, or in a test a state such as unanswered. */
is_word:
    item_id { $$ = $1; }
  | "unanswered" { $$.text = "unanswered"; }
    ;

item_id:
    STRING { $$ = $1; }
  | NUMBER { $$ = $1; }
  | IDENT { $$ = $1; }
    ;

item_fields:
    %empty { $$ = (ast_list){0}; }
  | item_fields item_field { $$ = $1; if ($2) ast_list_push(AREA, &$$, $2); }
    ;

/* Each field is collected first; add_item_field applies it to the item. */
item_field:
    "label" text { $$ = new_field(context, FIELD_LABEL, @1); $$->text = $2; }
  | "text" text { $$ = new_field(context, FIELD_TEXT, @1); $$->text = $2; }
  | "question" text { $$ = new_field(context, FIELD_QUESTION, @1); $$->text = $2; }
  | "note" text { $$ = new_field(context, FIELD_NOTE, @1); $$->text = $2; }
  | "source" text { $$ = new_field(context, FIELD_SOURCE, @1); $$->text = $2; }
  | "printed" text { $$ = new_field(context, FIELD_PRINTED, @1); $$->text = $2; }
  | "scale" IDENT { $$ = new_field(context, FIELD_SCALE, @2); $$->name = $2.text; }
  | "options" '{' scale_body '}' { $$ = new_field(context, FIELD_OPTIONS, @1); $$->options = $3; }
  | "weight" NUMBER { $$ = new_field(context, FIELD_WEIGHT, @2); $$->number = number_value(context, $2, @2); }
  | "tags" string_list { $$ = new_field(context, FIELD_TAGS, @1); $$->strings = $2; }
  | "exclude" "when" expr "because" text opt_until {
        $$ = new_field(context, FIELD_EXCLUDE, @$);
        $$->exclusion = ARENA_NEW(AREA, ast_exclusion);
        $$->exclusion->condition = $3;
        $$->exclusion->reason = $5;
        $$->exclusion->where = to_span(@$);
        $$->exclusion->until = $6.text;
        $$->exclusion->until_span = to_span(@6);
    }
  | "exclude" "when" expr error { $$ = NULL; /* reported by yyreport_syntax_error */ }
  | "only" "when" expr { $$ = new_field(context, FIELD_ONLY_WHEN, @$); $$->condition = $3; }
  | "only" "when" expr "otherwise" "counts" "as" item_id {
        $$ = new_field(context, FIELD_ONLY_WHEN, @$); $$->condition = $3;
        $$->name = $7.text; $$->option_where = @7;
    }
  | "ref" ref_targets { $$ = new_field(context, FIELD_REF, @1); $$->strings = $2; }
  | error { $$ = NULL; }
    ;

/* An exclusion's expiry: it holds up to and including that date. */
opt_until:
    %empty { $$.text = NULL; }
  | "until" DATE { $$ = $2; }
    ;

string_list:
    STRING { $$ = (ast_list){0}; ast_list_push(AREA, &$$, (void *)$1.text); }
  | string_list ',' STRING { $$ = $1; ast_list_push(AREA, &$$, (void *)$3.text); }
    ;

/* value -> ("let" | "score" | "gate") NAME [TEXT] "=" EXPR */
value_decl:
    value_keyword IDENT opt_text '=' expr opt_shown {
        $$ = ARENA_NEW(AREA, ast_value);
        $$->kind = $1; $$->name = $2.text; $$->where = to_span(@2);
        $$->title = $3; $$->expr = $5; $$->file = context->file; $$->format = $6;
    }
  | value_keyword "every" "section" IDENT opt_text '=' expr opt_shown {
        $$ = ARENA_NEW(AREA, ast_value);
        $$->kind = $1; $$->name = $4.text; $$->where = to_span(@4);
        $$->title = $5; $$->expr = $7; $$->file = context->file; $$->format = $8;
        $$->every_section = true;
    }
    ;

/* shown -> "shown" ( N "decimals" | "as" "percent" | "unit" TEXT )…; the
   words after "shown" are names, not reserved, so rule files may keep them
   as names. */
opt_shown:
    %empty { $$ = NULL; }
  | "shown" shown_parts { $$ = $2; $$->where = to_span(@$); }
    ;

shown_parts:
    shown_part
  | shown_parts shown_part { $$ = merge_format(context, $1, $2); }
    ;

shown_part:
    NUMBER IDENT { $$ = format_decimals(context, $1.text, @$, $2, @2); }
  | '-' NUMBER IDENT { $$ = format_decimals(context, arena_printf(AREA, "-%s", $2.text), @$, $3, @3); }
  | "as" IDENT { $$ = new_format(context, @$); $$->percent = true; expect_word(context, $2, @2, "percent"); }
  | IDENT text { $$ = new_format(context, @$); $$->unit = $2; expect_word(context, $1, @1, "unit"); }
  | IDENT { $$ = new_format(context, @$); expect_word(context, $1, @1, NULL); }
    ;

value_keyword:
    "let" { $$ = VALUE_LET; }
  | "score" { $$ = VALUE_SCORE; }
  | "gate" { $$ = VALUE_GATE; }
    ;

text:
    STRING { $$ = text_one(context, NULL, $1.text, @1); }
  | lang STRING { $$ = text_one(context, $1.text, $2.text, @$); }
  | text lang STRING { $$ = text_add(context, $1, $2.text, $3.text, @$); }
    ;

lang:
    "ja" { $$.text = "ja"; }
  | "en" { $$.text = "en"; }
    ;

opt_text:
    %empty { $$ = (ast_text){0}; $$.where = to_span(@$); }
  | text { $$ = $1; }
    ;

/* {=== expressions ===} */

expr:
    expr "or" expr { $$ = new_binary(context, OP_OR, $1, $3, @$); }
  | expr "and" expr { $$ = new_binary(context, OP_AND, $1, $3, @$); }
  | "not" expr { $$ = new_expr(context, EXPR_NOT, @$); $$->left = $2; $$ = limit_depth(context, $$); }
  | expr "==" expr { $$ = new_binary(context, OP_EQ, $1, $3, @$); }
  | expr "!=" expr { $$ = new_binary(context, OP_NE, $1, $3, @$); }
  | expr '<' expr { $$ = new_binary(context, OP_LT, $1, $3, @$); }
  | expr "<=" expr { $$ = new_binary(context, OP_LE, $1, $3, @$); }
  | expr '>' expr { $$ = new_binary(context, OP_GT, $1, $3, @$); }
  | expr ">=" expr { $$ = new_binary(context, OP_GE, $1, $3, @$); }
  | expr "is" is_word {
        $$ = new_expr(context, EXPR_IS, @$); $$->left = $1;
        $$->option_key = $3.text; $$->option_span = to_span(@3);
        $$ = limit_depth(context, $$);
    }
  | expr '+' expr { $$ = new_binary(context, OP_ADD, $1, $3, @$); }
  | expr '-' expr { $$ = new_binary(context, OP_SUB, $1, $3, @$); }
  | expr '*' expr { $$ = new_binary(context, OP_MUL, $1, $3, @$); }
  | expr '/' expr { $$ = new_binary(context, OP_DIV, $1, $3, @$); }
  | '-' expr %prec UMINUS {
        $$ = new_expr(context, EXPR_NEGATE, @$); $$->left = $2; $$ = limit_depth(context, $$);
    }
  | "if" expr "then" expr "else" expr {
        $$ = new_expr(context, EXPR_IF, @$); $$->left = $2; $$->right = $4; $$->otherwise = $6;
        $$ = limit_depth(context, $$);
    }
  | primary
    ;

primary:
    NUMBER { $$ = new_expr(context, EXPR_NUMBER, @1); $$->number = number_value(context, $1, @1); }
  | "true" { $$ = new_expr(context, EXPR_BOOL, @1); $$->boolean = true; }
  | "false" { $$ = new_expr(context, EXPR_BOOL, @1); $$->boolean = false; }
  | IDENT {
        $$ = new_expr(context, EXPR_NAME, @1); $$->name = $1.text; $$->name_span = to_span(@1);
    }
  | IDENT '.' IDENT {
        $$ = new_expr(context, EXPR_NAME, @$); $$->qualifier = $1.text;
        $$->name = $3.text; $$->name_span = to_span(@3);
    }
  | IDENT '.' IDENT '.' IDENT { /* CHECKLIST.SECTION.NAME: a value of every section */
        $$ = new_expr(context, EXPR_NAME, @$); $$->qualifier = $1.text;
        $$->name = arena_printf(AREA, "%s.%s", $3.text, $5.text);
        $$->name_span = (span){@3.start, @5.end};
    }
  | "item" item_id {
        $$ = new_expr(context, EXPR_ITEM, @$); $$->name = $2.text; $$->name_span = to_span(@2);
    }
  | "item" IDENT '.' item_id {
        $$ = new_expr(context, EXPR_ITEM, @$); $$->qualifier = $2.text;
        $$->name = $4.text; $$->name_span = to_span(@4);
    }
  | IDENT '(' element ')' {
        $$ = new_expr(context, EXPR_AGGREGATE, @$); $$->aggregate = $3;
        $$->aggregate.function = $1.text; $$->aggregate.function_span = to_span(@1);
    }
  | IDENT '(' element ',' "unanswered" "as" literal ')' {
        $$ = new_expr(context, EXPR_AGGREGATE, @$); $$->aggregate = $3;
        $$->aggregate.function = $1.text; $$->aggregate.function_span = to_span(@1);
        $$->aggregate.unanswered_as = $7;
    }
  | IDENT '(' expr ')' { $$ = new_call(context, $1, @1, $3, NULL, @$); }
  | IDENT '(' expr ',' expr ')' { $$ = new_call(context, $1, @1, $3, $5, @$); }
  | '(' expr ')' { $$ = $2; $$->where = to_span(@$); }
  | "gate" IDENT {
        $$ = new_expr(context, EXPR_GATE, @$); $$->name = $2.text; $$->name_span = to_span(@2);
    }
  | "gate" IDENT '.' IDENT {
        $$ = new_expr(context, EXPR_GATE, @$); $$->qualifier = $2.text;
        $$->name = $4.text; $$->name_span = to_span(@4);
    }
  | "gate" IDENT '.' IDENT '.' IDENT {
        $$ = new_expr(context, EXPR_GATE, @$); $$->qualifier = $2.text;
        $$->name = arena_printf(AREA, "%s.%s", $4.text, $6.text);
        $$->name_span = (span){@4.start, @6.end};
    }
  | "stage" IDENT {
        $$ = new_expr(context, EXPR_STAGE, @$); $$->name = $2.text; $$->name_span = to_span(@2);
    }
  | "band" IDENT {
        $$ = new_expr(context, EXPR_BAND, @$); $$->name = $2.text; $$->name_span = to_span(@2);
    }
    ;

/* element -> SELECTION | SELECTION "is" KEY | ATTRIBUTE "of" SELECTION */
element:
    selection { $$ = $1; $$.element = ELEMENT_ITEMS; }
  | selection "is" IDENT { $$ = make_element(ELEMENT_IS, $3.text, @3, $1); }
  | IDENT "of" selection { $$ = make_element(ELEMENT_ATTRIBUTE, $1.text, @1, $3); }
  | "weight" "of" selection { $$ = make_element(ELEMENT_ATTRIBUTE, "weight", @1, $3); }
    ;

selection:
    "items" { $$ = (ast_aggregate){0}; $$.selection = SELECT_ITEMS; $$.selection_span = to_span(@1); }
  | "section" IDENT {
        $$ = (ast_aggregate){0}; $$.selection = SELECT_SECTION;
        $$.selection_name = $2.text; $$.selection_span = to_span(@2);
    }
  | "checklist" IDENT {
        $$ = (ast_aggregate){0}; $$.selection = SELECT_CHECKLIST;
        $$.selection_name = $2.text; $$.selection_span = to_span(@2);
    }
    ;


/* {=== stages ===} */

/* stages -> "stages" NAME [TEXT] "{" ( stage | start )… "}" */
stages_decl:
    "stages" IDENT opt_text '{' stage_entries '}' {
        $$ = $5; $$->name = $2.text; $$->where = to_span(@2); $$->title = $3;
        $$->file = context->file;
    }
    ;

stage_entries:
    %empty { $$ = ARENA_NEW(AREA, ast_stages); }
  | stage_entries "stage" item_id opt_text stage_tail {
        $$ = $1; $5->id = $3.text; $5->where = to_span(@3); $5->title = $4;
        ast_list_push(AREA, &$$->stages, $5);
    }
  | stage_entries "start" item_id "when" expr {
        $$ = $1;
        ast_stage_start *start = ARENA_NEW(AREA, ast_stage_start);
        start->stage = $3.text; start->where = to_span(@3); start->condition = $5;
        ast_list_push(AREA, &$$->starts, start);
    }
  | stage_entries error { $$ = $1; }
    ;

stage_tail:
    %empty { $$ = ARENA_NEW(AREA, ast_stage); }
  | "enter" "when" expr { $$ = ARENA_NEW(AREA, ast_stage); $$->enter_when = $3; }
  | "during" item_id ".." item_id {
        $$ = ARENA_NEW(AREA, ast_stage);
        $$->during_from = $2.text; $$->during_to = $4.text; $$->during_span = to_span(@$);
    }
    ;

/* {=== bands ===} */

/* bands -> "bands" NAME "of" VALUE [TEXT] "{" ( "band" ID [TEXT] BOUND… )… "}" */
bands_decl:
    "bands" IDENT "of" expr opt_text '{' band_entries '}' {
        $$ = $7; $$->name = $2.text; $$->where = to_span(@2); $$->value = $4; $$->title = $5;
        $$->file = context->file;
    }
    ;

band_entries:
    %empty { $$ = ARENA_NEW(AREA, ast_bands); }
  | band_entries "band" item_id opt_text band_bounds {
        $$ = $1; $5->id = $3.text; $5->where = to_span(@3); $5->title = $4;
        ast_list_push(AREA, &$$->bands, $5);
    }
  | band_entries error { $$ = $1; }
    ;

/* Each bound: ">=" | ">" (lower) or "<=" | "<" (upper), then a number. */
band_bounds:
    %empty { $$ = ARENA_NEW(AREA, ast_band); }
  | band_bounds ">=" signed_number { $$ = add_bound(context, $1, true, true, $3, @2, @3); }
  | band_bounds '>' signed_number { $$ = add_bound(context, $1, true, false, $3, @2, @3); }
  | band_bounds "<=" signed_number { $$ = add_bound(context, $1, false, true, $3, @2, @3); }
  | band_bounds '<' signed_number { $$ = add_bound(context, $1, false, false, $3, @2, @3); }
    ;

signed_number:
    NUMBER { $$ = number_value(context, $1, @1); }
  | '-' NUMBER { $$ = decimal_negate(number_value(context, $2, @2)); }
    ;

/* {=== variants ===} */

/* variant -> "variant" NAME "extends" MODULE [TEXT] "{" change… "}" */
variant_decl:
    "variant" IDENT "extends" dotted_name opt_text '{' changes '}' {
        $$ = ARENA_NEW(AREA, ast_variant);
        $$->name = $2.text; $$->where = to_span(@2);
        $$->base = join_dotted(context, &$4); $$->base_span = to_span(@4);
        $$->title = $5; $$->changes = $7; $$->file = context->file;
    }
    ;

changes:
    %empty { $$ = (ast_list){0}; }
  | changes change { $$ = $1; if ($2) ast_list_push(AREA, &$$, $2); }
  | changes error { $$ = $1; }
    ;

change:
    "fact" IDENT '=' literal {
        $$ = new_change(context, CHANGE_FACT, @$); $$->name = $2.text; $$->expr = $4;
    }
  | "exclude" IDENT '.' item_id opt_condition "because" text opt_until {
        $$ = new_change(context, CHANGE_EXCLUDE, @$); $$->name = $2.text;
        $$->item_id = $4.text; $$->item_span = to_span(@4); $$->expr = $5; $$->reason = $7;
        $$->until = $8.text; $$->until_span = to_span(@8);
    }
  | "include" IDENT '.' item_id {
        $$ = new_change(context, CHANGE_INCLUDE, @$); $$->name = $2.text;
        $$->item_id = $4.text; $$->item_span = to_span(@4);
    }
  | "item" IDENT '.' item_id '{' item_fields '}' {
        $$ = new_change(context, CHANGE_ITEM, @$); $$->name = $2.text;
        $$->item_id = $4.text; $$->item_span = to_span(@4);
        $$->item = ARENA_NEW(AREA, ast_item);
        $$->item->id = $4.text; $$->item->where = to_span(@4); $$->item->qualifier = $2.text;
        $$->item->file = context->file;
        for (size_t index = 0; index < $6.count; index++)
            add_item_field(context, $$->item, $6.items[index]);
    }
  | "checklist" IDENT '{' members '}' {
        $$ = new_change(context, CHANGE_CHECKLIST, @$); $$->name = $2.text;
        $$->checklist = ARENA_NEW(AREA, ast_checklist);
        $$->checklist->name = $2.text; $$->checklist->where = to_span(@2);
        $$->checklist->members = $4; $$->checklist->file = context->file;
    }
    ;

opt_condition:
    %empty { $$ = NULL; }
  | "when" expr { $$ = $2; }
    ;

/* {=== frameworks and maps ===} */

/* framework -> "framework" ID [TEXT] "edition" "…" "{" ( node | source | note | gate )… "}" */
framework_decl:
    "framework" IDENT opt_text "edition" STRING '{' framework_body '}' {
        $$ = $7; $$->id = $2.text; $$->where = to_span(@2); $$->title = $3;
        $$->edition = $5.text; $$->edition_span = to_span(@5); $$->file = context->file;
    }
    ;

framework_body:
    %empty { $$ = ARENA_NEW(AREA, ast_framework); }
  | framework_body control_node { $$ = $1; ast_list_push(AREA, &$$->nodes, $2); }
  | framework_body "source" text { $$ = $1; $$->source_ref = $3; }
  | framework_body "note" text { $$ = $1; $$->note = $3; }
  | framework_body selection_gate { $$ = $1; ast_list_push(AREA, &$$->gates, $2); }
  | framework_body error { $$ = $1; }
    ;

/* node -> KIND "id" [TEXT] [mandatory | selectable] [ "{" ( node | source | note )… "}" ] */
control_node:
    control_kind item_id opt_text opt_obligation opt_node_block {
        $$ = $5 ? $5 : ARENA_NEW(AREA, ast_control);
        $$->kind = $1; $$->id = $2.text; $$->where = to_span(@2); $$->title = $3;
        $$->obligation = $4; $$->file = context->file;
    }
    ;

control_kind:
    "clause" { $$ = KIND_CLAUSE; }
  | "objective" { $$ = KIND_OBJECTIVE; }
  | "control" { $$ = KIND_CONTROL; }
  | "detail" { $$ = KIND_DETAIL; }
    ;

opt_obligation:
    %empty { $$ = OBLIGATION_UNSTATED; }
  | "mandatory" { $$ = OBLIGATION_MANDATORY; }
  | "selectable" { $$ = OBLIGATION_SELECTABLE; }
    ;

opt_node_block:
    %empty { $$ = NULL; }
  | '{' node_body '}' { $$ = $2; }
    ;

node_body:
    %empty { $$ = ARENA_NEW(AREA, ast_control); }
  | node_body control_node { $$ = $1; ast_list_push(AREA, &$$->children, $2); }
  | node_body "source" text { $$ = $1; $$->source_ref = $3; }
  | node_body "note" text { $$ = $1; $$->note = $3; }
  | node_body error { $$ = $1; }
    ;

/* gate NAME [TEXT] = every KIND applies
                    | every applied KIND selects KIND
                    | every mandatory selected */
selection_gate:
    "gate" IDENT opt_text '=' "every" control_kind "applies" {
        $$ = new_selection_gate(context, SELECT_RULE_APPLIES, $2.text, @2, $3);
        $$->kind = $6;
    }
  | "gate" IDENT opt_text '=' "every" "applied" control_kind "selects" control_kind {
        $$ = new_selection_gate(context, SELECT_RULE_SELECTS, $2.text, @2, $3);
        $$->kind = $7; $$->child_kind = $9;
    }
  | "gate" IDENT opt_text '=' "every" "mandatory" "selected" {
        $$ = new_selection_gate(context, SELECT_RULE_MANDATORY, $2.text, @2, $3);
    }
    ;

/* map -> "map" FROM "->" TO [TEXT] "{" [source TEXT] row… "}" */
map_decl:
    "map" IDENT "->" IDENT opt_text '{' map_body '}' {
        $$ = $7; $$->from = $2.text; $$->from_span = to_span(@2);
        $$->to = $4.text; $$->to_span = to_span(@4); $$->where = to_span(@$);
        $$->title = $5; $$->file = context->file;
    }
    ;

/* The map's own source comes before its rows; a source after a row is the row's. */
map_body:
    %empty { $$ = ARENA_NEW(AREA, ast_map); }
  | "source" text { $$ = ARENA_NEW(AREA, ast_map); $$->source_ref = $2; }
  | map_body map_row { $$ = $1; ast_list_push(AREA, &$$->rows, $2); }
  | map_body error { $$ = $1; }
    ;

/* row -> "a" RELATION "b" | "a" no-relationship | new "b"; then [note TEXT] [source TEXT] */
map_row:
    item_id relation item_id {
        $$ = new_map_row(context, $2, @$);
        $$->source_id = $1.text; $$->source_span = to_span(@1);
        $$->target_id = $3.text; $$->target_span = to_span(@3);
    }
  | item_id "no-relationship" {
        $$ = new_map_row(context, RELATION_NO_RELATIONSHIP, @$);
        $$->source_id = $1.text; $$->source_span = to_span(@1);
    }
  | "new" item_id {
        $$ = new_map_row(context, RELATION_NEW, @$);
        $$->target_id = $2.text; $$->target_span = to_span(@2);
    }
  | map_row "note" text { $$ = $1; $$->note = $3; }
  | map_row "source" text { $$ = $1; $$->source_ref = $3; }
    ;

relation:
    "equivalent" { $$ = RELATION_EQUIVALENT; }
  | "equal" { $$ = RELATION_EQUAL; }
  | "subset-of" { $$ = RELATION_SUBSET_OF; }
  | "superset-of" { $$ = RELATION_SUPERSET_OF; }
  | "intersects" { $$ = RELATION_INTERSECTS; }
    ;

/* ref [RELATION] FRAMEWORK:"id" … */
ref_targets:
    ref_target { $$ = (ast_list){0}; ast_list_push(AREA, &$$, $1); }
  | ref_targets ref_target { $$ = $1; ast_list_push(AREA, &$$, $2); }
    ;

ref_target:
    IDENT ':' item_id {
        $$ = new_ref(context, RELATION_INTERSECTS, $1.text, @1, $3.text, @3);
    }
  | relation IDENT ':' item_id {
        $$ = new_ref(context, $1, $2.text, @2, $4.text, @4);
    }
    ;

/* {=== tests ===} */

/* test -> "test" "name" [ "variant" NAME ] "{" ( given | expect )… "}" */
test_decl:
    "test" STRING opt_test_variant '{' test_lines '}' {
        $$ = $5; $$->name = $2.text; $$->where = to_span(@2); $$->file = context->file;
        $$->variant = $3.text; $$->variant_span = to_span(@3);
    }
    ;

opt_test_variant:
    %empty { $$.text = NULL; }
  | "variant" IDENT { $$ = $2; }
    ;

test_lines:
    %empty { $$ = ARENA_NEW(AREA, ast_test); }
  | test_lines given { $$ = $1; ast_list_push(AREA, &$$->givens, $2); }
  | test_lines expect { $$ = $1; ast_list_push(AREA, &$$->expects, $2); }
  | test_lines error { $$ = $1; }
    ;

given:
    "given" IDENT '=' literal {
        $$ = new_given(context, GIVEN_FACT, @$); $$->name = $2.text; $$->value = $4;
    }
  | "given" IDENT '.' '*' '=' given_answer {
        $$ = new_given(context, GIVEN_ALL_ITEMS, @$); $$->name = $2.text;
        $$->answer = $6.text; $$->answer_span = to_span(@6);
    }
  | "given" IDENT '.' item_id '=' given_answer {
        $$ = new_given(context, GIVEN_ITEM, @$); $$->name = $2.text;
        $$->item_id = $4.text; $$->item_span = to_span(@4);
        $$->answer = $6.text; $$->answer_span = to_span(@6);
    }
    ;

/* An item's answer in a test: an option as answer files name it (a
   negative number as -1), or `unanswered` (text NULL). */
given_answer:
    item_id { $$ = $1; }
  | '-' NUMBER { $$ = $2; $$.text = arena_printf(AREA, "-%s", $2.text); }
  | "unanswered" { $$.text = NULL; }
    ;

expect:
    "expect" expr expect_lists {
        $$ = $3; $$->expr = $2; $$->where = to_span(@$);
    }
  | "expect" "stage" IDENT "during" item_id {
        $$ = ARENA_NEW(AREA, ast_expect); $$->where = to_span(@$);
        $$->during_stages = $3.text; $$->during_id = $5.text;
    }
    ;

expect_lists:
    %empty { $$ = ARENA_NEW(AREA, ast_expect); }
  | expect_lists "blocking" id_list { $$ = $1; $$->has_blocking = true; $$->blocking = $3; }
  | expect_lists "waiting" id_list { $$ = $1; $$->has_waiting = true; $$->waiting = $3; }
    ;

id_list:
    item_id { $$ = (ast_list){0}; ast_list_push(AREA, &$$, (void *)$1.text); }
  | id_list ',' item_id { $$ = $1; ast_list_push(AREA, &$$, (void *)$3.text); }
    ;

%%

/* {=== node constructors ===} */

static ast_expr *new_expr(parse_context *context, expr_kind kind, YYLTYPE location) {
    ast_expr *expr = ARENA_NEW(AREA, ast_expr);
    expr->kind = kind;
    expr->where = to_span(location);
    expr->file = context->file;
    expr->name_span = expr->where;
    expr->depth = 1;
    return expr;
}

static ast_expr *new_binary(parse_context *context, binary_op op, ast_expr *left,
                            ast_expr *right, YYLTYPE location) {
    ast_expr *expr = new_expr(context, EXPR_BINARY, location);
    expr->op = op;
    expr->left = left;
    expr->right = right;
    return limit_depth(context, expr);
}

/* NAME(x) or NAME(x, n): a number function, which the compiler looks up. */
static ast_expr *new_call(parse_context *context, token_value name, YYLTYPE name_location,
                          ast_expr *left, ast_expr *right, YYLTYPE location) {
    ast_expr *expr = new_expr(context, EXPR_CALL, location);
    expr->name = name.text;
    expr->name_span = to_span(name_location);
    expr->left = left;
    expr->right = right;
    return limit_depth(context, expr);
}

/* Keep expression trees shallow enough for the stages that walk them
   recursively: a chain like 1 + 1 + … of thousands of terms is refused once,
   and replaced by a literal so nothing downstream walks it. */
static ast_expr *limit_depth(parse_context *context, ast_expr *expr) {
    unsigned deepest = 0;
    const ast_expr *operands[] = {expr->left, expr->right, expr->otherwise};
    for (size_t index = 0; index < 3; index++)
        if (operands[index] && operands[index]->depth > deepest) deepest = operands[index]->depth;
    expr->depth = deepest + 1;
    if (expr->depth <= AST_MAX_EXPR_DEPTH) return expr;
    if (deepest == AST_MAX_EXPR_DEPTH) {
        char *message = arena_printf(AREA, "an expression nested more than %d levels deep",
                                     AST_MAX_EXPR_DEPTH);
        parse_error(context, to_yyltype(expr->where), message,
                    "split it into named values with let");
    }
    ast_expr *stub = new_expr(context, EXPR_NUMBER, to_yyltype(expr->where));
    stub->depth = AST_MAX_EXPR_DEPTH + 1;
    return stub;
}

static ast_text text_one(parse_context *context, const char *lang, const char *text,
                         YYLTYPE location) {
    ast_text result = {0};
    return text_add(context, result, lang, text, location);
}

/* Append a language variant; a language given twice is an error. */
static ast_text text_add(parse_context *context, ast_text text, const char *lang,
                         const char *value, YYLTYPE location) {
    for (size_t index = 0; index < text.count; index++) {
        const char *existing = text.variants[index].lang;
        if ((existing == NULL) == (lang == NULL) && (!lang || strcmp(existing, lang) == 0)) {
            diagnostic *record = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0208,
                context->file, location.start, location.end,
                "text for %s given twice", lang ? lang : "every language");
            diag_set_help(context->diags, record, "keep one text per language");
            return text;
        }
    }
    text_variant *grown = arena_calloc(AREA, text.count + 1, sizeof *grown);
    if (text.count) memcpy(grown, text.variants, text.count * sizeof *grown);
    grown[text.count].lang = lang;
    grown[text.count].text = value;
    text.variants = grown;
    if (text.count == 0) text.where.start = location.start;
    text.where.end = location.end;
    text.count++;
    return text;
}

static ast_member *new_member(parse_context *context, ast_member_kind kind, void *node,
                              YYLTYPE location) {
    ast_member *member = ARENA_NEW(AREA, ast_member);
    member->kind = kind;
    member->node = node;
    member->where = to_span(location);
    return member;
}

static ast_field *new_field(parse_context *context, field_kind kind, YYLTYPE location) {
    ast_field *field = ARENA_NEW(AREA, ast_field);
    field->kind = kind;
    field->where = location;
    return field;
}

static ast_scale *new_scale(parse_context *context, const char *name, YYLTYPE location) {
    ast_scale *scale = ARENA_NEW(AREA, ast_scale);
    scale->name = name;
    scale->where = to_span(location);
    scale->file = context->file;
    return scale;
}

static ast_fact *new_fact(parse_context *context, const char *name, YYLTYPE location,
                          fact_type type, ast_expr *default_value, ast_text description) {
    ast_fact *fact = ARENA_NEW(AREA, ast_fact);
    fact->name = name;
    fact->where = to_span(location);
    fact->type = type;
    fact->default_value = default_value;
    fact->description = description;
    fact->file = context->file;
    return fact;
}

static ast_aggregate make_element(element_kind kind, const char *name, YYLTYPE name_location,
                                  ast_aggregate selection) {
    ast_aggregate element = selection;
    element.element = kind;
    if (kind == ELEMENT_IS) {
        element.option_key = name;
        element.option_span = to_span(name_location);
    } else {
        element.attribute = name;
        element.attribute_span = to_span(name_location);
    }
    return element;
}

static const char *join_dotted(parse_context *context, const ast_list *parts) {
    size_t length = 0;
    for (size_t index = 0; index < parts->count; index++)
        length += strlen(parts->items[index]) + 1;
    char *name = arena_alloc(AREA, length + 1);
    name[0] = '\0';
    for (size_t index = 0; index < parts->count; index++) {
        if (index) strcat(name, ".");
        strcat(name, parts->items[index]);
    }
    return name;
}

static ast_selection_gate *new_selection_gate(parse_context *context, selection_rule rule,
                                              const char *name, YYLTYPE location,
                                              ast_text title) {
    ast_selection_gate *gate = ARENA_NEW(AREA, ast_selection_gate);
    gate->rule = rule;
    gate->name = name;
    gate->where = to_span(location);
    gate->title = title;
    return gate;
}

static ast_map_row *new_map_row(parse_context *context, relation_kind relation,
                                YYLTYPE location) {
    ast_map_row *row = ARENA_NEW(AREA, ast_map_row);
    row->relation = relation;
    row->where = to_span(location);
    return row;
}

static ast_ref *new_ref(parse_context *context, relation_kind relation, const char *framework,
                        YYLTYPE framework_location, const char *control,
                        YYLTYPE control_location) {
    ast_ref *ref = ARENA_NEW(AREA, ast_ref);
    ref->relation = relation;
    ref->framework = framework;
    ref->framework_span = to_span(framework_location);
    ref->control = control;
    ref->control_span = to_span(control_location);
    return ref;
}

static ast_change *new_change(parse_context *context, change_kind kind, YYLTYPE location) {
    ast_change *change = ARENA_NEW(AREA, ast_change);
    change->kind = kind;
    change->where = to_span(location);
    return change;
}

static ast_given *new_given(parse_context *context, given_kind kind, YYLTYPE location) {
    ast_given *given = ARENA_NEW(AREA, ast_given);
    given->kind = kind;
    given->where = to_span(location);
    return given;
}

/* A band's lower (>=, >) or upper (<=, <) bound; a second of the same kind
   is an error (TK0306). */
static ast_band *add_bound(parse_context *context, ast_band *band, bool lower, bool inclusive,
                           decimal value, YYLTYPE op_location, YYLTYPE value_location) {
    ast_bound *bound = lower ? &band->lower : &band->upper;
    span where = {op_location.start, value_location.end};
    if (bound->present) {
        diagnostic *record = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0306,
                                         context->file, where.start, where.end,
                                         "a band with two %s bounds", lower ? "lower" : "upper");
        diag_set_help(context->diags, record, "give a band at most one of >= or > and one of "
                                              "<= or <, as in >= 50 < 70");
        return band;
    }
    *bound = (ast_bound){true, inclusive, value, where};
    return band;
}

/* A NUMBER token used as a number: "1.2.3" reads as an id, not a number. */
static decimal number_value(parse_context *context, token_value token, YYLTYPE location) {
    decimal number = decimal_from_int(0);
    const char *dot = strchr(token.text, '.');
    if (!(dot && strchr(dot + 1, '.')) && !decimal_parse(token.text, strlen(token.text), &number)) {
        diagnostic *record = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0005,
                                         context->file, location.start, location.end,
                                         "'%.20s…' is too large a number", token.text);
        diag_set_help(context->diags, record, "numbers in rules have at most 6000 digits");
        return number;
    }
    if (dot && strchr(dot + 1, '.')) {
        diagnostic *record = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0005,
                                         context->file, location.start, location.end,
                                         "'%s' is not a number", token.text);
        diag_set_help(context->diags, record,
                      "a number has at most one decimal point; an id like this goes in quotes");
    }
    return number;
}

/* Set a text field once; a second one is reported where it stands. */
static void set_text_once(parse_context *context, ast_text *slot, const ast_field *field,
                          const char *field_name, const char *keyword) {
    if (slot->count) {
        diagnostic *record = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0208,
            context->file, field->where.start, field->where.end,
            "the item already has a %s", field_name);
        diag_add_note(context->diags, record, context->file, slot->where.start,
                      slot->where.end, "the first %s is here", field_name);
        diag_set_help(context->diags, record,
                      "give each language in one field: %s ja \"…\" en \"…\"", keyword);
        return;
    }
    *slot = field->text;
}

/* `only when … otherwise counts as KEY`: the option a not-applicable item
   counts as, once per item. */
static void set_counts_as(parse_context *context, ast_item *item, const ast_field *field) {
    if (item->counts_as) {
        diagnostic *record = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0208,
            context->file, field->option_where.start, field->option_where.end,
            "item '%s' already counts as '%s' when it does not apply", item->id,
            item->counts_as);
        diag_set_help(context->diags, record,
                      "give `otherwise counts as` on one `only when` of the item");
        return;
    }
    item->counts_as = field->name;
    item->counts_as_span = to_span(field->option_where);
    item->counts_as_file = context->file;
}

static void add_item_field(parse_context *context, ast_item *item, ast_field *field) {
    switch (field->kind) {
    case FIELD_LABEL: set_text_once(context, &item->label, field, "label", "label"); break;
    case FIELD_TEXT: set_text_once(context, &item->text, field, "text", "text"); break;
    case FIELD_QUESTION:
        set_text_once(context, &item->question, field, "question", "question");
        break;
    case FIELD_NOTE: set_text_once(context, &item->note, field, "note", "note"); break;
    case FIELD_SOURCE: set_text_once(context, &item->source_ref, field, "source", "source"); break;
    case FIELD_PRINTED:
        set_text_once(context, &item->printed, field, "printed number", "printed");
        break;
    case FIELD_SCALE:
    case FIELD_OPTIONS:
        if (item->scale_name || item->options) {
            diagnostic *record = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0208,
                context->file, field->where.start, field->where.end,
                "item '%s' already has its options", item->id);
            diag_set_help(context->diags, record,
                          "give an item either `scale NAME` or `options { … }`, once");
            break;
        }
        item->scale_name = field->name;
        item->scale_span = to_span(field->where);
        item->options = field->options;
        break;
    case FIELD_WEIGHT:
        item->weight = field->number;
        item->has_weight = true;
        break;
    case FIELD_TAGS:
        for (size_t index = 0; index < field->strings.count; index++)
            ast_list_push(AREA, &item->tags, field->strings.items[index]);
        break;
    case FIELD_EXCLUDE: ast_list_push(AREA, &item->exclusions, field->exclusion); break;
    case FIELD_ONLY_WHEN:
        ast_list_push(AREA, &item->only_when, field->condition);
        if (field->name) set_counts_as(context, item, field);
        break;
    case FIELD_REF:
        for (size_t index = 0; index < field->strings.count; index++)
            ast_list_push(AREA, &item->refs, field->strings.items[index]);
        break;
    }
}

/* {=== shown: how a value is written in reports ===} */

static ast_format *new_format(parse_context *context, YYLTYPE location) {
    ast_format *format = ARENA_NEW(AREA, ast_format);
    format->decimals = -1;
    format->where = to_span(location);
    return format;
}

static void format_error(parse_context *context, span where, const char *message,
                         const char *help) {
    diagnostic *record = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0103, context->file,
                                     where.start, where.end, "%s", message);
    diag_set_help(context->diags, record, "%s", help);
}

/* A word of the shown clause, which the grammar reads as a name (NULL: a
   word alone, where none is). */
static void expect_word(parse_context *context, token_value word, YYLTYPE location,
                        const char *wanted) {
    if (wanted && strcmp(word.text, wanted) == 0) return;
    format_error(context, to_span(location),
                 wanted ? arena_printf(AREA, "'%s' where `%s` was expected", word.text, wanted)
                 : strcmp(word.text, "percent") == 0 ? "a percent is written `as percent`"
                 : arena_printf(AREA, "'%s' is no part of a shown clause", word.text),
                 "write a value's format as: shown 2 decimals, shown as percent, "
                 "shown unit \"…\" (any of them, once each)");
}

/* `N decimals`: a whole number from 0 to 34 (a decimal's digits). */
static ast_format *format_decimals(parse_context *context, const char *count, YYLTYPE location,
                                   token_value word, YYLTYPE word_location) {
    ast_format *format = new_format(context, location);
    if (strcmp(word.text, "decimal") != 0) expect_word(context, word, word_location, "decimals");
    char *end = NULL;
    long decimals = strtol(count, &end, 10);
    if (*count < '0' || *count > '9' || *end || decimals > DECIMAL_DIGITS) {
        format_error(context, to_span(location),
                     arena_printf(AREA, "'%s' decimals: a value is shown with 0 to %d decimals",
                                  count, DECIMAL_DIGITS),
                     "give a whole number of decimals, as in: shown 2 decimals");
        return format;
    }
    format->decimals = (int)decimals;
    return format;
}

/* One more part of a shown clause: each is given once, and a percent has
   its own unit. */
static ast_format *merge_format(parse_context *context, ast_format *into, const ast_format *part) {
    const char *twice = part->decimals >= 0 && into->decimals >= 0 ? "the decimals are"
                        : part->percent && into->percent           ? "`as percent` is"
                        : part->unit.count && into->unit.count     ? "the unit is"
                                                                   : NULL;
    if (twice) {
        format_error(context, part->where,
                     arena_printf(AREA, "%s given twice in one shown clause", twice),
                     "give each of decimals, `as percent` and `unit` at most once");
        return into;
    }
    if ((part->percent && into->unit.count) || (part->unit.count && into->percent)) {
        format_error(context, part->where, "a percent is shown with %; it takes no other unit",
                     "drop `as percent` and multiply by 100, or drop the unit");
        return into;
    }
    if (part->decimals >= 0) into->decimals = part->decimals;
    into->percent |= part->percent;
    if (part->unit.count) into->unit = part->unit;
    return into;
}

/* {=== syntax errors ===} */

static diagnostic *parse_error(parse_context *context, YYLTYPE location,
                               const char *message, const char *help) {
    context->syntax_errors++;
    diagnostic *record = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0101,
                                     context->file, location.start, location.end,
                                     "%s", message);
    if (help) diag_set_help(context->diags, record, "%s", help);
    return record;
}

/* Bison's own messages: only "memory exhausted" reaches here, when blocks
   or parentheses nest deeper than the parser's stack (YYMAXDEPTH). */
static void yyerror(YYLTYPE *location, void *scanner, parse_context *context,
                    const char *message) {
    (void)scanner;
    if (strcmp(message, "memory exhausted") == 0) {
        parse_error(context, *location, "the file nests too deeply to be read",
                    "split deep expressions into named values with let");
        return;
    }
    parse_error(context, *location, message, NULL);
}

/* How a symbol is named to the user: 'item', '{', a name, end of file. */
static const char *symbol_words(parse_context *context, yysymbol_kind_t symbol) {
    const char *name = yysymbol_name(symbol);
    if (name[0] == '\'' || strchr(name, ' ')) return name;
    return arena_printf(AREA, "'%s'", name);
}

/* The lookahead as the user wrote it: name 'sectoin', string "…", number 3. */
static const char *lookahead_words(parse_context *context, yysymbol_kind_t symbol,
                                   const YYLTYPE *location) {
    const char *text = context->file->text + location->start;
    int length = (int)(location->end - location->start);
    if (length > 40) length = 40;
    switch (symbol) {
    case YYSYMBOL_IDENT: return arena_printf(AREA, "name '%.*s'", length, text);
    case YYSYMBOL_NUMBER: return arena_printf(AREA, "number %.*s", length, text);
    case YYSYMBOL_STRING: return arena_printf(AREA, "string %.*s", length, text);
    default: return symbol_words(context, symbol);
    }
}

static bool expects(const yysymbol_kind_t *expected, int count, yysymbol_kind_t symbol) {
    for (int index = 0; index < count; index++)
        if (expected[index] == symbol) return true;
    return false;
}

/* A name that is almost a keyword the parser wanted: "did you mean 'section'?" */
static const char *misspelt_keyword(parse_context *context, const yysymbol_kind_t *expected,
                                    int count, const YYLTYPE *location) {
    char *written = arena_strndup(AREA, context->file->text + location->start,
                                  location->end - location->start);
    suggestion best;
    suggest_begin(&best, written);
    for (int index = 0; index < count; index++) {
        const char *name = yysymbol_name(expected[index]);
        if (name[0] != '\'' && !strchr(name, ' ')) suggest_consider(&best, name);
    }
    return suggest_result(&best);
}

static int yyreport_syntax_error(const yypcontext_t *syntax, void *scanner,
                                 parse_context *context) {
    (void)scanner;
    enum { MAX_LISTED = 6 };
    yysymbol_kind_t expected[YYNTOKENS];
    int expected_count = yypcontext_expected_tokens(syntax, expected, YYNTOKENS);
    yysymbol_kind_t lookahead = yypcontext_token(syntax);
    YYLTYPE *location = yypcontext_location(syntax);
    if (expects(expected, expected_count, YYSYMBOL_KW_BECAUSE) &&
        !expects(expected, expected_count, YYSYMBOL_IDENT)) { /* not inside a module name */
        parse_error(context, *location, "an exclusion needs a reason",
                    "write `exclude when CONDITION because \"why the item does not apply\"`");
        return 0;
    }
    if (lookahead == YYSYMBOL_YYEOF && context->module->version == 0 && !context->module->name) {
        diagnostic *empty = diag_report(context->diags, SEVERITY_ERROR, DIAG_TK0102, context->file,
                                        location->start, location->end,
                                        "the file holds no rules");
        diag_set_help(context->diags, empty, "start it with `tenken 1` and `module NAME`");
        context->syntax_errors++;
        return 0;
    }
    diagnostic *record = parse_error(context, *location,
        arena_printf(AREA, "unexpected %s", lookahead_words(context, lookahead, location)), NULL);
    const char *lookahead_name = yysymbol_name(lookahead);
    if (expects(expected, expected_count, YYSYMBOL_IDENT) && lookahead_name[0] != '\'' &&
        !strchr(lookahead_name, ' ') && lookahead != YYSYMBOL_IDENT) {
        diag_set_help(context->diags, record,
                      "'%s' is a word of the language and cannot be a name; choose another name",
                      lookahead_name);
        return 0;
    }
    if (lookahead == YYSYMBOL_IDENT) {
        const char *keyword = misspelt_keyword(context, expected, expected_count, location);
        if (keyword) {
            diag_set_help(context->diags, record, "did you mean '%s'?", keyword);
            return 0;
        }
    }
    if (lookahead == YYSYMBOL_IDENT && expects(expected, expected_count, YYSYMBOL_KW_OF)) {
        diag_set_help(context->diags, record, "expected 'of' here"); /* points of items */
        return 0;
    }
    if (expected_count > MAX_LISTED && expects(expected, expected_count, YYTRANSLATE(')'))) {
        diag_set_help(context->diags, record, "a ')' is missing before this");
        return 0;
    }
    if (expected_count > MAX_LISTED && expects(expected, expected_count, YYSYMBOL_NUMBER)) {
        diag_set_help(context->diags, record, "expected an expression here");
        return 0;
    }
    if (expected_count <= 0 || expected_count > MAX_LISTED) return 0;
    char *list = "";
    for (int index = 0; index < expected_count; index++) {
        const char *separator = index == 0 ? "" : index == expected_count - 1 ? " or " : ", ";
        list = arena_printf(AREA, "%s%s%s", list, separator, symbol_words(context, expected[index]));
    }
    diag_set_help(context->diags, record, "expected %s here", list);
    return 0;
}

/* {=== entry ===} */

int tk_yylex_init_extra(lexer_state *state, void **scanner);
int tk_yylex_destroy(void *scanner);
void *tk_yy_scan_bytes(const char *bytes, int length, void *scanner);

ast_module *parse_module(arena *region, const source *file, diag_list *diags) {
    ast_module *module = ARENA_NEW(region, ast_module);
    module->file = file;
    lexer_state state = {file, diags, region, 0, false};
    parse_context context = {file, diags, region, module, 0};
    void *scanner = NULL;
    if (tk_yylex_init_extra(&state, &scanner) != 0) return module;
    tk_yy_scan_bytes(file->text, (int)file->length, scanner);
    tk_yyparse(scanner, &context);
    tk_yylex_destroy(scanner);
    return module;
}
