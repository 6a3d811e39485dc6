/*
 * modules.h — finding and loading rule files: the root file named on the
 * command line and, transitively, the modules it imports, looked up on the
 * search path (-I directories, TENKEN_PATH, the installed data directory).
 */
#ifndef TK_MODULES_H
#define TK_MODULES_H

#include <stdbool.h>

#include "lang/ast.h"
#include "base/diag.h"

typedef struct search_path {
    const char *const *directories;
    size_t count;
} search_path;

typedef struct module_set {
    ast_module **modules;   /* modules[0] is the root file */
    size_t count, capacity;
} module_set;

/* Load the root file and everything it imports. Returns false when the root
   file cannot be read; other problems are diagnostics. */
bool modules_load(arena *region, const char *root_path, const search_path *path,
                  diag_list *diags, module_set *modules);

/* The same, for a root file already in memory (tests, standard input). */
bool modules_load_source(arena *region, source *root_file, const search_path *path,
                         diag_list *diags, module_set *modules);

/* Load one more root file and its imports into a set, unless a module of
   its name is in the set already (tenken map loads a catalogue this way). */
bool modules_load_more(arena *region, const char *path, const search_path *search,
                       diag_list *diags, module_set *modules);

/* The module named `name` in the set, or NULL. */
ast_module *modules_find(const module_set *modules, const char *name);

#endif
