// The client judge as a specification: what the simulator received and what the client printed, judged
// per requirement, each break charged to its first cause only. Synthetic logs, no processes, no clock.
import { test, expect } from '@playwright/test';
import { conclusionOf } from '../../../src/client-check/conclusion.js';
import { judgeScenario, type ClientProcessEnd, type ScenarioRun } from '../../../src/client-check/judge.js';
import { CLIENT } from '../../../src/client-check/requirements.js';
import { namedScenarios, selectScenarios, generatedScenario } from '../../../src/client-check/scenarios.js';
import { requirementResults, summaryOf } from '../../../src/client-check/verdict.js';
import { RequestLog, type LoggedRequest } from '../../../src/simulator/request-log.js';

const JOB = 'job-1';
const T0 = 1_000_000;
const scenario = (name: string) => namedScenarios().find((s) => s.name === name)!;
const snapshot = (status: string) => ({ job_id: JOB, status, created_at: '2026-01-01T00:00:00Z', progress: null });
const placeholder = {
  job_id: JOB,
  status: 'running',
  progress: null,
  progress_message: 'Fetching job status',
  estimated_time_remaining_seconds: 30,
};

function entry(seq: number, atS: number, status: number, body: unknown, extra: Partial<LoggedRequest> = {}): LoggedRequest {
  return {
    seq,
    receivedAtMs: T0 + atS * 1000,
    answeredAtMs: T0 + atS * 1000 + 5,
    method: 'GET',
    path: `/v2/jobs/${JOB}`,
    query: '',
    headers: {},
    key: 'right',
    organization: 'right',
    status,
    answerHeaders: {},
    answerBody: JSON.stringify(body),
    ...extra,
  };
}

function run(
  name: string,
  requests: LoggedRequest[],
  client: Partial<ClientProcessEnd> = {},
  referenceRequests: number | null = 2,
): ScenarioRun {
  const last = requests.at(-1);
  return {
    scenario: scenario(name),
    jobId: JOB,
    createdAtMs: T0,
    deadlineS: 60,
    requests,
    requestsTotal: requests.length,
    referenceRequests,
    client: {
      exitCode: 0,
      signal: null,
      stoppedAtDeadline: false,
      startedAtMs: T0 - 500,
      endedAtMs: (last?.answeredAtMs ?? T0) + 10,
      stdout: '{"status": "completed"}\n',
      stderr: '',
      ...client,
    },
  };
}

const failed = (r: ScenarioRun) =>
  judgeScenario(r)
    .requirements.filter((x) => x.status === 'failed')
    .map((x) => x.id);
const statusOf = (r: ScenarioRun, id: string) => judgeScenario(r).requirements.find((x) => x.id === id)!;

