/*
 * catalog.c — looking things up in a control catalogue (catalog.h): a
 * framework by id (TK0701 with the nearest one when there is none), a
 * control by id within its framework, a module by name.
 */
#include "lang/catalog.h"

#include <string.h>

#include "base/suggest.h"

const catalog_framework *catalog_require(const catalog *catalogue, const char *id,
                                         const source *file, span where, const char *option,
                                         diag_list *diags) {
    const catalog_framework *framework = catalog_find(catalogue, id);
    if (framework) return framework;
    diagnostic *record =
        option ? diag_report_at_path(diags, SEVERITY_ERROR, DIAG_TK0701, option,
                                     "unknown framework '%s'", id)
               : diag_report(diags, SEVERITY_ERROR, DIAG_TK0701, file, where.start, where.end,
                             "unknown framework '%s'", id);
    suggestion best;
    suggest_begin(&best, id);
    for (size_t index = 0; index < catalogue->framework_count; index++)
        suggest_consider(&best, catalogue->frameworks[index].id);
    if (suggest_result(&best))
        diag_set_help(diags, record, "did you mean '%s'?", suggest_result(&best));
    else if (option)
        diag_set_help(diags, record, "the catalogue has %zu frameworks; load the file that "
                      "defines it, or add its directory with -I", catalogue->framework_count);
    else
        diag_set_help(diags, record,
                      "import the module that defines it, e.g. `import stdlib.frameworks.%s`",
                      id);
    return NULL;
}

const catalog_framework *catalog_find(const catalog *catalogue, const char *id) {
    const catalog_framework *found = strmap_get(&catalogue->framework_by_id, id);
    if (found) return found;
    for (size_t index = 0; index < catalogue->framework_count; index++) /* while building */
        if (strcmp(catalogue->frameworks[index].id, id) == 0) return &catalogue->frameworks[index];
    return NULL;
}

const catalog_module *catalog_module_named(const catalog *catalogue, const char *name) {
    for (size_t index = 0; index < catalogue->module_count; index++)
        if (strcmp(catalogue->modules[index].name, name) == 0) return &catalogue->modules[index];
    return NULL;
}

const catalog_control *catalog_node(const catalog_framework *framework, const char *id) {
    return strmap_get(&framework->node_by_id, id);
}

bool catalog_is_unit(const catalog_framework *framework, const catalog_control *node) {
    return node->kind == framework->unit_kind;
}

const catalog_control *catalog_top(const catalog_control *node) {
    while (node->parent) node = node->parent;
    return node;
}
