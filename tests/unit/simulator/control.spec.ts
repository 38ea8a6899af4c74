import { test, expect } from '@playwright/test';
import type { JobSnapshot } from '../../../src/model/job.js';
import { call, get, indexText, jsonOf, post, startManual, type Sim } from './harness.js';
import { sampleScenario } from './sample-scenario.js';

test.describe('control API', () => {
  let sim: Sim;
  test.beforeEach(async () => {
    sim = await startManual({ startMs: Date.UTC(2026, 2, 5) });
  });
  test.afterEach(async () => {
    await sim.close();
  });

  test('health needs no key; every other control route does', async () => {
    const health = await get(sim, '/_sim/health', { key: null });
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ status: 'ok', jobs: 0 });
    expect((await get(sim, '/_sim/clock', { key: null })).status).toBe(401);
    expect((await post(sim, '/_sim/reset', undefined, { key: null })).status).toBe(401);
  });

  test('the clock can be read, scaled, switched and advanced', async () => {
    expect((await get(sim, '/_sim/clock')).json).toEqual({
      nowMs: Date.UTC(2026, 2, 5),
      now: '2026-03-05T00:00:00.000Z',
      scale: 1,
      manual: true,
    });
    expect((await post(sim, '/_sim/clock/advance', { seconds: 90 })).json).toMatchObject({ now: '2026-03-05T00:01:30.000Z' });
    expect((await post(sim, '/_sim/clock/advance', { ms: 500 })).json).toMatchObject({ now: '2026-03-05T00:01:30.500Z' });
    expect((await post(sim, '/_sim/clock', { scale: 50 })).json).toMatchObject({ scale: 50, manual: true });
    expect((await post(sim, '/_sim/clock', { scale: 0 })).status).toBe(422);
    expect((await post(sim, '/_sim/clock/advance', { seconds: -1 })).status).toBe(422);
    expect(sim.clock.scale).toBe(50);
  });

  test('reset forgets jobs, collections and faults', async () => {
    const jobId = await indexText(sim, 'docs', 'x');
    await post(sim, '/_sim/faults/latency', { ms: 5 });
    expect((await post(sim, '/_sim/reset')).status).toBe(200);
    expect((await get(sim, `/v2/jobs/${jobId}`)).status).toBe(404);
    expect((await post(sim, '/v2/collections/docs/index/text', { content: 'x' })).status).toBe(404);
    expect((await get(sim, '/_sim/faults')).json).toEqual({ placeholders: {}, rateLimits: [], latencyMs: 0 });
  });

  test('a played scenario returns its job_id, and a malformed one is a 422 naming each problem', async () => {
    const played = await post(sim, '/_sim/scenarios', { scenario: sampleScenario({ collection: 'played', pendingSeconds: 2 }) });
    expect(played.status).toBe(201);
    const jobId = jsonOf<{ job_id: string }>(played).job_id;
    expect(jsonOf<JobSnapshot>(await get(sim, `/v2/jobs/${jobId}`))).toMatchObject({ status: 'pending', collection_name: 'played' });
    expect((await get(sim, `/_sim/jobs/${jobId}`)).json).toMatchObject({ job_id: jobId, poll_count: 1 });
    const bad = await post(sim, '/_sim/scenarios', { files: 'none', end: { kind: 'explode' } });
    expect(bad.status).toBe(422);
    const locs = jsonOf<{ detail: { loc: string[] }[] }>(bad).detail.map((d) => d.loc.slice(2).join('.'));
    expect(locs).toEqual(expect.arrayContaining(['jobType', 'files', 'end', 'stageSeconds']));
  });

  test('job faults need a job of the caller organization', async () => {
    expect((await post(sim, '/_sim/faults/stuck', { stage: 'embedding' })).status).toBe(422);
    expect((await post(sim, '/_sim/faults/stuck', { job_id: 'nope', stage: 'embedding' })).status).toBe(404);
    const jobId = await indexText(sim, 'docs', 'x');
    expect((await post(sim, '/_sim/faults/stuck', { job_id: jobId, stage: 'embedding' }, { key: sim.otherOrg!.apiKey })).status).toBe(404);
    expect((await post(sim, '/_sim/faults/stuck', { job_id: jobId, stage: 'nowhere' })).status).toBe(422);
  });
});

test('with control off, the whole control API is 404, health included', async () => {
  const sim = await startManual({ control: false });
  try {
    for (const path of ['/_sim/health', '/_sim/clock', '/_sim/faults']) {
      expect((await get(sim, path)).status, path).toBe(404);
    }
    expect((await post(sim, '/_sim/scenarios', {})).status).toBe(404);
    expect((await call(sim, 'PUT', '/v2/collections/docs')).status).toBe(201);
  } finally {
    await sim.close();
  }
});

test('the key and organization come from CAPTAIN_API_KEY and CAPTAIN_ORG_ID, with documented defaults', async () => {
  const fromEnv = await startManual({ env: { CAPTAIN_API_KEY: 'cap_dev_abc', CAPTAIN_ORG_ID: 'org-1' } });
  const defaults = await startManual({ env: {} });
  try {
    expect([fromEnv.apiKey, fromEnv.orgId]).toEqual(['cap_dev_abc', 'org-1']);
    expect([defaults.apiKey, defaults.orgId, defaults.otherOrg]).toEqual([
      'sim-key',
      'sim-org',
      { apiKey: 'sim-other-key', orgId: 'sim-other-org' },
    ]);
    expect((await call(fromEnv, 'PUT', '/v2/collections/docs', { key: 'sim-key' })).status).toBe(401);
    expect((await call(fromEnv, 'PUT', '/v2/collections/docs')).status).toBe(201);
  } finally {
    await fromEnv.close();
    await defaults.close();
  }
});