test.describe('the client judge', () => {
  const polite = [entry(0, 0, 200, snapshot('pending')), entry(1, 7.2, 200, snapshot('completed'))];

  test('a client that waits and prints the terminal status holds every requirement it exercised', () => {
    expect(failed(run('completed', polite))).toEqual([]);
    expect(statusOf(run('completed', polite), CLIENT.conclusion).status).toBe('passed');
    expect(statusOf(run('completed', polite), CLIENT.pages).status).toBe('not-exercised');
  });

  test('a wrong status, no output, garbage and giving up are each a named JS-CLIENT-001 finding', () => {
    const causes = (client: Partial<ClientProcessEnd>) =>
      statusOf(run('completed', polite, client), CLIENT.conclusion).findings.map((f) => f.cause);
    expect(causes({ stdout: '{"status": "failed"}' })).toEqual(['wrong-status']);
    expect(causes({ stdout: '' })).toEqual(['no-output']);
    expect(causes({ stdout: 'done!' })).toEqual(['not-json']);
    expect(causes({ stdout: '{"ok": true}' })).toEqual(['no-conclusion']);
    expect(causes({ exitCode: 1 })).toEqual(['gave-up']);
    expect(causes({ exitCode: null, stoppedAtDeadline: true })).toEqual(['deadline']);
    expect(statusOf(run('completed', [], { stdout: '' }), CLIENT.conclusion).findings.map((f) => f.cause)).toEqual(['exited-at-once']);
  });

  test('a wait that ends on a placeholder is JS-CLIENT-002 alone, not also a wrong conclusion', () => {
    const r = run('placeholders-before', [entry(0, 0, 200, placeholder)], { exitCode: 1, stdout: '' });
    expect(failed(r)).toEqual([CLIENT.placeholder]);
    expect(statusOf(r, CLIENT.bounded).status).toBe('masked');
  });

  test('a request before Retry-After elapsed is JS-CLIENT-003; one after it holds', () => {
    const limited = entry(0, 0, 429, { detail: 'slow down' }, { answerHeaders: { 'retry-after': '2' } });
    expect(failed(run('rate-limit-seconds', [limited, entry(1, 0.3, 200, snapshot('completed'))]))).toEqual([CLIENT.retryAfter]);
    expect(failed(run('rate-limit-seconds', [limited, entry(1, 2.01, 200, snapshot('completed'))]))).toEqual([]);
  });

  test('retrying every 5xx at once is JS-CLIENT-004', () => {
    const errors = [0, 0.02, 0.04].map((s, i) => entry(i, s, 503, { detail: 'down' }));
    expect(failed(run('server-errors', [...errors, entry(3, 0.06, 200, snapshot('completed'))]))).toEqual([CLIENT.backoff]);
  });

  test('polls after the terminal answer are JS-CLIENT-006, and only when the client concluded', () => {
    const after = [...polite, entry(2, 7.5, 200, snapshot('completed'))];
    expect(failed(run('completed', after))).toEqual([CLIENT.stops]);
    expect(statusOf(run('completed', after, { exitCode: 1 }), CLIENT.stops).status).toBe('masked');
  });

  test('a media job concluded late, only through its status, is JS-CLIENT-007', () => {
    const late = [entry(0, 0, 200, snapshot('running')), entry(1, 31, 200, snapshot('completed'))];
    expect(failed(run('media-lag', late))).toEqual([CLIENT.media]);
  });

  test('the same file page asked for twice is JS-CLIENT-008', () => {
    const page = (seq: number) =>
      entry(seq, 7.5, 200, { ...snapshot('completed'), files_page: { next_cursor: null } }, { query: 'files_cursor=c1' });
    expect(failed(run('many-file-pages', [...polite, page(2), page(3)]))).toEqual([CLIENT.pages]);
  });

  test('a request without the organization header is JS-CLIENT-009', () => {
    const r = run('completed', [entry(0, 0, 200, snapshot('pending'), { organization: 'missing' }), polite[1]!]);
    expect(failed(r)).toEqual([CLIENT.credentials]);
    expect(statusOf(r, CLIENT.credentials).findings[0]!.cause).toBe('organization-missing');
  });

  test('an unknown job: giving up holds JS-CLIENT-010, polling to the deadline breaks it', () => {
    const notFound = (n: number) => Array.from({ length: n }, (_, i) => entry(i, i, 404, { detail: 'Job not found' }));
    expect(failed(run('unknown-job', notFound(1), { exitCode: 1, stdout: '' }, 1))).toEqual([]);
    expect(failed(run('unknown-job', notFound(40), { exitCode: null, stoppedAtDeadline: true, stdout: '' }, 1))).toEqual([
      CLIENT.unknownJob,
    ]);
  });

  test('a flood is JS-CLIENT-005 and is not charged again as too many requests', () => {
    const flood = Array.from({ length: 300 }, (_, i) => entry(i, i * 0.002, 200, snapshot(i === 299 ? 'completed' : 'running')));
    const r = run('completed', flood);
    expect(failed(r)).toEqual([CLIENT.busy]);
    expect(statusOf(r, CLIENT.busy).findings[0]!.cause).toBe('flood');
  });

  test('more than three times the reference poller plus ten is JS-CLIENT-011', () => {
    const chatty = Array.from({ length: 30 }, (_, i) => entry(i, i * 0.25, 200, snapshot(i === 29 ? 'completed' : 'running')));
    expect(failed(run('completed', chatty))).toEqual([CLIENT.bounded]);
  });

  test('a requirement no scenario exercised is not covered, and a failed MUST makes the client not conformant', () => {
    const results = requirementResults([judgeScenario(run('completed', polite))], 'default');
    expect(results.find((r) => r.id === CLIENT.pages)!.status).toBe('not-covered');
    expect(summaryOf(results).verdict).toBe('incomplete');
    const broken = requirementResults([judgeScenario(run('completed', polite, { stdout: '' }))], 'default');
    expect(summaryOf(broken).verdict).toBe('not-conformant');
  });
});

test.describe('the client contract and the scenarios', () => {
  test('the conclusion is the last non-empty line, one JSON object', () => {
    expect(conclusionOf('waiting...\n{"status": "completed"}\n\n')).toEqual({ kind: 'status', status: 'completed' });
    expect(conclusionOf('{"indexed": true}')).toEqual({ kind: 'indexed' });
    expect(conclusionOf('{"status": "completed"}\nbye')).toMatchObject({ kind: 'none', cause: 'not-json' });
  });

  test('generated scenarios replay from their seed, and --only names unknown scenarios', () => {
    expect(generatedScenario(7, 2)).toEqual(generatedScenario(7, 2));
    expect(generatedScenario(7, 2)).not.toEqual(generatedScenario(8, 2));
    const { scenarios, unknown } = selectScenarios({ generated: 3, seed: 7, only: ['completed', 'generated', 'nope'] });
    expect(scenarios.map((s) => s.name)).toEqual(['completed', 'generated-1', 'generated-2', 'generated-3']);
    expect(unknown).toEqual(['nope']);
  });

  test('the request log keeps at most its limit, counts the rest, and never keeps a key', () => {
    const log = new RequestLog({ apiKey: 'secret-key-1234', orgId: 'org' }, { limit: 3 });
    for (let i = 0; i < 10; i++) {
      log.record(
        { method: 'GET', url: '/v2/jobs/j', headers: { authorization: 'Bearer secret-key-1234' } },
        { status: 200, body: {} },
        i,
        i,
      );
    }
    expect(log.entries).toHaveLength(3);
    expect(log.total).toBe(10);
    expect(log.dropped).toBe(7);
    expect(JSON.stringify(log.entries)).not.toContain('secret-key-1234');
    expect(log.entries[0]!.key).toBe('right');
    expect(log.entries[0]!.organization).toBe('missing');
  });
});
