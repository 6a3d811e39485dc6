/*
 * diag_codes.h — the one list of diagnostic codes (an X-macro). Each entry is
 * the code, a stable rule name (used in JSON and SARIF), and a one-line summary.
 * doc/diagnostics.md documents every entry; tests/errors/ has a case for each.
 * Codes are never renumbered or reused.
 */
/* 00xx: bytes and tokens */
DIAG_CODE(TK0001, "invalid-utf8", "the file is not valid UTF-8")
DIAG_CODE(TK0002, "bad-character", "a character that cannot start a token")
DIAG_CODE(TK0003, "unterminated-string", "a string without its closing quote")
DIAG_CODE(TK0004, "bad-escape", "an unknown escape sequence in a string")
DIAG_CODE(TK0005, "bad-number", "a number that cannot be read")
/* 01xx: syntax */
DIAG_CODE(TK0101, "syntax", "the rule file does not follow the grammar")
DIAG_CODE(TK0102, "version-line", "missing or unsupported `tenken N` version line")
/* 02xx: names */
DIAG_CODE(TK0201, "unknown-scale", "a scale that is not defined or imported")
DIAG_CODE(TK0202, "unknown-name", "a name that is no fact, value or gate")
DIAG_CODE(TK0203, "unknown-item", "an item id that the checklist does not have")
DIAG_CODE(TK0204, "unknown-option", "an option key that the scale does not have")
DIAG_CODE(TK0205, "unknown-section", "a section that the checklist does not have")
DIAG_CODE(TK0206, "unknown-checklist", "a checklist that is not defined")
DIAG_CODE(TK0207, "unknown-module", "an imported module that is not on the search path")
DIAG_CODE(TK0208, "duplicate", "a name or id defined twice in the same scope")
DIAG_CODE(TK0209, "unknown-function", "a function that the language does not have")
DIAG_CODE(TK0210, "unknown-attribute", "an item attribute other than points, max or weight")
DIAG_CODE(TK0211, "import-cycle", "modules that import each other")
DIAG_CODE(TK0212, "unknown-stage", "a stage that the ladder does not have")
DIAG_CODE(TK0213, "unknown-variant", "a variant that is not declared")
/* 03xx: types and structure */
DIAG_CODE(TK0301, "type-mismatch", "an expression of the wrong type")
DIAG_CODE(TK0302, "item-without-scale", "an item with neither its own options nor a scale")
DIAG_CODE(TK0303, "ambiguous-points", "two options of one scale with the same points")
DIAG_CODE(TK0304, "empty-scale", "a scale without options")
DIAG_CODE(TK0305, "bad-expectation", "a test expectation or given that cannot be checked")
/* 04xx: the evaluation graph */
DIAG_CODE(TK0401, "cycle", "definitions that depend on each other in a loop")
/* 05xx: answer files */
DIAG_CODE(TK0501, "answers-syntax", "the answer file is not well-formed YAML or JSON")
DIAG_CODE(TK0502, "answers-shape", "a part of the answer file of the wrong kind")
DIAG_CODE(TK0503, "answers-unknown-checklist", "answers for a checklist the rules do not have")
DIAG_CODE(TK0504, "answers-unknown-item", "an answer for an item the checklist does not have")
DIAG_CODE(TK0505, "answers-not-an-option", "an answer that is no option of the item's scale")
DIAG_CODE(TK0506, "answers-ambiguous", "an answer that matches more than one option")
DIAG_CODE(TK0507, "answers-unknown-fact", "a fact the rules do not declare")
DIAG_CODE(TK0508, "answers-fact-type", "a fact value of the wrong type")
DIAG_CODE(TK0509, "answers-duplicate-key", "a key given twice in one mapping")
DIAG_CODE(TK0510, "answers-wrong-rules", "answers written for other rules")
DIAG_CODE(TK0511, "answers-unknown-key", "a key the answer format does not have")
DIAG_CODE(TK0512, "answers-version", "an answer format version tenken does not read")
DIAG_CODE(TK0513, "answers-fixed-fact", "a fact that the rules (a variant) fix")
DIAG_CODE(TK0514, "answers-csv-quote", "a CSV field whose quotes are not closed or not doubled")
DIAG_CODE(TK0515, "answers-csv-fields", "a CSV row with more or fewer fields than the heading row")
DIAG_CODE(TK0516, "answers-csv-column", "a CSV column heading that names nothing in the rules")
/* 06xx: warnings about rule files (tenken check; -Werror makes them errors) */
DIAG_CODE(TK0601, "unused-scale", "a scale that no item uses")
DIAG_CODE(TK0602, "unused-import", "an imported name that nothing uses")
DIAG_CODE(TK0605, "never-applies", "an item that can never apply")
DIAG_CODE(TK0606, "width-collision", "ids that differ only by full-width and half-width characters")
DIAG_CODE(TK0607, "missing-language", "a text in one language where its siblings have two")
/* 08xx: tables imported as rule files (tenken import) */
DIAG_CODE(TK0801, "import-csv-quote", "a CSV field whose quotes are not closed or not doubled")
DIAG_CODE(TK0802, "import-csv-fields", "a CSV row with more fields than the header")
DIAG_CODE(TK0803, "import-column", "a column the import reads that the header lacks or repeats")
DIAG_CODE(TK0804, "import-empty-cell", "an empty cell where the import needs a value")
DIAG_CODE(TK0805, "import-duplicate-id", "an id that two rows of a framework table have")
DIAG_CODE(TK0806, "import-unknown-parent", "a parent id that no row of the table has")
DIAG_CODE(TK0807, "import-parent-cycle", "rows that are their own ancestors")
DIAG_CODE(TK0808, "import-bad-value", "an obligation, kind or relation that tenken does not know")
DIAG_CODE(TK0809, "import-control-character", "a control character in a cell written as a string")
DIAG_CODE(TK0810, "import-too-deep", "a row nested deeper than the levels --kinds names")
/* 09xx: files */
DIAG_CODE(TK0901, "io", "a file that cannot be read or written")
DIAG_CODE(TK0902, "tkc-invalid", "a file read as a compiled graph that is not one")
DIAG_CODE(TK0903, "tkc-version", "a compiled graph of a format version this tenken does not read")
DIAG_CODE(TK0904, "tkc-corrupt", "a compiled graph that is truncated or damaged")
DIAG_CODE(TK0905, "tkc-variant", "a compiled graph of another variant than the one asked for")
