// The preflight's reading of the set-up answer: each way a target can be the wrong one gets its cause and its fix.
import { expect, test } from '@playwright/test';
import { judgeSetUpAnswer } from '../../../src/client/preflight.js';
import type { Exchange } from '../../../src/oracle/exchange.js';

const answer = (
  status: number,
  body = '{}',
  headers: Record<string, string> = { 'content-type': 'application/json' },
  error?: string,
): Exchange => ({
  request: { method: 'PUT', url: '/v2/collections/conformance-x-preflight', headers: {} },
  status,
  headers,
  body,
  receivedAt: '2026-12-02T00:00:00.000Z',
  ...(error ? { error } : {}),
});

const base = 'https://staging.example.com';

test('each wrong target is named with its fix; the API accepting the key is no problem', () => {
  expect(judgeSetUpAnswer(answer(201), base)).toBeUndefined();
  expect(judgeSetUpAnswer(answer(0, '', {}, 'connect ECONNREFUSED'), base)?.cause).toMatch(
    /^the target is unreachable: connect ECONNREFUSED/,
  );
  expect(judgeSetUpAnswer(answer(301, '', { location: 'https://api.example.com/' }), base)?.fix).toContain('https://api.example.com/');
  expect(judgeSetUpAnswer(answer(200, '<!doctype html><title>Sign in</title>', { 'content-type': 'text/html' }), base)?.cause).toMatch(
    /HTML page/,
  );
  expect(judgeSetUpAnswer(answer(401, '{"detail":"Invalid API key"}'), base)).toMatchObject({
    cause: expect.stringMatching(/the key was rejected \(HTTP 401\)/),
    fix: expect.stringContaining('CAPTAIN_API_KEY'),
  });
  expect(judgeSetUpAnswer(answer(404, '{"detail":"Not Found"}'), `${base}/v2`)?.fix).toContain(
    `Drop the /v2 suffix: the suite adds /v2/... itself (CONFORMANCE_BASE_URL=${base})`,
  );
  expect(judgeSetUpAnswer(answer(200, 'OK'), base)?.cause).toMatch(/not JSON/);
  expect(judgeSetUpAnswer(answer(0, '', {}, 'request budget of 1 requests exhausted'), base)?.fix).toContain('CONFORMANCE_REQUEST_BUDGET');
});
