/*
 * modules.c — loading a rule file and its imports. Module `a.b.c` is the file
 * a/b/c.tkn in a search directory, or c.tkn beside the file that imports it.
 * Each file is checked for valid UTF-8 before it is scanned, and its module
 * line must name the module that was imported. Import cycles are reported.
 */
#include "lang/modules.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lang/parse.h"

enum { MODULES_MAX_IMPORT_DEPTH = 32 };

typedef struct loader {
    arena *region;
    const search_path *path;
    diag_list *diags;
    module_set *modules;
    const char *loading[MODULES_MAX_IMPORT_DEPTH];   /* import chain, for cycles */
    size_t depth;
} loader;

ast_module *modules_find(const module_set *modules, const char *name) {
    for (size_t index = 0; index < modules->count; index++) {
        const char *module_name = modules->modules[index]->name;
        if (module_name && strcmp(module_name, name) == 0) return modules->modules[index];
    }
    return NULL;
}

static bool file_exists(const char *path) {
    struct stat info;
    return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

static ast_module *parse_checked(loader *state, source *file) {
    if (!diag_check_utf8(state->diags, file, DIAG_HELP_SAVE_AS_UTF8)) {
        ast_module *empty = ARENA_NEW(state->region, ast_module);
        empty->file = file;
        return empty;
    }
    return parse_module(state->region, file, state->diags);
}

static ast_module *load_file(loader *state, const char *path, const source *importer,
                             span import_span) {
    const char *error = NULL;
    source *file = source_read_file(state->region, path, &error);
    if (!file) {
        if (importer)
            diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0901, importer,
                        import_span.start, import_span.end, "cannot read %s: %s", path, error);
        else
            diag_report_at_path(state->diags, SEVERITY_ERROR, DIAG_TK0901, path,
                                "cannot read the file: %s", error);
        return NULL;
    }
    return parse_checked(state, file);
}

/* The directory part of a path, lexically: "a/b/c.tkn" → "a/b", "a" → ".",
   "/a" → "/". NULL when there is nothing above ("." or "/"). */
static char *parent_directory(arena *region, const char *path) {
    if (strcmp(path, ".") == 0 || strcmp(path, "/") == 0) return NULL;
    const char *slash = strrchr(path, '/');
    if (!slash) return arena_strdup(region, ".");
    if (slash == path) return arena_strdup(region, "/");
    return arena_strndup(region, path, (size_t)(slash - path));
}

/* Where module `name` lives: a/b/c.tkn on the search path; else a/b/c.tkn in
   the importing file's directory or a directory above it (so a rule file in
   a clone finds the clone's stdlib); else c.tkn beside the importing file.
   NULL when none exists. */
static char *find_module_file(loader *state, const char *name, const source *importer) {
    enum { MAX_LEVELS_UP = 16 };
    char *relative = arena_strdup(state->region, name);
    for (char *cursor = relative; *cursor; cursor++)
        if (*cursor == '.') *cursor = '/';
    for (size_t index = 0; index < state->path->count; index++) {
        char *candidate = arena_printf(state->region, "%s/%s.tkn",
                                       state->path->directories[index], relative);
        if (file_exists(candidate)) return candidate;
    }
    char *directory = parent_directory(state->region, importer->path);
    for (size_t level = 0; directory && level < MAX_LEVELS_UP; level++) {
        char *candidate = strcmp(directory, ".") == 0
                              ? arena_printf(state->region, "%s.tkn", relative)
                              : arena_printf(state->region, "%s%s%s.tkn", directory,
                                             strcmp(directory, "/") ? "/" : "", relative);
        if (file_exists(candidate)) return candidate;
        directory = parent_directory(state->region, directory);
    }
    const char *last_dot = strrchr(name, '.');
    const char *last = last_dot ? last_dot + 1 : name;
    const char *slash = strrchr(importer->path, '/');
    int directory_length = slash ? (int)(slash - importer->path) : 1;
    const char *sibling_directory = slash ? importer->path : ".";
    char *sibling = arena_printf(state->region, "%.*s/%s.tkn", directory_length,
                                 sibling_directory, last);
    return file_exists(sibling) ? sibling : NULL;
}

