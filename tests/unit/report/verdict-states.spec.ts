// The verdict's states and exit codes, and the console's last lines that say them: broke (exit 2, nothing
// charged to the target), a partial run (not-selected, never "no test names it"), a MUST finding that wins.
import { expect, test } from '@playwright/test';
import { buildResults } from '../../../src/report/results.js';
import { verdictLines } from '../../../src/report/reporter.js';
import { selectionOf } from '../../../src/report/selection.js';
import { meta, miniCatalog, mustFinding, record } from './sample-run.js';

const all = ['JS-STATE-001', 'JS-STATE-002', 'JS-SHAPE-001'];

test('a partial run calls the requirements it did not select not-selected, judges the rest, and says it is partial', () => {
  const selected = record('passed', { requirements: ['JS-STATE-001'], exercised: ['JS-STATE-001'] });
  const results = buildResults([selected], miniCatalog, { ...meta, runStatus: 'passed', selection: ['--grep=started'] });
  const status = Object.fromEntries(results.requirements.map((r) => [r.id, r.status]));
  expect(status).toEqual({
    'JS-STATE-001': 'passed',
    'JS-STATE-002': 'not-selected',
    'JS-SHAPE-005': 'not-selected',
    'JS-SHAPE-001': 'not-selected',
  });
  expect(results.summary).toMatchObject({
    verdict: 'conformant',
    exitCode: 0,
    partial: true,
    selection: ['--grep=started'],
    notSelected: 3,
    notCovered: 0,
  });
  expect(results.summary.unexercisedMust, 'a MUST it did not select is not a MUST it failed to exercise').toEqual([]);
  const gate = buildResults([selected], miniCatalog, {
    ...meta,
    runStatus: 'passed',
    selection: ['--grep=started'],
    requireComplete: true,
  });
  expect(gate.summary.exitCode, 'a release gate never passes on a partial run').toBe(1);
  const lines = verdictLines(results);
  expect(lines).toContain('partial run (--grep=started)');
  expect(lines).not.toContain('no test names it');
});

test('a run that broke before any test judges nothing: every requirement inconclusive with the cause, no finding, exit 2', () => {
  const results = buildResults([], miniCatalog, {
    ...meta,
    fallbackBaseUrl: 'https://staging.example.com',
    fallbackKind: 'external',
    brokeBefore: 'the key was rejected (HTTP 401). Fix: check CAPTAIN_API_KEY',
  });
  expect(results.summary).toMatchObject({ verdict: 'broke', exitCode: 2, runBroken: true, failed: 0, warned: 0, passed: 0 });
  expect(results.requirements.every((r) => r.status === 'inconclusive' && r.findings.length === 0)).toBe(true);
  expect(results.target).toMatchObject({ baseUrl: 'https://staging.example.com', kind: 'external' });
  const lines = verdictLines(results).trim().split('\n');
  expect(lines[0]).toBe(
    'Conformance of https://staging.example.com (external deployment), default profile: THE RUN BROKE, no verdict against the target (exit code 2)',
  );
  expect(lines.slice(1), 'the cause, once, and nothing against the target').toEqual([
    '  cause: the key was rejected (HTTP 401). Fix: check CAPTAIN_API_KEY',
  ]);
});

test('a MUST finding is the API breaking a promise whatever else broke: not conformant, exit 1', () => {
  const results = buildResults(
    [
      record('failed', { requirements: ['JS-STATE-001'], findings: [mustFinding('JS-STATE-001')] }),
      record('failed', { requirements: ['JS-STATE-002'] }),
    ],
    miniCatalog,
    meta,
  );
  expect(results.summary).toMatchObject({ verdict: 'not-conformant', exitCode: 1, runBroken: true });
  const broke = buildResults([record('failed', { requirements: ['JS-STATE-002'] })], miniCatalog, { ...meta, requireComplete: true });
  expect(broke.summary).toMatchObject({ verdict: 'broke', exitCode: 2 });
});

test("the console's last lines name the target, profile, verdict, each failed MUST with its first finding, each SHOULD warning and each unexercised MUST", () => {
  const results = buildResults(
    [
      record('failed', {
        requirements: ['JS-STATE-001', 'JS-SHAPE-005'],
        exercised: ['JS-SHAPE-005'],
        findings: [mustFinding('JS-STATE-001'), { requirement: 'JS-SHAPE-005', level: 'SHOULD', message: 'served as text/html' }],
        target: { baseUrl: 'http://127.0.0.1:4010', kind: 'simulator', controllable: true },
      }),
      record('skipped', { requirements: ['JS-SHAPE-001'], skipReason: 'needs the fault hook capability placeholders' }),
    ],
    miniCatalog,
    meta,
  );
  const lines = verdictLines(results).trim().split('\n');
  expect(lines[0]).toBe('Conformance of http://127.0.0.1:4010 (embedded simulator), default profile: NOT CONFORMANT (exit code 1)');
  expect(lines).toContain(`  MUST JS-STATE-001 failed: ${mustFinding('JS-STATE-001').message}`);
  expect(lines).toContain('  SHOULD JS-SHAPE-005 warned: served as text/html');
  expect(lines).toContain('  MUST JS-SHAPE-001 skipped: needs the fault hook capability placeholders');
  expect(lines).toContain('  MUST JS-STATE-002 not-covered: no test names it');
});

test('the command line says which runs are partial and which only list', () => {
  const pw = ['node', '/x/node_modules/@playwright/test/cli.js'];
  expect(selectionOf([...pw, 'test', '--project=conformance'])).toEqual({ list: false, narrowedBy: [] });
  expect(selectionOf([...pw, 'test', '--workers', '4'])).toEqual({ list: false, narrowedBy: [] });
  expect(selectionOf([...pw, 'test', '--project', 'conformance', '--grep', 'cancel']).narrowedBy).toEqual(['--grep=cancel']);
  expect(selectionOf([...pw, 'test', '-g=cancel', 'tests/conformance/rate.spec.ts']).narrowedBy).toEqual([
    '-g=cancel',
    'tests/conformance/rate.spec.ts',
  ]);
  expect(selectionOf([...pw, 'test', '--shard=1/3']).narrowedBy).toEqual(['--shard=1/3']);
  expect(selectionOf([...pw, 'test', '-u', 'all']).narrowedBy).toEqual([]);
  expect(selectionOf([...pw, 'test', '--list']).list).toBe(true);
  expect(selectionOf([...pw, 'merge-reports', 'blobs'])).toEqual({ list: false, narrowedBy: [] });
});
