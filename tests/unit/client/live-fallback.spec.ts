// waitForJob's media fallback against the simulator itself, v2 query retired: a video whose status lags
// (running, progress null) is concluded indexed-via-query through v3. The simulator's clock is manual and
// the poller's sleeps advance it, so the test never waits in real time.
import { test, expect } from '@playwright/test';
import { CaptainClient } from '../../../src/client/captain-client.js';
import type { Clock } from '../../../src/client/clock.js';
import { waitForJob } from '../../../src/client/wait-for-job.js';
import type { Scenario } from '../../../src/model/scenario.js';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator/server.js';

const lagging = (collection: string, uri: string): Scenario => ({
  jobType: 'index_s3',
  collection,
  files: [{ uri, media: true, outcome: 'completed' }],
  pendingSeconds: 1,
  stageSeconds: [2, 2, 2, 2, 2, 1],
  end: { kind: 'run' },
  mediaLagSeconds: 600,
  placeholders: {},
  processingType: 'basic',
});

/** The poller's clock is the simulator's: sleeping advances virtual time. */
const simulatorTime = (sim: SimulatorHandle): Clock => ({
  now: () => sim.clock.now(),
  sleep: async (ms) => {
    sim.clock.advance(ms);
  },
});

for (const v2Query of [false, true]) {
  test(`with the v2 query ${v2Query ? 'served' : 'retired'}, a lagging video is concluded indexed-via-query through v3`, async () => {
    const sim = await startSimulator({ port: 0, host: '127.0.0.1', manualClock: true, env: {}, v2Query });
    try {
      const uri = 's3://media/keynote.mp4';
      const played = await fetch(`${sim.baseUrl}/_sim/scenarios`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: lagging('videos', uri) }),
      });
      const { job_id: jobId } = (await played.json()) as { job_id: string };
      const client = new CaptainClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, organizationId: sim.orgId });
      const result = await waitForJob(client, jobId, {
        clock: simulatorTime(sim),
        seed: 1,
        fallback: { collection: 'videos', query: 'keynote', match: uri, stuckAfterMs: 5_000 },
      });
      expect(result.outcome).toBe('indexed-via-query');
      if (result.outcome !== 'indexed-via-query') return;
      expect([result.via, result.status]).toEqual(['v3', 'running']);
      expect(result.match).toMatchObject({ document: { filename: 'keynote.mp4', source: { uri } } });
      // v3 answered every fallback query: v2 was never needed, served or not.
      expect(result.exchanges.filter((e) => e.request.url.includes('/query')).every((e) => e.request.url.startsWith('/v3/'))).toBe(true);
    } finally {
      await sim.close();
    }
  });
}

test('pinned to v2 against a simulator that retired it, the fallback never concludes: the job ends terminal instead', async () => {
  const sim = await startSimulator({ port: 0, host: '127.0.0.1', manualClock: true, env: {}, v2Query: false });
  try {
    const uri = 's3://media/keynote.mp4';
    const played = await fetch(`${sim.baseUrl}/_sim/scenarios`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: { ...lagging('videos', uri), mediaLagSeconds: 60 } }),
    });
    const { job_id: jobId } = (await played.json()) as { job_id: string };
    const client = new CaptainClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, organizationId: sim.orgId });
    const result = await waitForJob(client, jobId, {
      clock: simulatorTime(sim),
      seed: 1,
      fallback: { collection: 'videos', query: 'keynote', match: uri, stuckAfterMs: 5_000, version: 'v2' },
    });
    expect(result.outcome).toBe('terminal');
    const queries = result.exchanges.filter((e) => e.request.url.includes('/query'));
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((e) => e.request.url.startsWith('/v2/') && e.status === 404)).toBe(true);
  } finally {
    await sim.close();
  }
});
