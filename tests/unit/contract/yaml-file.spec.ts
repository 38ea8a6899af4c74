// The spec's YAML files are parsed through a cache of their JSON, keyed by their content.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { parse } from 'yaml';
import { readYamlFile } from '../../../src/contract/yaml-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'yaml-file-'));
const cacheDir = path.join(dir, 'cache');
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cachedCopies = (name: string) => readdirSync(cacheDir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.json'));

test('a YAML file reads as yaml.parse reads it, the first time and from the cache after', () => {
  const file = path.join(dir, `spec-${process.pid}-a.yaml`);
  const text = 'openapi: 3.1.0\ninfo: { title: "x", version: "1" }\nlist: [1, 2.5, true, null, "s"]\nnested:\n  key: >\n    folded text\n';
  writeFileSync(file, text);
  expect(readYamlFile(file, cacheDir)).toEqual(parse(text));
  expect(cachedCopies(path.basename(file))).toHaveLength(1);
  expect(readYamlFile(file, cacheDir)).toEqual(parse(text));
});

test('a changed file is parsed again: the cache is keyed by content, not by name', () => {
  const file = path.join(dir, `spec-${process.pid}-b.yaml`);
  writeFileSync(file, 'a: 1\n');
  expect(readYamlFile(file, cacheDir)).toEqual({ a: 1 });
  writeFileSync(file, 'a: 2\n');
  expect(readYamlFile(file, cacheDir)).toEqual({ a: 2 });
  expect(cachedCopies(path.basename(file))).toHaveLength(2);
});

test('a corrupt cache entry falls back to parsing the file and is written again', () => {
  const file = path.join(dir, `spec-${process.pid}-c.yaml`);
  writeFileSync(file, 'b: [x, y]\n');
  readYamlFile(file, cacheDir);
  const [entry] = cachedCopies(path.basename(file));
  writeFileSync(path.join(cacheDir, entry!), '{"b": [tru');
  expect(readYamlFile(file, cacheDir)).toEqual({ b: ['x', 'y'] });
  expect(JSON.parse(readFileSync(path.join(cacheDir, entry!), 'utf8'))).toEqual({ b: ['x', 'y'] });
});

test('a cache folder others can write is not trusted: a planted entry is ignored and the file is parsed', () => {
  const shared = path.join(dir, 'shared-cache');
  const file = path.join(dir, `spec-${process.pid}-d.yaml`);
  writeFileSync(file, 'c: 1\n');
  readYamlFile(file, shared);
  const [entry] = readdirSync(shared).filter((f) => f.endsWith('.json'));
  expect(entry, 'the trusted folder held the entry').toBeDefined();
  writeFileSync(path.join(shared, entry!), '{"c": 666}');
  chmodSync(shared, 0o777);
  expect(readYamlFile(file, shared)).toEqual({ c: 1 });
  chmodSync(shared, 0o700);
  expect(readYamlFile(file, shared), 'once only we can write it, the entry is read').toEqual({ c: 666 });
});
