/*
 * cmd_test.c — `tenken test FILE|DIR…`: compile each rule file (and each of
 * its variants) and run its test blocks; report as text, TAP or JUnit XML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/rule_files.h"

static const char test_help[] =
    "usage: tenken test [OPTIONS] FILE|DIR...\n"
    "\n"
    "Run the test blocks of rule files: for a directory, every .tkn file under it.\n"
    "Each file is compiled, and so is each variant it declares; a test runs\n"
    "against the module, or against the variant it names. A compiled file (.tkc)\n"
    "runs the tests of the one graph it holds.\n"
    "\n"
    "options:\n"
    "  -I DIR               search DIR for imported modules (repeatable)\n"
    "  --format=FORMAT      text (default), tap or junit (JUnit XML)\n"
    "  --color=WHEN         auto (default), always or never; NO_COLOR is respected\n"
    "\n"
    "exit status: 0 every test passed, 1 a test failed or a file has errors,\n"
    "2 usage or I/O error\n";

typedef enum test_format { FORMAT_TEXT, FORMAT_TAP, FORMAT_JUNIT } test_format;

/* One test's outcome, kept until the report is written. */
typedef struct test_case {
    char *file, *name, **failures;
    size_t failure_count;
    unsigned line;
    bool compile_error;
} test_case;

typedef struct test_run {
    test_case *cases;
    size_t count, capacity;
    size_t failed;
    tk_compile_options compile;
    tk_diags *diags;
    bool out_of_memory;     /* a test could not be run: none after it is */
} test_run;

static char *copy_text(const char *text) {
    char *copy = strdup(text ? text : "");
    if (!copy) cli_exit_out_of_memory("test");
    return copy;
}

static test_case *add_case(test_run *run) {
    if (run->count == run->capacity) {
        size_t capacity = run->capacity ? run->capacity * 2 : 32;
        test_case *grown = realloc(run->cases, capacity * sizeof *run->cases);
        if (!grown) cli_exit_out_of_memory("test");
        run->cases = grown;
        run->capacity = capacity;
    }
    test_case *entry = &run->cases[run->count++];
    memset(entry, 0, sizeof *entry);
    return entry;
}

/* {=== running ===} */

static void record_result(test_run *run, tk_test_result *result, const char *variant) {
    test_case *entry = add_case(run);
    entry->file = copy_text(tk_test_file(result));
    entry->line = tk_test_line(result);
    size_t length = strlen(tk_test_name(result)) + (variant ? strlen(variant) + 16 : 0) + 1;
    entry->name = malloc(length);
    if (!entry->name) cli_exit_out_of_memory("test");
    snprintf(entry->name, length, variant ? "%s [variant %s]" : "%s", tk_test_name(result), variant);
    entry->failure_count = tk_test_failure_count(result);
    entry->failures = calloc(entry->failure_count + 1, sizeof(char *));
    if (!entry->failures) cli_exit_out_of_memory("test");
    for (size_t index = 0; index < entry->failure_count; index++)
        entry->failures[index] = copy_text(tk_test_failure(result, index));
    if (entry->failure_count) run->failed++;
}

static void record_compile_error(test_run *run, const char *path, const char *variant) {
    test_case *entry = add_case(run);
    entry->file = copy_text(path);
    entry->name = copy_text(variant);
    entry->compile_error = true;
    run->failed++;
}

/* Compile one file (or one of its variants) and run the tests bound to it.
   Returns the graph, for the variant names; NULL when it did not compile. */
static tk_graph *run_graph(test_run *run, const char *path, const char *variant) {
    run->compile.variant = variant;
    tk_graph *graph = tk_compile_file(path, &run->compile, run->diags);
    if (!graph) {
        record_compile_error(run, path, variant);
        return NULL;
    }
    for (size_t index = 0; !run->out_of_memory && index < tk_graph_test_count(graph); index++) {
        tk_test_result *result = tk_test_run(graph, index);
        run->out_of_memory = !result;
        if (result) record_result(run, result, tk_graph_variant(graph));
        tk_test_result_free(result);
    }
    return graph;
}

