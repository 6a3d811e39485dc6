/*
 * eval_batch.c — parallel evaluation for large answer files. The main
 * thread reads answer sets unparsed (tk_answers_next_raw) into batches; the
 * workers parse, evaluate and render each batch into memory with their own
 * diagnostics; the main thread writes finished batches strictly in the order
 * they were read. A bounded ring of batches keeps memory constant.
 */
#include "cli/eval_batch.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

enum { BATCH_SETS = 256, BATCHES_PER_JOB = 4 };

typedef enum batch_state { BATCH_FREE, BATCH_QUEUED, BATCH_TAKEN, BATCH_DONE } batch_state;

typedef struct batch {
    batch_state state;
    tk_raw_answers *raw[BATCH_SETS];
    size_t count;
    char *output;           /* the reports, one after another */
    size_t output_size;
    size_t ends[BATCH_SETS];    /* where each set's report ends; equal ends: no report */
    char *messages;         /* required gates not passed */
    size_t messages_size;
    tk_diags *diags;
    bool gate_failed;
    bool out_of_memory;     /* its reports are not all there: none is written */
} batch;

/* The lock guards every batch's state and the two positions; the main thread
   is the only one that changes the positions, so it reads them without it. A
   worker looks only at the states of positions next_to_write up to
   next_to_queue, and the rest of a batch belongs to one thread at a time:
   the main thread while it is free or done, the worker that took it while it
   is taken. */
typedef struct pool {
    const eval_settings *settings;
    batch *ring;
    size_t ring_size;
    size_t next_to_queue, next_to_write;    /* positions in the ring, counting up */
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    bool closing;
} pool;

bool eval_required_gates_pass(const eval_settings *settings, const tk_result *result,
                              FILE *messages) {
    bool passed = true;
    for (size_t index = 0; index < settings->required_count; index++) {
        const char *gate = settings->required_gates[index];
        tk_gate_status status = tk_result_gate(result, gate);
        if (status == TK_GATE_PASS) continue;
        passed = false;
        if (status == TK_GATE_UNKNOWN_NAME)
            fprintf(messages, "tenken eval: the rules have no gate '%s'\n", gate);
        else
            fprintf(messages, "tenken eval: required gate '%s' is %s\n", gate,
                    status == TK_GATE_FAIL ? "fail" : "pending");
    }
    return passed;
}

/* {=== the workers ===} */

/* One answer set into the batch's streams; false when memory ran out. */
static bool run_one(const eval_settings *settings, batch *work, size_t index, FILE *out,
                    FILE *messages) {
    tk_answers *answers = tk_raw_answers_parse(settings->graph, work->raw[index], work->diags);
    if (!answers) return true; /* reported, as is running out of memory there */
    tk_result *result = tk_evaluate(settings->graph, answers);
    /* A memory stream that cannot grow drops what is written, and says so
       only in errno (glibc leaves the error indicator unset). */
    errno = 0;
    if (result) {
        tk_report(result, out, settings->report);
        if (!eval_required_gates_pass(settings, result, messages)) work->gate_failed = true;
    }
    bool written = result && fflush(out) == 0 && !ferror(out) && !ferror(messages) &&
                   errno != ENOMEM;
    tk_result_free(result);
    tk_answers_free(answers);
    return written;
}

static void run_batch(const eval_settings *settings, batch *work) {
    FILE *out = open_memstream(&work->output, &work->output_size);
    FILE *messages = open_memstream(&work->messages, &work->messages_size);
    work->out_of_memory = !out || !messages;
    for (size_t index = 0; !work->out_of_memory && index < work->count; index++) {
        work->out_of_memory = !run_one(settings, work, index, out, messages);
        work->ends[index] = work->output_size;
    }
    /* Closing gives the text its final size, which may find no memory:
       the text is then NULL. */
    if (out && (fclose(out) != 0 || !work->output)) work->out_of_memory = true;
    if (messages && (fclose(messages) != 0 || !work->messages)) work->out_of_memory = true;
}

static void *worker(void *argument) {
    pool *workers = argument;
    pthread_mutex_lock(&workers->lock);
    for (;;) {
        batch *found = NULL;
        for (size_t position = workers->next_to_write; position < workers->next_to_queue;
             position++) {
            batch *candidate = &workers->ring[position % workers->ring_size];
            if (candidate->state == BATCH_QUEUED) {
                found = candidate;
                break;
            }
        }
        if (!found) {
            if (workers->closing) break;
            pthread_cond_wait(&workers->work, &workers->lock);
            continue;
        }
        found->state = BATCH_TAKEN;
        pthread_mutex_unlock(&workers->lock);
        run_batch(workers->settings, found);
        pthread_mutex_lock(&workers->lock);
        found->state = BATCH_DONE;
        pthread_cond_broadcast(&workers->done);
    }
    pthread_mutex_unlock(&workers->lock);
    return NULL;
}

/* {=== the main thread ===} */

