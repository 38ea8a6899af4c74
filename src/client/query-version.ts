// Telling an unserved query route from an answer of a served one, so the fallback knows when the
// other version is worth asking (the versions themselves: src/model/query-version.ts).
export * from '../model/query-version.js';

/** Whether an answer says the route itself is not served: the oracle's rule (src/oracle/route-checks.ts). */
export { routeNotServed } from '../oracle/route-checks.js';
