// The simulator's any-answer option: documented answers at seeded random requests. Each kind comes, each is
// lawful (the oracle finds nothing in a timeline of them), and the same seed deals the same answers.
import { test, expect } from '@playwright/test';
import { classify } from '../../../src/oracle/classify.js';
import { judgeTimeline } from '../../../src/oracle/judge.js';
import { advance, get, indexText, post, startManual, type Sim } from './harness.js';

async function pollMany(sim: Sim, jobId: string, count: number): Promise<Array<{ status: number; kind: string; retryAfter?: string }>> {
  const seen = [];
  const timeline = [];
  for (let i = 0; i < count; i++) {
    const answer = await get(sim, `/v2/jobs/${jobId}`);
    const observation = classify(answer, i);
    timeline.push(observation);
    seen.push({
      status: answer.status,
      kind: observation.kind,
      ...(answer.status === 429 ? { retryAfter: answer.headers['retry-after'] } : {}),
    });
    await advance(sim, 0.2);
  }
  expect(judgeTimeline(timeline, { jobId }), 'every answer is one the documentation allows').toEqual([]);
  return seen;
}

test('placeholders on some polls and 429s with Retry-After: 1 on some status reads, seeded, all lawful', async () => {
  const runs = [];
  for (let n = 0; n < 2; n++) {
    const sim = await startManual({ anyAnswer: { rateLimitProbability: 0.2, maxRateLimitsPerJob: 5 } });
    try {
      const jobId = await indexText(sim, 'any-answer', 'A small document.');
      const seen = await pollMany(sim, jobId, 40);
      // The count a whole-suite test relies on is exactly the placeholders no script asked for: here, all of them.
      expect(sim.state.anyAnswer?.dealt.placeholders).toBe(seen.filter((a) => a.kind === 'placeholder').length);
      runs.push(seen);
    } finally {
      await sim.close();
    }
  }
  const [first, second] = runs;
  expect(first, 'the same seed deals the same answers').toEqual(second);
  expect(first!.some((a) => a.kind === 'placeholder')).toBe(true);
  const limited = first!.filter((a) => a.status === 429);
  expect(limited.length).toBeGreaterThan(0);
  expect(limited.length, 'at most maxRateLimitsPerJob per job').toBeLessThanOrEqual(5);
  expect(new Set(limited.map((a) => a.retryAfter))).toEqual(new Set(['1']));
});

test('placeholders a job or a fault asked for are not counted as dealt by any-answer', async () => {
  const sim = await startManual({ anyAnswer: { placeholderProbability: 0, rateLimitProbability: 0 } });
  try {
    const jobId = await indexText(sim, 'any-answer', 'A small document.');
    await post(sim, '/_sim/faults/placeholders', { job_id: jobId, polls: [0, 1] });
    const kinds = (await pollMany(sim, jobId, 3)).map((a) => a.kind);
    expect(kinds.slice(0, 2)).toEqual(['placeholder', 'placeholder']);
    expect(sim.state.anyAnswer?.dealt.placeholders).toBe(0);
  } finally {
    await sim.close();
  }
});

test('a walk of files ends with an empty page that has no next_cursor', async () => {
  const sim = await startManual({ anyAnswer: { placeholderProbability: 0, rateLimitProbability: 0 } });
  try {
    const jobId = await indexText(sim, 'any-answer', 'A small document.');
    await advance(sim, 3_600);
    const last = await get(sim, `/v2/jobs/${jobId}?files_limit=50`);
    const page = last.json as { files: unknown[]; files_page: { next_cursor: string | null } };
    expect(page.files.length).toBeGreaterThan(0);
    expect(page.files_page.next_cursor, 'the last page of files still points on').toEqual(expect.any(String));
    const empty = await get(sim, `/v2/jobs/${jobId}?files_limit=50&files_cursor=${encodeURIComponent(page.files_page.next_cursor!)}`);
    expect(empty.json).toMatchObject({ files: [], files_page: { next_cursor: null } });
  } finally {
    await sim.close();
  }
});
