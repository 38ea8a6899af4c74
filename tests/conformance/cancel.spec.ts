import { requirements } from '../../src/evidence/attach.js';
import type { JobSnapshot } from '../../src/model/job.js';
import { isKnownStatus, isTerminal } from '../../src/model/status.js';
import type { Conformance } from './support/conformance.js';
import { test, expect } from './support/fixtures.js';
import { indexText, largeText } from './support/jobs.js';
import { files, scenario } from './support/scenarios.js';

/** A cancel answered with a finished status other than cancelled: the job had ended before the cancel landed. */
function finishedFirst(answered: unknown): answered is string {
  return typeof answered === 'string' && answered !== 'cancelled' && isKnownStatus(answered) && isTerminal(answered);
}

type CancelAnswer = Awaited<ReturnType<Conformance['cancel']>>;

/** A cancel that found the job already finished cannot judge `requirement`: says so and follows the job to its end. */
async function landedTooLate(conformance: Conformance, jobId: string, cancel: CancelAnswer, requirement: string): Promise<boolean> {
  if (!finishedFirst(cancel.json?.status)) return false;
  conformance.cannotJudge(`the job had ended ${cancel.json?.status} before the cancel landed`, requirement, false);
  await conformance.waitFor(jobId);
  return true;
}

/** A running job's cancel is answered 200 and the job ends cancelled (JS-CANCEL-002). */
async function judgeCancelOfRunning(conformance: Conformance, jobId: string, cancel: CancelAnswer): Promise<void> {
  conformance.judge('JS-CANCEL-002', cancel.exchange.status === 200, `cancel of a running job was answered ${cancel.exchange.status}`, {
    jobId,
    exchange: cancel.exchange,
  });
  const result = await conformance.waitFor(jobId);
  // Files left queued or processing are JS-STATE-010's to judge, on every snapshot of the cancelled job.
  if (result?.outcome === 'terminal')
    conformance.judge('JS-CANCEL-002', result.status === 'cancelled', `after cancel the running job ended ${result.status}`, { jobId });
}

/** What "cancel leaves a finished job unchanged" covers: live fields (updated_at, ETA, credits remaining) may move. */
function settledState(s: JobSnapshot | undefined): unknown {
  if (!s) return undefined;
  return {
    status: s.status,
    result: s.result ?? null,
    files: s.files ?? null,
    created_at: s.created_at,
    started_at: s.started_at ?? null,
    completed_at: s.completed_at ?? null,
  };
}

