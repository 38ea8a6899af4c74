// The one table of environment variables (docs/configuration.md, "Environment variables") is the settings module's
// declaration (src/settings/variables.ts) in prose: the same names, the same defaults, the internal ones said
// to be set by the run. And the settings module is the only reader: no other file takes a CONFORMANCE_* or
// CAPTAIN_* variable from an environment. Names outside the suite (CI, the tests' FC_SEED, FC_PATH,
// HOSTILE_KEEP_OUTPUT, REPORT_FIXTURE_*) are not settings: the table lists only those the suite's own code reads.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { describeDefault, VARIABLE_LIST } from '../../src/settings/settings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The one reader of the suite's variables. */
const SETTINGS_READER = 'src/settings/settings.ts';
/** What runs when the suite runs: `npm run conformance`, `simulator`, `watch`, `report:diff`, `rehearsal`. */
const SUITE_SOURCES = ['src', 'tests/conformance', 'scripts', 'playwright.config.ts'];
/** Every TypeScript file of the project: none but the reader may take a suite variable from an environment. */
const ALL_SOURCES = ['src', 'tests', 'scripts', 'bench', 'generators', 'playwright.config.ts'];
/** This file spells such reads out, to test its scanner. */
const THIS_FILE = 'tests/unit/readme-env.spec.ts';

function sourcesUnder(relative: string): string[] {
  const full = path.join(root, relative);
  if (statSync(full).isFile()) return [relative];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourcesUnder(path.join(relative, entry.name))
      : entry.name.endsWith('.ts')
        ? [path.join(relative, entry.name)]
        : [],
  );
}

const isSuiteVariable = (name: string) => /^(CONFORMANCE|CAPTAIN)_/.test(name);

/** `process.env.X`, `env.X` (an env object passed around) and `env['X']`, reads and writes alike. */
export function variablesRead(source: string): string[] {
  const names = [...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g), ...source.matchAll(/\benv\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g)].map(
    (m) => m[1]!,
  );
  return [...new Set(names)];
}

/** Where the table is, and under which heading. */
const TABLE_PAGE = 'docs/configuration.md';
const TABLE_SECTION = 'Environment variables';

/** The table's rows in the page's "Environment variables" section: the backticked names of the first column, and the row. */
export function readmeRows(readme: string): Array<{ names: string[]; row: string }> {
  const section = readme.split(/^## /m).find((s) => s.startsWith(TABLE_SECTION));
  if (!section) return [];
  return section
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((row) => ({ names: [...row.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!), row }));
}

const rows = readmeRows(readFileSync(path.join(root, TABLE_PAGE), 'utf8'));
const rowOf = (name: string) => rows.find((r) => r.names.includes(name))?.row;
const documented = [...new Set(rows.flatMap((r) => r.names))];

test('the scanners find what they should', () => {
  expect(variablesRead("const a = process.env.CONFORMANCE_SEED ?? 1; env.CAPTAIN_API_KEY; process.env['CI']; env.toString")).toEqual([
    'CONFORMANCE_SEED',
    'CAPTAIN_API_KEY',
    'CI',
  ]);
  expect(
    readmeRows('## Environment variables\n\n| variable | meaning |\n|---|---|\n| `A_B`, `C` | x `NOT_ME` |\n\n## Next\n| `D` | y |'),
  ).toEqual([{ names: ['A_B', 'C'], row: '| `A_B`, `C` | x `NOT_ME` |' }]);
});

test('the environment table names exactly the declared settings', () => {
  expect(rows.length, `${TABLE_PAGE} has an "${TABLE_SECTION}" section with the table`).toBeGreaterThan(0);
  const declared = VARIABLE_LIST.map((v) => v.name);
  expect(documented.filter(isSuiteVariable).sort(), 'the table against src/settings/variables.ts').toEqual([...declared].sort());
});

test('the environment table gives each declared default, and says which variables the run sets itself', () => {
  for (const variable of VARIABLE_LIST) {
    const row = rowOf(variable.name) ?? '';
    const shown = describeDefault(variable);
    if (shown !== undefined)
      expect(
        [`default ${shown}`, `default \`${shown}\``].some((text) => row.includes(text)),
        `${variable.name}: ${row}`,
      ).toBe(true);
    expect(row.includes('set by the run itself'), `${variable.name} is ${variable.internal ? '' : 'not '}internal: ${row}`).toBe(
      variable.internal === true,
    );
  }
});

test("the environment table lists the other variables the suite's code reads (CI), and no more", () => {
  const read = new Set(SUITE_SOURCES.flatMap(sourcesUnder).flatMap((file) => variablesRead(readFileSync(path.join(root, file), 'utf8'))));
  const others = [...read].filter((name) => !isSuiteVariable(name)).sort();
  expect(documented.filter((name) => !isSuiteVariable(name)).sort()).toEqual(others);
});

test('no file but the settings module takes a CONFORMANCE_* or CAPTAIN_* variable from an environment', () => {
  const sources = ALL_SOURCES.flatMap(sourcesUnder);
  expect(sources).toContain(SETTINGS_READER);
  const readers = sources
    .filter((file) => file !== SETTINGS_READER && file !== THIS_FILE)
    .flatMap((file) =>
      variablesRead(readFileSync(path.join(root, file), 'utf8'))
        .filter(isSuiteVariable)
        .map((name) => `${file}: ${name}`),
    );
  expect(readers, 'import settings() or settingsFrom() from src/settings/settings.ts instead').toEqual([]);
});
