// The client report's requirement table cites its evidence as the suite's report does: each documented
// client requirement links the vendor page or code its source quotes, and names no file a clone lacks.
import { expect, test } from '@playwright/test';
import { catalog } from '../../../src/contract/catalog.js';
import { CLIENT_RESULTS_SCHEMA_VERSION, type ClientResults } from '../../../src/client-check/results.js';
import { requirementResults, summaryOf } from '../../../src/client-check/verdict.js';
import { renderClientHtml } from '../../../src/report/html/client-html.js';

function report(): string {
  const requirements = requirementResults([], 'default');
  const results: ClientResults = {
    schemaVersion: CLIENT_RESULTS_SCHEMA_VERSION,
    kind: 'client-check',
    client: { command: ['node', 'client.mjs'] },
    profile: 'default',
    seed: 1,
    deadlineS: 60,
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:30Z',
    summary: summaryOf(requirements),
    requirements,
    scenarios: [],
  };
  return renderClientHtml(results);
}

test('each documented client requirement links the vendor source it quotes, and no row names a file outside the clone', () => {
  const rows = new Map([...report().matchAll(/<tr class="req" id="req-([A-Z0-9-]+)">([\s\S]*?)<\/tr>/g)].map((m) => [m[1]!, m[2]!]));
  const client = catalog().client_requirements ?? [];
  expect([...rows.keys()]).toEqual(client.map((r) => r.id));
  for (const r of client.filter((x) => x.evidence === 'documented')) {
    const hrefs = [...rows.get(r.id)!.matchAll(/<a class="source" href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length, r.id).toBeGreaterThan(0);
    for (const href of hrefs) expect(href, r.id).toMatch(/^https:\/\//);
  }
  expect(rows.get('JS-CLIENT-002')).toContain('href="https://docs.runcaptain.com/api-reference/jobs/get-job-status-v-2"');
  expect([...rows.values()].filter((row) => /captain-api\.md|DESIGN|vendor-evidence/.test(row))).toEqual([]);
});