test.describe('cancel: POST /v2/jobs/{job_id}/cancel', () => {
  test(
    'cancel of a pending job ends it cancelled, never started',
    requirements('JS-CANCEL-001', 'JS-CANCEL-004'),
    async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(scenario(collection, { pendingSeconds: 3_600 }));
      if (!(await conformance.reach(jobId, (s) => s.status === 'pending', 'pending', ['JS-CANCEL-001'])))
        return conformance.expectConforms();
      const cancel = await conformance.cancel(jobId);
      conformance.judge('JS-CANCEL-001', cancel.exchange.status === 200, `cancel of a pending job was answered ${cancel.exchange.status}`, {
        jobId,
        exchange: cancel.exchange,
      });
      await conformance.waitUntil(jobId, (s) => s.status !== 'pending', 30); // a cancel may take a moment to land
      const end = await conformance.snapshot(jobId);
      if (end) {
        conformance.judge('JS-CANCEL-001', end.status === 'cancelled', `after cancel the pending job is ${end.status}`, { jobId });
        conformance.judge('JS-CANCEL-001', end.started_at == null, `a job cancelled while pending says it started at ${end.started_at}`, {
          jobId,
        });
      }
      await conformance.expectConforms();
    },
  );

  test(
    'cancel of a running job ends it cancelled, its files settled',
    requirements('JS-CANCEL-002', 'JS-CANCEL-004', 'JS-STATE-010'),
    async ({ sim, collection, conformance, pace }) => {
      // Long enough to be cancelled in chunking on any clock: ten of the target's seconds a stage, or 0.6 s real.
      const stage = pace.span(10, 600);
      const jobId = await sim.play(
        // Held in chunking by the fault hook: a 429's wait or a placeholder can hide a stage, but not this one.
        scenario(collection, {
          files: files(20),
          stageSeconds: [pace.span(2, 50), stage, stage, stage, stage, 5],
          end: { kind: 'stuck', stage: 'chunking' },
        }),
      );
      const inChunking = (s: JobSnapshot) => s.status === 'running' && s.progress?.current_stage === 'chunking';
      if (!(await conformance.reach(jobId, inChunking, 'running in chunking', ['JS-CANCEL-002']))) return conformance.expectConforms();
      await judgeCancelOfRunning(conformance, jobId, await conformance.cancel(jobId));
      await conformance.expectConforms();
    },
  );

  // On any target: the job is created through the public API and cancelled as soon as it is seen in the
  // wanted state. A job that moved on first leaves the requirement unexercised, with that reason; never a failure.
  test(
    'cancel of a job seen pending, sent at once, ends it cancelled and never started (on any target)',
    requirements('JS-CANCEL-001', 'JS-CANCEL-004'),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'cancel-pending.txt', 'Cancelled before it starts.');
      const seen = await conformance.snapshot(jobId);
      if (seen?.status !== 'pending') {
        conformance.cannotJudge(
          `the job was already ${seen?.status ?? 'unreadable'} at its first read, so no cancel could reach it pending`,
          'JS-CANCEL-001',
          false,
        );
        return conformance.expectConforms();
      }
      const cancel = await conformance.cancel(jobId);
      if (await landedTooLate(conformance, jobId, cancel, 'JS-CANCEL-001')) return conformance.expectConforms();
      conformance.judge('JS-CANCEL-001', cancel.exchange.status === 200, `cancel of a pending job was answered ${cancel.exchange.status}`, {
        jobId,
        exchange: cancel.exchange,
      });
      const result = await conformance.waitFor(jobId);
      if (result?.outcome === 'terminal') {
        const end = result.snapshot;
        const startedFirst = end.started_at != null && Date.parse(end.started_at) < Date.parse(cancel.exchange.receivedAt) - 2_000;
        if (end.status === 'cancelled' && end.started_at != null) {
          // It may have started between the read and the cancel: then "never started" says nothing of this cancel.
          conformance.cannotJudge(`the job started (started_at ${end.started_at}) before or as the cancel landed`, 'JS-CANCEL-001', false);
          conformance.judge('JS-CANCEL-002', true, '', { jobId });
        } else {
          conformance.judge(
            startedFirst ? 'JS-CANCEL-002' : 'JS-CANCEL-001',
            end.status === 'cancelled',
            `a job pending just before the cancel (answered ${cancel.exchange.status} ${String(cancel.json?.status)}) ended ${end.status}`,
            { jobId },
          );
        }
      }
      await conformance.expectConforms();
    },
  );

  test(
    'cancel of a job seen running (a large text) ends it cancelled (on any target)',
    requirements('JS-CANCEL-002', 'JS-CANCEL-004', 'JS-STATE-010'),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'cancel-running.txt', largeText(200_000));
      let seen: string | undefined;
      await conformance.waitUntil(jobId, (s) => ((seen = s.status), s.status !== 'pending'));
      if (seen !== 'running') {
        conformance.cannotJudge(
          `the job was ${seen ?? 'never read'} before it could be cancelled while running: it was too quick for this target's polls`,
          'JS-CANCEL-002',
          false,
        );
        return conformance.expectConforms();
      }
      const cancel = await conformance.cancel(jobId);
      if (await landedTooLate(conformance, jobId, cancel, 'JS-CANCEL-002')) return conformance.expectConforms();
      await judgeCancelOfRunning(conformance, jobId, cancel);
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
      conformance.judge(
        'JS-CANCEL-003',
        cancel.exchange.status === 200,
        `cancel of a ${before.status} job was answered ${cancel.exchange.status}`,
        { jobId, exchange: cancel.exchange },
      );
      if (cancel.exchange.status === 200) {
        conformance.judge(
          'JS-CANCEL-003',
          cancel.json?.status === before.status,
          `cancel of a ${before.status} job answered status ${cancel.json?.status}`,
          { jobId },
        );
      }
      const after = await conformance.snapshot(jobId);
      if (after) {
        conformance.judge(
          'JS-CANCEL-003',
          JSON.stringify(settledState(after)) === JSON.stringify(settledState(before)),
          `cancel changed a ${before.status} job: ${JSON.stringify(settledState(after)).slice(0, 300)}`,
          { jobId },
        );
      }
      await conformance.expectConforms();
    },
  );

  for (const end of ['failed', 'cancelled'] as const) {
    test(
      `cancel of a ${end} job answers 200 and changes nothing`,
      requirements('JS-CANCEL-003', 'JS-CANCEL-004'),
      async ({ sim, collection, conformance }) => {
        const jobId = await sim.play(
          scenario(collection, {
            end:
              end === 'failed'
                ? { kind: 'fail', stage: 'extracting', errorCode: 'extract_failed', errorMessage: 'Extraction failed' }
                : { kind: 'cancel', atSecond: 3, by: 'first-cancel' },
          }),
        );
        expect((await conformance.waitFor(jobId))?.outcome).toBe('terminal');
        const before = await conformance.snapshot(jobId);
        for (let i = 0; i < 2; i++) {
          const cancel = await conformance.cancel(jobId);
          conformance.judge(
            'JS-CANCEL-003',
            cancel.exchange.status === 200,
            `cancel of a ${end} job was answered ${cancel.exchange.status}`,
            { jobId, exchange: cancel.exchange },
          );
          conformance.judge('JS-CANCEL-003', cancel.json?.status === end, `cancel of a ${end} job answered status ${cancel.json?.status}`, {
            jobId,
          });
        }
        const after = await conformance.snapshot(jobId);
        conformance.judge(
          'JS-CANCEL-003',
          JSON.stringify(settledState(after)) === JSON.stringify(settledState(before)),
          `cancel changed a ${end} job`,
          { jobId },
        );
        await conformance.expectConforms();
      },
    );
  }
});
