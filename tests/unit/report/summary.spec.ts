// The job summary: a results.json (v2, or the v1 older runs wrote) read into counts, and rendered as a
// Markdown verdict table in which nothing from the run becomes markup.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { markdownCell, renderSummaryMarkdown } from '../../../src/report/summary-markdown.js';
import { NotResultsError, readRunSummary } from '../../../src/report/summary-model.js';
import { HOSTILE } from './sample-run.js';
import { builtResults, v2Results } from './sample-results.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

test('a v1 results.json is read with the default profile, counts by level, and an exit code that follows its verdict', () => {
  const run = readRunSummary(builtResults());
  expect(run.profile).toBe('default');
  expect(run.verdict).toBe('not-conformant');
  expect(run.exitCode).toBe(1);
  expect(run.must).toEqual({ passed: 1, failed: 1, inconclusive: 0, skipped: 0, notCovered: 1, notSelected: 0, waived: 0 });
  expect(run.should).toEqual({ passed: 0, failed: 1, inconclusive: 0, skipped: 0, notCovered: 0, notSelected: 0, waived: 0 });
  expect(run.requirements.find((r) => r.id === 'JS-STATE-002')).toMatchObject({ status: 'failed', findings: 1 });
});

test('a v2 results.json gives its profile, its recorded exit code and inconclusive requirements with their cause', () => {
  const run = readRunSummary(
    v2Results(
      { 'JS-A-001': 'passed', 'JS-A-002': 'inconclusive', 'JS-A-003': 'skipped', 'JS-A-005': 'failed' },
      { exitCode: 1, verdict: 'incomplete' },
    ),
  );
  expect(run).toMatchObject({ schemaVersion: 2, profile: 'strict', verdict: 'incomplete', exitCode: 1, targetKind: 'external' });
  expect(run.must).toEqual({ passed: 1, failed: 0, inconclusive: 1, skipped: 1, notCovered: 0, notSelected: 0, waived: 0 });
  expect(run.should.failed).toBe(1);
  expect(run.requirements.find((r) => r.id === 'JS-A-002')?.note).toBe('the request budget ran out');
});

test('a file that is not a results.json is refused by name', () => {
  expect(() => readRunSummary({ hello: 'world' })).toThrow(NotResultsError);
  expect(() => readRunSummary(null)).toThrow(/no requirements/);
});

test('the summary gives the verdict, the target and profile, and a MUST and SHOULD count table', () => {
  const markdown = renderSummaryMarkdown(
    readRunSummary(v2Results({ 'JS-A-001': 'passed', 'JS-A-002': 'inconclusive', 'JS-A-005': 'failed' })),
  );
  const lines = markdown.split('\n');
  expect(lines[0]).toBe('## Conformance: ⚠️ Incomplete');
  expect(markdown).toContain('Target https://staging.example.test (external) · profile strict · exit code 0');
  expect(lines).toContain('| level | passed | failed | inconclusive | skipped | not covered |');
  expect(lines).toContain('| MUST | 1 | 0 | 1 | 0 | 0 |');
  expect(lines).toContain('| SHOULD (failed = warning) | 0 | 1 | 0 | 0 | 0 |');
  expect(markdown).toContain('### MUST not exercised (1)');
  expect(markdown).toContain('| JS-A-002 | MUST | inconclusive | 0 | title of JS-A-002 | the request budget ran out |');
  expect(markdown).toContain('### SHOULD warnings (1)');
  expect(markdown).not.toContain('### MUST failed');
});

test('failed MUST requirements are listed with their first finding, and a conformant run says so', () => {
  const failing = renderSummaryMarkdown(readRunSummary(builtResults()));
  expect(failing.split('\n')[0]).toBe('## Conformance: ❌ Not conformant');
  expect(failing).toMatch(
    /### MUST failed \(1\)\n\n.*\n.*\n\| JS-STATE-002 \| MUST \| failed \| 1 \| completed\\_at \| completed\\_at missing \\\| /,
  );
  const passing = renderSummaryMarkdown(readRunSummary(v2Results({ 'JS-A-001': 'passed' }, { verdict: 'conformant' })));
  expect(passing.split('\n')[0]).toBe('## Conformance: ✅ Conformant');
  expect(passing).not.toContain('###');
});

