import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { REDACTED, redactDeep, redactor, redactText, scanningRedactor, secretsFrom } from '../../../src/redaction/redact.js';
import { checkProperty } from '../fc-config.js';

const KEY = 'sk-live-canary-0123456789';

test('a secret value is replaced wherever it sits, keys and nested arrays included', () => {
  const input = { a: `key=${KEY}`, list: [{ deep: [KEY] }], [`k-${KEY}`]: 1 };
  const out = JSON.stringify(redactDeep(input, [KEY]));
  expect(out).not.toContain(KEY);
  expect(out).toContain(REDACTED);
});

test('credential headers are blanked even when the secret is unknown', () => {
  const out = redactDeep({ headers: { Authorization: 'Bearer abc.def', 'x-api-key': 'zzz', accept: 'application/json' } }, []) as {
    headers: Record<string, string>;
  };
  expect(out.headers).toEqual({ Authorization: REDACTED, 'x-api-key': REDACTED, accept: 'application/json' });
});

test('bearer tokens, URL user-info and key query parameters are redacted in free text', () => {
  expect(redactText('sent Authorization: Bearer abcdEFGH.123', [])).toBe(`sent Authorization: Bearer ${REDACTED}`);
  expect(redactText('https://me:pw@staging.example/v2', [])).toBe(`https://${REDACTED}@staging.example/v2`);
  expect(redactText('/v2/jobs?api_key=abc&x=1', [])).toBe(`/v2/jobs?api_key=${REDACTED}&x=1`);
});

test('prose about bearer auth is left alone: only key-shaped tokens after the word Bearer are credentials', () => {
  const prose = "FastAPI's HTTPBearer returns 403 without a header; a Bearer token is required; bearer authentication";
  expect(redactText(prose, [])).toBe(prose);
  expect(redactText('Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig and bearer sim-other-key', [])).toBe(`Bearer ${REDACTED} and bearer ${REDACTED}`);
  expect(redactText('the key cap_stage_abc123 leaked', [])).toBe(`the key ${REDACTED} leaked`);
});

test('only secrets long enough to be specific are scanned for, and cycles do not loop', () => {
  expect(secretsFrom([undefined, '', 'abc', KEY])).toEqual([KEY]);
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  expect(redactDeep(cyclic, [])).toEqual({ a: 1, self: '[cycle]' });
});

test('one policy: a key is redacted in its base64 and URL-encoded forms too, and Captain-style keys always', () => {
  const key = 'cap_dev_k3y/with+chars';
  const text = `basic ${Buffer.from(key).toString('base64')} url ${encodeURIComponent(key)} other cap_prod_zzzz1234`;
  expect(redactText(text, [key])).toBe(`basic ${REDACTED} url ${REDACTED} other ${REDACTED}`);
});

test('the fast path changes nothing: every text is redacted exactly as when every pattern is scanned for', () => {
  // Texts made of the patterns' pieces (whole, cut and in other cases) and of ordinary characters.
  const pieces = [
    KEY,
    encodeURIComponent(KEY),
    Buffer.from(KEY).toString('base64'),
    KEY.slice(0, 9),
    'cap_dev_',
    'cap_stage_x9',
    'CAP_prod_1',
  ];
  pieces.push('Bearer ', 'bearer ', 'BEARER\t', 'Basic ', 'basic ', 'https://', 'me:pw@', '@', '://', '?', '&', 'api_key=', 'Token=');
  pieces.push('abcdEFGH.123', 'x', '9', ' ', '"', '/', '=', '-', 'é');
  const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 12 }).map((p) => p.join(''));
  const fast = redactor([KEY]);
  const full = scanningRedactor([KEY]);
  const fastNoSecret = redactor([]);
  const fullNoSecret = scanningRedactor([]);
  checkProperty(
    // A plain comparison: an expect() per run costs Playwright a stack capture.
    fc.property(text, (t) => fast(t) === full(t) && fastNoSecret(t) === fullNoSecret(t)),
    { numRuns: 5000 },
  );
});
