// npm run report:diff -- old.json new.json: requirements whose status changed, regressions first;
// exit 1 on a regression (so CI can gate on it), 2 on unusable input.
import { readFileSync } from 'node:fs';
import { diffResults, formatDiff } from '../report/diff.js';
import type { Results } from '../report/results.js';

function load(file: string): Pick<Results, 'requirements' | 'summary'> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Results>;
  if (!Array.isArray(parsed.requirements)) throw new Error(`${file} is not a conformance results.json (no requirements[])`);
  return parsed as Pick<Results, 'requirements' | 'summary'>;
}

function main(argv: string[]): number {
  const files = argv.filter((a) => a !== '--');
  const [before, after] = files;
  if (files.length !== 2 || before === undefined || after === undefined) {
    process.stderr.write('usage: report-diff <old results.json> <new results.json>\n');
    return 2;
  }
  try {
    const diff = diffResults(load(before), load(after));
    process.stdout.write(`${formatDiff(diff)}\n`);
    return diff.regressions > 0 ? 1 : 0;
  } catch (error) {
    process.stderr.write(`report-diff: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
