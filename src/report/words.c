/*
 * words.c — the reports' words in Japanese and English, made from the lists
 * of words.h.
 */
#include <string.h>

#include "report/words.h"

#define JAPANESE_WORD(name, ja, en) .name = ja,
#define ENGLISH_WORD(name, ja, en) .name = en,
#define STATE_WORDS(word, brief, tally_before, tally_after) {word, brief, tally_before, tally_after}
#define JAPANESE_STATE(state, ja, en) [state] = STATE_WORDS ja,
#define ENGLISH_STATE(state, ja, en) [state] = STATE_WORDS en,
#define JAPANESE_FIELD(field, ja, en) [field] = ja,
#define ENGLISH_FIELD(field, ja, en) [field] = en,
#define ONE_ROW(...) +1

_Static_assert(0 REPORT_STATE_WORDS(ONE_ROW) == ITEM_STATE_COUNT,
               "words.h: a row of words for every item state");
_Static_assert(0 REPORT_REGISTER_WORDS(ONE_ROW) == REGISTER_KEY_COUNT,
               "words.h: a word for every register field");

static const report_words japanese = {
    REPORT_WORDS(JAPANESE_WORD)
    .state = {REPORT_STATE_WORDS(JAPANESE_STATE)},
    .register_field = {REPORT_REGISTER_WORDS(JAPANESE_FIELD)},
};

static const report_words english = {
    REPORT_WORDS(ENGLISH_WORD)
    .state = {REPORT_STATE_WORDS(ENGLISH_STATE)},
    .register_field = {REPORT_REGISTER_WORDS(ENGLISH_FIELD)},
};

const report_words *report_words_for(const char *lang) {
    return lang && strcmp(lang, "en") == 0 ? &english : &japanese;
}

const char *report_gate_status_word(const report_words *words, tk_gate_status status) {
    switch (status) {
    case TK_GATE_PASS: return words->pass;
    case TK_GATE_FAIL: return words->fail;
    default: return words->pending;
    }
}
