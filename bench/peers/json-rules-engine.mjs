// json-rules-engine.mjs — the safe-use check sheet in json-rules-engine.
//
//   node json-rules-engine.mjs NODE_DIR POINTS.json FILE.jsonl
//
// The rule base: one rule per item and option label (aliases included),
// "when answer ITEM equals LABEL, emit points N for ITEM", built from
// POINTS.json. Each answer set's 15 answers are the facts (one fact per item);
// the engine runs once per set, and the points of the events it fires are
// summed into the total and the section subtotals. Prints "TOTAL SUBTOTAL…".
import { answerSets, importPinned, readTable, scoreWriter, usage } from './common.mjs';

const [nodeDir, pointsPath, input] = usage('json-rules-engine.mjs');
const { Engine } = await importPinned(nodeDir, 'json-rules-engine');
const table = readTable(pointsPath);

const engine = new Engine([], { allowUndefinedFacts: true });
for (const [item, labels] of Object.entries(table.points)) {
  for (const [label, points] of Object.entries(labels)) {
    engine.addRule({
      name: `${item}:${label}`,
      conditions: { all: [{ fact: `item${item}`, operator: 'equal', value: label }] },
      event: { type: 'points', params: { item, points } },
    });
  }
}
const sectionOf = {};
const sections = Object.keys(table.sections);
sections.forEach((section, index) => {
  for (const item of table.sections[section]) sectionOf[item] = index;
});

const out = scoreWriter();
for (const set of answerSets(input)) {
  const answers = set.answers[table.checklist];
  const facts = {};
  for (const item in answers) facts[`item${item}`] = answers[item];
  const { events } = await engine.run(facts);
  const subtotals = sections.map(() => 0);
  let total = 0;
  for (const event of events) {
    total += event.params.points;
    subtotals[sectionOf[event.params.item]] += event.params.points;
  }
  out.write(total, subtotals);
}
out.flush();
