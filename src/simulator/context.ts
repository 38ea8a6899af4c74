// The state one simulator process serves from, and what a route handler is given.
import type { AnyAnswerDealer } from './any-answer.js';
import type { IncomingHttpHeaders } from 'node:http';
import type { Tenant } from './auth.js';
import type { SimulatorClock } from './clock.js';
import type { CollectionStore } from './collection-store.js';
import type { CursorCodec } from './cursor.js';
import type { Dialect } from './dialect.js';
import type { FaultState } from './faults.js';
import type { IdempotencyLedger } from './idempotency.js';
import type { JobTiming } from './job-factory.js';
import type { JobStore } from './job-store.js';
import type { RateLimiter } from './rate-limiter.js';
import type { Reply } from './reply.js';
import type { RequestLog } from './request-log.js';

export interface SimulatorState {
  clock: SimulatorClock;
  jobs: JobStore;
  collections: CollectionStore;
  cursors: CursorCodec;
  faults: FaultState;
  idempotency: IdempotencyLedger;
  seed: number;
  timing: JobTiming;
  tenants: readonly Tenant[];
  /** Which lawful variations the answers show (dialect.ts). */
  dialect: Dialect;
  /** Per-key requests per real second beyond which the public API answers 429; null for no limit. */
  rateLimiter: RateLimiter | null;
  /** The fault hook's own token, opening the control routes besides the tenants' keys; null for none. */
  controlToken: string | null;
  /** Documented answers at random requests (any-answer.ts); null for none. */
  anyAnswer: AnyAnswerDealer | null;
  /** Every request and its answer, when someone judges the client (request-log.ts). */
  requestLog?: RequestLog;
  /** Wraps every answer: may answer in the routes' place, delay them or reshape their answer. */
  around?: AroundRequest;
}

/** A request as `around` sees it, before its body is read. */
export interface IncomingRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
}

export type AroundRequest = (request: IncomingRequest, next: () => Promise<Reply>) => Promise<Reply>;

export interface RouteRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  /** The authenticated organization ('' on routes without auth). */
  orgId: string;
}

export type Handler = (state: SimulatorState, request: RouteRequest) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  /** Path template with `{name}` parameters, e.g. `/v2/jobs/{job_id}`. */
  path: string;
  handler: Handler;
  /** Needs a Bearer key (everything but /_sim/health). */
  auth: boolean;
  /** The path parameter naming the job a 429 burst may target. */
  jobParam?: string;
  /** Honours the Idempotency-Key header (the create endpoints). */
  idempotent?: boolean;
}
