// The faults bench's pure parts on fixed inputs: who caught which break (a finding must name the broken
// requirement; a per-response judge must flag an answer the break touched), the cost in the area's
// requests, the false failures on lawful runs, the schema-alone judge on a few answers, and which answers
// a break touched.
import { expect, test } from '@playwright/test';
import { breakRows, falseFailures, killCounts, lawfulRow, type JudgedExchange, type JudgedRun } from '../../../bench/fault-matrix.js';
import { costedRequirements, type RecordedRequest } from '../../../bench/finding-cost.js';
import { schemaProblems } from '../../../bench/schema-judge.js';
import { recordedTarget } from '../../../bench/fault-traffic.js';
import type { Break } from '../../../tools/breaks/breaks.js';
import type { Rewrite } from '../../../tools/rewriting-proxy.js';
import { TEST_HEADER } from '../../../tools/test-header.js';

const answer = (
  index: number,
  area: string | undefined,
  touched: boolean,
  prism: string[] = [],
  schema: string[] = [],
): JudgedExchange => ({
  index,
  area,
  touched,
  prism,
  schema,
});

const run: JudgedRun = {
  title: 'MUST breaks, run 1 of 1',
  breaks: [
    { requirement: 'JS-SHAPE-003', level: 'MUST', area: 'shape', defect: 'status outside the enum' },
    { requirement: 'JS-CANCEL-001', level: 'MUST', area: 'cancel', defect: 'a cancel that lies' },
    { requirement: 'JS-STATE-005', level: 'SHOULD', area: 'state', defect: 'no cancelled_by' },
  ],
  requirements: [
    {
      id: 'JS-SHAPE-003',
      level: 'MUST',
      status: 'failed',
      findings: [
        { requirement: 'JS-SHAPE-003', area: 'shape', requests: 4 },
        { requirement: 'JS-SHAPE-003', area: 'shape', requests: 2 },
      ],
    },
    // The cancel break's own requirement passed; another requirement of its area failed: not caught.
    { id: 'JS-CANCEL-001', level: 'MUST', status: 'passed', findings: [] },
    { id: 'JS-CANCEL-002', level: 'MUST', status: 'failed', findings: [{ requirement: 'JS-CANCEL-002', area: 'cancel', requests: 1 }] },
    // Failed without a finding that names it: not caught either.
    { id: 'JS-STATE-005', level: 'SHOULD', status: 'failed', findings: [] },
  ],
  exchanges: [
    answer(5, 'shape', true, ['Error enum status'], ['JobStatus /status must be one of']),
    answer(1, 'shape', false),
    answer(3, 'shape', false, ['Warning unmatched status']),
    answer(0, 'cancel', false, ['Error required'], ['CancelResponse must have cancelled_at']),
    answer(2, 'cancel', true),
    answer(4, undefined, true, ['Error on a request of no test']),
  ],
};

test('a break is caught by the suite only through a failed finding naming its requirement, at the cheapest such finding', () => {
  const [shape, cancel, state] = breakRows([run]);
  expect(shape!.suite).toEqual({ caught: true, by: ['JS-SHAPE-003'], requests: 2 });
  expect(cancel!.suite).toEqual({ caught: false, by: ['JS-CANCEL-002'], requests: undefined });
  expect(state!.suite.caught).toBe(false);
});

test("a per-response judge catches a break only on an answer the break touched in its area, counting the area's requests in arrival order", () => {
  const [shape, cancel, state] = breakRows([run]);
  // Arrival order of the shape answers: 1, 3, 5; the touched one (5) is the third; the Warning on 3 was untouched.
  expect(shape!.prism).toEqual({ caught: true, by: ['Error enum status'], requests: 3 });
  expect(shape!.schema).toMatchObject({ caught: true, requests: 3 });
  // The only cancel violation is on an untouched answer: missed, though the area had a flagged answer.
  expect(cancel!.prism).toEqual({ caught: false, by: [], requests: undefined });
  expect(cancel!.prismAnyInArea).toBe(true);
  expect(cancel!.schemaAnyInArea).toBe(true);
  expect(state!.prism.caught).toBe(false);
  expect(state!.prismAnyInArea).toBe(false);
});

test('kill counts and false failures per judge', () => {
  const rows = breakRows([run]);
  expect(killCounts(rows)).toEqual({
    suite: { caught: 1, must: 1 },
    prism: { caught: 1, must: 1 },
    schema: { caught: 1, must: 1 },
    of: 3,
    mustOf: 2,
  });
  const clean = lawfulRow({
    ...run,
    title: 'lawful',
    breaks: [],
    requirements: [{ id: 'JS-SHAPE-003', level: 'MUST', status: 'passed', findings: [] }],
  });
  const warned = lawfulRow({
    ...run,
    title: 'lawful variant',
    breaks: [],
    requirements: [
      { id: 'JS-PH-005', level: 'SHOULD', status: 'failed', findings: [{ requirement: 'JS-PH-005', area: 'placeholder', requests: 1 }] },
    ],
    exchanges: [answer(0, 'shape', false)],
  });
  expect(clean.suite).toEqual({ mustsFailed: [], findings: 0, requirements: [] });
  expect(clean.prism.answers).toBe(4);
  expect(warned.suite).toEqual({ mustsFailed: [], findings: 1, requirements: ['JS-PH-005'] });
  expect(falseFailures([clean, warned])).toEqual({ suite: 1, prism: 4, schema: 2 });
});

