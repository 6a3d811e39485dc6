/*
 * control_answers.h — answers for a framework: per control implemented,
 * partial, not, or excluded with a reason, and the certificates held. Read
 * from YAML or JSON (doc/mappings.md has the format).
 */
#ifndef TK_CONTROL_ANSWERS_H
#define TK_CONTROL_ANSWERS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "lang/catalog.h"
#include "base/diag.h"
#include "base/strmap.h"

typedef enum control_status {
    CONTROL_UNSTATED, CONTROL_IMPLEMENTED, CONTROL_PARTIAL, CONTROL_NOT, CONTROL_EXCLUDED,
} control_status;

typedef struct control_answer {
    control_status status;
    const char *reason;     /* CONTROL_EXCLUDED: why the control does not apply */
} control_answer;

typedef struct certificate {
    const char *framework, *edition, *scope;
} certificate;

typedef struct control_answers {
    const char *path;
    const char *subject;
    strmap by_id;           /* control id → control_answer* */
    certificate *certificates;
    size_t certificate_count, certificate_capacity;
    bool certified;         /* a certificate for this very framework is held */
} control_answers;

/* Read the answers for `framework` from a file; NULL when it cannot be read
   or has errors (reported). */
control_answers *control_answers_read(arena *region, const char *path,
                                      const catalog_framework *framework, diag_list *diags);

/* What the answers say of a control. Without answers every control counts
   as implemented (structural reach); a control the answers leave unstated is
   implemented when a certificate for the framework is held, else not. */
control_answer control_answers_get(const control_answers *answers, const char *id);

const char *control_status_name(control_status status);

#endif
