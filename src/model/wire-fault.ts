// Faults a client meets on the wire, by time rather than by poll number, so that every client, whatever
// its cadence, meets them: placeholders in a window, 5xx and 429 bursts, slow answers, and the vendor's
// own status names in place of the documented ones. Plain data; the simulator plays them (wire-faults.ts).
import type { KnownStatus } from './status.js';

/** Seconds after the job's creation. */
export type WireFault =
  /** Every poll of the job in [fromS, untilS) is answered with the documented placeholder. */
  | { kind: 'placeholder'; fromS: number; untilS: number }
  /** The first `count` polls at or after fromS are answered with this 5xx. */
  | { kind: 'server-error'; fromS: number; count: number; status: 500 | 502 | 503 }
  /** The first `count` requests of the job at or after fromS are answered 429 with this Retry-After. */
  | { kind: 'rate-limit'; fromS: number; count: number; retryAfterSeconds: number; asDate: boolean }
  /** Every answer in [fromS, untilS) is written `ms` late (real time). */
  | { kind: 'latency'; fromS: number; untilS: number; ms: number }
  /** Snapshots saying `status` say `as` instead (a vendor status: completed_with_errors, timed_out, processing). */
  | { kind: 'status-as'; status: KnownStatus; as: string };

export type WireFaultKind = WireFault['kind'];
