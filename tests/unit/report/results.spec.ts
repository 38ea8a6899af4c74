import { expect, test } from '@playwright/test';
import { buildResults } from '../../../src/report/results.js';
import { TIMELINES_BYTE_BUDGET } from '../../../src/contract/limits.js';
import { renderHtml } from '../../../src/report/html/render-html.js';
import { requirementStatus } from '../../../src/report/verdict.js';
import { HOSTILE, errorPoll, meta, miniCatalog, mustFinding, placeholderPoll, record, snapshotPoll } from './sample-run.js';

const byId = (results: ReturnType<typeof buildResults>, id: string) => results.requirements.find((r) => r.id === id);

test('a requirement no test names is not-covered; one whose tests all skipped is skipped', () => {
  const results = buildResults(
    [record('skipped', { requirements: ['JS-STATE-002'], skipReason: "needs the simulator's control API" })],
    miniCatalog,
    meta,
  );
  expect(byId(results, 'JS-STATE-001')?.status).toBe('not-covered');
  expect(byId(results, 'JS-STATE-002')?.status).toBe('skipped');
  expect(byId(results, 'JS-STATE-002')?.tests[0]?.skipReason).toBe("needs the simulator's control API");
});

test('a passing test fails every requirement its findings name, SHOULD findings included', () => {
  const passing = record('passed', {
    requirements: ['JS-STATE-001', 'JS-SHAPE-005'],
    exercised: ['JS-STATE-001', 'JS-SHAPE-005'],
    findings: [{ requirement: 'JS-SHAPE-005', level: 'SHOULD', message: 'text/html' }],
  });
  const results = buildResults([passing], miniCatalog, meta);
  expect(byId(results, 'JS-STATE-001')?.status).toBe('passed');
  expect(byId(results, 'JS-SHAPE-005')?.status).toBe('failed');
  expect(results.summary).toMatchObject({ passed: 1, failed: 0, warned: 1 });
});

test('a tag is not evidence: a requirement passes only where its check ran and held', () => {
  const tagged = record('passed', { requirements: ['JS-STATE-001', 'JS-STATE-002'], exercised: ['JS-STATE-002'] });
  const decision = requirementStatus([tagged], 'JS-STATE-001');
  expect(decision.status).toBe('inconclusive');
  expect(decision.inconclusive[0]?.cause).toMatch(/its check never ran/);
  expect(requirementStatus([tagged], 'JS-STATE-002').status).toBe('passed');
});

test('a test that fails with no MUST finding proves nothing: its requirements are inconclusive with the cause, never passed', () => {
  const bare = record('failed', { requirements: ['JS-STATE-001'], exercised: ['JS-STATE-001'] });
  bare.error = 'PollRejectedError: job j: the status endpoint answered HTTP 404\nstack';
  const shouldOnly = record('timedOut', {
    requirements: ['JS-STATE-002'],
    findings: [{ requirement: 'JS-SHAPE-005', level: 'SHOULD', message: 'x' }],
  });
  expect(requirementStatus([bare], 'JS-STATE-001')).toEqual({
    status: 'inconclusive',
    inconclusive: [
      { test: bare.id, cause: 'the test failed before this check ran: PollRejectedError: job j: the status endpoint answered HTTP 404' },
    ],
  });
  expect(requirementStatus([shouldOnly], 'JS-STATE-002').status).toBe('inconclusive');
  const results = buildResults([bare, shouldOnly], miniCatalog, meta);
  expect(results.summary.verdict, 'no MUST failed and the run broke: no verdict against the target').toBe('broke');
  expect(results.summary).toMatchObject({ runBroken: true, exitCode: 2 });
});

test('a test that fails on a MUST finding still proves what else it checked', () => {
  const explained = record('failed', {
    requirements: ['JS-STATE-002', 'JS-SHAPE-001'],
    exercised: ['JS-STATE-002', 'JS-SHAPE-001'],
    findings: [mustFinding('JS-SHAPE-001')],
  });
  expect(requirementStatus([explained], 'JS-STATE-002').status).toBe('passed');
  expect(requirementStatus([explained], 'JS-SHAPE-001').status).toBe('failed');
  expect(requirementStatus([record('skipped'), record('passed', { exercised: ['JS-STATE-001'] })], 'JS-STATE-001').status).toBe('passed');
  expect(requirementStatus([], 'JS-STATE-001').status).toBe('not-covered');
});

