/*
 * words.h — every word the reports print in Japanese or English, each once:
 * X(name, "日本語", "English"). The results in every format, the diff of two
 * results, the blank answer file (template.c) and the graph take their words
 * from here; words.c makes the two languages' report_words from the lists.
 * A word that some output prints the same in both languages (the text
 * report's "rules", DOT's "fact") is no word of a language and stays where
 * it is printed. A new word is a new row, then `words->name` where it is
 * printed.
 */
#ifndef TK_REPORT_WORDS_H
#define TK_REPORT_WORDS_H

#include "answers/answers.h"
#include "lang/kinds.h"

#define REPORT_WORDS(X)                                                                    \
    /* {=== the HTML and Markdown reports ===} */                                          \
    X(document_title, "点検結果", "Assessment report")                                     \
    X(assessor, "評価者", "Assessor")                                                      \
    X(assessed, "評価日", "Assessed")                                                      \
    X(rules, "ルール", "Rules")                                                            \
    X(answer_file, "回答ファイル", "Answer file")                                          \
    X(facts, "前提", "Facts")                                                              \
    X(fact, "前提", "Fact")                                                                \
    X(description, "説明", "Description")                                                  \
    X(name, "名前", "Name")                                                                \
    X(value, "値", "Value")                                                                \
    X(values, "値", "Values")                                                              \
    X(total, "合計", "Total")                                                              \
    X(subtotals, "区分別の小計", "Subtotals by section")                                   \
    X(section, "区分", "Section")                                                          \
    X(points, "点数", "Points")                                                            \
    X(items, "項目", "Items")                                                              \
    X(number, "No.", "No.")                                                                \
    X(item, "項目", "Item")                                                                \
    X(answer, "回答", "Answer")                                                            \
    X(answered_column, "回答済み", "Answered")                                             \
    X(gates, "ゲート", "Gates")                                                            \
    X(gate, "ゲート", "Gate")                                                              \
    X(status, "判定", "Status")                                                            \
    X(blocking, "阻んでいる回答", "Blocked by")                                            \
    X(waiting, "回答待ち", "Waiting for")                                                  \
    X(because, "原因", "Because")                                                          \
    X(stage, "段階", "Stage")                                                              \
    X(current, "現在の段階", "Current stage")                                              \
    X(next_stage, "次の段階", "Next stage")                                                \
    X(entered, "到達", "entered")                                                          \
    X(not_entered, "未到達", "not entered")                                                \
    X(during, "並行", "during")                                                            \
    X(during_active, "並行・実施中", "during, active")                                     \
    X(condition, "条件", "condition")                                                      \
    X(gaps, "伸びしろ（加点の大きい順）", "Gaps, largest gain first")                      \
    X(gain, "加点", "Gain")                                                                \
    X(best_answer, "最善の回答", "Best answer")                                            \
    X(no_gaps, "伸びしろのある項目はありません。", "No item can gain points.")             \
    X(exclusions, "除外・対象外", "Exclusions")                                            \
    X(reason, "理由", "Reason")                                                            \
    X(only_when, "次の場合のみ対象: ", "only when ")                                       \
    X(excluded_when, "条件", "when")                                                       \
    X(exclusion_expired, "除外の期限切れ", "exclusion expired on")                          \
    X(exclusion_until, "期限", "until")                                                    \
    X(exclusion_unchecked, "（評価日 YYYY-MM-DD がないため未確認）",                       \
      " (not checked: no assessed date as YYYY-MM-DD)")                                    \
    X(answered_twice, "無効: 二度回答されている", "invalid: answered more than once")      \
    X(note, "メモ", "Note")                                                                \
    X(evidence, "根拠", "Evidence")                                                        \
    X(overall, "全体", "Overall")                                                          \
    X(no_stage, "まだどの段階にも入っていません。", "No stage entered yet.")               \
    X(bands, "判定の帯", "Bands")                                                          \
    X(band, "帯", "Band")                                                                  \
    X(bounds, "範囲", "Range")                                                             \
    X(band_none, "どの帯にも入らない", "in no band")                                       \
    X(last_stage, "最後の段階に到達しています。", "The last stage is reached.")            \
    X(pass, "通過", "pass")                                                                \
    X(fail, "不通過", "fail")                                                              \
    X(pending, "判定待ち", "pending")                                                      \
    X(unknown, "未確定", "unknown")                                                        \
    X(not_computable, "該当なし", "n/a")                                                   \
    X(true_word, "はい", "yes")                                                            \
    X(false_word, "いいえ", "no")                                                          \
    X(chart, "レーダーチャート", "Radar chart")                                            \
    X(chart_points, "回答の点数", "points answered")                                       \
    X(chart_gaps, "図の空白（点のない項目）", "Gaps in the chart (no point drawn)")        \
    X(not_in_total, "未回答の項目があるため合計は未確定",                                  \
      "the total waits for unanswered items")                                              \
    /* "回答 3 / 対象 5 項目", "answered 3 of 5 applicable items" (the text report too) */ \
    X(answered_prefix, "回答 ", "answered ")                                               \
    X(answered_middle, " / 対象 ", " of ")                                                 \
    X(answered_suffix, " 項目", " applicable items")                                       \
    /* an item not applicable that counts as an option: "対象外・「はい」扱い",            \
       "n/a, counted as yes" (every format that shows items) */                            \
    X(counted_as_before, "対象外・「", "n/a, counted as ")                                 \
    X(counted_as_after, "」扱い", "")                                                      \
                                                                                           \
    /* {=== the text report ===} */                                                        \
    X(text_during, "（並行）", "  (during)")                                               \
    X(text_during_active, "（並行・実施中）", "  (during, active)")                        \
    /* "次の段階 S2: fail（条件 …）", "next S2: fail, when …" */                           \
    X(text_next_stage, "次の段階 ", "next ")                                               \
    X(text_next_when, "（条件 ", ", when ")                                                \
    X(text_next_end, "）", "")                                                             \
                                                                                           \
    /* {=== the diff of two results ===} */                                                \
    X(diff_no_stage, "なし", "none")                                                       \
    X(diff_current, "現在の段階", "current")                                               \
    X(diff_no_changes, "変更なし", "no changes")                                           \
    X(diff_no_changes_sentence, "変更なし", "No changes.")                                 \
    X(diff_checklist, "チェックリスト", "checklist")                                       \
    X(diff_item, "項目", "item")                                                           \
    X(diff_label, "ラベル", "label")                                                       \
    X(diff_old, "前回", "old")                                                             \
    X(diff_new, "今回", "new")                                                             \
    X(diff_points_delta, "点差", "delta")                                                  \
    X(diff_name, "名前", "name")                                                           \
    X(diff_title, "タイトル", "title")                                                     \
    X(diff_delta, "差", "delta")                                                           \
    X(diff_headers, "記入事項の変化", "Entries")                                           \
    X(diff_facts, "事実の変化", "Facts")                                                   \
    X(diff_items, "回答の変化", "Answers")                                                 \
    X(diff_values, "値の変化", "Values")                                                   \
    X(diff_gates, "ゲートの変化", "Gates")                                                 \
    X(diff_stages, "段階の変化", "Stages")                                                 \
    X(diff_bands, "帯の変化", "Bands")                                                     \
                                                                                           \
    /* {=== the blank answer file (template.c) ===} */                                     \
    X(template_intro_1, "tenken template が作成した空の回答ファイル。",                    \
      "A blank answer file written by tenken template.")                                   \
    X(template_intro_2, "各項目 ID の後ろに回答（選択肢のラベル、キー、点数のどれか）を書く。", \
      "Write each answer after its item id: an option's label, key or points.")            \
    X(template_intro_3, "空欄の項目は未回答、空欄の事実は既定値として扱われる。",          \
      "An item left empty is unanswered; a fact left empty takes its default.")            \
    X(template_intro_4, "記入したら tenken eval で評価する。",                             \
      "Then evaluate it with tenken eval.")                                                \
    X(template_subject, "評価の対象（サービス名、会社名など）",                            \
      "what is assessed (a service, a company, a site)")                                   \
    X(template_assessed, "評価日（例: 2024-11-06）", "when it was assessed, e.g. 2024-11-06") \
    X(template_assessor, "評価者", "who assessed it")                                      \
    X(template_facts, "事実（空欄なら既定値）", "facts (left empty, a fact takes its default)") \
    X(template_no_facts, "事実の宣言なし", "the rules declare no facts")                   \
    X(template_default_is, "、既定値 ", ", default ")                                      \
    X(template_no_default, "、既定値なし（不明）", ", no default (unknown)")               \
    X(template_fixed_before, "、このバリアントで ", ", fixed to ")                         \
    X(template_fixed_after, " に固定（回答しない）", " by this variant (not answered)")    \
    X(template_checklist, "チェックリスト ", "checklist ")                                 \
    X(template_source, "出典: ", "source: ")                                               \
    X(template_section, "セクション ", "section ")                                         \
    X(template_item, "項目 ", "item ")                                                     \
    X(template_question, "質問: ", "question: ")                                           \
    X(template_note, "注記: ", "note: ")                                                   \
    X(template_printed, "印刷上の番号: ", "printed as: ")                                  \
    X(template_tags, "タグ: ", "tags: ")                                                   \
    X(template_weight_before, "重み ", "weight ")                                          \
    X(template_weight_after, "（点数 × ", " (points × ")                                   \
    X(template_options, "選択肢:", "options:")                                             \
    X(template_alias, "、別名 ", "; alias ")                                               \
    X(template_aliases, "、別名 ", "; aliases ")                                           \
    X(template_alias_separator, " / ", ", ")                                               \
    X(template_excluded, "除外: ", "excluded: ")                                           \
    X(template_excluded_when_before, "", "when ")                                          \
    X(template_excluded_when_after, " のとき", "")                                         \
    X(template_excluded_always, "常に", "always")                                          \
    X(template_asked, "対象: ", "asked: ")                                                 \
    X(template_only_when_before, "", "only when ")                                         \
    X(template_only_when_after, " のときのみ", "")                                         \
    X(template_shared_points, "同じ点数の選択肢があるため、点数ではなくラベルかキーで答える", \
      "some options share their points: answer with a label or key, not the points")       \
    X(template_computed, "回答から算出:", "computed from the answers:")                    \
    X(template_module_values, "モジュールの値（回答から算出）:",                           \
      "module values (computed from the answers):")                                        \
    X(template_stages, "段階 ", "stages ")                                                 \
    X(template_enter_when, "条件 ", "enter when ")                                         \
    X(template_during, "並行: ", "during ")                                                \
    /* ja: 開始: COND のとき ID から; en: start at ID when COND */                         \
    X(template_start_before, "開始: ", "start at ")                                        \
    X(template_start_middle, " のとき ", " when ")                                         \
    X(template_start_after, " から", "")                                                   \
    X(template_open_paren, "（", " (")                                                     \
    X(template_close_paren, "）", ")")

