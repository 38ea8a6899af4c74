// The history site planned from runs: ordered by date, each run diffed against the one before it with
// report:diff's logic, every value escaped, every path and link safe, the CLI writing what was planned.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { diffResults } from '../../../src/report/diff.js';
import { planSite } from '../../../src/report/site/build-site.js';
import { HOSTILE } from './sample-run.js';
import { builtResults, v2Results } from './sample-results.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const older = v2Results(
  { 'JS-A-001': 'passed', 'JS-A-002': 'passed', 'JS-A-003': 'failed' },
  { startedAt: '2026-02-01T05:17:00Z', verdict: 'not-conformant', exitCode: 1 },
);
const newer = v2Results({ 'JS-A-001': 'passed', 'JS-A-002': 'inconclusive', 'JS-A-003': 'passed' }, { startedAt: '2026-02-02T05:17:00Z' });

test('runs are ordered by start time whatever their folder names, and each is diffed against the run before it', () => {
  const plan = planSite([
    { name: 'b-newer', results: newer, hasReport: true },
    { name: 'a-older', results: older, hasReport: false },
  ]);
  expect(plan.history.runs.map((r) => r.name)).toEqual(['a-older', 'b-newer']);
  const [first, second] = plan.history.runs;
  expect(first?.diff).toBeUndefined();
  expect(second?.previous?.slug).toBe('a-older');
  // The same answer report:diff gives for the two files.
  expect(second?.diff).toEqual(diffResults(older as never, newer as never));
  expect(second?.diff?.changes.map((c) => [c.id, c.before, c.after, c.kind])).toEqual([
    ['JS-A-002', 'passed', 'inconclusive', 'regression'],
    ['JS-A-003', 'failed', 'passed', 'improvement'],
  ]);
});

test('the site has an index, a changes page per run, and copies only the reports that exist', () => {
  const plan = planSite([
    { name: 'a-older', results: older, hasReport: false },
    { name: 'b-newer', results: newer, hasReport: true },
  ]);
  expect(plan.files.map((f) => f.path)).toEqual(['index.html', 'runs/a-older/changes.html', 'runs/b-newer/changes.html']);
  expect(plan.copies).toEqual([
    { run: 'a-older', what: 'results', to: 'runs/a-older/results.json' },
    { run: 'b-newer', what: 'results', to: 'runs/b-newer/results.json' },
    { run: 'b-newer', what: 'report', to: 'runs/b-newer/report.html' },
  ]);
  const index = plan.files[0]?.content ?? '';
  expect(index.indexOf('b-newer')).toBeLessThan(index.indexOf('a-older'));
  expect(index).toContain('2 changed, 1 regression');
  expect(index).toContain('href="runs/b-newer/report.html"');
  expect(index).not.toContain('href="runs/a-older/report.html"');
});

test('a v1 run and a v2 run sit in one history', () => {
  const plan = planSite([
    { name: 'v1', results: builtResults('2026-01-01T12:00:00.000Z'), hasReport: true },
    {
      name: 'v2',
      results: v2Results({ 'JS-STATE-001': 'passed', 'JS-STATE-002': 'passed' }, { startedAt: '2026-03-01T00:00:00Z' }),
      hasReport: true,
    },
  ]);
  expect(plan.history.runs.map((r) => [r.summary.schemaVersion >= 2, r.summary.profile])).toEqual([
    [false, 'default'],
    [true, 'strict'],
  ]);
  const kinds = Object.fromEntries(plan.history.runs[1]?.diff?.changes.map((c) => [c.id, c.kind]) ?? []);
  expect(kinds['JS-STATE-002']).toBe('improvement');
});

test('folder names become safe, distinct slugs, and what is not a results.json is listed as a problem', () => {
  const plan = planSite(
    [
      { name: '../../etc "x"', results: older, hasReport: true },
      { name: '.._.._etc__x_', results: newer, hasReport: true },
      { name: 'broken', results: { nothing: true }, hasReport: false },
    ],
    ['unparsable: Unexpected token'],
  );
  const slugs = plan.history.runs.map((r) => r.slug);
  expect(new Set(slugs).size).toBe(2);
  for (const slug of slugs) expect(slug).toMatch(/^[A-Za-z0-9_-]+$/);
  for (const file of plan.files) expect(file.path).toMatch(/^(index\.html|runs\/[A-Za-z0-9_-]+\/changes\.html)$/);
  expect(plan.history.problems).toEqual(['unparsable: Unexpected token', 'broken: not a conformance results.json (no requirements[])']);
  expect(plan.files[0]?.content).toContain('broken: not a conformance results.json');
});