test("the suite's own trouble is inconclusive with its cause, breaks the run, and is never a finding", () => {
  const starved = record('passed', {
    requirements: ['JS-STATE-001'],
    inconclusive: [
      { requirement: 'JS-STATE-001', cause: 'request budget of 10 requests exhausted (CONFORMANCE_REQUEST_BUDGET)', suiteTrouble: true },
    ],
  });
  const results = buildResults([starved], miniCatalog, meta);
  expect(byId(results, 'JS-STATE-001')).toMatchObject({ status: 'inconclusive', findings: [] });
  expect(byId(results, 'JS-STATE-001')?.inconclusive[0]?.cause).toMatch(/budget/);
  expect(results.summary).toMatchObject({ verdict: 'broke', runBroken: true, exitCode: 2 });
  expect(results.summary.brokenBecause).toEqual(['request budget of 10 requests exhausted (CONFORMANCE_REQUEST_BUDGET)']);
});

test('the verdict: not conformant on a failed MUST; conformant only when every MUST was exercised and held; else incomplete', () => {
  const results = buildResults(
    [
      record('failed', { requirements: ['JS-STATE-001'], findings: [mustFinding('JS-STATE-001')] }),
      record('passed', { requirements: ['JS-STATE-002'], exercised: ['JS-STATE-002'] }),
    ],
    miniCatalog,
    meta,
  );
  expect(results.summary).toMatchObject({
    requirements: 4,
    passed: 1,
    failed: 1,
    warned: 0,
    inconclusive: 0,
    skipped: 0,
    notCovered: 2,
    verdict: 'not-conformant',
    exitCode: 1,
    must: { passed: 1, failed: 1, inconclusive: 0, skipped: 0, notCovered: 1 },
    should: { passed: 0, failed: 0, inconclusive: 0, skipped: 0, notCovered: 1 },
  });
  expect(results.schemaVersion).toBe(2);
  expect(results.profile).toBe('default');
  expect(Object.keys(results)).toEqual(
    expect.arrayContaining(['target', 'profile', 'startedAt', 'finishedAt', 'summary', 'requirements', 'seeds']),
  );

  const all = ['JS-STATE-001', 'JS-STATE-002', 'JS-SHAPE-001'];
  const every = buildResults([record('passed', { requirements: all, exercised: all })], miniCatalog, meta);
  expect(every.summary).toMatchObject({ verdict: 'conformant', exitCode: 0, unexercisedMust: [] });

  const skipped = record('skipped', { requirements: ['JS-SHAPE-001'], skipReason: "needs the simulator's /_sim/ control API" });
  const partial = buildResults(
    [record('passed', { requirements: all.slice(0, 2), exercised: all.slice(0, 2) }), skipped],
    miniCatalog,
    meta,
  );
  expect(partial.summary).toMatchObject({ verdict: 'incomplete', exitCode: 0, runBroken: false });
  expect(partial.summary.unexercisedMust).toEqual([
    { id: 'JS-SHAPE-001', status: 'skipped', reason: "needs the simulator's /_sim/ control API" },
  ]);
  expect(
    buildResults([record('passed', { requirements: all.slice(0, 2), exercised: all.slice(0, 2) }), skipped], miniCatalog, {
      ...meta,
      requireComplete: true,
    }).summary.exitCode,
  ).toBe(1);
});

test('the profile decides the level: the strict profile fails an inferred SHOULD as a MUST', () => {
  const warned = record('passed', {
    requirements: ['JS-SHAPE-005'],
    findings: [{ requirement: 'JS-SHAPE-005', level: 'SHOULD', message: 'text/html' }],
  });
  expect(byId(buildResults([warned], miniCatalog, meta), 'JS-SHAPE-005')).toMatchObject({ level: 'SHOULD', evidence: 'inferred' });
  const strict = buildResults([warned], miniCatalog, { ...meta, profile: 'strict' });
  expect(byId(strict, 'JS-SHAPE-005')?.level).toBe('MUST');
  expect(strict.profile).toBe('strict');
});

test('ids outside the catalog are reported in their own area, with the level their findings give', () => {
  const results = buildResults(
    [record('passed', { findings: [{ requirement: 'JS-NEW-001', level: 'SHOULD', message: 'x' }] })],
    miniCatalog,
    meta,
  );
  const stranger = byId(results, 'JS-NEW-001');
  expect(stranger).toMatchObject({ area: 'uncatalogued', level: 'SHOULD', status: 'failed', catalogued: false });
  expect(results.areas.map((a) => a.id)).toContain('uncatalogued');
});

