// Every check the catalog may name under `oracle:`, by name; a unit test keeps the two in step.
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
  checkQueryResponseV3,
  checkRetryAfter,
} from './response-checks.js';
import { checkSnapshotSchema } from './snapshot-schema.js';
import { STATE_CHECKS } from './state-checks.js';
import { TRANSITION_CHECKS } from './transition-checks.js';

export const ORACLE_CHECKS: Record<string, (...args: never[]) => unknown> = {
  classify,
  checkSnapshotSchema,
  ...STATE_CHECKS,
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
  checkQueryResponseV3,
  checkCancelResponse,
};