static void load_imports(loader *state, ast_module *module);

static void load_import(loader *state, ast_module *module, const ast_import *import) {
    for (size_t index = 0; index < state->depth; index++) {
        if (strcmp(state->loading[index], import->module) != 0) continue;
        diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0211,
            module->file, import->where.start, import->where.end,
            "module '%s' imports itself through '%s'", import->module, module->name);
        diag_set_help(state->diags, record, "move what both modules need into a third module");
        return;
    }
    if (modules_find(state->modules, import->module)) return;
    if (state->depth >= MODULES_MAX_IMPORT_DEPTH) {
        diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0211, module->file,
                    import->where.start, import->where.end,
                    "imports nest deeper than %d modules", MODULES_MAX_IMPORT_DEPTH);
        return;
    }
    char *path = find_module_file(state, import->module, module->file);
    if (!path) {
        diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0207,
            module->file, import->where.start, import->where.end,
            "module '%s' is not on the search path", import->module);
        diag_set_help(state->diags, record,
                      "add its directory with -I DIR or TENKEN_PATH, or check the name");
        return;
    }
    ast_module *imported = load_file(state, path, module->file, import->where);
    if (!imported) return;
    if (imported->name && strcmp(imported->name, import->module) != 0) {
        diagnostic *record = diag_report(state->diags, SEVERITY_ERROR, DIAG_TK0207,
            module->file, import->where.start, import->where.end,
            "%s declares module '%s', not '%s'", path, imported->name, import->module);
        diag_set_help(state->diags, record, "import the module by the name its file declares");
        return;
    }
    if (!imported->name) imported->name = import->module;
    *ARENA_PUSH(state->region, state->modules->modules, state->modules->count,
                state->modules->capacity) = imported;
    state->loading[state->depth++] = import->module;
    load_imports(state, imported);
    state->depth--;
}

/* Imports, and the modules that variants extend, are loaded the same way. */
static void load_imports(loader *state, ast_module *module) {
    for (size_t index = 0; index < module->imports.count; index++)
        load_import(state, module, module->imports.items[index]);
    for (size_t index = 0; index < module->variants.count; index++) {
        const ast_variant *variant = module->variants.items[index];
        if (module->name && strcmp(variant->base, module->name) == 0) continue;
        ast_import base = {variant->base, variant->base_span, {0}, {0}};
        load_import(state, module, &base);
    }
}

static void load_root(loader *state, ast_module *root) {
    *ARENA_PUSH(state->region, state->modules->modules, state->modules->count,
                state->modules->capacity) = root;
    if (root->name) state->loading[state->depth++] = root->name;
    load_imports(state, root);
}

bool modules_load(arena *region, const char *root_path, const search_path *path,
                  diag_list *diags, module_set *modules) {
    loader state = {region, path, diags, modules, {0}, 0};
    ast_module *root = load_file(&state, root_path, NULL, (span){0, 0});
    if (!root) return false;
    load_root(&state, root);
    return true;
}

bool modules_load_source(arena *region, source *root_file, const search_path *path,
                         diag_list *diags, module_set *modules) {
    loader state = {region, path, diags, modules, {0}, 0};
    load_root(&state, parse_checked(&state, root_file));
    return true;
}

bool modules_load_more(arena *region, const char *path, const search_path *search,
                       diag_list *diags, module_set *modules) {
    loader state = {region, search, diags, modules, {0}, 0};
    ast_module *root = load_file(&state, path, NULL, (span){0, 0});
    if (!root) return false;
    if (root->name && modules_find(modules, root->name)) return true; /* loaded already */
    load_root(&state, root);
    return true;
}