test('timelines are kept only for tests that went wrong, linked from their findings, offending poll highlighted', () => {
  const timeline = [snapshotPoll(0, 'pending'), placeholderPoll(1), snapshotPoll(2, 'running', 'chunking'), snapshotPoll(3, 'pending')];
  const bad = record('failed', {
    requirements: ['JS-STATE-001'],
    findings: [mustFinding('JS-STATE-001', { jobId: 'job-1', pollIndex: 3 })],
    timelines: [{ jobId: 'job-1', timeline }],
  });
  const good = record('passed', {
    requirements: ['JS-STATE-002'],
    timelines: [{ jobId: 'job-2', timeline: [snapshotPoll(0, 'completed')] }],
  });
  const results = buildResults([bad, good], miniCatalog, meta);
  expect(results.timelines).toHaveLength(1);
  expect(results.timelines[0]).toMatchObject({ jobId: 'job-1', test: bad.id, highlight: [3], omitted: 0 });
  expect(byId(results, 'JS-STATE-001')?.findings[0]?.timeline).toBe(results.timelines[0]?.id);
  // coverage reads every timeline, the passing one included
  expect(results.coverage.statuses.find((r) => r.value === 'completed')?.count).toBe(1);
  expect(results.coverage.transitions).toEqual([
    { value: 'pending → running', count: 1, known: true },
    { value: 'running → pending', count: 1, known: false },
  ]);
  expect(results.coverage.observationKinds.find((r) => r.value === 'placeholder')?.count).toBe(1);
});

test('coverage flags values outside the catalog', () => {
  const results = buildResults(
    [record('passed', { timelines: [{ jobId: 'j', timeline: [snapshotPoll(0, 'timed_out', 'warping'), errorPoll(1)] }] })],
    miniCatalog,
    meta,
  );
  expect(results.coverage.statuses.find((r) => r.value === 'timed_out')).toEqual({ value: 'timed_out', count: 1, known: false });
  expect(results.coverage.stages.find((r) => r.value === 'warping')?.known).toBe(false);
  expect(results.coverage.httpStatuses.map((r) => r.value).sort()).toEqual(['200', '503']);
});

test('a passed requirement has evidence too: per area, one clipped timeline of a passing test whose checks ran there', () => {
  const long = Array.from({ length: 60 }, (_, i) => snapshotPoll(i, i < 59 ? 'running' : 'completed', i < 59 ? 'chunking' : undefined));
  const passing = record('passed', {
    requirements: ['JS-STATE-001'],
    exercised: ['JS-STATE-001'],
    timelines: [{ jobId: 'job-9', timeline: long }],
  });
  const again = record('passed', {
    requirements: ['JS-STATE-002'],
    exercised: ['JS-STATE-002'],
    timelines: [{ jobId: 'job-10', timeline: long }],
  });
  const results = buildResults([passing, again], miniCatalog, meta);
  const evidence = results.timelines.filter((t) => t.area !== undefined);
  expect(evidence.map((t) => [t.area, t.jobId])).toEqual([['state', 'job-9']]);
  expect(evidence[0]!.observations.length).toBeLessThanOrEqual(24);
  expect(evidence[0]!.observations.at(-1)?.index).toBe(59);
  expect(evidence[0]!.omitted).toBe(60 - evidence[0]!.observations.length);
});

test('HTTP statuses count every exchange of the run when the reporter has them, 401s and 404s of tests without timelines included', () => {
  const polls = record('passed', { timelines: [{ jobId: 'j', timeline: [snapshotPoll(0, 'completed')] }] });
  const results = buildResults([polls], miniCatalog, { ...meta, httpStatuses: { '404': 2, '200': 7, '401': 1 } });
  expect(results.coverage.httpStatuses).toEqual([
    { value: '200', count: 7, known: true },
    { value: '401', count: 1, known: true },
    { value: '404', count: 2, known: true },
  ]);
  expect(results.coverage.httpStatusesOf).toBe('every exchange');
  expect(buildResults([polls], miniCatalog, meta).coverage.httpStatusesOf).toBe('timelines');
});

test('huge evidence is cut and long timelines keep their ends and the highlighted poll, 400 observations at most', () => {
  const long = Array.from({ length: 1000 }, (_, i) =>
    snapshotPoll(i, 'running', 'chunking', { progress_message: 'm'.repeat(i === 0 ? 3_000_000 : 10) }),
  );
  const bad = record('failed', {
    findings: [mustFinding('JS-STATE-001', { jobId: 'job-1', pollIndex: 500, evidence: { blob: 'e'.repeat(100_000) } })],
    timelines: [{ jobId: 'job-1', timeline: long }],
  });
  const results = buildResults([bad], miniCatalog, meta);
  const kept = results.timelines[0];
  expect(kept?.omitted).toBe(600);
  expect(kept?.observations.map((o) => o.index)).toEqual(expect.arrayContaining([0, 9, 500, 990, 999]));
  expect(kept?.observations[0]?.exchange.truncated).toBe(true);
  expect(JSON.stringify(results).length).toBeLessThan(2_000_000);
  expect(typeof byId(results, 'JS-STATE-001')?.findings[0]?.evidence).toBe('string');
});

