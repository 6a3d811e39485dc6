// common.mjs — what the Node peers share: loading a package from the pinned
// bench/node/node_modules, reading a JSON Lines file, writing the scores.
//
// Every peer prints one line per answer set, in input order:
// "TOTAL SUBTOTAL…" (the sections' subtotals in the rule file's order), the
// same figures as tenken's CSV columns, so bench/run.sh can compare them.
import { createRequire } from 'node:module';
import { readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function importPinned(nodeDir, name) {
  const require = createRequire(join(resolve(nodeDir), 'package.json'));
  return import(pathToFileURL(require.resolve(name)).href);
}

export function readTable(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

// Each line of the file as a parsed answer set (JSON.parse is part of the work).
export function* answerSets(path) {
  const text = readFileSync(path, 'utf8');
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) yield JSON.parse(text.slice(start, end));
    start = end + 1;
  }
}

// Buffered standard output: one write per 64 KiB, not one per line.
export function scoreWriter() {
  let pending = [];
  let size = 0;
  const flush = () => {
    if (pending.length) writeSync(1, pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    write(total, subtotals) {
      const line = `${total} ${subtotals.join(' ')}\n`;
      pending.push(line);
      size += line.length;
      if (size > 65536) flush();
    },
    flush,
  };
}

export function usage(name) {
  if (process.argv.length !== 5) {
    process.stderr.write(`usage: node ${name} NODE_DIR POINTS.json FILE.jsonl\n`);
    process.exit(2);
  }
  return process.argv.slice(2);
}