test("a finding costs its area's requests up to the poll it names, or its test's last request about its job", () => {
  const test1 = { id: 't-1', file: 'tests/conformance/shape.spec.ts', line: 9, title: 'shape › every answer' };
  const key = 'tests/conformance/shape.spec.ts:9 shape › every answer';
  const recorded: RecordedRequest[] = [
    { area: 'shape', test: key, timeline: 'job-a', startedMs: 30 },
    { area: 'cancel', test: 'tests/conformance/cancel.spec.ts:4 cancel', timeline: 'job-c', startedMs: 5 },
    { area: 'shape', test: key, timeline: 'job-a', startedMs: 10 },
    { area: 'shape', test: key, timeline: 'job-a walk 1', startedMs: 40 },
    { area: undefined, test: 'worker fixtures', timeline: undefined, startedMs: 1 },
  ];
  const finding = (extra: object) => ({ requirement: 'JS-SHAPE-003', level: 'MUST' as const, message: 'm', test: 't-1', ...extra });
  const [costed] = costedRequirements(
    {
      requirements: [
        {
          id: 'JS-SHAPE-003',
          level: 'MUST',
          status: 'failed',
          tests: [test1],
          findings: [finding({ jobId: 'job-a', pollIndex: 1 }), finding({ jobId: 'job-a' }), finding({})],
        },
      ] as never,
    },
    recorded,
  );
  // Poll 1 of job-a is the one at 30 ms (the 2nd shape request); about job-a at all, the walk at 40 ms (3rd).
  expect(costed!.findings).toEqual([
    { requirement: 'JS-SHAPE-003', area: 'shape', requests: 2 },
    { requirement: 'JS-SHAPE-003', area: 'shape', requests: 3 },
    { requirement: 'JS-SHAPE-003', area: 'shape', requests: 3 },
  ]);
});

test('the schema check alone judges each answer against the schema its operation and status document', () => {
  const body = (value: unknown) => Buffer.from(JSON.stringify(value));
  const placeholder = { job_id: 'j', status: 'running', progress: null, progress_message: 'retry', estimated_time_remaining_seconds: 5 };
  expect(schemaProblems('GET', '/v2/jobs/j?files_limit=1', 200, body(placeholder))).toEqual([]);
  expect(schemaProblems('GET', '/v2/jobs/j', 200, body({ ...placeholder, status: 'in_progress' })).join('\n')).toContain('in_progress');
  expect(schemaProblems('GET', '/v2/jobs/j', 500, body({ detail: 'boom' }))).toEqual([
    expect.stringContaining('status 500 is not documented'),
  ]);
  expect(schemaProblems('GET', '/v2/jobs/j', 200, Buffer.from('not json'))).toEqual([expect.stringContaining('not JSON')]);
  expect(schemaProblems('GET', '/_sim/health', 200, body({}))).toEqual([]);
});

test('an answer is touched when its break changed the request passed on, the status, the body or a header; untouched otherwise', async () => {
  const tenants = { main: { apiKey: 'k', orgId: 'o' }, other: { apiKey: 'k2', orgId: 'o2' } };
  const fielded = (area: Break['area'], rewrite: Rewrite): Break => ({
    requirement: `JS-${area}`,
    level: 'MUST',
    area,
    defect: 'd',
    rewrite: () => rewrite,
  });
  const target = recordedTarget(
    [
      fielded('shape', async (request, forward) => {
        const response = await forward(request);
        return { ...response, headers: { ...response.headers, 'content-type': 'text/html' } };
      }),
      fielded('auth', (request, forward) => forward({ ...request, headers: { ...request.headers, authorization: 'Bearer other' } })),
      fielded('cancel', (request, forward) => forward(request)),
    ],
    tenants,
  );
  const upstream = async () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') });
  const send = (area: string) =>
    target.rewrite(
      { method: 'GET', url: '/v2/jobs/j', headers: { [TEST_HEADER]: `tests/conformance/${area}.spec.ts:3` }, body: Buffer.alloc(0) },
      upstream,
    );
  for (const area of ['shape', 'auth', 'cancel', 'state']) await send(area);
  expect(target.exchanges.map((e) => [e.index, e.area, e.touched])).toEqual([
    [0, 'shape', true],
    [1, 'auth', true],
    [2, 'cancel', false],
    [3, 'state', false],
  ]);
});
