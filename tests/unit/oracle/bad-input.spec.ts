import { findingsOfCheck } from '../../../src/oracle/judgement.js';
import { test, expect } from '@playwright/test';
import { hitsOf, matchesFile } from '../../../src/client/file-match.js';
import { checkCancelResponse, checkQueryResponse, checkQueryResponseV3 } from '../../../src/oracle/response-checks.js';
import { checkFilesWalk } from '../../../src/oracle/page-checks.js';
import { classify } from '../../../src/oracle/classify.js';
import { isJsonObject } from '../../../src/model/json.js';
import { exchangeOf } from '../../../src/oracle/exchange.js';
import { judgeTimeline } from '../../../src/oracle/judge.js';
import type { JobSnapshot } from '../../../src/model/job.js';

// Whatever a target returns, the oracle answers with findings and never throws.
const deep = (depth: number) => {
  let value: unknown = { status: 'running' };
  for (let i = 0; i < depth; i++) value = { progress: value };
  return value;
};

const HOSTILE_BODIES: [string, string][] = [
  ['null', 'null'],
  ['an array', '[1,2,3]'],
  ['a string', '"completed"'],
  ['a number', '42'],
  [
    'numbers as strings',
    JSON.stringify({
      job_id: 'j',
      status: 'running',
      created_at: 1,
      progress: { files_total: '10', files_processed: '11' },
      files: 'many',
    }),
  ],
  ['1,000-deep nesting', JSON.stringify(deep(1000))],
  ['a megabyte string', JSON.stringify({ job_id: 'x'.repeat(1 << 20), status: 'y'.repeat(1 << 20), created_at: 'z' })],
  ['not JSON', '<html><body>502 Bad Gateway</body></html>'],
  ['truncated JSON', '{"job_id": "j", "status": "runn'],
  ['an empty body', ''],
  [
    'hostile strings',
    JSON.stringify({
      job_id: '</script><img src=x onerror=alert(1)>',
      status: 'running',
      created_at: 'javascript:alert(1)',
      files: [{ uri: null, status: {} }],
      __proto__: { polluted: true },
    }),
  ],
];

for (const [name, body] of HOSTILE_BODIES) {
  test(`the oracle judges ${name} without throwing, and reports it`, () => {
    const timeline = [0, 1].map((i) => classify(exchangeOf(body), i));
    const findings = judgeTimeline(timeline, { jobId: 'j', filesLimit: 5 });
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.message.length).toBeLessThan(2_000);
    const parsed = (() => {
      try {
        return JSON.parse(body) as unknown;
      } catch {
        return body;
      }
    })();
    expect(() => findingsOfCheck(checkFilesWalk, [parsed as JobSnapshot, parsed as JobSnapshot], { filesLimit: 1 })).not.toThrow();
    expect(() => findingsOfCheck(checkQueryResponse, parsed, {})).not.toThrow();
    expect(() => findingsOfCheck(checkQueryResponseV3, parsed, {})).not.toThrow();
    expect(() => findingsOfCheck(checkCancelResponse, parsed, {})).not.toThrow();
  });
}

test('a 5xx with a hostile HTML body is reported as JS-PH-001 with a short message', () => {
  const findings = judgeTimeline(
    [classify(exchangeOf('<h1>'.repeat(100_000), { status: 502, headers: { 'content-type': 'text/html' } }))],
    { jobId: 'j' },
  );
  expect(findings.map((f) => f.requirement)).toContain('JS-PH-001');
  expect(Math.max(...findings.map((f) => f.message.length))).toBeLessThan(400);
});

test("a query answer that matches neither version's schema is a JS-MEDIA-003 finding under each, and names no file", () => {
  for (const body of [[], 'results', { results: 'x', search_results: 7 }, { results: [{ document: 'x' }] }, null]) {
    const v2 = findingsOfCheck(checkQueryResponse, body, {});
    const v3 = findingsOfCheck(checkQueryResponseV3, body, {});
    expect(
      v3.map((f) => f.requirement),
      JSON.stringify(body),
    ).toContain('JS-MEDIA-003');
    if (!isJsonObject(body) || typeof (body as { search_results?: unknown }).search_results !== 'undefined')
      expect(
        v2.map((f) => f.requirement),
        JSON.stringify(body),
      ).toContain('JS-MEDIA-003');
    expect(hitsOf(body as never).filter((hit) => matchesFile(hit, 's3://b/keynote.mp4'))).toEqual([]);
  }
  // A v3 result without its document is a finding (JS-MEDIA-004), never matched to a file by guesswork.
  const bare = { results: [{ chunk_id: 'doc_1:0', text: 'keynote', score: 1 }] };
  expect(findingsOfCheck(checkQueryResponseV3, bare, {}).map((f) => f.requirement)).toEqual(['JS-MEDIA-004']);
  expect(hitsOf(bare).some((hit) => matchesFile(hit, 'keynote.mp4'))).toBe(false);
});
