import { requirements } from '../../src/report/evidence.js';
import type { JobSnapshot } from '../../src/model/job.js';
import { isKnownStatus, isTerminal } from '../../src/model/status.js';
import { test, expect } from './support/fixtures.js';
import { indexText } from './support/jobs.js';
import { files, scenario } from './support/scenarios.js';

/** What "cancel leaves a finished job unchanged" covers: live fields (updated_at, ETA, credits remaining) may move. */
function settledState(s: JobSnapshot | undefined): unknown {
  if (!s) return undefined;
  return { status: s.status, result: s.result ?? null, files: s.files ?? null, created_at: s.created_at, started_at: s.started_at ?? null, completed_at: s.completed_at ?? null };
}

test.describe('cancel: POST /v2/jobs/{job_id}/cancel', () => {
  test('cancel of a pending job ends it cancelled, never started', requirements('JS-CANCEL-001', 'JS-CANCEL-004'), async ({ sim, collection, conformance }) => {
    const jobId = await sim.play(scenario(collection, { pendingSeconds: 3_600 }));
    expect(await conformance.waitUntil(jobId, (s) => s.status === 'pending')).toBe(true);
    const cancel = await conformance.cancel(jobId);
    conformance.judge('JS-CANCEL-001', cancel.exchange.status === 200, `cancel of a pending job was answered ${cancel.exchange.status}`, { jobId, exchange: cancel.exchange });
    await conformance.waitUntil(jobId, (s) => s.status !== 'pending', 30); // a cancel may take a moment to land
    const end = await conformance.snapshot(jobId);
    if (end) {
      conformance.judge('JS-CANCEL-001', end.status === 'cancelled', `after cancel the pending job is ${end.status}`, { jobId });
      conformance.judge('JS-CANCEL-001', end.started_at == null, `a job cancelled while pending says it started at ${end.started_at}`, { jobId });
    }
    await conformance.expectConforms();
  });

  test(
    'cancel of a running job ends it cancelled, its files settled',
    requirements('JS-CANCEL-002', 'JS-CANCEL-004', 'JS-STATE-010'),
    async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(scenario(collection, { files: files(20), stageSeconds: [5, 60, 60, 60, 60, 5] }));
      expect(await conformance.waitUntil(jobId, (s) => s.status === 'running' && s.progress?.current_stage === 'chunking')).toBe(true);
      const cancel = await conformance.cancel(jobId);
      conformance.judge('JS-CANCEL-002', cancel.exchange.status === 200, `cancel of a running job was answered ${cancel.exchange.status}`, { jobId, exchange: cancel.exchange });
      const result = await conformance.waitFor(jobId);
      // Files left queued or processing are JS-STATE-010's to judge, on every snapshot of the cancelled job.
      if (result?.outcome === 'terminal') conformance.judge('JS-CANCEL-002', result.status === 'cancelled', `after cancel the running job ended ${result.status}`, { jobId });
      await conformance.expectConforms();
    },
  );

  test(
    'cancel of a finished job answers 200 with its status and leaves it unchanged, whatever end it reached',
    requirements('JS-CANCEL-003', 'JS-CANCEL-004'),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'cancel-finished.txt', 'Finished before the cancel.');
      const result = await conformance.waitFor(jobId);
      // A job that never finished is JS-TRANS-007's finding; CANCEL-003 is about finished jobs only.
      if (result?.outcome !== 'terminal') return conformance.expectConforms();
      const before = await conformance.snapshot(jobId);
      if (!before || !isKnownStatus(before.status) || !isTerminal(before.status)) return conformance.expectConforms();
      const cancel = await conformance.cancel(jobId);
      conformance.judge('JS-CANCEL-003', cancel.exchange.status === 200, `cancel of a ${before.status} job was answered ${cancel.exchange.status}`, { jobId, exchange: cancel.exchange });
      if (cancel.exchange.status === 200) {
        conformance.judge('JS-CANCEL-003', cancel.json?.status === before.status, `cancel of a ${before.status} job answered status ${cancel.json?.status}`, { jobId });
      }
      const after = await conformance.snapshot(jobId);
      if (after) {
        conformance.judge('JS-CANCEL-003', JSON.stringify(settledState(after)) === JSON.stringify(settledState(before)), `cancel changed a ${before.status} job: ${JSON.stringify(settledState(after)).slice(0, 300)}`, { jobId });
      }
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
        conformance.judge('JS-CANCEL-003', cancel.exchange.status === 200, `cancel of a ${end} job was answered ${cancel.exchange.status}`, { jobId, exchange: cancel.exchange });
        conformance.judge('JS-CANCEL-003', cancel.json?.status === end, `cancel of a ${end} job answered status ${cancel.json?.status}`, { jobId });
      }
      const after = await conformance.snapshot(jobId);
      conformance.judge('JS-CANCEL-003', JSON.stringify(settledState(after)) === JSON.stringify(settledState(before)), `cancel changed a ${end} job`, { jobId });
      await conformance.expectConforms();
    });
  }
});
