// A sample run for the report's unit tests, as plain data: a small catalog, run meta, test records, polls, hostile strings.
import type { Catalog } from '../../../src/contract/catalog.js';
import { exchangeOf } from '../../../src/oracle/exchange.js';
import type { RunFinding } from '../../../src/oracle/finding.js';
import type { Observation } from '../../../src/oracle/observation.js';
import { emptyEvidence, type TestEvidence } from '../../../src/evidence/read-evidence.js';
import type { RunMeta, TestRecord, TestStatus } from '../../../src/report/results.js';

export const HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script> javascript:alert(1)';

export const miniCatalog: Catalog = {
  schemaVersion: 2,
  profiles: { default: 'documented promises', strict: 'our readings too' },
  areas: [
    { id: 'state', prefix: 'JS-STATE', title: 'State' },
    { id: 'shape', prefix: 'JS-SHAPE', title: 'Shape' },
  ],
  requirements: [
    { id: 'JS-STATE-001', area: 'state', level: 'MUST', evidence: 'documented', title: 'started_at', statement: 'S1', source: 'seed' },
    { id: 'JS-STATE-002', area: 'state', level: 'MUST', evidence: 'documented', title: 'completed_at', statement: 'S2', source: 'seed' },
    {
      id: 'JS-SHAPE-005',
      area: 'shape',
      level: 'SHOULD',
      strict_level: 'MUST',
      evidence: 'inferred',
      title: 'content type',
      statement: 'S3',
      source: 'inference',
    },
    { id: 'JS-SHAPE-001', area: 'shape', level: 'MUST', evidence: 'documented', title: 'schema', statement: 'S4', source: 'seed' },
  ],
  spec_issues: [{ id: 'SPEC-001', title: `issue ${HOSTILE}`, detail: 'd', decision: 'x' }],
};

export const meta: RunMeta = {
  startedAt: '2026-01-01T12:00:00.000Z',
  finishedAt: '2026-01-01T12:00:30.000Z',
  runStatus: 'failed',
  secrets: ['sk-live-canary-0123456789'],
  apiKeyConfigured: true,
  profile: 'default',
  requireComplete: false,
};

export function evidence(partial: Partial<TestEvidence> = {}): TestEvidence {
  return { ...emptyEvidence(), ...partial };
}

let counter = 0;
export function record(status: TestStatus, partial: Partial<TestEvidence> = {}, title?: string): TestRecord {
  counter += 1;
  return {
    id: `test-${counter}`,
    title: title ?? `test ${counter}`,
    file: 'tests/conformance/state.spec.ts',
    line: counter,
    project: 'conformance',
    status,
    durationMs: 10,
    evidence: evidence(partial),
  };
}

export function mustFinding(requirement: string, extra: Partial<RunFinding> = {}): RunFinding {
  return { requirement, level: 'MUST', message: `broken ${requirement}`, ...extra };
}

function at(second: number): string {
  return new Date(Date.UTC(2026, 0, 1, 12, 0, second)).toISOString();
}

export function snapshotPoll(index: number, status: string, stage?: string, extra: Record<string, unknown> = {}): Observation {
  const body = { job_id: 'job-1', status, progress: stage ? { current_stage: stage } : null, created_at: at(0), ...extra };
  return { index, at: at(index), kind: 'snapshot', snapshot: body as never, exchange: exchangeOf(body, { receivedAt: at(index) }) };
}

export function placeholderPoll(index: number): Observation {
  const body = { job_id: 'job-1', status: 'running', progress: null, progress_message: 'Processing', estimated_time_remaining_seconds: 5 };
  return { index, at: at(index), kind: 'placeholder', placeholder: body as never, exchange: exchangeOf(body, { receivedAt: at(index) }) };
}

export function errorPoll(index: number, status = 503): Observation {
  return { index, at: at(index), kind: 'http-error', status, exchange: exchangeOf({ detail: 'down' }, { status, receivedAt: at(index) }) };
}