test('nothing from the run becomes Markdown or HTML: cells are one line, pipes and markup escaped', () => {
  const cell = markdownCell(`a|b\n**bold** [x](javascript:alert(1)) ${HOSTILE}`);
  expect(cell).not.toMatch(/[<>\n]/);
  expect(cell).not.toMatch(/(^|[^\\])\|/);
  expect(cell).toContain('\\*\\*bold\\*\\* \\[x\\](javascript:alert(1))');
  expect(cell).toContain('&lt;img src=x onerror="window.\\_\\_pwned=1"&gt;');
  const hostile = readRunSummary(
    v2Results({ 'JS-A-001': 'failed' }, { baseUrl: `https://x.test/${HOSTILE}\n# heading`, profile: '<b>p</b>' }),
  );
  const markdown = renderSummaryMarkdown(hostile, { reportUrl: 'javascript:alert(1)' });
  expect(markdown).not.toMatch(/<(img|script|b)\b/);
  expect(markdown).not.toContain('](javascript:');
  expect(markdown.split('\n').filter((l) => l.startsWith('#'))).toEqual(['## Conformance: ⚠️ Incomplete', '### MUST failed (1)']);
});

/**
 * What a CommonMark renderer shows for the text of a cell: a backslash before ASCII punctuation is that
 * character, an entity is its character, everything else is itself (the subset markdownCell writes).
 */
function renderedText(cell: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
  return cell.replace(/\\([!-/:-@[-`{-~])|&(amp|lt|gt|quot|#(\d+));/g, (_, escaped: string | undefined, name: string, code: string) =>
    escaped !== undefined ? escaped : code !== undefined ? String.fromCodePoint(Number(code)) : (entities[name] ?? ''),
  );
}

test("a cell renders as the very text it was given: an apostrophe stays an apostrophe, never '&#39;'", () => {
  for (const text of [
    "FastAPI's HTTPBearer returns 403",
    'a literal &#39; and &lt;b&gt;',
    'x | y * z _w_ [l](u) `c` #h ~s~ !i <b> & "q"',
  ]) {
    const cell = markdownCell(text);
    expect(renderedText(cell), cell).toBe(text);
    expect(cell).not.toMatch(/[<>]|(^|[^\\])\|/);
  }
  const markdown = renderSummaryMarkdown(readRunSummary(v2Results({ 'JS-A-001': 'failed' }, { profile: "o'brien" })));
  expect(markdown).not.toContain('&#39;');
  expect(markdown).not.toContain('&\\#39;');
});

test('long tables are cut with a count, and report links are given only for http(s) URLs', () => {
  const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`JS-B-${String(i).padStart(2, '0')}1`, 'failed' as const]));
  const markdown = renderSummaryMarkdown(readRunSummary(v2Results(many, { verdict: 'not-conformant' })), {
    maxRows: 10,
    reportUrl: 'https://o.github.io/r/runs/run-1/report.html',
    historyUrl: 'https://o.github.io/r/',
  });
  expect(markdown.match(/^\| JS-B-/gm)).toHaveLength(10);
  expect(markdown).toContain('… and 2 more: see the full report.');
  expect(markdown).toContain('[Full report](https://o.github.io/r/runs/run-1/report.html) · [History of runs](https://o.github.io/r/)');
});

test('the summary CLI prints the table, and with --exit-code exits with the run exit code', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'report-summary-'));
  const failing = path.join(dir, 'failing.json');
  const incomplete = path.join(dir, 'incomplete.json');
  writeFileSync(failing, JSON.stringify(builtResults()));
  writeFileSync(incomplete, JSON.stringify(v2Results({ 'JS-A-001': 'skipped' })));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/report-summary.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
  const plain = run(failing);
  expect(plain.status, plain.stderr).toBe(0);
  expect(plain.stdout.split('\n')[0]).toBe('## Conformance: ❌ Not conformant');
  expect(run(failing, '--exit-code').status).toBe(1);
  expect(run(incomplete, '--exit-code').status).toBe(0);
  const bad = run(path.join(dir, 'missing.json'));
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('missing.json');
  expect(run().status).toBe(2);
});
