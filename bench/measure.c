/*
 * measure.c — run a command several times and say how long it took and how
 * much memory it used: the stopwatch of bench/run.sh.
 *
 *   measure [-n RUNS] [-i STDIN] [-o STDOUT] -- COMMAND [ARG]...
 *
 * Runs COMMAND RUNS times (default 1), one after another, with standard input
 * from STDIN (default /dev/null) and standard output to STDOUT (default
 * /dev/null; standard error is left alone). Prints one line:
 *
 *   runs=N median_s=S min_s=S max_s=S max_rss_kb=K status=X
 *
 * The wall time of each run is taken around fork and wait with a monotonic
 * clock; the peak resident set is the largest ru_maxrss of the runs (from
 * wait4). It stops at the first run that does not exit 0 and reports that
 * run's status (128+signal when killed), so a failing command is never timed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void) {
    struct timespec clock_now;
    clock_gettime(CLOCK_MONOTONIC, &clock_now);
    return (double)clock_now.tv_sec + (double)clock_now.tv_nsec / 1e9;
}

static int compare_doubles(const void *left, const void *right) {
    double a = *(const double *)left, b = *(const double *)right;
    return (a > b) - (a < b);
}

static void redirect(const char *path, int target, int flags) {
    int descriptor = open(path, flags, 0644);
    if (descriptor < 0) {
        perror(path);
        _exit(127);
    }
    dup2(descriptor, target);
    close(descriptor);
}

/* One run: its wall time in *seconds, its peak RSS in *rss_kb; the status. */
static int run_once(char **command, const char *input, const char *output, double *seconds,
                    long *rss_kb) {
    double start = now_seconds();
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        exit(2);
    }
    if (child == 0) {
        redirect(input, STDIN_FILENO, O_RDONLY);
        redirect(output, STDOUT_FILENO, O_WRONLY | O_CREAT | O_TRUNC);
        execvp(command[0], command);
        perror(command[0]);
        _exit(127);
    }
    int wait_status;
    struct rusage usage;
    if (wait4(child, &wait_status, 0, &usage) < 0) {
        perror("wait4");
        exit(2);
    }
    *seconds = now_seconds() - start;
    *rss_kb = usage.ru_maxrss;
    if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
    return WEXITSTATUS(wait_status);
}

int main(int argc, char **argv) {
    int runs = 1;
    const char *input = "/dev/null", *output = "/dev/null";
    int argument = 1;
    for (; argument < argc && strcmp(argv[argument], "--"); argument++) {
        if (!strcmp(argv[argument], "-n") && argument + 1 < argc)
            runs = atoi(argv[++argument]);
        else if (!strcmp(argv[argument], "-i") && argument + 1 < argc)
            input = argv[++argument];
        else if (!strcmp(argv[argument], "-o") && argument + 1 < argc)
            output = argv[++argument];
        else {
            fprintf(stderr, "usage: measure [-n RUNS] [-i STDIN] [-o STDOUT] -- COMMAND [ARG]...\n");
            return 2;
        }
    }
    if (argument + 1 >= argc || runs < 1) {
        fprintf(stderr, "usage: measure [-n RUNS] [-i STDIN] [-o STDOUT] -- COMMAND [ARG]...\n");
        return 2;
    }
    char **command = argv + argument + 1;
    double *times = calloc((size_t)runs, sizeof *times);
    long max_rss_kb = 0;
    int status = 0, done = 0;
    for (; done < runs; done++) {
        long rss_kb;
        status = run_once(command, input, output, &times[done], &rss_kb);
        if (rss_kb > max_rss_kb) max_rss_kb = rss_kb;
        if (status != 0) break;
    }
    if (status != 0) {
        printf("runs=%d median_s=0 min_s=0 max_s=0 max_rss_kb=%ld status=%d\n", done + 1, max_rss_kb,
               status);
        free(times);
        return 0;
    }
    qsort(times, (size_t)done, sizeof *times, compare_doubles);
    double median = done % 2 ? times[done / 2] : (times[done / 2 - 1] + times[done / 2]) / 2;
    printf("runs=%d median_s=%.6f min_s=%.6f max_s=%.6f max_rss_kb=%ld status=0\n", done, median,
           times[0], times[done - 1], max_rss_kb);
    free(times);
    return 0;
}
