import { requirements } from '../../src/report/evidence.js';
import { classify } from '../../src/oracle/index.js';
import { test, expect } from './support/fixtures.js';
import { files, scenario } from './support/scenarios.js';

const MANY_FILES = 520; // more than the largest page, so that even files_limit=500 takes two pages

test.describe('pagination: files_limit and files_cursor', () => {
  let jobId: string;

  test.beforeEach(async ({ sim, collection, conformance }) => {
    jobId = await sim.play(scenario(collection, { files: files(MANY_FILES, (i) => (i % 50 === 7 ? { outcome: 'skipped' } : {})), stageSeconds: [1, 1, 1, 1, 1, 1] }));
    expect((await conformance.waitFor(jobId))?.outcome).toBe('terminal');
  });

  for (const limit of [1, 7, 50, 500]) {
    test(`a walk with files_limit=${limit} visits each of ${MANY_FILES} files once and ends`, requirements('JS-PAGE-001', 'JS-PAGE-004', 'JS-PAGE-006'), async ({ conformance }) => {
      const walk = await conformance.walkFiles(jobId, limit, MANY_FILES + 10);
      expect(walk.stopped).toBe('end');
      expect(new Set(walk.pages.flatMap((p) => p.files.map((f) => f.uri))).size).toBe(MANY_FILES);
      expect(walk.pages).toHaveLength(Math.ceil(MANY_FILES / limit));
      await conformance.expectConforms();
    });
  }

});

test.describe('pagination on any target: a job of 60 URLs', () => {
  const URLS = 60; // more than the default page of 50
  let jobId: string;

  test.beforeEach(async ({ api, collection, conformance, target }) => {
    const urls = Array.from({ length: URLS }, (_, i) => `https://example.com/conformance/${target.runId}/page-${i}.html`);
    const created = await api.indexUrl(collection, { urls, processing_type: 'basic' });
    expect(created.ok, `index/url answered HTTP ${created.exchange.status}`).toBe(true);
    jobId = created.json!.job_id;
    // Whichever end it reaches (its URLs may fail to fetch): the pages are what these tests judge.
    await conformance.waitFor(jobId);
  });

  test('without files_limit a page holds at most the default 50 files and the walk visits every file once', requirements('JS-PAGE-002', 'JS-PAGE-004', 'JS-PAGE-006'), async ({ conformance }) => {
    // The oracle judges each page (at most 50) and the walk (each file once, all files_total of them).
    await conformance.walkFiles(jobId, undefined);
    await conformance.expectConforms();
  });

  for (const limit of ['0', '501', '-1', 'ten']) {
    test(`files_limit=${limit} is rejected with a 4xx`, requirements('JS-PAGE-003', 'JS-ERR-003'), async ({ api, conformance }) => {
      const answer = await api.request('GET', `/v2/jobs/${jobId}`, { query: { files_limit: limit } });
      conformance.judgeOther(answer.exchange, { jobId });
      const status = answer.exchange.status;
      conformance.judge('JS-PAGE-003', status >= 400 && status < 500, `files_limit=${limit} was answered ${status}`, { jobId, exchange: answer.exchange });
      await conformance.expectConforms();
    });
  }

  test('a cursor the server never issued is rejected with a 4xx or ignored, never a 5xx or an invalid page', requirements('JS-PAGE-005', 'JS-ERR-003'), async ({ conformance }) => {
    const first = await conformance.snapshot(jobId, { filesLimit: 7 });
    const issued = first?.files_page?.next_cursor;
    const tampered = typeof issued === 'string' && issued.length > 2 ? [`${issued.slice(0, -2)}${issued.endsWith('A') ? 'B' : 'A'}${issued.slice(-1)}`] : [];
    for (const cursor of ['not-a-cursor', ...tampered, '%00', 'x'.repeat(4096)]) {
      // Polled into the job's timeline: an ignored cursor's page is judged like every other page.
      const { exchange } = await conformance.poll(jobId, { filesLimit: 7, filesCursor: cursor });
      conformance.judgeOther(exchange, { jobId });
      const status = exchange.status;
      const validPage = status === 200 && classify(exchange).kind !== 'malformed';
      conformance.judge('JS-PAGE-005', (status >= 400 && status < 500) || validPage, `files_cursor ${JSON.stringify(cursor.slice(0, 40))} was answered ${status}`, { jobId, exchange });
    }
    await conformance.expectConforms();
  });
});
