import { requirements } from '../../src/evidence/attach.js';
import { classify } from '../../src/oracle/classify.js';
import { test, expect, MANY_FILES } from './support/fixtures.js';

// Every job here is created once per worker and shared (worker-scoped fixtures): a page walk only reads.
test.describe('pagination: files_limit and files_cursor', () => {
  for (const limit of [1, 7, 50, 500]) {
    test(
      `a walk with files_limit=${limit} visits each of ${MANY_FILES} files once and ends`,
      requirements('JS-PAGE-001', 'JS-PAGE-004', 'JS-PAGE-006'),
      async ({ sim, manyFilesJob, conformance }) => {
        void sim; // skips this test on a target without the control API
        const jobId = manyFilesJob!;
        expect((await conformance.waitFor(jobId))?.outcome).toBe('terminal');
        const walk = await conformance.walkFiles(jobId, limit, MANY_FILES + 10);
        expect(walk.stopped).toBe('end');
        expect(new Set(walk.pages.flatMap((p) => p.files.map((f) => f.uri))).size).toBe(MANY_FILES);
        // A walk may end with an empty page that has no next_cursor: the pages that hold files are what the limit decides.
        expect(walk.pages.filter((p) => p.files.length > 0).length).toBeGreaterThanOrEqual(Math.ceil(MANY_FILES / limit));
        await conformance.expectConforms();
      },
    );
  }
});

test.describe('pagination on any target: one job of a dozen uploaded files, shared by these tests', () => {
  let jobId: string;

  test.beforeEach(async ({ pagedJob, conformance }) => {
    expect(pagedJob.jobId, `the shared job could not be created: ${pagedJob.problem}`).toBeDefined();
    jobId = pagedJob.jobId!;
    // Whichever end it reaches: the pages are what these tests judge. Once finished, this is one poll.
    await conformance.waitFor(jobId);
  });

  for (const limit of [1, 5]) {
    test(
      `files_limit=${limit}: every page holds at most ${limit} files and the walk visits every file once`,
      requirements('JS-PAGE-001', 'JS-PAGE-004', 'JS-PAGE-006'),
      async ({ pagedJob, conformance }) => {
        // The oracle judges each page (at most files_limit, files_page.limit equal to it) and the walk as a whole.
        const walk = await conformance.walkFiles(jobId, limit, pagedJob.files + 5);
        expect(walk.stopped).toBe('end');
        await conformance.expectConforms();
      },
    );
  }

  test(
    'without files_limit each page of the 12-file job is judged against the default limit of 50, and the walk visits every file once',
    requirements('JS-PAGE-002', 'JS-PAGE-004', 'JS-PAGE-006'),
    async ({ conformance }) => {
      // The oracle judges each page (at most 50) and the walk (each file once, all files_total of them).
      await conformance.walkFiles(jobId, undefined);
      await conformance.expectConforms();
    },
  );

  for (const limit of ['0', '501', '-1', 'ten']) {
    test(`files_limit=${limit} is rejected with a 4xx`, requirements('JS-PAGE-003', 'JS-ERR-003'), async ({ api, conformance }) => {
      const answer = await api.request('GET', `/v2/jobs/${jobId}`, { query: { files_limit: limit } });
      conformance.judgeOther(answer.exchange, { jobId });
      const status = answer.exchange.status;
      conformance.judge('JS-PAGE-003', status >= 400 && status < 500, `files_limit=${limit} was answered ${status}`, {
        jobId,
        exchange: answer.exchange,
      });
      await conformance.expectConforms();
    });
  }

  test(
    'a cursor the server never issued is rejected with a 4xx or ignored, never a 5xx or an invalid page',
    requirements('JS-PAGE-005', 'JS-ERR-003'),
    async ({ conformance }) => {
      const first = await conformance.snapshot(jobId, { filesLimit: 7 });
      const issued = first?.files_page?.next_cursor;
      const tampered =
        typeof issued === 'string' && issued.length > 2
          ? [`${issued.slice(0, -2)}${issued.endsWith('A') ? 'B' : 'A'}${issued.slice(-1)}`]
          : [];
      for (const cursor of ['not-a-cursor', ...tampered, '%00', 'x'.repeat(4096)]) {
        // Polled into the job's timeline: an ignored cursor's page is judged like every other page.
        const { exchange } = await conformance.poll(jobId, { filesLimit: 7, filesCursor: cursor });
        conformance.judgeOther(exchange, { jobId });
        const status = exchange.status;
        const validPage = status === 200 && classify(exchange).kind !== 'malformed';
        conformance.judge(
          'JS-PAGE-005',
          (status >= 400 && status < 500) || validPage,
          `files_cursor ${JSON.stringify(cursor.slice(0, 40))} was answered ${status}`,
          { jobId, exchange },
        );
      }
      await conformance.expectConforms();
    },
  );
});
