import { test, expect } from '@playwright/test';
import nock from 'nock';
import { iterateFiles } from '../../../src/client/iterate-files.js';
import type { FileStatus } from '../../../src/model/job.js';
import { half, harness, interceptWithNock, target } from './harness.js';
import { completed } from './sample-jobs.js';
import { placeholderBody } from '../../../generators/placeholder.js';

interceptWithNock();

const J = 'job-p';
const files = (...names: string[]): FileStatus[] => names.map((n) => ({ uri: `s3://b/${n}.pdf`, status: 'completed' }));
// Five files in all: a walk that ends must have visited files_total of them (JS-PAGE-004).
const page = (names: string[], next: string | null) =>
  completed(J, {
    files: files(...names),
    files_page: { limit: 2, next_cursor: next },
    progress: { ...completed(J).progress, files_total: 5, files_processed: 5 },
  });

function pages(scope: nock.Scope, answers: [string | null, unknown][]): nock.Scope {
  for (const [cursor, body] of answers) {
    scope
      .get(`/v2/jobs/${J}`)
      .query(cursor === null ? { files_limit: '2' } : { files_limit: '2', files_cursor: cursor })
      .reply(200, body as nock.Body);
  }
  return scope;
}

test('the walk follows next_cursor to the end and yields every file once', async () => {
  const { client } = harness();
  const scope = pages(target(), [
    [null, page(['a', 'b'], 'c1')],
    ['c1', page(['c', 'd'], 'c2')],
    ['c2', page(['e'], null)],
  ]);
  const walk = iterateFiles(client, J, { limit: 2 });
  const uris = (await walk.collect()).map((f) => f.uri);
  expect(uris).toEqual(['a', 'b', 'c', 'd', 'e'].map((n) => `s3://b/${n}.pdf`));
  expect(walk.stopped).toBe('end');
  expect(walk.findings).toEqual([]);
  expect(walk.exchanges).toHaveLength(3);
  expect(walk.pages.map((p) => p.cursor)).toEqual([null, 'c1', 'c2']);
  expect(scope.isDone()).toBe(true);
});

test('a cursor that comes back stops the walk with a JS-PAGE-004 finding instead of looping', async () => {
  const { client } = harness();
  pages(target(), [
    [null, page(['a', 'b'], 'c1')],
    ['c1', page(['c', 'd'], 'c1')],
  ]);
  const walk = iterateFiles(client, J, { limit: 2 });
  expect(await walk.collect()).toHaveLength(4);
  expect(walk.stopped).toBe('repeated-cursor');
  expect(walk.exchanges).toHaveLength(2);
  expect(walk.reason).toBe('next_cursor "c1" on page 1 was already followed');
  expect(walk.findings).toMatchObject([
    { requirement: 'JS-PAGE-004', jobId: J, message: 'next_cursor on page 1 repeats the one of page 0: the walk loops' },
  ]);
});

test('a file listed twice stops the walk with a JS-PAGE-004 finding', async () => {
  const { client } = harness();
  pages(target(), [
    [null, page(['a', 'b'], 'c1')],
    ['c1', page(['c', 'a'], 'c2')],
  ]);
  const walk = iterateFiles(client, J, { limit: 2 });
  expect((await walk.collect()).map((f) => f.uri)).toEqual(['s3://b/a.pdf', 's3://b/b.pdf', 's3://b/c.pdf']);
  expect(walk.stopped).toBe('duplicate-file');
  expect(walk.findings).toMatchObject([{ requirement: 'JS-PAGE-004', message: '1 file(s) listed again: "s3://b/a.pdf" (pages 0 and 1)' }]);
});

test('ever-new cursors are cut at maxPages with a finding', async () => {
  const { client } = harness();
  pages(target(), [
    [null, page(['a'], 'c1')],
    ['c1', page(['b'], 'c2')],
    ['c2', page(['c'], 'c3')],
  ]);
  const walk = iterateFiles(client, J, { limit: 2, maxPages: 3 });
  await walk.collect();
  expect(walk.stopped).toBe('max-pages');
  expect(walk.exchanges).toHaveLength(3);
  expect(walk.findings).toMatchObject([
    { requirement: 'JS-PAGE-004', message: 'the walk did not end: page 2 still names a next_cursor (the walk did not end within 3 pages)' },
  ]);
});

test('a placeholder page is retried on the same cursor after a back-off (virtual clock)', async () => {
  const { client, clock } = harness();
  pages(target(), [
    [null, page(['a', 'b'], 'c1')],
    ['c1', placeholderBody(J)],
    ['c1', page(['c'], null)],
  ]);
  const walk = iterateFiles(client, J, { limit: 2, clock, random: half });
  expect(await walk.collect()).toHaveLength(3);
  expect(walk.stopped).toBe('end');
  expect(walk.exchanges).toHaveLength(3);
  expect(clock.sleeps).toEqual([500]);
});

test('a server-issued cursor answered with a 4xx stops the walk with a finding', async () => {
  const { client } = harness();
  const scope = pages(target(), [[null, page(['a', 'b'], 'c1')]]);
  scope.get(`/v2/jobs/${J}`).query({ files_limit: '2', files_cursor: 'c1' }).reply(422, { detail: 'bad cursor' });
  const walk = iterateFiles(client, J, { limit: 2 });
  expect(await walk.collect()).toHaveLength(2);
  expect(walk.stopped).toBe('http-error');
  expect(walk.findings).toMatchObject([
    {
      requirement: 'JS-PAGE-004',
      message: 'the walk did not end: page 0 still names a next_cursor (page 1 (cursor "c1") answered HTTP 422)',
    },
  ]);
});

test('a 408 is transient, as for waitForJob: the page is retried on the same cursor', async () => {
  const { client, clock } = harness();
  const scope = pages(target(), [[null, page(['a', 'b'], 'c1')]]);
  scope.get(`/v2/jobs/${J}`).query({ files_limit: '2', files_cursor: 'c1' }).reply(408, { detail: 'request timeout' });
  pages(scope, [['c1', page(['c'], null)]]);
  const walk = iterateFiles(client, J, { limit: 2, clock, random: half });
  expect(await walk.collect()).toHaveLength(3);
  expect(walk.stopped).toBe('end');
  expect(walk.exchanges.map((x) => x.status)).toEqual([200, 408, 200]);
});
