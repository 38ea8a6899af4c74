// Whether a documented route is served at all (JS-CANCEL-005: both cancels; JS-MEDIA-005: the legacy v2
// query where v3 is served). Pure, like every check: the conformance support asks and records.
import type { QueryVersionChoice } from '../model/query-version.js';
import type { Exchange } from './exchange.js';
import type { FindingContext } from './finding.js';
import { addJudgement, type JudgementSink } from './judgement.js';

/** The two documented cancels: the SDK's POST .../cancel and the MCP server's DELETE ("cancel and delete"). */
export const CANCEL_WAYS = ['POST', 'DELETE'] as const;
export type CancelWay = (typeof CANCEL_WAYS)[number];

/**
 * Whether an answer says the route itself is not served: 405, 410 or 501, or a 404 that names nothing
 * (FastAPI's `{"detail": "Not Found"}` for an unknown path, or a body that is no JSON error at all).
 * A 404 naming a missing collection is an answer of a served route.
 */
export function routeNotServed(exchange: Pick<Exchange, 'status' | 'body'>): boolean {
  if ([405, 410, 501].includes(exchange.status)) return true;
  if (exchange.status !== 404) return false;
  let detail: unknown;
  try {
    detail = (JSON.parse(exchange.body) as { detail?: unknown } | null)?.detail;
  } catch {
    return true;
  }
  return typeof detail !== 'string' || /^\s*not found\.?\s*$/i.test(detail);
}

/** The path a cancel way asks, as the findings name it. */
export function cancelPath(way: CancelWay): string {
  return way === 'POST' ? 'POST /v2/jobs/{job_id}/cancel' : 'DELETE /v2/jobs/{job_id}';
}

/** JS-CANCEL-005 (a SHOULD: both are documented): this cancel way's answer is not that of an unserved route. */
export function checkCancelServed(way: CancelWay, exchange: Exchange, context: FindingContext, out: JudgementSink): void {
  addJudgement(
    out,
    'JS-CANCEL-005',
    context,
    routeNotServed(exchange) && `${cancelPath(way)} answered HTTP ${exchange.status} as an unserved route`,
  );
}

/**
 * JS-MEDIA-005 on the legacy v2 query's answer: served where v3 is (`v3Served`), or where the caller pinned v2.
 * Where v3 was asked and not served, v2 is the fallback itself and is not judged here.
 */
export function checkLegacyQueryServed(
  exchange: Exchange,
  asked: { choice: QueryVersionChoice; v3Served: boolean },
  context: FindingContext,
  out: JudgementSink,
): void {
  if (asked.choice !== 'v2' && !asked.v3Served) return;
  addJudgement(
    out,
    'JS-MEDIA-005',
    context,
    routeNotServed(exchange) &&
      `POST /v2/collections/{name}/query answered HTTP ${exchange.status} as an unserved route while v3 is served`,
  );
}
