// cel.mjs — the safe-use check sheet in CEL (cel-js).
//
//   node cel.mjs NODE_DIR POINTS.json FILE.jsonl
//
// The rule base, built from POINTS.json and parsed once: one CEL expression
// per item mapping its answer to points ({"確認した": 3, …}[a["2"]]), one per
// section summing its items' points (p["1"] + p["2"] + …), and one for the
// total over the sections. Every expression is evaluated for every answer
// set. Prints "TOTAL SUBTOTAL…".
import { answerSets, importPinned, readTable, scoreWriter, usage } from './common.mjs';

const [nodeDir, pointsPath, input] = usage('cel.mjs');
const cel = await importPinned(nodeDir, 'cel-js');
const table = readTable(pointsPath);

function compile(expression) {
  const parsed = cel.parse(expression);
  if (!parsed.isSuccess) throw new Error(`${expression}: ${parsed.errors.join('; ')}`);
  return parsed.cst;
}

const quote = (text) => JSON.stringify(text);
const items = Object.entries(table.points).map(([item, labels]) => [
  item,
  compile(`{${Object.entries(labels).map(([l, n]) => `${quote(l)}: ${n}`).join(', ')}}[a[${quote(item)}]]`),
]);
const sections = Object.entries(table.sections).map(([section, ids]) => [
  section,
  compile(ids.map((id) => `p[${quote(id)}]`).join(' + ')),
]);
const total = compile(sections.map(([section]) => `s.${section}`).join(' + '));

const out = scoreWriter();
for (const set of answerSets(input)) {
  const a = set.answers[table.checklist];
  const p = {};
  for (const [item, expression] of items) p[item] = cel.evaluate(expression, { a });
  const s = {};
  for (const [section, expression] of sections) s[section] = cel.evaluate(expression, { p });
  out.write(cel.evaluate(total, { s }), sections.map(([section]) => s[section]));
}
out.flush();
