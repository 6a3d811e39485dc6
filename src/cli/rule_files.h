/*
 * rule_files.h — the rule files a command was given: files as named,
 * directories walked for *.tkn (used by `tenken fmt` and `tenken test`).
 */
#ifndef TK_CLI_RULE_FILES_H
#define TK_CLI_RULE_FILES_H

#include <stddef.h>

/* Paths in the order they were given; each path is owned by the list. */
typedef struct path_list {
    char **paths;
    size_t count, capacity;
} path_list;

/* Takes ownership of path. */
void path_list_add(path_list *list, char *path);

/* Every .tkn file under a directory, sorted by path, skipping names that
   start with '.'; appended to list. */
void path_list_add_directory(path_list *list, const char *directory);

void path_list_free(path_list *list);

#endif
