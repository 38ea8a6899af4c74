// Telling an unserved query route from an answer of a served one, so the fallback knows when the
// other version is worth asking (the versions themselves: src/model/query-version.ts).
import type { Exchange } from '../oracle/exchange.js';

export * from '../model/query-version.js';

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
