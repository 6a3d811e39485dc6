/*
 * checklist_source.h — a checklist module as the source side of coverage:
 * its items' `ref`s toward the target framework are the map, and an answer
 * file for the checklist says how far each item is in place. So `tenken map
 * --from cloud.safe_use=ANSWERS --to iso27001_2022` shows which controls an
 * organisation's answers touch.
 */
#ifndef TK_CHECKLIST_SOURCE_H
#define TK_CHECKLIST_SOURCE_H

#include "answers/control_answers.h"
#include "lang/catalog.h"
#include "tenken.h"

typedef struct checklist_source {
    catalog_framework framework;    /* named after the module; it has no nodes */
    catalog_map map;                /* one row per ref toward the target */
    const char *path;               /* the module's rule file */
} checklist_source;

/* The module `name` of the catalogue as a source toward `to`; NULL when the
   catalogue has no module of that name. Item `I` of checklist `C` is source
   "C.I". */
checklist_source *checklist_source_find(arena *region, const catalog *catalogue,
                                        const char *name, const catalog_framework *to);

/* Statuses from one answer set for the module's rules: an item answered
   with its best option is implemented, with fewer points partial, with none
   not; an excluded or not applicable item excluded; an unanswered one
   unstated. NULL when the rules or the answers have errors (reported). */
control_answers *checklist_source_answers(arena *region, const checklist_source *origin,
                                          const char *answers_path,
                                          const tk_compile_options *options, tk_diags *diags);

#endif
