/*
 * testing.h — test blocks: answers given and results expected, written in
 * rule files and run by `tenken test`. A test is resolved against the graph
 * it runs on (the module, or one of its variants) when that graph is
 * compiled, so a test that names something unknown is a compile error.
 */
#ifndef TK_TESTING_H
#define TK_TESTING_H

#include "lang/ast.h"
#include "base/diag.h"
#include "lang/graph.h"

typedef enum expect_kind {
    EXPECT_TRUE,            /* a condition that must hold */
    EXPECT_GATE,            /* gate G is pass|fail|pending [blocking …] [waiting …] */
    EXPECT_STATE,           /* item C."ID" is answered|unanswered|excluded|… */
    EXPECT_VALUE_STATE,     /* VALUE is unknown | n/a */
    EXPECT_STAGE,           /* stage S is ID: the current stage */
    EXPECT_DURING,          /* stage S during ID: an active during-stage */
} expect_kind;

typedef struct graph_expect {
    expect_kind kind;
    const ast_expect *decl;
    const gexpr *expr;      /* EXPECT_TRUE: the condition; EXPECT_VALUE_STATE: the value */
    size_t node;            /* the gate, item or ladder */
    int wanted;             /* gate status, item state, value kind, or stage position */
    size_t *blocking, *waiting;     /* item nodes, when the test lists them */
    size_t blocking_count, waiting_count;
} graph_expect;

typedef struct graph_given {
    given_kind kind;
    const ast_given *decl;
    size_t node;            /* the fact or the item */
    const gexpr *value;     /* GIVEN_FACT: a literal */
    size_t checklist;       /* GIVEN_ALL_ITEMS */
    int *options;           /* per item of the checklist (all) or [0] (one item) */
} graph_given;

typedef struct graph_test {
    const ast_test *decl;
    graph_given *givens;
    size_t given_count;
    graph_expect *expects;
    size_t expect_count;
} graph_test;

/* Resolve the root module's tests for the variant compiled (NULL: none). */
void testing_resolve(tk_graph *graph, const ast_module *root, const char *variant,
                     diag_list *diags);

#endif