/* The words of each item state, a row per state of kinds.h's item_state:
   X(STATE, (ja...), (en...)), each language as (word, brief, tally_before,
   tally_after). `word` stands for the answer (HTML, Markdown, the radar
   chart; "excluded 2" in their summaries); `brief` is the text report's and
   the diff's; the text report tallies an item state that does not count
   as tally_before N tally_after: "（除外 2）", ", 2 excluded". */
#define REPORT_STATE_WORDS(X)                                                              \
    X(STATE_ANSWERED, ("回答済み", "回答済み", "（回答 ", "）"),                           \
      ("answered", "answered", ", ", " answered"))                                         \
    X(STATE_UNANSWERED, ("未回答", "未回答", "（未回答 ", "）"),                           \
      ("unanswered", "unanswered", ", ", " unanswered"))                                   \
    X(STATE_EXCLUDED, ("除外", "除外", "（除外 ", "）"),                                   \
      ("excluded", "excluded", ", ", " excluded"))                                         \
    X(STATE_NOT_APPLICABLE, ("対象外", "対象外", "（非該当 ", "）"),                       \
      ("not applicable", "n/a", ", ", " not applicable"))                                  \
    X(STATE_INVALID, ("無効な回答", "無効な回答", "（無効 ", "）"),                        \
      ("invalid answer", "invalid answer", ", ", " invalid"))

