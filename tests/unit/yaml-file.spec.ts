// The spec's YAML files are parsed through a cache of their JSON, keyed by their content.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { parse } from 'yaml';
import { readYamlFile } from '../../src/contract/yaml-file.js';

const cacheDir = path.join(tmpdir(), 'captain-conformance-spec-cache');
const dir = mkdtempSync(path.join(tmpdir(), 'yaml-file-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cachedCopies = (name: string) => readdirSync(cacheDir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.json'));

test('a YAML file reads as yaml.parse reads it, the first time and from the cache after', () => {
  const file = path.join(dir, `spec-${process.pid}-a.yaml`);
  const text = 'openapi: 3.1.0\ninfo: { title: "x", version: "1" }\nlist: [1, 2.5, true, null, "s"]\nnested:\n  key: >\n    folded text\n';
  writeFileSync(file, text);
  expect(readYamlFile(file)).toEqual(parse(text));
  expect(cachedCopies(path.basename(file))).toHaveLength(1);
  expect(readYamlFile(file)).toEqual(parse(text));
});

test('a changed file is parsed again: the cache is keyed by content, not by name', () => {
  const file = path.join(dir, `spec-${process.pid}-b.yaml`);
  writeFileSync(file, 'a: 1\n');
  expect(readYamlFile(file)).toEqual({ a: 1 });
  writeFileSync(file, 'a: 2\n');
  expect(readYamlFile(file)).toEqual({ a: 2 });
  expect(cachedCopies(path.basename(file))).toHaveLength(2);
});

test('a corrupt cache entry falls back to parsing the file and is written again', () => {
  const file = path.join(dir, `spec-${process.pid}-c.yaml`);
  writeFileSync(file, 'b: [x, y]\n');
  readYamlFile(file);
  const [entry] = cachedCopies(path.basename(file));
  writeFileSync(path.join(cacheDir, entry!), '{"b": [tru');
  expect(readYamlFile(file)).toEqual({ b: ['x', 'y'] });
  expect(JSON.parse(readFileSync(path.join(cacheDir, entry!), 'utf8'))).toEqual({ b: ['x', 'y'] });
});
