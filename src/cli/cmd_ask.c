/*
 * cmd_ask.c — `tenken ask RULES -o FILE`: ask each applicable question in
 * the terminal (the facts the conditions use, then the items), saving the
 * answer file after every answer so that nothing is lost when the session
 * ends, by `q`, the end of the input, or Ctrl-C. `--resume FILE` continues
 * an answer file with the questions it has not answered. Without a terminal
 * it reads one reply a line, so it can be scripted.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char ask_help[] =
    "usage: tenken ask [OPTIONS] RULES -o FILE\n"
    "       tenken ask [OPTIONS] RULES --resume FILE [-o FILE]\n"
    "\n"
    "Ask the questions of the rules one by one and save the answers to an answer\n"
    "file after each one: first the facts that the items' conditions use, then\n"
    "every item that applies given the answers so far. Reply with an option's\n"
    "number, label, key, or points (3点, 3p); ? shows help, s skips, q quits.\n"
    "\n"
    "options:\n"
    "  -o FILE, --output=FILE  the answer file to write (it must not exist unless it\n"
    "                       is the file resumed)\n"
    "  --resume=FILE        continue this answer file; it is also the default output\n"
    "  -I DIR               search DIR for imported modules (repeatable)\n"
    "  --lang=LANG          ja (default) or en: the language of the questions\n"
    "  --variant=NAME       ask the questions of a variant the rule file declares\n"
    "\n"
    "exit status: 0 finished or quit (the answers are saved), 1 errors in the rules\n"
    "or the resumed answers, 2 usage or I/O error, 130 interrupted (saved)\n";

/* Set by Ctrl-C; the only state a signal handler may touch. */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int signal_number) {
    (void)signal_number;
    interrupted = 1;
}

typedef struct asking {
    cli_options *options;
    const tk_graph *graph;
    tk_interview *interview;
    const char *path;           /* where the answers are saved */
    bool terminal;              /* standard input is a terminal */
    bool english;
} asking;

static const char *say(const asking *session, const char *ja, const char *en) {
    return session->english ? en : ja;
}

/* {=== saving ===} */

/* Save with Ctrl-C held back, so the file is replaced whole or not at all. */
static bool save(asking *session) {
    sigset_t block, previous;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, &previous);
    const char *error = NULL;
    bool saved = tk_answers_save(tk_interview_answers(session->interview), session->path, &error);
    sigprocmask(SIG_SETMASK, &previous, NULL);
    if (!saved) fprintf(stderr, "tenken ask: cannot save %s: %s\n", session->path, error);
    return saved;
}

/* {=== showing a question ===} */

static void show_choices(const asking *session, const tk_question *question) {
    for (size_t index = 0; index < question->choice_count; index++) {
        const tk_choice *choice = &question->choices[index];
        if (question->kind == TK_QUESTION_ITEM)
            printf("    %zu) %s (%s)\n", index + 1, choice->label, choice->points);
        else if (strcmp(choice->label, choice->key))
            printf("    %zu) %s (%s)\n", index + 1, choice->label, choice->key);
        else
            printf("    %zu) %s\n", index + 1, choice->label);
    }
    if (question->kind == TK_QUESTION_FACT && question->default_text)
        printf("  %s %s\n", say(session, "既定値:", "default:"), question->default_text);
}

static void show_question(const asking *session, const tk_question *question) {
    printf("\n[%zu/%zu] ", question->number, question->count);
    if (question->kind == TK_QUESTION_FACT) {
        printf("fact %s (%s)\n", question->id, question->type);
        if (question->text) printf("  %s\n", question->text);
    } else {
        printf("%s %s", question->checklist, question->id);
        printf("%s%s\n", question->label ? "  " : "", question->label ? question->label : "");
        if (question->section) printf("  %s\n", question->section);
        if (question->text) printf("  %s\n", question->text);
        if (question->question) printf("  %s\n", question->question);
        if (question->note) printf("  %s %s\n", say(session, "補足:", "note:"), question->note);
    }
    show_choices(session, question);
}

