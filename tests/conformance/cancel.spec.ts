import { requirements } from '../../src/report/evidence.js';
import { test, expect } from './support/fixtures.js';
import { indexText } from './support/jobs.js';
import { files, scenario } from './support/scenarios.js';

test.describe('cancel: POST /v2/jobs/{job_id}/cancel', () => {
  test('cancel of a pending job ends it cancelled, never started', requirements('JS-CANCEL-001', 'JS-CANCEL-004'), async ({ sim, collection, conformance }) => {
    const jobId = await sim.play(scenario(collection, { pendingSeconds: 3_600 }));
    expect(await conformance.waitUntil(jobId, (s) => s.status === 'pending')).toBe(true);
    const cancel = await conformance.cancel(jobId);
    conformance.judge('JS-CANCEL-001', cancel.exchange.status === 200, `cancel of a pending job was answered ${cancel.exchange.status}`, { jobId });
    await conformance.waitUntil(jobId, (s) => s.status !== 'pending', 30); // a cancel may take a moment to land
    const end = await conformance.snapshot(jobId);
    conformance.judge('JS-CANCEL-001', end.status === 'cancelled', `after cancel the pending job is ${end.status}`, { jobId });
    conformance.judge('JS-CANCEL-001', end.started_at == null, `a job cancelled while pending says it started at ${end.started_at}`, { jobId });
    await conformance.expectConforms();
  });

  test(
    'cancel of a running job ends it cancelled with no file left queued or processing',
    requirements('JS-CANCEL-002', 'JS-CANCEL-004', 'JS-STATE-010'),
    async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(scenario(collection, { files: files(20), stageSeconds: [5, 60, 60, 60, 60, 5] }));
      expect(await conformance.waitUntil(jobId, (s) => s.status === 'running' && s.progress?.current_stage === 'chunking')).toBe(true);
      const cancel = await conformance.cancel(jobId);
      conformance.judge('JS-CANCEL-002', cancel.exchange.status === 200, `cancel of a running job was answered ${cancel.exchange.status}`, { jobId });
      const result = await conformance.waitFor(jobId);
      const status = result && 'status' in result ? result.status : undefined;
      conformance.judge('JS-CANCEL-002', status === 'cancelled', `after cancel the running job ended ${status}`, { jobId });
      const unsettled = (result?.outcome === 'terminal' ? result.snapshot.files ?? [] : []).filter((f) => f.status === 'queued' || f.status === 'processing');
      conformance.judge('JS-CANCEL-002', unsettled.length === 0, `${unsettled.length} file(s) left queued or processing after cancel`, { jobId });
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
      conformance.judge('JS-CANCEL-003', cancel.exchange.status === 200, `cancel of a ${before.status} job was answered ${cancel.exchange.status}`, { jobId });
      conformance.judge('JS-CANCEL-003', cancel.json?.status === before.status, `cancel of a ${before.status} job answered status ${cancel.json?.status}`, { jobId });
      const after = await conformance.snapshot(jobId);
      conformance.judge('JS-CANCEL-003', JSON.stringify(after) === JSON.stringify(before), 'cancel changed a finished job', { jobId });
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
        conformance.judge('JS-CANCEL-003', cancel.exchange.status === 200, `cancel of a ${end} job was answered ${cancel.exchange.status}`, { jobId });
        conformance.judge('JS-CANCEL-003', cancel.json?.status === end, `cancel of a ${end} job answered status ${cancel.json?.status}`, { jobId });
      }
      conformance.judge('JS-CANCEL-003', JSON.stringify(await conformance.snapshot(jobId)) === JSON.stringify(before), `cancel changed a ${end} job`, { jobId });
      await conformance.expectConforms();
    });
  }
});
