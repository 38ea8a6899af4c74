// `npm run judge` over HAR files: a recording of conforming jobs is judged as their live polls would be,
// a broken lifecycle is a finding with its job and timeline, and every kind of bad input gets a clear message
// or a skip with its reason (never a throw): not JSON, cut short, another version, base64 and compressed
// bodies, bodies left out, entries out of order, other APIs' exchanges, a missing file or an empty folder.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { recordedTraffic } from '../../../generators/recorded-traffic.js';
import { runJudge, type JudgeOutcome } from '../../../src/cli/judge.js';
import { entryOf } from '../../../src/har/har-entry.js';
import type { HarEntry } from '../../../src/har/har-format.js';
import { classify } from '../../../src/oracle/classify.js';
import type { Exchange } from '../../../src/oracle/exchange.js';
import { startJudging } from '../../../src/oracle/judge.js';

const BASE = 'https://api.runcaptain.com';
let dir: string;

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'judge-recorded-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function har(entries: unknown[], version: unknown = '1.2'): string {
  return JSON.stringify({ log: { version, creator: { name: 'test', version: '1' }, entries } });
}

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

function judge(...args: string[]): JudgeOutcome & { out: string; err: string } {
  let out = '';
  let err = '';
  const outcome = runJudge([...args, '--reports', path.join(dir, `reports-${Math.random().toString(36).slice(2)}`)], {
    env: {},
    out: (line) => (out += `${line}\n`),
    err: (line) => (err += `${line}\n`),
  });
  return { ...outcome, out, err };
}

const traffic = recordedTraffic(20260101, 12);
const entriesOf = (jobs: ReadonlyArray<{ exchanges: Exchange[] }>): HarEntry[] =>
  jobs.flatMap((job) => job.exchanges.map((e) => entryOf(e, { baseUrl: BASE })));

const statusOf = (outcome: JudgeOutcome, id: string) => outcome.results?.requirements.find((r) => r.id === id)?.status;