static void show_help(const asking *session, const tk_question *question) {
    if (question->kind == TK_QUESTION_ITEM)
        printf("  %s 1–%zu%s\n", say(session, "回答: 番号", "answer with a number"),
               question->choice_count,
               say(session, "、選択肢の文言かキー、または点数（3点、3p）",
                   ", an option's label or key, or its points (3点, 3p)"));
    else
        printf("  %s\n", say(session, "回答: 番号、または値（true、2024-04-01 など）",
                             "answer with a number or a value (true, 2024-04-01, …)"));
    printf("  %s\n", say(session, "s: この質問を飛ばす  q: 保存して終了  ?: このヘルプ",
                         "s: skip this question  q: save and quit  ?: this help"));
    printf("  %s %s\n", say(session, "保存先:", "saving to"), session->path);
}

static void show_reply_problem(const asking *session, const tk_question *question,
                               tk_reply reply, const char *text) {
    if (reply == TK_REPLY_AMBIGUOUS)
        printf("  '%s': %s\n", text, say(session, "その点数の選択肢は複数あります。番号か文言で答えてください",
                                          "several options have those points; answer with a number or label"));
    else if (reply == TK_REPLY_WRONG_TYPE)
        printf("  '%s': %s %s (? %s)\n", text, say(session, "値の型が違います:", "not"),
               question->type, say(session, "でヘルプ", "for help"));
    else
        printf("  '%s': %s (? %s)\n", text, say(session, "選択肢にありません", "not an option"),
               say(session, "でヘルプ", "for help"));
}

/* {=== the loop ===} */

typedef enum outcome { ASK_DONE, ASK_QUIT, ASK_INTERRUPTED, ASK_FAILED, ASK_NO_MEMORY } outcome;

/* One line of input without its line end; NULL at the end, on Ctrl-C, or
   (errno ENOMEM) when there is no memory for the line. */
static char *read_reply(const asking *session, char **line, size_t *size) {
    fputs("> ", stdout);
    fflush(stdout);
    errno = 0;
    ssize_t length = getline(line, size, stdin);
    if (length < 0 || interrupted) return NULL;
    while (length > 0 && ((*line)[length - 1] == '\n' || (*line)[length - 1] == '\r'))
        (*line)[--length] = '\0';
    if (!session->terminal) printf("%s\n", *line); /* a transcript of a scripted session */
    return *line;
}

/* Ask one question until it is answered, skipped or the session ends. */
static outcome ask_one(asking *session, const tk_question *question, char **line, size_t *size) {
    show_question(session, question);
    for (;;) {
        char *reply = read_reply(session, line, size);
        if (!reply) return interrupted ? ASK_INTERRUPTED : errno == ENOMEM ? ASK_NO_MEMORY : ASK_QUIT;
        if (!strcmp(reply, "?")) {
            show_help(session, question);
        } else if (!strcmp(reply, "s")) {
            tk_interview_skip(session->interview, question);
            return ASK_DONE;
        } else if (!strcmp(reply, "q")) {
            return ASK_QUIT;
        } else if (*reply) {
            errno = 0;
            tk_reply answer = tk_interview_answer(session->interview, question, reply);
            if (answer == TK_REPLY_OK) return save(session) ? ASK_DONE : ASK_FAILED;
            if (errno == ENOMEM) return ASK_NO_MEMORY; /* the answer was not taken */
            show_reply_problem(session, question, answer, reply);
        }
    }
}

static outcome ask_all(asking *session) {
    char *line = NULL;
    size_t size = 0;
    outcome result = ASK_DONE;
    const tk_question *question;
    errno = 0;
    while (result == ASK_DONE && (question = tk_interview_next(session->interview))) {
        result = ask_one(session, question, &line, &size);
        errno = 0;
    }
    if (result == ASK_DONE && errno == ENOMEM) result = ASK_NO_MEMORY; /* none was found */
    free(line);
    return result;
}

static int finish(asking *session, outcome result) {
    size_t answered = tk_interview_answered(session->interview);
    if (result == ASK_FAILED) return EXIT_USAGE;
    if (result == ASK_NO_MEMORY) return cli_out_of_memory("ask"); /* what was answered is saved */
    if (result == ASK_DONE) {
        printf("\n%s %s (%zu)\n\n", say(session, "すべての質問が終わりました。保存先:",
                                          "No questions left. Saved to"),
               session->path, answered);
        tk_result *evaluated = tk_evaluate(session->graph, tk_interview_answers(session->interview));
        tk_report_options report = {TK_REPORT_TEXT, session->options->lang, false, false};
        if (evaluated) tk_report(evaluated, stdout, &report);
        tk_result_free(evaluated);
        if (!evaluated || cli_stream_out_of_memory(stdout)) return cli_out_of_memory("ask");
        return EXIT_OK;
    }
    if (result == ASK_INTERRUPTED) printf("\n%s", say(session, "中断しました。", "Interrupted. "));
    printf("\n%zu %s %s\n%s tenken ask %s --resume %s\n", answered, say(session, "件の回答を保存しました:", "answers saved to"), session->path,
           say(session, "続きは:", "continue with:"), session->options->operands[0], session->path);
    return result == ASK_INTERRUPTED ? 130 : EXIT_OK;
}

