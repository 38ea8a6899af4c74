import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { classify, diffResults } from '../../../src/report/diff.js';
import type { RequirementStatus } from '../../../src/report/results.js';

function run(statuses: Record<string, RequirementStatus>, verdict = 'conformant') {
  return {
    summary: { verdict } as never,
    requirements: Object.entries(statuses).map(([id, status]) => ({
      id,
      status,
      level: id.endsWith('5') ? 'SHOULD' : 'MUST',
      title: `t ${id}`,
    })) as never,
  };
}

test('a requirement that now fails, or no longer passes, is a regression; the reverse an improvement', () => {
  expect(classify('passed', 'failed')).toBe('regression');
  expect(classify('not-covered', 'failed')).toBe('regression');
  expect(classify('passed', 'skipped')).toBe('regression');
  expect(classify('passed', 'absent')).toBe('regression');
  expect(classify('failed', 'passed')).toBe('improvement');
  expect(classify('not-covered', 'skipped')).toBe('improvement');
  expect(classify('skipped', 'not-covered')).toBe('change');
});

test('inconclusive: a requirement that passed and now could not be judged regressed; one judged again improved', () => {
  expect(classify('passed', 'inconclusive')).toBe('regression');
  expect(classify('inconclusive', 'passed')).toBe('improvement');
  expect(classify('inconclusive', 'failed')).toBe('regression');
  expect(classify('not-covered', 'inconclusive')).toBe('improvement');
  expect(classify('inconclusive', 'skipped')).toBe('change');
});

test('the diff lists only changed requirements, regressions first, MUST before SHOULD', () => {
  const before = run({ 'JS-A-001': 'failed', 'JS-A-002': 'passed', 'JS-A-005': 'passed', 'JS-A-003': 'passed', 'JS-A-004': 'skipped' });
  const after = run(
    { 'JS-A-001': 'passed', 'JS-A-002': 'passed', 'JS-A-005': 'failed', 'JS-A-003': 'failed', 'JS-A-006': 'passed' },
    'not-conformant',
  );
  const diff = diffResults(before, after);
  expect(diff.changes.map((c) => [c.id, c.kind])).toEqual([
    ['JS-A-003', 'regression'],
    ['JS-A-005', 'regression'],
    ['JS-A-004', 'change'],
    ['JS-A-001', 'improvement'],
    ['JS-A-006', 'improvement'],
  ]);
  expect(diff.regressions).toBe(2);
  expect(diff).toMatchObject({ verdictBefore: 'conformant', verdictAfter: 'not-conformant' });
});

test('report-diff exits 1 on a regression and 0 otherwise', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'report-diff-'));
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const good = write('good.json', run({ 'JS-A-001': 'passed' }));
  const bad = write('bad.json', run({ 'JS-A-001': 'failed' }, 'not-conformant'));
  const cli = fileURLToPath(new URL('../../../src/cli/report-diff.ts', import.meta.url));
  const diff = (a: string, b: string) => spawnSync(process.execPath, ['--import', 'tsx', cli, a, b], { encoding: 'utf8' });
  const regressed = diff(good, bad);
  expect(regressed.status).toBe(1);
  expect(regressed.stdout).toMatch(/regression\s+JS-A-001\s+MUST\s+passed -> failed/);
  expect(diff(bad, good).status).toBe(0);
  expect(diff(good, write('junk.json', { nope: 1 })).status).toBe(2);
});