test('a recording of conforming jobs, its entries shuffled, is judged as their polls judged live: the same requirements held, no finding', () => {
  const entries = entriesOf(traffic.jobs);
  // A fixed shuffle: exporters write entries in the order requests ended, not the order they started.
  const shuffled = entries
    .map((e, i) => ({ e, k: (i * 7919) % entries.length }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.e);
  const outcome = judge(write('conforming.har', har(shuffled)));
  expect(outcome.err).toBe('');
  expect(outcome.exitCode).toBe(0);
  const live = traffic.jobs.map((job) => {
    const judge = startJudging({ jobId: job.jobId });
    job.exchanges.forEach((e, i) => judge.observe(classify(e, i)));
    return judge.assessment();
  });
  expect(live.flatMap((a) => a.findings)).toEqual([]);
  const exercised = new Set(live.flatMap((a) => a.exercised));
  const results = outcome.results!;
  expect(results.target.kind).toBe('recorded');
  expect(results.requirements.flatMap((r) => r.findings)).toEqual([]);
  expect(new Set(results.requirements.filter((r) => r.status === 'passed').map((r) => r.id))).toEqual(exercised);
  // What traffic cannot show is not-covered, never passed.
  for (const r of results.requirements.filter((r) => !exercised.has(r.id))) expect(r.status, r.id).toBe('not-covered');
  expect(results.summary.verdict).toBe('incomplete');
  expect(results.recorded.jobs.map((j) => j.jobId).sort()).toEqual(traffic.jobs.map((j) => j.jobId).sort());
  expect(results.recorded.judged).toBe(entries.length);
  expect(results.problems.join('\n')).toMatch(/entries were out of time order; every timeline was judged in time order/);
  expect(outcome.out).toContain(`${traffic.jobs.length} job(s)`);
});

test('two polls in flight at once are judged in the order their answers came, as live: a slow earlier request carries the later state', () => {
  const job = traffic.jobs.find((j) => j.exchanges.length >= 4)!;
  expect(job, 'a generated job with several polls').toBeDefined();
  // The third poll was sent before the second and answered after it (a second poller, a slow connection).
  const [first, second, third, ...rest] = job.exchanges;
  const sentEarlyMs = Date.parse(third!.receivedAt) - Date.parse(second!.receivedAt) + 1;
  const slow = { ...third!, durationMs: (third!.durationMs ?? 0) + sentEarlyMs };
  const entries = entriesOf([{ exchanges: [first!, second!, slow, ...rest] }]);
  expect(Date.parse(entries[2]!.startedDateTime)).toBeLessThan(Date.parse(entries[1]!.startedDateTime));
  const outcome = judge(write('in-flight.har', har(entries)));
  expect(outcome.exitCode, outcome.out).toBe(0);
  expect(outcome.results!.requirements.flatMap((r) => r.findings)).toEqual([]);
});

test('a job that went completed then running is a MUST finding on that job, with its timeline, and the judge exits 1', () => {
  const job = traffic.jobs.find((j) => j.exchanges.length >= 4 && j.exchanges.at(-1)!.body.includes('"completed"'))!;
  expect(job, 'a generated job that completed').toBeDefined();
  const last = job.exchanges.at(-1)!;
  const late = new Date(Date.parse(last.receivedAt) + 5_000).toISOString();
  const broken = [...job.exchanges, { ...last, body: last.body.replace('"status":"completed"', '"status":"running"'), receivedAt: late }];
  const outcome = judge(write('regressed.har', har(entriesOf([{ exchanges: broken }]))));
  expect(outcome.exitCode, outcome.out).toBe(1);
  const failed = outcome.results!.requirements.filter((r) => r.status === 'failed');
  expect(failed.length).toBeGreaterThan(0);
  const findings = failed.flatMap((r) => r.findings);
  expect(findings.some((f) => f.level === 'MUST' && f.jobId === job.jobId && f.timeline !== undefined)).toBe(true);
  expect(outcome.results!.timelines.some((t) => t.jobId === job.jobId)).toBe(true);
});

test.describe('bad input: a clear message or a skip with its reason, never a throw', () => {
  const body = '{"job_id":"j","status":"pending","progress":null}';

  test('a file that is not JSON, an empty one, one of another HAR version: exit 2 with the file and what is wrong', () => {
    const notJson = judge(write('page.har', '<!doctype html><p>not a HAR</p>'));
    expect(notJson.exitCode).toBe(2);
    expect(notJson.err).toMatch(/page\.har not a HAR file: it does not start with a JSON object/);
    expect(judge(write('empty.har', '')).err).toMatch(/empty\.har not a HAR file: it is empty/);
    const other = judge(write('v2.har', har(entriesOf(traffic.jobs.slice(0, 1)), '2.0')));
    expect(other.exitCode).toBe(2);
    expect(other.err).toMatch(/v2\.har is HAR version "2\.0", not 1\.2: none of its \d+ entries was judged/);
    expect(judge(write('nolog.har', '{"entries": []}')).err).toMatch(/has no "log"/);
  });

  test('a file cut short: the entries before the cut are judged and the report says where it broke off', () => {
    const text = har(entriesOf(traffic.jobs.slice(0, 2)));
    const outcome = judge(write('cut.har', text.slice(0, Math.floor(text.length * 0.7))));
    expect(outcome.exitCode, outcome.err).toBe(0);
    expect(outcome.results!.recorded.judged).toBeGreaterThan(0);
    expect(outcome.results!.problems.join('\n')).toMatch(/cut\.har the file is cut short after \d+ bytes/);
  });

  test('base64 and gzip-compressed bodies are judged as the text they hold; bodies left out and unknown encodings are skipped with why', () => {
    const job = traffic.jobs[0]!;
    const entries = entriesOf([job]).map((entry, i) => {
      const text = entry.response.content.text!;
      if (i % 3 === 0)
        return {
          ...entry,
          response: {
            ...entry.response,
            content: { ...entry.response.content, text: Buffer.from(text).toString('base64'), encoding: 'base64' },
          },
        };
      if (i % 3 === 1)
        return {
          ...entry,
          response: {
            ...entry.response,
            headers: [...entry.response.headers, { name: 'content-encoding', value: 'gzip' }],
            content: { ...entry.response.content, text: gzipSync(text).toString('base64'), encoding: 'base64' },
          },
        };
      return entry;
    });
    const plain = judge(write('plain.har', har(entriesOf([job]))));
    const encoded = judge(write('encoded.har', har(entries)));
    expect(encoded.exitCode).toBe(0);
    expect(encoded.results!.recorded.judged).toBe(job.exchanges.length);
    expect(encoded.results!.recorded.skipped).toEqual([]);
    const statuses = (o: JudgeOutcome) => o.results!.requirements.map((r) => `${r.id} ${r.status}`);
    expect(statuses(encoded)).toEqual(statuses(plain));

    const leftOut = entries.map((e, i) =>
      i === 0 ? { ...e, response: { ...e.response, content: { size: 300, mimeType: 'application/json' } } } : e,
    );
    leftOut.push({
      ...leftOut[1]!,
      response: { ...leftOut[1]!.response, content: { size: 3, mimeType: 'x', text: 'abc', encoding: 'quoted-printable' } },
    });
    const skipped = judge(write('left-out.har', har(leftOut)));
    expect(skipped.exitCode).toBe(0);
    expect(skipped.results!.recorded.skipped.map((s) => [s.reason, s.count])).toEqual([
      ['its body was left out of the recording (export the HAR "with content")', 1],
      ['its body is in encoding "quoted-printable", which HAR 1.2 does not define (only base64)', 1],
    ]);
    expect(skipped.out).toMatch(/skipped 1: its body was left out/);
  });

  test('other APIs and the Captain API’s other endpoints are counted, not judged; with nothing to judge the judge says so and exits 2', () => {
    const page = {
      startedDateTime: '2026-01-01T00:00:00Z',
      time: 1,
      request: { method: 'GET', url: 'https://example.com/app.js', headers: [] },
      response: { status: 200, headers: [], content: { size: 2, text: '{}' } },
    };
    const collection = { ...page, request: { method: 'PUT', url: `${BASE}/v2/collections/c`, headers: [] } };
    const outcome = judge(
      write(
        'others.har',
        har([
          page,
          collection,
          'not an entry',
          { startedDateTime: 'never', request: { method: 'GET', url: `${BASE}/v2/jobs/j` }, response: { status: 200 } },
        ]),
      ),
    );
    expect(outcome.exitCode).toBe(2);
    expect(outcome.results!.recorded).toMatchObject({ entries: 4, judged: 0, otherApis: 1, otherCaptain: 1 });
    expect(outcome.results!.recorded.skipped.map((s) => s.reason).sort()).toEqual([
      'the entry has no valid startedDateTime',
      'the entry is not a JSON object',
    ]);
    expect(outcome.err).toMatch(/no answer of the Captain API's job-status, cancel or query endpoints .* nothing to judge/);
    const mixed = judge(write('mixed.har', har([page, ...entriesOf(traffic.jobs.slice(0, 1))])));
    expect(mixed.exitCode).toBe(0);
    expect(mixed.results!.recorded.otherApis).toBe(1);
    void body;
  });

  test('a missing file, an empty folder, a bad option: exit 2 with the reason; a folder judges every .har in it', () => {
    expect(judge(path.join(dir, 'nope.har')).err).toMatch(/nope\.har: cannot be read \(ENOENT\)/);
    mkdirSync(path.join(dir, 'empty-folder'));
    expect(judge(path.join(dir, 'empty-folder')).err).toMatch(/a folder with no \.har file in it/);
    expect(judge('x.har', '--profile', 'lenient').err).toMatch(/--profile "lenient": expected one of default, strict/);
    expect(judge().exitCode).toBe(2);
    write('folder/a.har', har(entriesOf(traffic.jobs.slice(0, 1))));
    write('folder/deeper/b.har', har(entriesOf(traffic.jobs.slice(1, 2))));
    write('folder/notes.txt', 'not a har');
    const folder = judge(path.join(dir, 'folder'));
    expect(folder.exitCode).toBe(0);
    expect(folder.results!.recorded.files.map((f) => path.basename(f.file))).toEqual(['a.har', 'b.har']);
    expect(folder.results!.recorded.jobs).toHaveLength(2);
  });

  test('a key in a recording never reaches the report', () => {
    const key = 'cap_prod_abcdefghijklmnop1234';
    const entries = entriesOf(traffic.jobs.slice(0, 1)).map((e) => ({
      ...e,
      request: { ...e.request, headers: [{ name: 'Authorization', value: `Bearer ${key}` }], url: `${e.request.url}?api_key=${key}` },
    }));
    const outcome = judge(write('keyed.har', har(entries)));
    expect(outcome.exitCode).toBe(0);
    const reportDir = path.join(dir, 'keyed-report');
    runJudge([path.join(dir, 'keyed.har'), '--reports', reportDir], { env: {}, out: () => {}, err: () => {} });
    for (const file of ['results.json', 'index.html'])
      expect(readFileSync(path.join(reportDir, 'conformance', file), 'utf8')).not.toContain(key);
  });
});
