// What a whole wait for a job says, once the reference poller has ended it (JS-TRANS-007, JS-MEDIA-002,
// JS-PH-004, JS-RATE-002, JS-MEDIA-001): the job ended within its budget, or the wait ran out of time and
// something is to blame, and a media job found through the query endpoint did or did not hide behind the
// placeholder's shape, and a job the status endpoint refused (JS-ERR-004). Pure, like every check: the conformance
// support hands over the timeline and records.
import type { FindingContext } from './finding.js';
import { addJudgement, NO_FINDINGS, type JudgementSink } from './judgement.js';
import type { Timeline } from './observation.js';

/**
 * The liveness a wait judges: a job's end (JS-TRANS-007), media content found through the query endpoint
 * (JS-MEDIA-002), or the end of a job held by the fault hook that only the cancel it was sent can end (JS-CANCEL-002).
 */
export type Liveness = 'JS-TRANS-007' | 'JS-MEDIA-002' | 'JS-CANCEL-002';

/** Placeholder-shaped answers in a row, at the end of a media job's polls, that hide a lagging snapshot. */
export const HIDING_PLACEHOLDERS = 3;

/**
 * A wait that saw its job end (or its content found): its liveness held, the status endpoint kept to the
 * job (JS-ERR-004), and the placeholders (JS-PH-004) and 429s (JS-RATE-002) it met on the way did not stop it.
 */
export function checkWaitEnded(timeline: Timeline, liveness: Liveness, out: JudgementSink): void {
  out.add(liveness, NO_FINDINGS);
  out.add('JS-ERR-004', NO_FINDINGS);
  if (timeline.some((o) => o.kind === 'placeholder')) out.add('JS-PH-004', NO_FINDINGS);
  if (timeline.some((o) => o.kind === 'http-error' && o.status === 429)) out.add('JS-RATE-002', NO_FINDINGS);
}

/**
 * A wait that ran out of time, blamed on what the target was last saying: placeholders to the end
 * (JS-PH-004: the lifecycle did not go on after them; a media wait blames its own liveness instead), 429s
 * to the end (JS-RATE-002), or else the job's own liveness. `why` is the poller's account of the wait.
 */
export function checkWaitDeadline(timeline: Timeline, liveness: Liveness, why: string, context: FindingContext, out: JudgementSink): void {
  const last = timeline.at(-1);
  const blamed =
    last?.kind === 'placeholder' && liveness === 'JS-TRANS-007'
      ? 'JS-PH-004'
      : last?.kind === 'http-error' && last.status === 429
        ? 'JS-RATE-002'
        : liveness;
  addJudgement(out, blamed, context, `waiting for the job failed: ${why}`);
}

/** JS-MEDIA-001 on a media wait concluded through the query endpoint: the content was not searchable behind placeholders. */
export function checkHiddenLag(timeline: Timeline, context: FindingContext, out: JudgementSink): void {
  let run = 0;
  while (run < timeline.length && timeline[timeline.length - 1 - run]!.kind === 'placeholder') run++;
  const sawSnapshot = timeline.some((o) => o.kind === 'snapshot');
  addJudgement(
    out,
    'JS-MEDIA-001',
    context,
    run >= HIDING_PLACEHOLDERS &&
      `the content was searchable while the last ${run} status answers had only the placeholder's shape${sawSnapshot ? '' : ' (no real snapshot at all)'}: a lagging media job must answer real snapshots`,
  );
}

/**
 * A wait the status endpoint refused (the poll step gave up on a redirect or a 4xx) for a job the API created:
 * a 4xx breaks JS-ERR-004 here; a redirect is judged with the timeline. `why` is the poller's account, if any.
 */
export function checkWaitRejected(status: number, why: string | undefined, context: FindingContext, out: JudgementSink): void {
  if (status < 400) return;
  const message = `the status endpoint answered HTTP ${status} for a job the API created`;
  addJudgement(out, 'JS-ERR-004', context, why === undefined ? message : `${message}: ${why}`);
}
