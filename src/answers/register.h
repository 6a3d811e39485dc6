/*
 * register.h — the cloud-service register (台帳, its 一覧表 sheet) as a table:
 * its nine register columns, named as the sheet names them, and reading a
 * register saved as CSV back as answer sets (one per row). The CSV writer is
 * src/report/csv.c; both use the column table here.
 */
#ifndef TK_REGISTER_H
#define TK_REGISTER_H

#include <stdbool.h>
#include <stddef.h>

#include "answers/answers.h"
#include "base/diag.h"
#include "base/source.h"
#include "tenken.h"

enum { REGISTER_COLUMN_COUNT = 9, REGISTER_ASSESSED = -1, REGISTER_ASSESSOR = -2 };

typedef struct register_column {
    const char *ja;         /* the heading of the 一覧表, e.g. 管理番号 */
    const char *en;         /* the English heading */
    int field;              /* a register_key, REGISTER_ASSESSED or REGISTER_ASSESSOR */
    const char *aliases[3]; /* other headings read: the overview table's, the key */
} register_column;

/* 管理番号, サービス名, 作成日, 記入担当者氏名, 所管部署, サービスの概要,
   ステータス, サービス利用開始（予定）日, サービス利用終了（予定）日. */
extern const register_column register_columns[REGISTER_COLUMN_COUNT];

/* The heading of the last column a CSV result has when the rules hold an
   exclusion with an expiry ("除外の期限", "Exclusion expiry"): the reports'
   words on it, which reading the register back ignores. */
extern const char *const register_expiry_heading[2];

/* The value of a register column in an answer set, or NULL. */
const char *register_value(const tk_answers *answers, size_t column);

/* {=== reading a CSV register ===} */

typedef struct register_reader register_reader;

/* Opened within the call that protects `within` (arena.h). */
register_reader *register_open(const arena *within, const tk_graph *graph, const source *file);
/* The next row as an answer set (its `document` is the row's ordinal), or
   NULL at the end or after a quote left open. */
tk_answers *register_next(register_reader *reader, diag_list *diags, diag_severity severity,
                          size_t document);
void register_close(register_reader *reader);

#endif