static void run_file(test_run *run, const char *path) {
    tk_graph *graph = run_graph(run, path, NULL);
    if (!graph) return;
    /* A compiled file (.tkc) holds one graph, the module or one variant. */
    for (size_t index = 0; !run->out_of_memory && !tk_graph_is_precompiled(graph) &&
                           index < tk_graph_variant_count(graph);
         index++)
        tk_graph_free(run_graph(run, path, tk_graph_variant_name(graph, index)));
    tk_graph_free(graph);
}

/* {=== reporting ===} */

static void write_text(const test_run *run, bool color) {
    const char *green = color ? "\033[32m" : "", *red = color ? "\033[31m" : "";
    const char *reset = color ? "\033[0m" : "";
    for (size_t index = 0; index < run->count; index++) {
        const test_case *entry = &run->cases[index];
        if (entry->compile_error) {
            printf("%sERROR%s %s: does not compile%s%s\n", red, reset, entry->file,
                   entry->name[0] ? " as variant " : "", entry->name);
            continue;
        }
        bool passed = entry->failure_count == 0;
        printf("%s%s%s %s:%u: %s\n", passed ? green : red, passed ? "PASS" : "FAIL", reset,
               entry->file, entry->line, entry->name);
        for (size_t failure = 0; failure < entry->failure_count; failure++)
            printf("    %s\n", entry->failures[failure]);
    }
    printf("%zu tests, %zu passed, %zu failed\n", run->count, run->count - run->failed,
           run->failed);
}

static void write_tap(const test_run *run) {
    printf("1..%zu\n", run->count);
    for (size_t index = 0; index < run->count; index++) {
        const test_case *entry = &run->cases[index];
        bool passed = !entry->compile_error && entry->failure_count == 0;
        if (entry->compile_error)
            printf("not ok %zu - %s: does not compile%s%s\n", index + 1, entry->file,
                   entry->name[0] ? " as variant " : "", entry->name);
        else
            printf("%s %zu - %s: %s\n", passed ? "ok" : "not ok", index + 1, entry->file,
                   entry->name);
        for (size_t failure = 0; failure < entry->failure_count; failure++)
            printf("# %s\n", entry->failures[failure]);
    }
}

static void write_xml_text(const char *text) {
    for (; *text; text++) {
        switch (*text) {
        case '<': fputs("&lt;", stdout); break;
        case '>': fputs("&gt;", stdout); break;
        case '&': fputs("&amp;", stdout); break;
        case '"': fputs("&quot;", stdout); break;
        case '\n': fputs("&#10;", stdout); break;
        default:
            if ((unsigned char)*text >= 0x20 || *text == '\t') putchar(*text);
        }
    }
}

static void write_junit_case(const test_case *entry) {
    fputs("    <testcase classname=\"", stdout);
    write_xml_text(entry->file);
    fputs("\" name=\"", stdout);
    write_xml_text(entry->name);
    fputs("\" time=\"0\"", stdout);
    if (entry->compile_error) {
        fputs(">\n      <error message=\"the rule file does not compile\" type=\"compile\"/>\n"
              "    </testcase>\n", stdout);
        return;
    }
    if (entry->failure_count == 0) {
        fputs("/>\n", stdout);
        return;
    }
    fputs(">\n      <failure message=\"", stdout);
    write_xml_text(entry->failures[0]);
    fputs("\" type=\"expectation\">", stdout);
    for (size_t failure = 0; failure < entry->failure_count; failure++) {
        write_xml_text(entry->failures[failure]);
        fputs(failure + 1 < entry->failure_count ? "&#10;" : "", stdout);
    }
    fputs("</failure>\n    </testcase>\n", stdout);
}

