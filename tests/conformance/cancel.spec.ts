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
/** `held`: the fault hook holds the job in its stage, so only the cancel can end it and a wait that never ends breaks JS-CANCEL-002. */
async function judgeCancelOfRunning(conformance: Conformance, jobId: string, cancel: CancelAnswer, held: boolean): Promise<void> {
  conformance.judge('JS-CANCEL-002', cancel.exchange.status === 200, `cancel of a running job was answered ${cancel.exchange.status}`, {
    jobId,
    exchange: cancel.exchange,
  });
  const result = await conformance.waitFor(jobId, {}, held ? 'JS-CANCEL-002' : undefined);
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
    requirements('JS-CANCEL-001', 'JS-CANCEL-004', 'JS-CANCEL-005'),
    async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(scenario(collection, { pendingSeconds: 3_600 }));
      if (!(await conformance.reach(jobId, (s) => s.status === 'pending', 'pending', ['JS-CANCEL-001'])))
        return conformance.expectConforms();
      const cancel = await conformance.cancel(jobId);
      if (!conformance.cancelServed('POST', cancel, 'JS-CANCEL-001')) return conformance.expectConforms();
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
    requirements('JS-CANCEL-002', 'JS-CANCEL-004', 'JS-CANCEL-005', 'JS-STATE-010'),
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
      const cancel = await conformance.cancel(jobId);
      if (!conformance.cancelServed('POST', cancel, 'JS-CANCEL-002')) return conformance.expectConforms();
      await judgeCancelOfRunning(conformance, jobId, cancel, true);
      await conformance.expectConforms();
    },
  );

  // On any target: the job is created through the public API and cancelled as soon as it is seen in the
  // wanted state. A job that moved on first leaves the requirement unexercised, with that reason; never a failure.
  test(
    'cancel of a job seen pending, sent at once, ends it cancelled and never started (on any target)',
    requirements('JS-CANCEL-001', 'JS-CANCEL-004', 'JS-CANCEL-005'),
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
      if (!conformance.cancelServed('POST', cancel, 'JS-CANCEL-001')) return conformance.expectConforms();
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
    requirements('JS-CANCEL-002', 'JS-CANCEL-004', 'JS-CANCEL-005', 'JS-STATE-010'),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'cancel-running.txt', largeText(200_000));
      let seen: string | undefined;
      await conformance.waitUntil(jobId, (s) => ((seen = s.status), s.status !== 'pending'));
      // processing, the vendor's other word for it (its MCP job filter), is judged like running.
      if (seen !== 'running' && seen !== 'processing') {
        conformance.cannotJudge(
          `the job was ${seen ?? 'never read'} before it could be cancelled while running: it was too quick for this target's polls`,
          'JS-CANCEL-002',
          false,
        );
        return conformance.expectConforms();
      }
      const cancel = await conformance.cancel(jobId);
      if (!conformance.cancelServed('POST', cancel, 'JS-CANCEL-002')) return conformance.expectConforms();
      if (await landedTooLate(conformance, jobId, cancel, 'JS-CANCEL-002')) return conformance.expectConforms();
      await judgeCancelOfRunning(conformance, jobId, cancel, false);
      await conformance.expectConforms();
    },
  );

  test(
    'cancel of a finished job answers 200 with its status and leaves it unchanged, whatever end it reached',
    requirements('JS-CANCEL-003', 'JS-CANCEL-004', 'JS-CANCEL-005'),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'cancel-finished.txt', 'Finished before the cancel.');
      const result = await conformance.waitFor(jobId);
      // A job that never finished is JS-TRANS-007's finding; CANCEL-003 is about finished jobs only.
      if (result?.outcome !== 'terminal') return conformance.expectConforms();
      const before = await conformance.snapshot(jobId);
      if (!before || !isKnownStatus(before.status) || !isTerminal(before.status)) return conformance.expectConforms();
      const cancel = await conformance.cancel(jobId);
      if (!conformance.cancelServed('POST', cancel, 'JS-CANCEL-003')) return conformance.expectConforms();
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
      requirements('JS-CANCEL-003', 'JS-CANCEL-004', 'JS-CANCEL-005'),
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
          if (!conformance.cancelServed('POST', cancel, 'JS-CANCEL-003')) return conformance.expectConforms();
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

