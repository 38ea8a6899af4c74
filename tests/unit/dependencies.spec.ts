// The dependency rule, checked (in the spirit of Playwright's DEPS.list): every relative import of every
// TypeScript file goes down the layers of tools/layers.ts or stays in its own layer, nothing outside
// tests/ imports tests/, a suite imports no other suite's support/, and no file reaches itself again
// through its imports. Type-only imports count: a type is a dependency too. And tests/unit mirrors the
// layers it tests (docs/ARCHITECTURE.md, "Where a change goes").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import ts from 'typescript';
import { LAYERS } from '../../tools/layers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', 'reports', 'dist', '.git']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory() && !SKIP.has(entry.name)) out.push(...sourceFiles(rel));
    else if (entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

const FILES = [...new Set(LAYERS.flatMap((l) => l.paths).flatMap((p) => (p.endsWith('.ts') ? [p] : sourceFiles(p))))].sort();

/** The repository files a file imports (relative specifiers only; packages are not layers). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
}

const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));

function layerOf(file: string): number {
  let best = -1;
  let length = -1;
  LAYERS.forEach((layer, i) => {
    for (const p of layer.paths)
      if ((file === p || file.startsWith(`${p}/`)) && p.length > length) {
        best = i;
        length = p.length;
      }
  });
  return best;
}

/** `tests/<suite>` of a file in a suite's folder; undefined elsewhere (tests/global-setup.ts serves every suite). */
const suiteOf = (file: string) => /^tests\/[^/]+(?=\/)/.exec(file)?.[0];

/** Imports that still break the rule (the start of each message); every entry is a debt, and the list only shrinks. */
const KNOWN: readonly string[] = [];

test('every file of the repository belongs to a layer of tools/layers.ts', () => {
  expect(FILES.length).toBeGreaterThan(100);
  expect(FILES.filter((f) => layerOf(f) === -1)).toEqual([]);
});

test('no import goes up the layers, leaves tests/ for tests/, or reaches into another suite’s support/', () => {
  const broken: string[] = [];
  for (const [file, imports] of GRAPH) {
    for (const target of imports) {
      const line = `${file} -> ${target}`;
      if (!GRAPH.has(target)) broken.push(`${line}: not a file of any layer`);
      else if (layerOf(target) > layerOf(file))
        broken.push(`${line}: ${LAYERS[layerOf(file)]!.name} may not import ${LAYERS[layerOf(target)]!.name}`);
      else if (target.startsWith('tests/') && !file.startsWith('tests/')) broken.push(`${line}: only tests import tests`);
      else if (/^tests\/[^/]+\/(.*\/)?support\//.test(target) && suiteOf(file) !== undefined && suiteOf(target) !== suiteOf(file))
        broken.push(`${line}: another suite's support/`);
    }
  }
  expect(broken.filter((b) => !KNOWN.some((k) => b.startsWith(k)))).toEqual([]);
  expect(
    KNOWN.filter((k) => !broken.some((b) => b.startsWith(k))),
    'known breaks since mended: take them off the list',
  ).toEqual([]);
});

test('no import cycle: no file reaches itself through its imports', () => {
  // Tarjan's strongly connected components over the file graph; a component of two or more files is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of GRAPH.get(v) ?? []) {
      if (!GRAPH.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || GRAPH.get(v)!.includes(v)) cycles.push(component.sort());
    }
  };
  for (const file of GRAPH.keys()) if (!index.has(file)) visit(file);
  expect(cycles).toEqual([]);
});

test('tests/unit mirrors src/: every folder of unit specs is a folder of src/ or of another layer (generators/, tools/)', () => {
  // The repository-wide specs (the dependency rule, function length, README, package import...) sit at tests/unit itself.
  const isFolder = (rel: string) => statSync(path.join(ROOT, rel), { throwIfNoEntry: false })?.isDirectory() === true;
  const mirrors = (rel: string) => [`src/${rel}`, rel].some((p) => isFolder(p) && layerOf(p) !== -1 && !p.startsWith('tests'));
  const specFolders = new Set(
    sourceFiles('tests/unit')
      .filter((f) => f.endsWith('.spec.ts'))
      .map((f) => path.posix.dirname(f)),
  );
  specFolders.delete('tests/unit');
  expect(specFolders.size).toBeGreaterThan(10);
  expect([...specFolders].filter((dir) => !mirrors(dir.slice('tests/unit/'.length)))).toEqual([]);
});
