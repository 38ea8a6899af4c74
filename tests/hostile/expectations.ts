// What the suite must say about each hostile case: the words of the finding (plain words a person
// can act on) and the requirement it is filed against.
import type { HostileCase } from './cases.js';

export interface CaseExpectation {
  /** What the target did, as the test title says it. */
  title: string;
  /** The requirement the finding is filed against. */
  requirement: string;
  /** Words of the finding's message. */
  finding: RegExp;
  /** What the client must record on the exchange (its `error`), when the problem is below the JSON. */
  exchangeError?: RegExp;
  /** The client cut the body off (its size cap, its timeout, the target's reset): marked truncated, never parsed. */
  cut?: true;
}

export const EXPECTED: Record<HostileCase, CaseExpectation> = {
  'not-json': {
    title: 'a 200 whose body is not JSON',
    requirement: 'JS-SHAPE-006',
    finding: /body is not JSON .*Internal error: upstream request timed out/,
  },
  'html-502': {
    title: 'an HTML 502 page',
    requirement: 'JS-PH-001',
    finding: /answered HTTP 502 instead of the placeholder: <html>.*502 Bad Gateway/,
  },
  // The first half of the job's own JSON: the parser's complaint, then the job's first field.
  'truncated-json': { title: 'truncated JSON', requirement: 'JS-SHAPE-006', finding: /body is not JSON \(.*\): \{"/ },
  'empty-200': { title: 'an empty 200', requirement: 'JS-SHAPE-006', finding: /body is empty/ },
  'body-10mb': {
    title: 'a 10 MB body',
    requirement: 'JS-SHAPE-006',
    // The job's own JSON padded at its end: what was kept starts with the job's fields, not a stream's padding.
    finding: /body exceeds 8 MiB: \{"(?!.*"padding":"z)/,
    exchangeError: /^body exceeds 8 MiB$/,
    cut: true,
  },
  'nested-1000': { title: 'JSON nested 1,000 deep', requirement: 'JS-SHAPE-002', finding: /job_id is absent, expected/ },
  'wrong-content-type': {
    title: 'JSON served as text/plain',
    requirement: 'JS-SHAPE-005',
    finding: /served as "text\/plain; charset=utf-8", not application\/json/,
  },
  bom: {
    title: 'a byte-order mark before the JSON',
    requirement: 'JS-SHAPE-009',
    finding: /byte-order mark/,
    exchangeError: /^body starts with a byte-order mark$/,
  },
  'invalid-utf8': {
    title: 'invalid UTF-8 in a string value',
    requirement: 'JS-SHAPE-006',
    finding: /not valid UTF-8/,
    exchangeError: /^body is not valid UTF-8$/,
  },
  'duplicate-keys': {
    title: 'duplicate keys in one object',
    requirement: 'JS-SHAPE-009',
    finding: /duplicate key "status"/,
  },
  'status-null': { title: 'status: null', requirement: 'JS-SHAPE-001', finding: /\/status must be/ },
  'numbers-as-strings': {
    title: 'numbers sent as strings',
    requirement: 'JS-STATE-009',
    finding: /estimated_time_remaining_seconds is "42", not a non-negative integer/,
  },
  'login-page': { title: 'a 200 HTML login page', requirement: 'JS-SHAPE-006', finding: /body is not JSON .*Sign in/ },
  'redirect-loop': {
    title: 'a redirect loop',
    requirement: 'JS-ERR-004',
    finding: /HTTP 302 redirect to \/v2\/jobs\/.* not followed/,
    exchangeError: /^HTTP 302 redirect to \/v2\/jobs\/\S+ not followed$/,
  },
  'redirect-other-host': {
    title: 'a redirect to another host',
    requirement: 'JS-ERR-004',
    finding: /HTTP 307 redirect to http:\/\/127\.0\.0\.1:\d+\/v2\/jobs\/.* not followed/,
    exchangeError: /^HTTP 307 redirect to http:\/\/127\.0\.0\.1:\d+\/v2\/jobs\/\S+ not followed$/,
  },
  'slow-loris': {
    title: 'headers then silence (slow loris)',
    requirement: 'JS-SHAPE-006',
    finding: /body broke off after 0 bytes: timeout after \d+ ms/,
    exchangeError: /^body broke off after 0 bytes: timeout after \d+ ms$/,
    cut: true,
  },
  'reset-mid-body': {
    title: 'a connection reset mid-body',
    requirement: 'JS-SHAPE-006',
    finding: /body broke off after \d+ bytes: connection (reset|closed) by the target/,
    exchangeError: /^body broke off after \d+ bytes: connection (reset|closed) by the target/,
    cut: true,
  },
  'endless-stream': {
    title: 'an endless stream',
    requirement: 'JS-SHAPE-006',
    finding: /body exceeds 8 MiB: \{"job_id":"endless","padding":"z+/,
    exchangeError: /^body exceeds 8 MiB$/,
    cut: true,
  },
};