/* The register's fields (answers.h) as the register's overview names them. */
#define REPORT_REGISTER_WORDS(X)                                                           \
    X(REGISTER_ID, "管理番号", "id")                                                       \
    X(REGISTER_SERVICE, "サービス名", "service")                                           \
    X(REGISTER_DEPARTMENT, "所管部署", "department")                                       \
    X(REGISTER_SUMMARY, "サービスの概要", "summary")                                       \
    X(REGISTER_STATUS, "ステータス", "status")                                             \
    X(REGISTER_START, "開始日", "start")                                                   \
    X(REGISTER_END, "終了（予定）日", "end")

typedef struct state_words {
    const char *word, *brief, *tally_before, *tally_after;
} state_words;

/* The report's own words in one language. */
typedef struct report_words {
#define REPORT_WORD_FIELD(name, ja, en) const char *name;
    REPORT_WORDS(REPORT_WORD_FIELD)
#undef REPORT_WORD_FIELD
    state_words state[ITEM_STATE_COUNT];
    const char *register_field[REGISTER_KEY_COUNT];
} report_words;

/* The words in lang: "en" for English, anything else (NULL too) Japanese. */
const report_words *report_words_for(const char *lang);

/* A gate's status as the words say it: pass, fail or pending. */
const char *report_gate_status_word(const report_words *words, tk_gate_status status);

#endif
