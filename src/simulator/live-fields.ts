// The fields of a finished job that the vendor describes as live: other work keeps spending the
// organization's credits, and a touch of the row (a re-read, a cancel) moves updated_at on.
// Status, result, files and the fixed timestamps are never touched here.
import type { JobSnapshot } from '../model/job.js';
import { drawFor } from './random.js';

export interface LiveFields {
  /** Reads and cancels of the job since it finished. */
  touches: number;
  /** Credits the organization spent elsewhere since the job finished. */
  creditsSpentElsewhere: number;
  /** The virtual instant of the last touch. */
  touchedAtMs: number;
}

/** The live fields after one more touch at `nowMs`; the drift is drawn from the seed. */
export function touched(live: LiveFields | undefined, nowMs: number, seed: number, jobId: string): LiveFields {
  const touches = (live?.touches ?? 0) + 1;
  const spent = Math.round((0.5 + drawFor(seed, 'credits', jobId, touches) * 4.5) * 100) / 100;
  return {
    touches,
    creditsSpentElsewhere: Math.round(((live?.creditsSpentElsewhere ?? 0) + spent) * 100) / 100,
    touchedAtMs: Math.max(live?.touchedAtMs ?? 0, nowMs),
  };
}

/** A finished snapshot as its live fields stand now: credits drift down, updated_at moves on, no ETA. */
export function withLiveFields(snapshot: JobSnapshot, live: LiveFields): JobSnapshot {
  const out: JobSnapshot = { ...snapshot, estimated_time_remaining_seconds: null };
  if (snapshot.billing) {
    const remaining = Math.round((snapshot.billing.credits.remaining - live.creditsSpentElsewhere) * 100) / 100;
    out.billing = { ...snapshot.billing, credits: { ...snapshot.billing.credits, remaining } };
  }
  const lastMs = Date.parse(snapshot.updated_at ?? '');
  if (Number.isFinite(lastMs) && live.touchedAtMs > lastMs) out.updated_at = new Date(live.touchedAtMs).toISOString();
  return out;
}