/* Write the oldest batch once it is done; the format's separator goes
   between reports as when evaluating on one thread. */
static void write_oldest(pool *workers, tk_diags *diags, FILE *out, eval_totals *totals) {
    batch *oldest = &workers->ring[workers->next_to_write % workers->ring_size];
    pthread_mutex_lock(&workers->lock);
    while (oldest->state != BATCH_DONE) pthread_cond_wait(&workers->done, &workers->lock);
    pthread_mutex_unlock(&workers->lock);
    size_t start = 0;
    totals->out_of_memory |= oldest->out_of_memory;
    for (size_t index = 0; !totals->out_of_memory && index < oldest->count; index++) {
        size_t end = oldest->ends[index];
        if (end == start) continue;
        if (totals->sets)
            tk_report_separator(workers->settings->graph, out, workers->settings->report);
        fwrite(oldest->output + start, 1, end - start, out);
        totals->sets++;
        start = end;
    }
    if (!totals->out_of_memory && oldest->messages_size)
        fwrite(oldest->messages, 1, oldest->messages_size, stderr);
    /* Freed by the thread that allocated them: glibc's per-thread heaps then
       never wait on each other. */
    for (size_t index = 0; index < oldest->count; index++) tk_raw_answers_free(oldest->raw[index]);
    totals->gate_failed |= oldest->gate_failed;
    tk_diags_append(diags, oldest->diags);
    tk_diags_free(oldest->diags);
    free(oldest->output);
    free(oldest->messages);
    /* Back to the workers: the batch is free and no longer among the
       positions they look at, both under the lock they look under. */
    pthread_mutex_lock(&workers->lock);
    memset(oldest, 0, sizeof *oldest);
    workers->next_to_write++;
    pthread_mutex_unlock(&workers->lock);
}

/* Fill the next free batch from the reader; false when the reader is done,
   or when there is no memory for the batch's diagnostics (then
   totals->out_of_memory). */
static bool queue_batch(pool *workers, tk_answer_reader *reader, tk_diags *diags,
                        bool lenient, eval_totals *totals) {
    batch *next = &workers->ring[workers->next_to_queue % workers->ring_size];
    memset(next, 0, sizeof *next);
    while (next->count < BATCH_SETS) {
        tk_raw_answers *raw = tk_answers_next_raw(reader, diags);
        if (!raw) break;
        next->raw[next->count++] = raw;
    }
    next->diags = next->count ? tk_diags_new() : NULL;
    if (!next->diags) {
        for (size_t index = 0; index < next->count; index++) tk_raw_answers_free(next->raw[index]);
        totals->out_of_memory |= next->count > 0;
        return false;
    }
    bool full = next->count == BATCH_SETS;
    tk_diags_set_lenient(next->diags, lenient);
    pthread_mutex_lock(&workers->lock);
    next->state = BATCH_QUEUED;
    workers->next_to_queue++;
    pthread_cond_signal(&workers->work);
    pthread_mutex_unlock(&workers->lock);
    return full;
}

/* Start the workers; how many started (threads need memory too). */
static size_t start_workers(pool *workers, pthread_t *threads, size_t jobs) {
    size_t started = 0;
    while (started < jobs && pthread_create(&threads[started], NULL, worker, workers) == 0)
        started++;
    return started;
}

void eval_batches(const eval_settings *settings, tk_answer_reader *reader, tk_diags *diags,
                  FILE *out, eval_totals *totals) {
    pool workers = {0};
    workers.settings = settings;
    workers.ring_size = settings->jobs * BATCHES_PER_JOB;
    workers.ring = calloc(workers.ring_size, sizeof *workers.ring);
    pthread_t *threads = calloc(settings->jobs, sizeof *threads);
    pthread_mutex_init(&workers.lock, NULL);
    pthread_cond_init(&workers.work, NULL);
    pthread_cond_init(&workers.done, NULL);
    size_t started = workers.ring && threads ? start_workers(&workers, threads, settings->jobs) : 0;
    totals->out_of_memory |= started == 0;
    bool lenient = tk_diags_lenient(diags);
    bool more = started > 0;
    while (more && !totals->out_of_memory) {
        if (workers.next_to_queue - workers.next_to_write == workers.ring_size)
            write_oldest(&workers, diags, out, totals);
        more = queue_batch(&workers, reader, diags, lenient, totals);
    }
    while (workers.next_to_write < workers.next_to_queue) write_oldest(&workers, diags, out, totals);
    pthread_mutex_lock(&workers.lock);
    workers.closing = true;
    pthread_cond_broadcast(&workers.work);
    pthread_mutex_unlock(&workers.lock);
    for (size_t index = 0; index < started; index++) pthread_join(threads[index], NULL);
    pthread_cond_destroy(&workers.done);
    pthread_cond_destroy(&workers.work);
    pthread_mutex_destroy(&workers.lock);
    free(threads);
    free(workers.ring);
}
