// The evidence contract keeps the two sides of a run apart: a test worker writes evidence (src/evidence) and
// never loads the reporter or its renderer (src/report); the reporter reads evidence and never loads test-side code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourcesUnder(relative: string): string[] {
  return readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) return sourcesUnder(child);
    return entry.name.endsWith('.ts') ? [child] : [];
  });
}

/** The project files `file` imports (relative imports only: packages are not ours), as paths from the root. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.posix.join(path.posix.dirname(file), name.replace(/\.js$/, '.ts')))
    .filter((resolved) => existsSync(path.join(root, resolved)));
}

/** Every project file `entries` load, themselves included. */
function closure(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...importsOf(file));
  }
  return seen;
}

test('a conformance test worker loads the evidence writer, never the reporter or its renderer', () => {
  const loaded = closure(sourcesUnder('tests/conformance'));
  expect(loaded.has('src/evidence/attach.ts')).toBe(true);
  expect([...loaded].filter((file) => file.startsWith('src/report/'))).toEqual([]);
});

test('the reporter loads the evidence format, never the test-side writer or test code', () => {
  const loaded = closure(['src/report/reporter.ts']);
  expect(loaded.has('src/evidence/format.ts')).toBe(true);
  expect([...loaded].filter((file) => file === 'src/evidence/attach.ts' || file.startsWith('tests/'))).toEqual([]);
});
