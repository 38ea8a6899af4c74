import { test, expect } from '@playwright/test';
import { validate } from '../../../src/contract/schemas.js';
import { noFaults, placeholderDue, placeholderFor, takeRateLimit } from '../../../src/simulator/faults.js';
import { applyJobFault, cancelJob, JobStore, snapshotOf } from '../../../src/simulator/job-store.js';
import { sampleScenario } from './sample-scenario.js';

const scenario = sampleScenario({
  collection: 'c1',
  files: [
    { uri: 's3://b/a.pdf', media: false, outcome: 'completed' },
    { uri: 's3://b/b.pdf', media: false, outcome: 'completed' },
  ],
  pendingSeconds: 1,
});

function job(startMs = 0) {
  return new JobStore(1).create({ orgId: 'o', collectionId: 'c', scenario: structuredClone(scenario), createdAtMs: startMs });
}

test.describe('fault decisions', () => {
  test('the placeholder body is exactly the documented one', () => {
    expect(validate('Placeholder', placeholderFor('j1'))).toEqual([]);
    expect(Object.keys(placeholderFor('j1')).sort()).toEqual([
      'estimated_time_remaining_seconds',
      'job_id',
      'progress',
      'progress_message',
      'status',
    ]);
  });

  test('placeholders fall on the given poll numbers', () => {
    const due = [0, 1, 2, 3, 4, 5].filter((n) => placeholderDue([{ polls: [1, 4] }], n, 9, 'j'));
    expect(due).toEqual([1, 4]);
  });

  test('placeholder draws by probability are fixed by seed, job and poll', () => {
    const draws = (seed: number, jobId: string) =>
      Array.from({ length: 200 }, (_, n) => placeholderDue([{ probability: 0.3 }], n, seed, jobId));
    expect(draws(1, 'j')).toEqual(draws(1, 'j'));
    expect(draws(1, 'j')).not.toEqual(draws(2, 'j'));
    const share = draws(1, 'j').filter(Boolean).length / 200;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.45);
    expect(draws(1, 'j').some(Boolean) && placeholderDue([{ probability: 0 }], 3, 1, 'j')).toBe(false);
  });

  test('a 429 burst is consumed request by request, and a job-scoped one only by its job', () => {
    const state = noFaults();
    state.rateLimits.push({ remaining: 2, retryAfterSeconds: 3, jobId: 'j1' });
    expect(takeRateLimit(state, 'j2')).toBeNull();
    expect(takeRateLimit(state, undefined)).toBeNull();
    expect(takeRateLimit(state, 'j1')?.retryAfterSeconds).toBe(3);
    expect(takeRateLimit(state, 'j1')).not.toBeNull();
    expect(takeRateLimit(state, 'j1')).toBeNull();
    expect(state.rateLimits).toEqual([]);
  });
});

test.describe('job faults shape the future, never rewrite history', () => {
  test('a stuck fault ahead of the job holds it in that stage', () => {
    const j = job();
    expect(applyJobFault(j, { kind: 'stuck', stage: 'embedding' }, 500).ok).toBe(true);
    const later = snapshotOf(j, 3_600_000);
    expect(later.status).toBe('running');
    expect(later.progress?.current_stage).toBe('embedding');
  });

  test('a failure at a stage the job has passed is refused', () => {
    const j = job();
    const result = applyJobFault(j, { kind: 'fail', stage: 'scanning', errorCode: 'x', errorMessage: 'y' }, 5_000);
    expect(result.ok).toBe(false);
    expect(snapshotOf(j, 60_000).status).toBe('completed');
  });

  test('cancel ends a running job cancelled and leaves a finished job as it is', () => {
    const running = job();
    const cancelled = cancelJob(running, 3_000, 'tester');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelled_by).toBe('tester');
    expect(cancelled.files?.every((f) => !['queued', 'processing'].includes(f.status))).toBe(true);
    const finished = job();
    const before = snapshotOf(finished, 60_000);
    expect(cancelJob(finished, 60_000, 'tester')).toEqual(before);
  });
});
