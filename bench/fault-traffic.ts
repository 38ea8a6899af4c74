// The faults bench's target: the breaks of one run aimed by area (tools/breaks/break-runs.ts), with every
// exchange the suite made recorded as the client got it, and whether the break touched it (changed the
// request it forwarded, or the answer it returned). Prism and the schema check judge these same answers.
import { aimedByArea } from '../tools/breaks/break-runs.js';
import type { Break, Tenants } from '../tools/breaks/breaks.js';
import type { ProxiedRequest, ProxiedResponse, Rewrite } from '../tools/rewriting-proxy.js';
import { areaOf, TEST_HEADER } from '../tools/test-header.js';

export interface Exchanged {
  /** Arrival order at the proxy, from 0. */
  index: number;
  /** The area of the test that sent it (X-Conformance-Test), if any. */
  area: string | undefined;
  request: ProxiedRequest;
  response: ProxiedResponse;
  /** The break changed the request it passed on or the answer the client got. */
  touched: boolean;
}

const sameHeaders = (a: object, b: object) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

const sameRequest = (a: ProxiedRequest, b: ProxiedRequest) =>
  a.method === b.method && a.url === b.url && a.body.equals(b.body) && sameHeaders(a.headers, b.headers);

const sameResponse = (a: ProxiedResponse, b: ProxiedResponse) =>
  a.status === b.status && a.body.equals(b.body) && sameHeaders(a.headers, b.headers);

/** `rewrite`, telling `touched` about each request whose forwarded request or final answer it changed. */
function watched(rewrite: Rewrite, touched: WeakSet<ProxiedRequest>): Rewrite {
  return async (request, forward) => {
    let last: { request: ProxiedRequest; response: ProxiedResponse } | undefined;
    const response = await rewrite(request, async (passed) => {
      const answer = await forward(passed);
      last = { request: passed, response: answer };
      return answer;
    });
    // A header counts: a Content-Type served as text/html or a Retry-After stripped is the whole defect.
    const unchanged = last !== undefined && sameRequest(last.request, request) && sameResponse(last.response, response);
    if (!unchanged) touched.add(request);
    return response;
  };
}

/** The run's target rewrite (its breaks aimed by area) and the exchanges answered so far (`index` gives their arrival order). */
export function recordedTarget(breaks: readonly Break[], tenants: Tenants): { rewrite: Rewrite; exchanges: Exchanged[] } {
  const touched = new WeakSet<ProxiedRequest>();
  const aimed = aimedByArea(
    breaks.map((b) => ({ ...b, rewrite: (t: Tenants) => watched(b.rewrite(t), touched) })),
    tenants,
  );
  const exchanges: Exchanged[] = [];
  const rewrite: Rewrite = async (request, forward) => {
    const index = arrived++;
    const response = await aimed(request, forward);
    exchanges.push({ index, area: areaOf(request.headers[TEST_HEADER]), request, response, touched: touched.has(request) });
    return response;
  };
  let arrived = 0;
  return { rewrite, exchanges };
}