/* One testsuite per file, in the order the files were run. */
static void write_junit(const test_run *run) {
    size_t errors = 0;
    for (size_t index = 0; index < run->count; index++) errors += run->cases[index].compile_error;
    printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<testsuites name=\"tenken\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
           run->count, run->failed - errors, errors);
    for (size_t first = 0; first < run->count;) {
        size_t last = first, failures = 0, suite_errors = 0;
        while (last < run->count && strcmp(run->cases[last].file, run->cases[first].file) == 0) {
            suite_errors += run->cases[last].compile_error;
            failures += !run->cases[last].compile_error && run->cases[last].failure_count > 0;
            last++;
        }
        fputs("  <testsuite name=\"", stdout);
        write_xml_text(run->cases[first].file);
        printf("\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"0\" time=\"0\">\n",
               last - first, failures, suite_errors);
        for (size_t index = first; index < last; index++) write_junit_case(&run->cases[index]);
        fputs("  </testsuite>\n", stdout);
        first = last;
    }
    fputs("</testsuites>\n", stdout);
}

static void release_run(test_run *run) {
    for (size_t index = 0; index < run->count; index++) {
        test_case *entry = &run->cases[index];
        for (size_t failure = 0; failure < entry->failure_count; failure++)
            free(entry->failures[failure]);
        free(entry->failures);
        free(entry->file);
        free(entry->name);
    }
    free(run->cases);
}

/* The formats' names as --format spells them; NULL is the first, text. */
static const char *const test_format_names[] = {
    [FORMAT_TEXT] = "text", [FORMAT_TAP] = "tap", [FORMAT_JUNIT] = "junit"};

static bool parse_test_format(const char *name, test_format *format) {
    for (size_t index = 0; index < sizeof test_format_names / sizeof *test_format_names; index++)
        if (!name || !strcmp(name, test_format_names[index])) {
            *format = (test_format)index;
            return true;
        }
    return false;
}

static int run_tests(cli_options *options, test_format format) {
    path_list files = {0};
    bool unreadable = false;
    for (size_t index = 0; index < options->operand_count; index++) {
        const char *operand = options->operands[index];
        struct stat info;
        if (stat(operand, &info) != 0) {
            fprintf(stderr, "tenken test: cannot read %s\n", operand);
            unreadable = true;
        } else if (S_ISDIR(info.st_mode)) {
            path_list_add_directory(&files, operand);
        } else {
            path_list_add(&files, copy_text(operand));
        }
    }
    test_run run = {0};
    run.compile = cli_compile_options(options);
    run.diags = cli_diags_new("test");
    for (size_t index = 0; !run.out_of_memory && index < files.count; index++)
        run_file(&run, files.paths[index]);
    if (format == FORMAT_JUNIT) write_junit(&run);
    else if (format == FORMAT_TAP) write_tap(&run);
    else write_text(&run, cli_color_enabled(options->color, fileno(stdout)));
    fflush(stdout);
    tk_diags_print(run.diags, stderr, TK_DIAG_TEXT, cli_color_enabled(options->color, fileno(stderr)),
                   0);
    int status = run.out_of_memory ? cli_out_of_memory("test")
                 : unreadable || tk_diags_io_error_count(run.diags) ? EXIT_USAGE /* or no memory */
                 : run.failed ? EXIT_FINDINGS : EXIT_OK;
    tk_diags_free(run.diags);
    release_run(&run);
    path_list_free(&files);
    return status;
}

int cmd_test(int argc, char **argv) {
    cli_options options;
    if (!cli_parse(argc, argv, "test", "I,format,color", &options)) {
        cli_release(&options);
        return EXIT_USAGE;
    }
    test_format format = FORMAT_TEXT;
    int status;
    if (options.help) {
        fputs(test_help, stdout);
        status = EXIT_OK;
    } else if (!parse_test_format(options.format, &format)) {
        status = cli_usage_error("test", "--format is text, tap or junit, not '%s'", options.format);
    } else if (options.operand_count == 0) {
        status = cli_usage_error("test", "give rule files or directories");
    } else {
        status = run_tests(&options, format);
    }
    cli_release(&options);
    return status;
}
