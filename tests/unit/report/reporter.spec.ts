// The reporter driven with hand-made run events: odd evidence must never stop it writing the report.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { FullConfig, FullResult, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import ConformanceReporter from '../../../src/report/reporter.js';
import { ATTACHMENT_BYTES } from '../../../src/contract/limits.js';
import { HOSTILE } from './sample-run.js';

type Attachment = TestResult['attachments'][number];

function fakeTest(id: string, tags: string[], status: TestResult['status'] | undefined, attachments: Attachment[]): TestCase {
  const results =
    status === undefined
      ? []
      : [{ status, duration: 5, annotations: [], attachments, error: status === 'failed' ? { message: `boom ${HOSTILE}` } : undefined }];
  return {
    id,
    title: `test ${id} ${HOSTILE}`,
    tags,
    annotations: [],
    results,
    location: { file: path.join(process.cwd(), 'tests/conformance/x.spec.ts'), line: 1, column: 1 },
    titlePath: () => ['', 'conformance', 'x.spec.ts', `test ${id} ${HOSTILE}`],
    parent: { project: () => ({ name: 'conformance' }) },
  } as unknown as TestCase;
}

async function drive(tests: TestCase[], outputDir: string): Promise<void> {
  const reporter = new ConformanceReporter({ outputDir });
  reporter.onBegin(
    { rootDir: process.cwd(), configFile: undefined } as unknown as FullConfig,
    { allTests: () => tests } as unknown as Suite,
  );
  await reporter.onEnd({ status: 'failed', startTime: new Date(), duration: 1 } as FullResult);
}

const json = (name: string, value: unknown): Attachment => ({
  name,
  contentType: 'application/json',
  body: Buffer.from(JSON.stringify(value)),
});

test('missing, unreadable, oversized and hostile attachments still give a full report', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'reporter-'));
  const oversized = path.join(dir, 'big.json');
  writeFileSync(oversized, Buffer.alloc(ATTACHMENT_BYTES + 1, 0x20));
  const tests = [
    fakeTest('a', ['@JS-STATE-001'], 'failed', [
      { name: 'conformance-timeline', contentType: 'application/json', path: path.join(dir, 'missing.json') },
      { name: 'conformance-timeline', contentType: 'application/json', path: oversized },
      { name: 'conformance-findings', contentType: 'application/json' },
      json('conformance-findings', { findings: [{ requirement: 'JS-STATE-002', level: 'MUST', message: HOSTILE }] }),
      json('conformance-judged', { exercised: ['JS-STATE-001', 'JS-STATE-002', 'not an id', 42], inconclusive: [{ cause: 7 }] }),
    ]),
    fakeTest('b', ['@JS-PH-001'], undefined, []),
    fakeTest('c', ['@JS-STATE-003'], 'passed', [json('conformance-judged', { exercised: ['JS-STATE-003'], inconclusive: [] })]),
    fakeTest('d', ['@JS-STATE-004'], 'passed', []),
  ];
  await drive(tests, path.join(dir, 'out'));
  const results = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as {
    requirements: Array<{ id: string; status: string; tests: Array<{ skipReason?: string }> }>;
    problems: string[];
  };
  const status = (id: string) => results.requirements.find((r) => r.id === id)?.status;
  expect(status('JS-STATE-002')).toBe('failed');
  expect(status('JS-STATE-001')).toBe('passed'); // its test failed, but a finding explains the failure
  expect(status('JS-STATE-003')).toBe('passed');
  expect(status('JS-STATE-004')).toBe('inconclusive'); // tagged by a passing test whose check never ran
  expect(status('JS-PH-001')).toBe('skipped');
  expect(results.requirements.find((r) => r.id === 'JS-PH-001')?.tests[0]?.skipReason).toBe('the test did not run');
  expect(results.problems.join('\n')).toMatch(/could not be read[\s\S]*over the[\s\S]*neither body nor path/);
  const html = readFileSync(path.join(dir, 'out', 'index.html'), 'utf8');
  expect(html).toContain('<h1>Not conformant</h1>');
  expect(html).not.toContain('<img');
});

test('a run in which no test names a requirement leaves the last report alone', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'reporter-'));
  writeFileSync(path.join(dir, 'results.json'), 'previous');
  await drive([fakeTest('u', ['@unit'], 'passed', [])], dir);
  expect(readFileSync(path.join(dir, 'results.json'), 'utf8')).toBe('previous');
});

test('an output folder that cannot be written is reported, not thrown', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'reporter-'));
  const blocker = path.join(dir, 'file');
  writeFileSync(blocker, 'not a folder');
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    await expect(drive([fakeTest('a', ['@JS-STATE-001'], 'passed', [])], path.join(blocker, 'out'))).resolves.toBeUndefined();
  } finally {
    process.stderr.write = original;
  }
  expect(written.join('')).toMatch(/conformance reporter: could not write the report: .*ENOTDIR/);
});
