import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { curlCommand, fullUrl, jobPoll, namedFields, shellQuote } from '../../../src/report/html/reproduce.js';

const BASE = 'https://staging.example.com';

test('the full URL puts the base in front of a recorded path, once, and keeps an absolute URL as it is', () => {
  expect(fullUrl(BASE, '/v2/jobs/j1?files_limit=7')).toBe('https://staging.example.com/v2/jobs/j1?files_limit=7');
  expect(fullUrl(`${BASE}/`, 'v2/jobs/j1')).toBe('https://staging.example.com/v2/jobs/j1');
  expect(fullUrl(BASE, 'http://other.test/v2/jobs/j1')).toBe('http://other.test/v2/jobs/j1');
  expect(fullUrl(null, '/v2/jobs/j1')).toBe('/v2/jobs/j1');
});

test('a curl command sends the key and the organization as shell variables, never their recorded values', () => {
  const command = curlCommand(BASE, {
    method: 'GET',
    url: '/v2/jobs/j1',
    headers: {
      accept: 'application/json',
      authorization: 'Bearer cap_stage_secret',
      'x-organization-id': 'org-1234',
      'x-api-key': 'k-1234',
    },
  });
  expect(command).toContain("'https://staging.example.com/v2/jobs/j1'");
  expect(command).toContain('-H "authorization: Bearer $CAPTAIN_API_KEY"');
  expect(command).toContain('-H "x-organization-id: $CAPTAIN_ORG_ID"');
  expect(command).toContain('-H "x-api-key: $CAPTAIN_API_KEY"');
  expect(command).not.toMatch(/cap_stage_secret|org-1234|k-1234/);
});

test('a curl command carries the request body, and quoting survives quotes and shell syntax', () => {
  const body = `{"content":"it's $(rm -rf /) \`x\`"}`;
  const command = curlCommand(BASE, { method: 'POST', url: "/v2/collections/a'b/index/text", headers: {}, body });
  // The shell reads each quoted word back as the very text recorded.
  const words = execFileSync('sh', ['-c', `printf '%s\\n' ${shellQuote(body)} ${shellQuote("a'b")}`], { encoding: 'utf8' });
  expect(words).toBe(`${body}\na'b\n`);
  expect(command).toContain(`--data-raw ${shellQuote(body)}`);
  expect(command).toContain('-X POST');
});

test('a poll of a job the finding names, when its exchange was not kept, carries the variables too', () => {
  const command = curlCommand(BASE, jobPoll('job 1'));
  expect(command).toContain("'https://staging.example.com/v2/jobs/job%201'");
  expect(command).toContain('$CAPTAIN_API_KEY');
  expect(command).toContain('$CAPTAIN_ORG_ID');
});

test('the fields a finding names are found in the body, top-level fields first', () => {
  const body = JSON.stringify({ status: 'running', completed_at: '2026-01-01T00:00:00Z', files: [{ status: 'queued', uri: 'a' }] });
  expect(namedFields(body, ['completed_at is "2026-01-01T00:00:00Z" while the job is running'])).toEqual(['completed_at']);
  expect(namedFields(body, ['uri repeats'])).toEqual(['uri']);
  expect(namedFields(body, ['a cancelled job lacks cancelled_by'])).toEqual([]);
  expect(namedFields('not json', ['status'])).toEqual([]);
});