// The other documented cancel, "cancel and delete" (the vendor's MCP server sends it). The same answer as
// POST .../cancel; afterwards the job reads cancelled, or 404 because it was deleted: both lawful. A target
// that does not serve DELETE is judged on POST alone (JS-CANCEL-005 warns).
test.describe('cancel: DELETE /v2/jobs/{job_id} (cancel and delete)', () => {
  /** The end of a job after a DELETE: cancelled or deleted holds `requirement`; anything else breaks it. */
  async function judgeDeleted(conformance: Conformance, jobId: string, requirement: string, neverStarted: boolean): Promise<void> {
    const end = await conformance.afterDelete(jobId);
    if (end === undefined)
      return conformance.cannotJudge('the job read neither a terminal status nor 404 after the DELETE', requirement, false);
    if (end === 'deleted') return void conformance.note(`${requirement}: after the DELETE the job reads 404 (deleted)`);
    conformance.judge(requirement, end.status === 'cancelled', `after DELETE the job ended ${end.status}`, { jobId });
    if (neverStarted)
      conformance.judge(requirement, end.started_at == null, `a job deleted while pending says it started at ${end.started_at}`, { jobId });
  }

  test(
    'DELETE of a pending job answers 200 and the job ends cancelled (or is gone), never started',
    requirements('JS-CANCEL-001', 'JS-CANCEL-004', 'JS-CANCEL-005'),
    async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(scenario(collection, { pendingSeconds: 3_600 }));
      if (!(await conformance.reach(jobId, (s) => s.status === 'pending', 'pending', ['JS-CANCEL-001'])))
        return conformance.expectConforms();
      const cancel = await conformance.cancel(jobId, 'DELETE');
      if (!conformance.cancelServed('DELETE', cancel, 'JS-CANCEL-001')) return conformance.expectConforms();
      conformance.judge('JS-CANCEL-001', cancel.exchange.status === 200, `DELETE of a pending job was answered ${cancel.exchange.status}`, {
        jobId,
        exchange: cancel.exchange,
      });
      await judgeDeleted(conformance, jobId, 'JS-CANCEL-001', true);
      await conformance.expectConforms();
    },
  );

  test(
    'DELETE of a running job answers 200 and the job ends cancelled (or is gone)',
    requirements('JS-CANCEL-002', 'JS-CANCEL-004', 'JS-CANCEL-005', 'JS-STATE-010'),
    async ({ sim, collection, conformance, pace }) => {
      const stage = pace.span(10, 600);
      // Held in chunking by the fault hook, so that no skipped poll can miss the running job.
      const jobId = await sim.play(
        scenario(collection, {
          files: files(5),
          stageSeconds: [pace.span(2, 50), stage, stage, stage, stage, 5],
          end: { kind: 'stuck', stage: 'chunking' },
        }),
      );
      const inChunking = (s: JobSnapshot) => s.status === 'running' && s.progress?.current_stage === 'chunking';
      if (!(await conformance.reach(jobId, inChunking, 'running in chunking', ['JS-CANCEL-002']))) return conformance.expectConforms();
      const cancel = await conformance.cancel(jobId, 'DELETE');
      if (!conformance.cancelServed('DELETE', cancel, 'JS-CANCEL-002')) return conformance.expectConforms();
      conformance.judge('JS-CANCEL-002', cancel.exchange.status === 200, `DELETE of a running job was answered ${cancel.exchange.status}`, {
        jobId,
        exchange: cancel.exchange,
      });
      await judgeDeleted(conformance, jobId, 'JS-CANCEL-002', false);
      await conformance.expectConforms();
    },
  );

  test(
    'DELETE of a finished job answers 200 with its status (on any target)',
    requirements('JS-CANCEL-003', 'JS-CANCEL-004', 'JS-CANCEL-005'),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'delete-finished.txt', 'Finished before the DELETE.');
      const result = await conformance.waitFor(jobId);
      if (result?.outcome !== 'terminal') return conformance.expectConforms();
      const cancel = await conformance.cancel(jobId, 'DELETE');
      if (!conformance.cancelServed('DELETE', cancel, 'JS-CANCEL-003')) return conformance.expectConforms();
      conformance.judge(
        'JS-CANCEL-003',
        cancel.exchange.status === 200,
        `DELETE of a ${result.status} job was answered ${cancel.exchange.status}`,
        {
          jobId,
          exchange: cancel.exchange,
        },
      );
      if (cancel.exchange.status === 200)
        conformance.judge(
          'JS-CANCEL-003',
          cancel.json?.status === result.status,
          `DELETE of a ${result.status} job answered status ${cancel.json?.status}`,
          {
            jobId,
          },
        );
      // It may now be gone (deleted) or still read its status; "unchanged" is POST's to judge, DELETE also deletes.
      const end = await conformance.afterDelete(jobId);
      if (end !== undefined && end !== 'deleted')
        conformance.judge('JS-CANCEL-003', end.status === result.status, `after DELETE the ${result.status} job reads ${end.status}`, {
          jobId,
        });
      await conformance.expectConforms();
    },
  );
});
