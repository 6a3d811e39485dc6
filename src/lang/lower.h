/*
 * lower.h — building the evaluation graph from the syntax trees, the last
 * part of the front end. Lowering copies into the graph's own arena every
 * name, text, label, reason and condition text the later stages need, so
 * the syntax trees (in the compiler's scratch arena) can be freed as soon
 * as the graph is built. The passes, in order:
 *
 *   resolve.c      declarations → nodes: scales, facts, checklists, sections,
 *                  items, values, gates, stage ladders (names bound, duplicates
 *                  reported); bands.c the bands declarations
 *   lower_expr.c   expressions → graph expressions (gexpr), for every node
 *   order.c        nodes into topological order; cycles reported
 *   typecheck.c    types of every expression
 *   lint.c         warnings over a graph without errors
 *   lower_tests.c  test blocks → graph tests
 *
 * Every pass reports to diags at the places in the sources it was given.
 */
#ifndef TK_LOWER_H
#define TK_LOWER_H

#include "base/diag.h"
#include "base/suggest.h"
#include "lang/ast.h"
#include "lang/catalog.h"
#include "lang/graph.h"
#include "lang/modules.h"

/* Copies of texts into a region that outlives the syntax trees; equal texts
   share one copy. */
typedef struct text_copier {
    arena *region;              /* receives the copies */
    arena *scratch;             /* the index of copies */
    strmap strings;             /* text -> its one copy */
} text_copier;

const char *copy_string(text_copier *copies, const char *text);   /* NULL stays NULL */
graph_text copy_text(text_copier *copies, const ast_text *text);
graph_names copy_names(text_copier *copies, const ast_list *names); /* of const char* */

typedef struct lowering {
    tk_graph *graph;            /* being built; its arena receives every copy */
    arena *scratch;             /* freed with the syntax trees: maps used while lowering */
    diag_list *diags;
    const source **sources;     /* per graph file (graph->files): for diagnostics */
    size_t source_capacity;
    text_copier copies;         /* into the graph's arena */
    strmap scales;              /* scale name -> graph_scale* */
    strmap scale_decls;         /* scale name -> ast_scale*, for duplicate reports */
    strmap unloaded_names;      /* names listed by imports that failed to load */
    const void **node_decls;    /* per node, its declaration (ast_item*, ast_fact*, …) */
    strmap checklist_decls;     /* checklist name -> ast_checklist*, for duplicate reports */
    size_t node_capacity, checklist_capacity, fact_capacity, value_capacity, ladder_capacity;
    size_t scale_capacity, enum_capacity, band_set_capacity;
    size_t checklist;           /* scope while lowering: a checklist, or NO_INDEX */
    const source *file;         /* the file of the declaration being lowered */
} lowering;

void lowering_init(lowering *state, tk_graph *graph, arena *scratch, diag_list *diags);

/* {=== copies into the graph ===} */

/* The graph's copy of a text; NULL stays NULL. Equal texts share one copy. */
const char *lower_string(lowering *state, const char *text);
graph_text lower_text(lowering *state, const ast_text *text);
/* A list of const char* (enum members, aliases' texts, tags). */
graph_names lower_names(lowering *state, const ast_list *names);
/* The text of a span of a source, as written. */
const char *lower_written(lowering *state, const source *file, span where);
/* The graph's number for a source file (added to graph->files when new). */
uint32_t lower_file(lowering *state, const source *file);
graph_place lower_place(lowering *state, const source *file, span where);
/* The source of a place, for diagnostics; NULL when the sources are gone. */
const source *lowering_source(const lowering *state, graph_place place);

/* {=== the passes ===} */

/* Declarations of the root module and what it imports → nodes. */
void resolve_modules(lowering *state, const module_set *modules);
/* A new node for a declaration (kept beside it until its expressions are
   lowered); its index. */
size_t resolve_add_node(lowering *state, node_kind kind, const char *name, span where,
                        const void *decl);
/* A bands declaration of the root module → a node; overlapping, misordered
   and empty bands reported (bands.c). */
void resolve_bands(lowering *state, const ast_bands *decl, size_t *capacity);
/* Warnings for numbers that no band holds (bands.c, run by lint.c). */
void lint_bands(diag_list *diags, const ast_bands *decl);
/* Every node's expressions (defaults, conditions, values, ladders, bands). */
void lower_expressions(lowering *state);
/* One expression in the graph's scope (module level), for test blocks;
   NULL when it names something unknown (reported). */
const gexpr *lower_expression(lowering *state, const ast_expr *expr, const source *file);
/* Order the nodes so each follows what it depends on, renumbering every
   reference; reports each dependency cycle (TK0401). False on a cycle. */
bool graph_sort(lowering *state);
/* The test blocks of the root module that run against this graph (the
   module, or the variant compiled). */
void lower_tests(lowering *state, const ast_module *root, const char *variant);

/* The frameworks, maps and item references of every module in the set,
   checked and copied into `region` (catalog.c). Maps of `lint_module` (may
   be NULL) are also checked for source controls they leave unmapped. */
catalog *catalog_build(arena *region, const module_set *modules, const ast_module *lint_module,
                       diag_list *diags);

/* {=== diagnostics ===} */

diagnostic *lower_report(lowering *state, diag_code code, span where, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
/* "did you mean 'x'?" with the best suggestion, else the fallback (may be NULL). */
void lower_help(lowering *state, diagnostic *record, const suggestion *best,
                const char *fallback);
/* Consider every key of a name map for a suggestion. */
void lower_suggest_from_map(suggestion *best, const strmap *map);
void lower_report_duplicate(lowering *state, const source *file, span where,
                            const source *first_file, span first, const char *what,
                            const char *name);

#endif
