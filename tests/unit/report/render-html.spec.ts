import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { renderHtml } from '../../../src/report/html/render-html.js';
import { REPORT_SCRIPT } from '../../../src/report/html/report-script.js';
import { buildResults } from '../../../src/report/results.js';
import { HOSTILE, meta, miniCatalog, mustFinding, record, snapshotPoll } from './sample-run.js';

/** Every attribute name of every tag; throws if a tag is not in the quoted form the renderer writes. */
function attributeNames(html: string): string[] {
  const body = html.replace(/<script>[\s\S]*?<\/script>|<style>[\s\S]*?<\/style>/g, '');
  const tags = [...body.matchAll(/<[a-zA-Z][a-zA-Z0-9-]*((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*\/?>/g)];
  expect(tags.length).toBe((body.match(/<[a-zA-Z]/g) ?? []).length);
  return tags.flatMap((tag) =>
    [...(tag[1] ?? '').replace(/="[^"]*"/g, '').matchAll(/\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)/g)].map((m) => m[1] ?? ''),
  );
}

function hostileResults() {
  const timeline = [
    snapshotPoll(0, 'pending', undefined, { error_message: HOSTILE, collection_name: HOSTILE }),
    snapshotPoll(1, HOSTILE, 'chunking'),
  ];
  timeline[0]!.exchange.request.url = `/v2/jobs/${HOSTILE}`;
  const bad = record(
    'failed',
    {
      requirements: ['JS-STATE-001', HOSTILE],
      findings: [mustFinding('JS-STATE-001', { message: HOSTILE, jobId: HOSTILE, pollIndex: 1, evidence: { uri: HOSTILE } })],
      timelines: [{ jobId: HOSTILE, timeline }],
      seeds: [{ seed: HOSTILE, path: HOSTILE, command: HOSTILE }],
      target: { baseUrl: HOSTILE, kind: 'external', controllable: false },
      skipReason: HOSTILE,
    },
    `title ${HOSTILE}`,
  );
  bad.error = HOSTILE;
  bad.file = HOSTILE;
  return buildResults([bad], miniCatalog, meta);
}

test('no hostile string survives as markup: no img, no extra script, no javascript: link', () => {
  const html = renderHtml(hostileResults());
  expect(html).not.toContain('<img');
  expect(html.match(/<script/g)).toHaveLength(2);
  expect(html.match(/<\/script>/g)).toHaveLength(2);
  expect(html).not.toMatch(/href="(?!#|https:\/\/)/);
  expect(attributeNames(html).filter((name) => /^on/i.test(name))).toEqual([]);
  expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
});

test('the page is self-contained: no URL to fetch, a CSP that pins the one script by hash', () => {
  const html = renderHtml(hostileResults()).replace(/&#39;/g, "'");
  expect(html).not.toMatch(/\s(src|href|action|xlink:href)="(?!#)/);
  expect(html).not.toMatch(/@import|url\(/);
  const hash = createHash('sha256').update(REPORT_SCRIPT).digest('base64');
  expect(html).toContain(`script-src 'sha256-${hash}'`);
  expect(html).toContain("default-src 'none'");
  expect(html).toContain(`<script>${REPORT_SCRIPT}</script>`);
});

test('the data block holds no raw < and parses back to one entry per matrix row', () => {
  const results = hostileResults();
  const html = renderHtml(results);
  const block = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  expect(block).not.toContain('<');
  const data = JSON.parse(block) as { requirements: Array<{ id: string; filter: string; text: string }> };
  expect(data.requirements.map((r) => r.id)).toEqual(results.requirements.map((r) => r.id));
  expect(html.match(/<tr class="req"/g)).toHaveLength(results.requirements.length);
  expect(data.requirements.find((r) => r.id === 'JS-STATE-001')?.text).toContain('onerror');
});

test('the banner, the failure with its timeline and the collapsed exchanges are rendered', () => {
  const html = renderHtml(hostileResults());
  expect(html).toContain('class="banner verdict-not-conformant"');
  expect(html).toContain('<h1>Not conformant</h1>');
  expect(html).toContain('id="fail-JS-STATE-001"');
  expect(html).toMatch(/<figure class="timeline-figure"[\s\S]*<svg[\s\S]*class="highlight-band"/);
  expect(html).toMatch(/<details class="exchanges"><summary>Raw exchanges \(2, redacted\)<\/summary>/);
  const all = ['JS-STATE-001', 'JS-STATE-002', 'JS-SHAPE-001'];
  const conformant = renderHtml(buildResults([record('passed', { requirements: all, exercised: all })], miniCatalog, meta));
  expect(conformant).toContain('<h1>Conformant</h1>');
  expect(conformant).toContain('No requirement failed.');
  const skipped = record('skipped', { requirements: ['JS-SHAPE-001'], skipReason: "needs the simulator's /_sim/ control API" });
  const incomplete = renderHtml(
    buildResults([record('passed', { requirements: all.slice(0, 2), exercised: all.slice(0, 2) }), skipped], miniCatalog, meta),
  );
  expect(incomplete).toContain('class="banner verdict-incomplete"');
  expect(incomplete).toContain('<h1>Incomplete</h1>');
  expect(incomplete).toMatch(
    /<li><a href="#req-JS-SHAPE-001"><code>JS-SHAPE-001<\/code><\/a> skipped: needs the simulator&#39;s \/_sim\/ control API<\/li>/,
  );
});

test('the same finding on many polls of one job is shown once, with the polls it points at', () => {
  const findings = Array.from({ length: 517 }, (_, i) =>
    mustFinding('JS-STATE-003', { message: 'billing is present while the job is running', jobId: 'job-1', pollIndex: i + 3 }),
  );
  const other = mustFinding('JS-STATE-003', { message: 'billing is absent although the job is completed', jobId: 'job-1', pollIndex: 600 });
  const results = buildResults([record('failed', { requirements: ['JS-STATE-003'], findings: [...findings, other] })], miniCatalog, meta);
  const html = renderHtml(results);
  const start = html.indexOf('<section id="failures"');
  const failure = html.slice(start, html.indexOf('</section>', start));
  expect(failure.match(/billing is present while the job is running/g)).toHaveLength(1);
  expect(failure).toContain('polls 3 … 519 (517)');
  expect(failure).toContain('billing is absent although the job is completed');
  expect(failure).toContain('poll 600');
});
