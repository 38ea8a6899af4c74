import { requirements } from '../../src/evidence/attach.js';
import { test, expect } from './support/fixtures.js';
import { indexText, largeText } from './support/jobs.js';
import { files, scenario } from './support/scenarios.js';

// Each snapshot is judged against the invariants of whatever status it reports: a test names the end it
// provokes on the simulator, but a real deployment's end is judged as it comes, never hard-coded.
const EVERY_SNAPSHOT = [
  'JS-STATE-001',
  'JS-STATE-002',
  'JS-STATE-007',
  'JS-STATE-008',
  'JS-STATE-009',
  'JS-STATE-010',
  'JS-STATE-014',
] as const;

test.describe('state: what a snapshot says about itself', () => {
  // Each test waits on a job of its own: with more workers (an external target), they wait side by side.
  test.describe.configure({ mode: 'parallel' });
  test(
    'a text job, polled to whichever end it reaches, says what the documentation promises of each status',
    requirements(...EVERY_SNAPSHOT, 'JS-STATE-003', 'JS-STATE-006', 'JS-STATE-011', 'JS-STATE-012', 'JS-STATE-013'),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'state-completed.txt', 'A document that indexes cleanly.');
      await conformance.waitFor(jobId);
      await conformance.expectConforms();
    },
  );

  test(
    'a job with a failed file ends completed_with_failures, billed, with the failure counted',
    requirements(...EVERY_SNAPSHOT, 'JS-STATE-003', 'JS-STATE-006', 'JS-STATE-011', 'JS-STATE-012'),
    async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(scenario(collection, { files: files(4, (i) => (i === 2 ? { outcome: 'failed' } : {})) }));
      const result = await conformance.waitFor(jobId);
      expect(result?.outcome === 'terminal' && result.status).toBe('completed_with_failures');
      await conformance.expectConforms();
    },
  );

  test(
    'a job with a corrupt document beside a good one is judged at whichever end it reaches: failures counted, billed or explained (on any target)',
    requirements(...EVERY_SNAPSHOT, 'JS-STATE-003', 'JS-STATE-004', 'JS-STATE-006', 'JS-STATE-011', 'JS-STATE-012'),
    async ({ api, collection, conformance, target }, testInfo) => {
      // Bytes that claim to be a PDF and are not: a real deployment cannot extract them (the simulator fails
      // every file whose name says `corrupt`). The job may end completed_with_failures, failed, or anything
      // the documentation allows: the oracle judges the invariants of whichever status comes.
      const created = await api.indexFile(collection, [
        { name: `fine-${target.runId}.txt`, content: 'A document that indexes cleanly.', type: 'text/plain' },
        {
          name: `corrupt-${target.runId}.pdf`,
          content: '%PDF-1.7\n%\u00e2\u00e3 this is not a PDF body, only its first line',
          type: 'application/pdf',
        },
      ]);
      conformance.judgeOther(created.exchange);
      expect(created.ok, `index/file answered HTTP ${created.exchange.status}: ${created.exchange.body.slice(0, 200)}`).toBe(true);
      const jobId = created.json!.job_id;
      const result = await conformance.waitFor(jobId);
      const end = result?.outcome === 'terminal' ? result.status : (result?.outcome ?? 'no end');
      testInfo.annotations.push({ type: 'end reached', description: end });
      if (end !== 'failed')
        conformance.cannotJudge(`the job ended ${end}, not failed: this target showed no failed job to judge`, 'JS-STATE-004', false);
      await conformance.expectConforms();
    },
  );

  test(
    'a job that fails in embedding says why, has a result and no billing',
    requirements(...EVERY_SNAPSHOT, 'JS-STATE-004', 'JS-STATE-006', 'JS-STATE-013'),
    async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(
        scenario(collection, {
          end: {
            kind: 'fail',
            stage: 'embedding',
            errorCode: 'embedding_unavailable',
            errorMessage: 'The embedding service did not answer',
          },
        }),
      );
      const result = await conformance.waitFor(jobId);
      expect(result?.outcome === 'terminal' && result.status).toBe('failed');
      await conformance.expectConforms();
    },
  );

  // On a deployment with the fault hook: the job is created through the public API, and the hook's `fail`
  // capability fails it in embedding. A job that finished before the fault landed leaves JS-STATE-004 unjudged.
  test(
    'a job the fault hook fails says why, has a result and no billing (any target with the hook)',
    requirements(...EVERY_SNAPSHOT, 'JS-STATE-004', 'JS-STATE-006', 'JS-STATE-013'),
    async ({ sim, api, collection, conformance }) => {
      sim.require('fail');
      // A large text keeps the job running a while: the fault lands before the job is past its last stage.
      const jobId = await indexText(api, collection, 'fail-by-hook.txt', largeText(200_000));
      try {
        await sim.fail(jobId, 'finalizing', 'finalizing_failed', 'The job failed while finalizing');
      } catch (error) {
        conformance.cannotJudge(
          `the fault hook could not fail the job: ${error instanceof Error ? error.message : String(error)}`,
          'JS-STATE-004',
          false,
        );
        return conformance.expectConforms();
      }
      const result = await conformance.waitFor(jobId);
      const end = result?.outcome === 'terminal' ? result.status : undefined;
      if (end !== 'failed') conformance.cannotJudge(`the job the hook failed ended ${end ?? 'unseen'}, not failed`, 'JS-STATE-004', false);
      await conformance.expectConforms();
    },
  );

  test(
    'a cancelled job says who cancelled it and when, and leaves no file unsettled',
    requirements(...EVERY_SNAPSHOT, 'JS-STATE-005', 'JS-STATE-013'),
    async ({ sim, collection, conformance, pace }) => {
      const stage = pace.span(5, 300);
      const jobId = await sim.play(
        scenario(collection, {
          files: files(6),
          stageSeconds: [pace.span(2, 50), stage, stage, stage, stage, 5],
          end: { kind: 'stuck', stage: 'tagging' },
        }),
      );
      if (!(await conformance.reach(jobId, (s) => s.status === 'running', 'running', ['JS-STATE-005', 'JS-STATE-013'])))
        return conformance.expectConforms();
      const cancelled = await conformance.cancel(jobId);
      expect(cancelled.exchange.status).toBe(200);
      const result = await conformance.waitFor(jobId);
      expect(result?.outcome === 'terminal' && result.status).toBe('cancelled');
      await conformance.expectConforms();
    },
  );
});
