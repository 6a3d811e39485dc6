/*
 * diags.c — the public tk_diags handle: a list of diagnostics from any stage
 * (base/diag.h holds the records and their renderers) and whether answer-file
 * problems are only warnings (tenken eval --lenient).
 */
#include "config.h"

#include <stdlib.h>

#include "base/diag.h"
#include "tenken.h"

struct tk_diags {
    diag_list list;
    bool lenient;
};

tk_diags *tk_diags_new(void) {
    tk_diags *diags = calloc(1, sizeof *diags);
    if (!diags) return NULL;
    diag_list_init(&diags->list);
    return diags;
}

void tk_diags_free(tk_diags *diags) {
    if (!diags) return;
    diag_list_release(&diags->list);
    free(diags);
}

size_t tk_diags_error_count(const tk_diags *diags) { return diags->list.error_count; }
size_t tk_diags_warning_count(const tk_diags *diags) { return diags->list.warning_count; }

size_t tk_diags_io_error_count(const tk_diags *diags) {
    size_t count = diags->list.out_of_memory;
    for (size_t index = 0; index < diags->list.count; index++)
        count += diags->list.items[index]->code == DIAG_TK0901 &&
                 diags->list.items[index]->severity == SEVERITY_ERROR;
    return count;
}

void tk_diags_promote_warnings(tk_diags *diags) {
    for (size_t index = 0; index < diags->list.count; index++) {
        diagnostic *record = diags->list.items[index];
        if (record->severity != SEVERITY_WARNING) continue;
        record->severity = SEVERITY_ERROR;
        diags->list.warning_count--;
        diags->list.error_count++;
    }
}

void tk_diags_set_lenient(tk_diags *diags, bool lenient) { diags->lenient = lenient; }

bool tk_diags_lenient(const tk_diags *diags) { return diags->lenient; }

void tk_diags_append(tk_diags *into, const tk_diags *from) {
    recovery point;
    if (setjmp(point.resume)) {
        diag_out_of_memory(&into->list);    /* what was copied stays */
        return;
    }
    recovery_begin_guarded(&point, &into->list.region);
    diag_list_append(&into->list, &from->list);
    recovery_end(&point);
}

void tk_diags_print(const tk_diags *diags, FILE *stream, tk_diag_format format, bool color,
                    size_t max_errors) {
    /* SARIF's fingerprints go into the list's arena. */
    tk_diags *writable = (tk_diags *)diags;
    recovery point;
    if (setjmp(point.resume)) {
        stream_out_of_memory(stream);
        return;
    }
    recovery_begin_guarded(&point, &writable->list.region);
    if (format == TK_DIAG_JSON)
        diag_render_json(&diags->list, stream);
    else if (format == TK_DIAG_SARIF)
        diag_render_sarif(&diags->list, stream, PACKAGE_VERSION);
    else
        diag_render_text(&diags->list, stream, color, max_errors);
    recovery_end(&point);
}

diag_list *diag_list_of(tk_diags *diags) { return &diags->list; }
bool diag_is_lenient(const tk_diags *diags) { return diags->lenient; }