test('hostile strings from a run are escaped on every page, and no page has a script or an outside URL', () => {
  const hostile = v2Results({ 'JS-A-001': 'passed' }, { startedAt: HOSTILE, baseUrl: HOSTILE, profile: HOSTILE, verdict: HOSTILE });
  const again = JSON.parse(JSON.stringify(hostile)) as { requirements: Array<{ status: string; title: string; id: string }> };
  again.requirements[0]!.status = HOSTILE;
  again.requirements[0]!.title = HOSTILE;
  const plan = planSite([
    { name: HOSTILE, results: hostile, hasReport: true },
    { name: `${HOSTILE}2`, results: again, hasReport: true },
  ]);
  for (const file of plan.files) {
    expect(file.content, file.path).not.toMatch(/<(script|img)\b/i);
    expect(file.content, file.path).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    const hrefs = [...file.content.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
    for (const href of hrefs)
      expect(href, file.path).toMatch(
        /^(\.\.\/)*(index\.html|runs\/[A-Za-z0-9_-]+\/[a-z]+\.(html|json)|[a-z]+\.(html|json)|\.\.\/[A-Za-z0-9_-]+\/changes\.html)$/,
      );
    expect(file.content).toContain('http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;');
  }
});

test('report:site writes the planned site from a runs folder, reading reports beside results.json or under conformance/', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'report-site-'));
  const runs = path.join(dir, 'runs');
  mkdirSync(path.join(runs, 'one'), { recursive: true });
  mkdirSync(path.join(runs, 'two', 'conformance'), { recursive: true });
  mkdirSync(path.join(runs, 'three'), { recursive: true });
  writeFileSync(path.join(runs, 'one', 'results.json'), JSON.stringify(older));
  writeFileSync(path.join(runs, 'one', 'index.html'), '<p>report one</p>');
  writeFileSync(path.join(runs, 'two', 'conformance', 'results.json'), JSON.stringify(newer));
  writeFileSync(path.join(runs, 'three', 'results.json'), '{ not json');
  const out = path.join(dir, 'site');
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/report-site.ts', runs, out], { cwd: repoRoot, encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  expect(cli.stdout).toContain('2 run(s)');
  expect(cli.stderr).toContain('skipped three:');
  expect(readFileSync(path.join(out, 'runs', 'one', 'report.html'), 'utf8')).toBe('<p>report one</p>');
  expect(existsSync(path.join(out, 'runs', 'two', 'report.html'))).toBe(false);
  expect(JSON.parse(readFileSync(path.join(out, 'runs', 'two', 'results.json'), 'utf8'))).toEqual(newer);
  expect(readFileSync(path.join(out, 'runs', 'two', 'changes.html'), 'utf8')).toContain('JS-A-002');
  expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('three:');
  const usage = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/report-site.ts', runs], { cwd: repoRoot, encoding: 'utf8' });
  expect(usage.status).toBe(2);
});

test('a run that broke shows as broke, compared with nothing, and the next run is compared with the last run that judged', () => {
  const broke = v2Results(
    { 'JS-A-001': 'inconclusive', 'JS-A-002': 'inconclusive', 'JS-A-003': 'inconclusive' },
    { startedAt: '2026-02-01T17:00:00Z', verdict: 'broke', exitCode: 2 },
  );
  const plan = planSite([
    { name: 'a-older', results: older, hasReport: false },
    { name: 'b-broke', results: broke, hasReport: true },
    { name: 'c-newer', results: newer, hasReport: true },
  ]);
  const [, brokeRun, after] = plan.history.runs;
  expect(brokeRun?.diff, 'a broke run is no regression of anything').toBeUndefined();
  expect(after?.previous?.slug).toBe('a-older');
  const index = plan.files.find((f) => f.path === 'index.html')!.content;
  expect(index).toContain('the run broke: nothing judged');
  expect(index).not.toMatch(/3 changed, 3 regressions/);
  const page = plan.files.find((f) => f.path === 'runs/b-broke/changes.html')!.content;
  expect(page).toContain('The run broke before it could judge the target');
});
