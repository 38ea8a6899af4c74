// The oracle: pure functions from what the target answered to findings. It never throws on a
// conformance problem and reports every finding, not only the first.
import { classify } from './classify.js';
import { checkFilesWalk, checkPageSize } from './page-checks.js';
import {
  checkCancelResponse,
  checkContentType,
  checkErrorBody,
  checkJobIdEcho,
  checkNoServerError,
  checkPlaceholderShape,
  checkQueryResponse,
  checkRetryAfter,
} from './response-checks.js';
import { checkSnapshotSchema } from './snapshot-schema.js';
import { STATE_CHECKS } from './state-checks.js';
import { checkTimeline, TRANSITION_CHECKS } from './transition-checks.js';

export * from './classify.js';
export * from './exchange.js';
export * from './finding.js';
export * from './judge.js';
export * from './judged.js';
export * from './observation.js';
export * from './page-checks.js';
export * from './response-checks.js';
export * from './snapshot-schema.js';
export * from './state-checks.js';
export * from './transition-checks.js';

/** Every check the catalog may name under `oracle:`; a unit test keeps the two in step. */
export const ORACLE_CHECKS: Record<string, (...args: never[]) => unknown> = {
  classify,
  checkSnapshotSchema,
  ...STATE_CHECKS,
  checkTimeline,
  ...TRANSITION_CHECKS,
  checkPageSize,
  checkFilesWalk,
  checkNoServerError,
  checkPlaceholderShape,
  checkJobIdEcho,
  checkContentType,
  checkRetryAfter,
  checkErrorBody,
  checkQueryResponse,
  checkCancelResponse,
};
