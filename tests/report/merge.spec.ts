// The reporter is merge-safe: a run recorded as a blob and replayed by `playwright merge-reports` (how
// shards are joined in CI) gives the same results as the live run, evidence and all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Results } from '../../src/report/results.js';
import { runFixtureSuite } from './fixture-run.js';

function essentials(dir: string) {
  const results = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as Results;
  return {
    summary: results.summary,
    target: results.target,
    requirements: results.requirements.map((r) => ({
      id: r.id,
      status: r.status,
      tests: r.tests.map((t) => [t.title, t.status, t.skipReason]),
      findings: r.findings.map((f) => [f.message, f.pollIndex]),
    })),
    seeds: results.seeds.map((s) => s.seed),
    timelines: results.timelines.map((t) => [t.jobId, t.observations.length, t.highlight]),
    coverage: results.coverage,
  };
}

test('a blob replayed through merge-reports reports exactly what the live run reported', async () => {
  test.setTimeout(120_000);
  const run = await runFixtureSuite({ apiKey: 'merge-test-key-000111222', viaBlob: true });
  expect(run.exitCode, run.output).toBe(1);
  const live = essentials(run.conformanceDir);
  expect(live.timelines.length).toBeGreaterThan(0);
  expect(essentials(run.mergedDir ?? 'missing')).toEqual(live);
});