test('the secret is scrubbed from every field of the results, target and errors included', () => {
  const key = meta.secrets[0] as string;
  const bad = record('failed', {
    requirements: ['JS-STATE-001'],
    target: { baseUrl: `https://staging.example/?k=${key}`, kind: 'external', controllable: false },
  });
  bad.error = `expected no findings, got ${key} ${HOSTILE}`;
  const results = buildResults([bad], miniCatalog, meta);
  expect(JSON.stringify(results)).not.toContain(key);
  expect(results.target).toMatchObject({ kind: 'external', controllable: false, apiKey: 'redacted' });
});

test('with no annotated target the fallback base URL is used and the kind is unknown', () => {
  const results = buildResults([], miniCatalog, { ...meta, fallbackBaseUrl: 'http://127.0.0.1:4010', apiKeyConfigured: false });
  expect(results.target).toEqual({ baseUrl: 'http://127.0.0.1:4010', kind: 'unknown', controllable: null, apiKey: 'not set' });
  expect(results.summary.verdict).toBe('incomplete');
  expect(results.summary.notCovered).toBe(4);
});

/** A run against a target that breaks every status answer: `jobs` jobs of `polls` polls, each poll 1,000 deep or `status: null`. */
function everyPollBroken(tests: number, jobs: number, polls: number) {
  const nested = `${'{"deeper":'.repeat(1000)}{}${'}'.repeat(1000)}`;
  return Array.from({ length: tests }, (_, t) => {
    const findings = [];
    const timelines = [];
    for (let j = 0; j < jobs; j++) {
      const jobId = `job-${t}-${j}`;
      const timeline = Array.from({ length: polls }, (_, i) => {
        const poll = snapshotPoll(i, i < 10 ? 'pending' : (null as never), undefined, { job_id: jobId });
        if (i < 10) poll.exchange.body = nested;
        return poll;
      });
      timelines.push({ jobId, timeline });
      for (let i = 0; i < polls; i++)
        findings.push(
          mustFinding('JS-SHAPE-001', {
            jobId,
            pollIndex: i,
            message: i < 10 ? 'job_id is absent' : 'JobStatus /status must be string (got null)',
          }),
          // A target can vary its words on every poll too: the distinct findings are capped as well.
          mustFinding('JS-STATE-001', { jobId, pollIndex: i, message: `started_at is ${i}`, evidence: { blob: 'e'.repeat(4000) } }),
        );
    }
    return record('failed', { requirements: ['JS-SHAPE-001'], findings, timelines });
  });
}

test('a finding repeated on every poll is one finding in results.json, with its count and its polls as ranges', () => {
  const results = buildResults(everyPollBroken(1, 1, 300), miniCatalog, meta);
  const shape = byId(results, 'JS-SHAPE-001')?.findings ?? [];
  expect(shape.map((f) => [f.message, f.pollIndex, f.repeats])).toEqual([
    ['job_id is absent', 0, { count: 10, polls: [[0, 9]] }],
    ['JobStatus /status must be string (got null)', 10, { count: 290, polls: [[10, 299]] }],
  ]);
  // Words that change on every poll are distinct findings: the first 50 are kept, the rest counted.
  expect(byId(results, 'JS-STATE-001')).toMatchObject({ findingsLeftOut: 250 });
  expect(byId(results, 'JS-STATE-001')?.findings).toHaveLength(50);
});

test('whatever the target answers, results.json stays under 20 MB and its kept timelines within their byte budget', () => {
  // 20 tests x 10 jobs x 200 polls: 40,000 status answers, each broken, each with two findings (80,000 findings).
  const records = everyPollBroken(20, 10, 200);
  const results = buildResults(records, miniCatalog, meta);
  const bytes = Buffer.byteLength(JSON.stringify(results, null, 2));
  expect(bytes).toBeLessThan(20 * 1024 * 1024);
  expect(Buffer.byteLength(JSON.stringify(results.timelines))).toBeLessThanOrEqual(TIMELINES_BYTE_BUDGET + 200 * 1024);
  expect(results.timelinesLeftOut, 'the timelines the budget had no room for are counted').toBeGreaterThan(0);
  // Every failed requirement still shows a finding, the later ones short once the findings' budget is spent.
  for (const id of ['JS-SHAPE-001', 'JS-STATE-001']) expect(byId(results, id)?.findings.length).toBeGreaterThan(0);
  expect(results.coverage.polls).toBe(40_000);
});

test('the HTML report of that run stays under 10 MB', () => {
  const results = buildResults(everyPollBroken(20, 10, 200), miniCatalog, meta);
  expect(Buffer.byteLength(renderHtml(results))).toBeLessThan(10 * 1024 * 1024);
});
