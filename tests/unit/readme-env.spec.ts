// The README's one table of environment variables ("Running against staging") names exactly the variables
// the suite's code reads: the conformance suite, its simulator, reporter and CLIs, and its configuration.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** What runs when the suite runs: `npm run conformance`, `simulator`, `watch`, `report:diff`, `rehearsal`. */
const SUITE_SOURCES = ['src', 'tests/conformance', 'scripts', 'playwright.config.ts'];

function sourcesUnder(relative: string): string[] {
  const full = path.join(root, relative);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourcesUnder(path.join(relative, entry.name)) : entry.name.endsWith('.ts') ? [path.join(full, entry.name)] : [],
  );
}

/** `process.env.X`, `env.X` (an env object passed around) and `env['X']`. */
export function variablesRead(source: string): string[] {
  const names = [...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g), ...source.matchAll(/\benv\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g)].map(
    (m) => m[1]!,
  );
  return [...new Set(names)];
}

/** The backticked names in the first column of the table in README's "Running against staging" section. */
export function variablesDocumented(readme: string): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Running against staging'));
  if (!section) return [];
  const rows = section.split('\n').filter((line) => /^\|\s*`/.test(line));
  return [...new Set(rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!)))];
}

test('the scanners find what they should', () => {
  expect(variablesRead("const a = process.env.CONFORMANCE_SEED ?? 1; env.CAPTAIN_API_KEY; process.env['CI']; env.toString")).toEqual([
    'CONFORMANCE_SEED',
    'CAPTAIN_API_KEY',
    'CI',
  ]);
  expect(
    variablesDocumented(
      '## Running against staging\n\n| variable | meaning |\n|---|---|\n| `A_B`, `C` | x `NOT_ME` |\n\n## Next\n| `D` | y |',
    ),
  ).toEqual(['A_B', 'C']);
});

test("README's environment table names exactly the variables the suite's code reads", () => {
  const read = new Set(SUITE_SOURCES.flatMap(sourcesUnder).flatMap((file) => variablesRead(readFileSync(file, 'utf8'))));
  const documented = new Set(variablesDocumented(readFileSync(path.join(root, 'README.md'), 'utf8')));
  expect(documented.size, 'README.md has a "Running against staging" section with the table').toBeGreaterThan(0);
  expect([...read].filter((v) => !documented.has(v)).sort(), 'read by the code, missing from the README table').toEqual([]);
  expect([...documented].filter((v) => !read.has(v)).sort(), 'in the README table, read by no code').toEqual([]);
});
