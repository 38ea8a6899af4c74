// Telling an unserved route from an answer of a served one: what decides whether the fallback asks the
// other query version, and whether a cancel way counts as served.
import { test, expect } from '@playwright/test';
import { firstQueryVersion, routeNotServed } from '../../../src/client/query-version.js';

const answer = (status: number, body: unknown) => ({ status, body: typeof body === 'string' ? body : JSON.stringify(body) });

test('405, 410, 501 and a 404 naming nothing (or no JSON error at all) say the route is not served', () => {
  for (const a of [
    answer(405, { detail: 'Method Not Allowed' }),
    answer(410, { detail: 'v2 query retired' }),
    answer(501, ''),
    answer(404, { detail: 'Not Found' }),
    answer(404, { detail: 'not found.' }),
    answer(404, '<html>404</html>'),
    answer(404, { error: 'nope' }),
  ])
    expect(routeNotServed(a), a.body).toBe(true);
});

test("a 404 naming the missing resource, and every other answer, are a served route's", () => {
  for (const a of [
    answer(404, { detail: "Collection 'videos' not found" }),
    answer(404, { detail: 'Job not found' }),
    answer(200, { results: [] }),
    answer(400, { detail: 'query: Field required' }),
    answer(422, { detail: [] }),
    answer(429, { detail: 'slow down' }),
    answer(503, { detail: 'Not Found' }),
    answer(0, ''),
  ])
    expect(routeNotServed(a), `${a.status} ${a.body}`).toBe(false);
});

test('v3 is asked first unless v2 is pinned', () => {
  expect([firstQueryVersion('auto'), firstQueryVersion('v3'), firstQueryVersion('v2')]).toEqual(['v3', 'v3', 'v2']);
});
