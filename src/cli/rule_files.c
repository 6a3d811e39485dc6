/*
 * rule_files.c — collecting the rule files a command was given: a directory
 * stands for every .tkn file below it, in sorted order, so output does not
 * depend on the order the file system lists entries in.
 */
#include "cli/rule_files.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

void path_list_add(path_list *list, char *path) {
    if (!path) cli_exit_out_of_memory(NULL); /* a strdup of the caller's */
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 32;
        char **grown = realloc(list->paths, capacity * sizeof *list->paths);
        if (!grown) cli_exit_out_of_memory(NULL);
        list->paths = grown;
        list->capacity = capacity;
    }
    list->paths[list->count++] = path;
}

void path_list_free(path_list *list) {
    for (size_t index = 0; index < list->count; index++) free(list->paths[index]);
    free(list->paths);
    *list = (path_list){0};
}

static int compare_paths(const void *left, const void *right) {
    return strcmp(*(char *const *)left, *(char *const *)right);
}

static bool is_rule_file(const char *name) {
    size_t length = strlen(name);
    return length > 4 && strcmp(name + length - 4, ".tkn") == 0;
}

static char *join_path(const char *directory, const char *name) {
    size_t length = strlen(directory) + strlen(name) + 2;
    char *path = malloc(length);
    if (!path) cli_exit_out_of_memory(NULL);
    bool has_slash = directory[0] && directory[strlen(directory) - 1] == '/';
    snprintf(path, length, "%s%s%s", directory, has_slash ? "" : "/", name);
    return path;
}

/* Depth first, in the order the file system lists entries. */
static void walk_directory(path_list *list, const char *directory) {
    DIR *handle = opendir(directory);
    if (!handle && errno == ENOMEM) cli_exit_out_of_memory(NULL); /* not a file fewer */
    if (!handle) return;
    struct dirent *entry;
    while ((entry = readdir(handle))) {
        if (entry->d_name[0] == '.') continue;
        char *path = join_path(directory, entry->d_name);
        struct stat info;
        if (stat(path, &info) == 0 && S_ISDIR(info.st_mode)) {
            walk_directory(list, path);
            free(path);
        } else if (is_rule_file(entry->d_name)) {
            path_list_add(list, path);
        } else {
            free(path);
        }
    }
    closedir(handle);
}

void path_list_add_directory(path_list *list, const char *directory) {
    path_list found = {0};
    walk_directory(&found, directory);
    qsort(found.paths, found.count, sizeof *found.paths, compare_paths);
    for (size_t index = 0; index < found.count; index++) path_list_add(list, found.paths[index]);
    free(found.paths);
}
