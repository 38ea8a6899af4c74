import { requirements } from '../../src/report/evidence.js';
import { test, expect } from './support/fixtures.js';
import { indexText } from './support/jobs.js';
import { files, scenario } from './support/scenarios.js';

test.describe('cancel: POST /v2/jobs/{job_id}/cancel', () => {
  test('cancel of a pending job ends it cancelled, never started', requirements('JS-CANCEL-001', 'JS-CANCEL-004'), async ({ sim, collection, conformance }) => {
    const jobId = await sim.play(scenario(collection, { pendingSeconds: 3_600 }));
    expect(await conformance.waitUntil(jobId, (s) => s.status === 'pending')).toBe(true);
    const cancel = await conformance.cancel(jobId);
    expect(cancel.exchange.status).toBe(200);
    const result = await conformance.waitFor(jobId);
    expect(result?.outcome === 'terminal' && result.snapshot).toMatchObject({ status: 'cancelled', started_at: null });
    await conformance.expectConforms();
  });

  test(
    'cancel of a running job ends it cancelled with no file left queued or processing',
    requirements('JS-CANCEL-002', 'JS-CANCEL-004', 'JS-STATE-010'),
    async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(scenario(collection, { files: files(20), stageSeconds: [5, 60, 60, 60, 60, 5] }));
      expect(await conformance.waitUntil(jobId, (s) => s.status === 'running' && s.progress?.current_stage === 'chunking')).toBe(true);
      expect((await conformance.cancel(jobId)).exchange.status).toBe(200);
      const result = await conformance.waitFor(jobId);
      expect(result?.outcome === 'terminal' && result.status).toBe('cancelled');
      const unsettled = (result?.outcome === 'terminal' ? result.snapshot.files ?? [] : []).filter((f) => f.status === 'queued' || f.status === 'processing');
      expect(unsettled).toEqual([]);
      await conformance.expectConforms();
    },
  );

  test(
    'cancel of a job that is already running or finished, as any target allows',
    requirements('JS-CANCEL-003', 'JS-CANCEL-004'),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'cancel-finished.txt', 'Finished before the cancel.');
      const result = await conformance.waitFor(jobId);
      expect(result?.outcome).toBe('terminal');
      const before = await conformance.snapshot(jobId);
      const cancel = await conformance.cancel(jobId);
      expect(cancel.exchange.status).toBe(200);
      expect(cancel.json?.status).toBe(before.status);
      const after = await conformance.snapshot(jobId);
      expect(after).toEqual(before);
      await conformance.expectConforms();
    },
  );

  for (const end of ['failed', 'cancelled'] as const) {
    test(`cancel of a ${end} job answers 200 and changes nothing`, requirements('JS-CANCEL-003', 'JS-CANCEL-004'), async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(
        scenario(collection, {
          end: end === 'failed' ? { kind: 'fail', stage: 'extracting', errorCode: 'extract_failed', errorMessage: 'Extraction failed' } : { kind: 'cancel', atSecond: 3, by: 'first-cancel' },
        }),
      );
      expect((await conformance.waitFor(jobId))?.outcome).toBe('terminal');
      const before = await conformance.snapshot(jobId);
      for (let i = 0; i < 2; i++) {
        const cancel = await conformance.cancel(jobId);
        expect(cancel.exchange.status).toBe(200);
        expect(cancel.json?.status).toBe(end);
      }
      expect(await conformance.snapshot(jobId)).toEqual(before);
      await conformance.expectConforms();
    });
  }
});
