/*
 * modules.c — loading a rule file and its imports. Module `a.b.c` is the file
 * a/b/c.tkn in a search directory, or the file that directory's
 * modules.index names for it (rules/ and stdlib/ keep files whose paths do
 * not spell their names), or c.tkn beside the file that imports it.
 * Each file is checked for valid UTF-8 before it is scanned, and its module
 * line must name the module that was imported. Import cycles are reported.
 */
#include "lang/modules.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lang/parse.h"

enum {
    MODULES_MAX_IMPORT_DEPTH = 32,
    MODULES_MAX_LEVELS_UP = 16,     /* directories climbed above an importing file */
    MODULES_MAX_INDEXES = 128,      /* indexes kept read; more are read again */
};
#define MODULES_INDEX_FILE "modules.index"

/* A directory's index, read once: NULL when the directory has none. */
typedef struct module_index {
    const char *directory;
    const source *file;
} module_index;

typedef struct loader {
    arena *region;
    const search_path *path;
    diag_list *diags;
    module_set *modules;
    const char *loading[MODULES_MAX_IMPORT_DEPTH];   /* import chain, for cycles */
    size_t depth;
    module_index indexes[MODULES_MAX_INDEXES];
    size_t index_count;
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
   "/a" → "/". NULL when there is nothing above ("/"). Above "." is "..",
   above ".." is "../..": a relative path climbs as far as an absolute one. */
static char *parent_directory(arena *region, const char *path) {
    if (strcmp(path, "/") == 0) return NULL;
    if (strcmp(path, ".") == 0) return arena_strdup(region, "..");
    const char *last = strrchr(path, '/');
    if (strcmp(last ? last + 1 : path, "..") == 0) return arena_printf(region, "%s/..", path);
    if (!last) return arena_strdup(region, ".");
    if (last == path) return arena_strdup(region, "/");
    return arena_strndup(region, path, (size_t)(last - path));
}

/* The file that module a.b.c is in a search directory: "a/b/c.tkn". */
static const char *module_file_name(arena *region, const char *name) {
    char *relative = arena_printf(region, "%s.tkn", name);
    for (char *cursor = relative; *cursor; cursor++)
        if (*cursor == '.' && strcmp(cursor, ".tkn") != 0) *cursor = '/';
    return relative;
}

/* DIRECTORY/NAME; NAME alone when the directory is "" (the current one,
   as a climb from a relative path names it). */
static char *path_in(arena *region, const char *directory, const char *name) {
    if (!*directory) return arena_strdup(region, name);
    return arena_printf(region, "%s%s%s", directory, strcmp(directory, "/") ? "/" : "", name);
}

/* A path from an index must stay inside the index's directory: relative,
   with no ".." component and no empty one. */
static bool index_path_is_inside(const char *path, size_t length) {
    if (length == 0 || path[0] == '/') return false;
    for (size_t start = 0; start <= length;) {
        size_t end = start;
        while (end < length && path[end] != '/') end++;
        if (end == start || (end - start == 2 && path[start] == '.' && path[start + 1] == '.'))
            return false;
        start = end + 1;
    }
    return true;
}

/* The index of a directory, read the first time it is asked for; NULL when
   the directory has none. */
static const source *directory_index(loader *state, const char *directory) {
    for (size_t slot = 0; slot < state->index_count; slot++)
        if (strcmp(state->indexes[slot].directory, directory) == 0)
            return state->indexes[slot].file;
    char *index_path = path_in(state->region, directory, MODULES_INDEX_FILE);
    const char *error = NULL;
    source *file = file_exists(index_path) ? source_read_file(state->region, index_path, &error)
                                           : NULL;
    if (state->index_count < MODULES_MAX_INDEXES)
        state->indexes[state->index_count++] = (module_index){directory, file};
    return file;
}

/* The file that `directory`/MODULES_INDEX_FILE gives for module `name`: a
   line "NAME PATH" (PATH relative to the directory). Lines that are blank,
   comments (#) or not of that form are skipped. NULL when none matches. */
static char *look_up_index(loader *state, const char *directory, const char *name) {
    const source *index = directory_index(state, directory);
    if (!index) return NULL;
    size_t name_length = strlen(name);
    for (const char *line = index->text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        if (length > name_length + 1 && strncmp(line, name, name_length) == 0
            && (line[name_length] == ' ' || line[name_length] == '\t')) {
            const char *path = line + name_length;
            while (*path == ' ' || *path == '\t') path++;
            size_t path_length = length - (size_t)(path - line);
            while (path_length && (path[path_length - 1] == ' ' || path[path_length - 1] == '\t'
                                   || path[path_length - 1] == '\r'))
                path_length--;
            if (index_path_is_inside(path, path_length))
                return path_in(state->region, directory,
                               arena_strndup(state->region, path, path_length));
        }
        line = end ? end + 1 : NULL;
    }
    return NULL;
}

/* Module `name` in one directory: the file its name says (a/b/c.tkn), else
   the file the directory's index gives for it. */
static char *find_in_directory(loader *state, const char *directory, const char *name,
                               const char *relative) {
    char *candidate = path_in(state->region, directory, relative);
    if (file_exists(candidate)) return candidate;
    candidate = look_up_index(state, directory, name);
    return candidate && file_exists(candidate) ? candidate : NULL;
}

/* Whether the climb from an importing file goes on into `directory`: not
   into one that every user may write to (/tmp), where anyone could plant a
   module, and not above the root of the file system. */
static bool climbs_into(const char *directory, bool *is_root) {
    struct stat info, root;
    if (stat(directory, &info) != 0 || !S_ISDIR(info.st_mode)) return false;
    *is_root = stat("/", &root) == 0 && root.st_dev == info.st_dev && root.st_ino == info.st_ino;
    return !(info.st_mode & S_IWOTH);
}

/* Where module `name` lives: in a directory of the search path; else in the
   importing file's directory or one above it (so a rule file in a clone
   finds the clone's stdlib and rules), climbing no higher than the first
   directory that has an index, nor into one every user may write to; else
   c.tkn beside the importing file. NULL when none exists. */
static char *find_module_file(loader *state, const char *name, const source *importer) {
    const char *relative = module_file_name(state->region, name);
    for (size_t index = 0; index < state->path->count; index++) {
        char *found = find_in_directory(state, state->path->directories[index], name, relative);
        if (found) return found;
    }
    char *directory = parent_directory(state->region, importer->path);
    bool is_root = false;
    for (size_t level = 0; directory && level < MODULES_MAX_LEVELS_UP
                           && climbs_into(directory, &is_root); level++) {
        const char *shown = strcmp(directory, ".") ? directory : "";
        char *found = find_in_directory(state, shown, name, relative);
        if (found) return found;
        if (is_root || directory_index(state, shown)) break;
        directory = parent_directory(state->region, directory);
    }
    const char *last_dot = strrchr(name, '.');
    const char *beside = parent_directory(state->region, importer->path);
    char *sibling = arena_printf(state->region, "%s/%s.tkn", strcmp(beside, "/") ? beside : "",
                                 last_dot ? last_dot + 1 : name);
    return file_exists(sibling) ? sibling : NULL;
}

/* TK0207's note: the places looked in, in the order they were. */
static void note_places_searched(loader *state, diagnostic *record, const char *name,
                                 const source *importer) {
    const char *relative = module_file_name(state->region, name);
    const char *last_dot = strrchr(name, '.');
    const char *beside = parent_directory(state->region, importer->path);
    diag_add_note(state->diags, record, NULL, 0, 0,
                  "looked for %s, or '%s' in " MODULES_INDEX_FILE ", in the -I directories, "
                  "TENKEN_PATH and the data directory, then in %s and the directories above "
                  "it; last for %s.tkn in %s", relative, name, beside,
                  last_dot ? last_dot + 1 : name, beside);
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
        note_places_searched(state, record, import->module, module->file);
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
    loader state = {region, path, diags, modules, {0}, 0, {{0}}, 0};
    ast_module *root = load_file(&state, root_path, NULL, (span){0, 0});
    if (!root) return false;
    load_root(&state, root);
    return true;
}

bool modules_load_source(arena *region, source *root_file, const search_path *path,
                         diag_list *diags, module_set *modules) {
    loader state = {region, path, diags, modules, {0}, 0, {{0}}, 0};
    load_root(&state, parse_checked(&state, root_file));
    return true;
}

bool modules_load_more(arena *region, const char *path, const search_path *search,
                       diag_list *diags, module_set *modules) {
    loader state = {region, search, diags, modules, {0}, 0, {{0}}, 0};
    ast_module *root = load_file(&state, path, NULL, (span){0, 0});
    if (!root) return false;
    if (root->name && modules_find(modules, root->name)) return true; /* loaded already */
    load_root(&state, root);
    return true;
}