/* {=== setting up ===} */

/* The answer set to continue: the one set of the resumed file. */
static int read_resumed(const tk_graph *graph, const char *path, tk_diags *diags,
                        tk_answers **answers) {
    *answers = NULL;
    tk_answer_reader *reader = tk_answers_open(graph, path, diags);
    if (!reader) return EXIT_USAGE;
    *answers = tk_answers_next(reader, diags);
    tk_answers *extra = *answers ? tk_answers_next(reader, diags) : NULL;
    tk_answers_close(reader);
    if (extra) {
        tk_answers_free(extra);
        fprintf(stderr, "tenken ask: %s holds several answer sets; --resume continues one\n", path);
        return EXIT_USAGE;
    }
    return tk_diags_io_error_count(diags) ? EXIT_USAGE /* or no memory */
           : tk_diags_error_count(diags) ? EXIT_FINDINGS : EXIT_OK;
}

static int run_session(cli_options *options, const tk_graph *graph, tk_answers *answers,
                       const char *path) {
    asking session = {options, graph, NULL, path, isatty(fileno(stdin)) == 1,
                      options->lang && !strcmp(options->lang, "en")};
    session.interview = tk_interview_new(graph, answers, options->lang);
    if (!session.interview) {
        tk_answers_free(answers); /* still ours */
        return cli_out_of_memory("ask");
    }
    struct sigaction action = {0};
    action.sa_handler = on_interrupt; /* no SA_RESTART: Ctrl-C ends the wait for a reply */
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    int status = save(&session) ? finish(&session, ask_all(&session)) : EXIT_USAGE;
    tk_interview_free(session.interview);
    return status;
}

static int ask_rules(cli_options *options) {
    const char *path = options->output ? options->output : options->resume;
    if (options->output && access(options->output, F_OK) == 0 &&
        !(options->resume && !strcmp(options->resume, options->output)))
        return cli_usage_error("ask", "%s exists; continue it with --resume %s, or choose "
                               "another file", options->output, options->output);
    tk_compile_options compile = cli_compile_options(options);
    tk_diags *diags = cli_diags_new("ask");
    bool color = cli_color_enabled(options->color, fileno(stderr));
    tk_graph *graph = tk_compile_file(options->operands[0], &compile, diags);
    tk_answers *answers = NULL;
    int status = graph ? EXIT_OK
                 : access(options->operands[0], R_OK) || tk_diags_io_error_count(diags) ? EXIT_USAGE
                 : EXIT_FINDINGS;
    if (graph && options->resume) status = read_resumed(graph, options->resume, diags, &answers);
    tk_diags_print(diags, stderr, TK_DIAG_TEXT, color, options->max_errors);
    if (status == EXIT_OK && !answers) answers = tk_answers_new(graph, path);
    if (status == EXIT_OK && !answers) status = cli_out_of_memory("ask");
    if (status == EXIT_OK) status = run_session(options, graph, answers, path);
    else tk_answers_free(answers);
    tk_graph_free(graph);
    tk_diags_free(diags);
    return status;
}

int cmd_ask(int argc, char **argv) {
    cli_options options;
    if (!cli_parse(argc, argv, "ask", "I,output,resume,lang,variant,color,max-errors", &options)) {
        cli_release(&options);
        return EXIT_USAGE;
    }
    int status;
    if (options.help) {
        fputs(ask_help, stdout);
        status = EXIT_OK;
    } else if (options.operand_count != 1) {
        status = cli_usage_error("ask", "give the rules (and -o FILE or --resume FILE)");
    } else if (!options.output && !options.resume) {
        status = cli_usage_error("ask", "give -o FILE to save the answers to, or --resume FILE");
    } else {
        status = ask_rules(&options);
    }
    cli_release(&options);
    return status;
}
