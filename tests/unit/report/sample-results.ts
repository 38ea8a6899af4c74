// results.json as the summary and the history site read them: a v1 file as the first release wrote it
// (the current builder's output with the v2 fields taken away), and the v2 format written out by hand.
import { buildResults } from '../../../src/report/results.js';
import { HOSTILE, meta, miniCatalog, mustFinding, record } from './sample-run.js';

/** A v1 run: JS-STATE-001 passed, JS-STATE-002 failed by a finding, JS-SHAPE-005 warned, JS-SHAPE-001 not covered. */
export function builtResults(startedAt = meta.startedAt): unknown {
  const records = [
    record('passed', { requirements: ['JS-STATE-001'], exercised: ['JS-STATE-001'] }),
    record('failed', {
      requirements: ['JS-STATE-002'],
      findings: [mustFinding('JS-STATE-002', { message: `completed_at missing | ${HOSTILE}` })],
    }),
    record('passed', {
      requirements: ['JS-SHAPE-005'],
      findings: [{ requirement: 'JS-SHAPE-005', level: 'SHOULD', message: 'served as text/html' }],
    }),
  ];
  const v2 = JSON.parse(JSON.stringify(buildResults(records, miniCatalog, { ...meta, startedAt }))) as Record<string, unknown> & {
    summary: Record<string, unknown>;
    requirements: Array<Record<string, unknown>>;
  };
  // What v1 did not have: the profile, evidence, inconclusive, and the exit code in the summary.
  const { profile: _profile, ...v1 } = v2;
  const { inconclusive: _i, exitCode: _e, runBroken: _r, brokenBecause: _b, unexercisedMust: _u, ...summary } = v2.summary;
  return {
    ...v1,
    schemaVersion: 1,
    summary: { ...summary, verdict: v2.summary.failed === 0 ? 'conformant' : 'not-conformant' },
    requirements: v2.requirements.map(({ evidence: _ev, inconclusive: _in, ...r }) => r),
  };
}

type Status = 'passed' | 'failed' | 'inconclusive' | 'skipped' | 'not-covered';

/** A results.json v2 (notes/verdicts-v2.md) with the given requirement statuses. */
export function v2Results(
  statuses: Record<string, Status>,
  extra: { startedAt?: string; baseUrl?: string; profile?: string; verdict?: string; exitCode?: number } = {},
): unknown {
  const requirements = Object.entries(statuses).map(([id, status]) => ({
    id,
    area: 'state',
    level: id.endsWith('5') ? 'SHOULD' : 'MUST',
    evidence: 'documented',
    source: 'seed',
    title: `title of ${id}`,
    statement: 's',
    status,
    tests: [],
    findings: status === 'failed' ? [{ requirement: id, level: 'MUST', message: `finding of ${id}`, test: 't1' }] : [],
    inconclusive: status === 'inconclusive' ? [{ test: 't2', cause: 'the request budget ran out' }] : [],
  }));
  return {
    schemaVersion: 2,
    target: { baseUrl: extra.baseUrl ?? 'https://staging.example.test', kind: 'external', controllable: false },
    profile: extra.profile ?? 'strict',
    startedAt: extra.startedAt ?? '2026-02-01T05:17:00.000Z',
    finishedAt: '2026-02-01T05:20:00.000Z',
    summary: {
      verdict: extra.verdict ?? 'incomplete',
      exitCode: extra.exitCode ?? 0,
      runBroken: false,
      brokenBecause: [],
    },
    requirements,
    seeds: [],
  };
}
