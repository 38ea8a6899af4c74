// No function in src/ or generators/ runs past 80 lines: a longer one is steps that want names. Counted on
// the TypeScript syntax tree, from a function's first line to its last, arrows and methods included.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAX_LINES = 80;

function sourcesUnder(relative: string): string[] {
  return readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) return sourcesUnder(child);
    return entry.name.endsWith('.ts') ? [child] : [];
  });
}

/** `file:line name (N lines)` for every function of `source` longer than `max` lines. */
export function longFunctions(file: string, source: string, max = MAX_LINES): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const lineOf = (position: number) => tree.getLineAndCharacterOfPosition(position).line + 1;
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const first = lineOf(node.getStart(tree));
      const lines = lineOf(node.getEnd()) - first + 1;
      const name = node.name?.getText(tree) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(tree) : '(anonymous)');
      if (lines > max) found.push(`${file}:${first} ${name} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

test('the checker names a function, an arrow and a method past the limit, and passes short ones', () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join('\n');
  const source = [
    `function long() {\n${body(4)}\n}`,
    `const arrow = () => {\n${body(4)}\n};`,
    `class C {\n  method() {\n${body(4)}\n  }\n}`,
    `function short() {\n${body(3)}\n}`,
  ].join('\n');
  expect(longFunctions('sample.ts', source, 5)).toEqual([
    'sample.ts:1 long (6 lines)',
    'sample.ts:7 arrow (6 lines)',
    'sample.ts:14 method (6 lines)',
  ]);
});

test(`no function in src/ or generators/ is longer than ${MAX_LINES} lines`, () => {
  const files = [...sourcesUnder('src'), ...sourcesUnder('generators')];
  const long = files.flatMap((file) => longFunctions(file, readFileSync(path.join(root, file), 'utf8')));
  expect(long, 'split these into named steps').toEqual([]);
});
