// The routes the vendor's own clients call, served with their documented shapes: the v3 query (found by
// the words of a text and by a media sample's transcript), the DELETE cancel, the collection, document
// and job lists, v2's inference answer, and a 404 for an unknown route that no client can take for a
// missing collection. Every answer validates against the spec's schema for its route.
import { test, expect } from '@playwright/test';
import { validate, type SchemaName } from '../../../src/contract/schemas.js';
import { advance, call, indexText, jsonOf, post, startManual, type Answer, type Sim } from './harness.js';

interface V3Result {
  chunk_id: string;
  text: string;
  document: { id: string; filename: string; source: { type: string; uri: string } };
}

function valid(answer: Answer, schema: SchemaName): void {
  expect(answer.status, answer.body).toBe(200);
  expect(validate(schema, answer.json), `${schema}: ${answer.body}`).toEqual([]);
}

test.describe('v3 query', () => {
  let sim: Sim;
  test.beforeEach(async () => {
    sim = await startManual();
  });
  test.afterEach(async () => {
    await sim.close();
  });

  test('finds an indexed text by its words, names its document and source, and leaves out what shares no word', async () => {
    await indexText(sim, 'docs', 'quarterly revenue grew by twelve percent', 'q1.txt');
    await indexText(sim, 'docs', 'three engineers joined', 'hiring.txt');
    await advance(sim, 60);
    const answer = await post(sim, '/v3/collections/docs/query', { query: 'quarterly revenue', limit: 5, include: { document: true } });
    valid(answer, 'QueryResponseV3');
    const body = jsonOf<{ results: V3Result[]; total_results: number; limit: number }>(answer);
    expect(body.results.map((r) => r.document.filename)).toEqual(['q1.txt']);
    expect(body.results[0]).toMatchObject({
      text: 'quarterly revenue grew by twelve percent',
      document: { source: { type: 'upload', uri: expect.stringMatching(/q1\.txt$/) } },
    });
    expect(body.results[0]!.chunk_id.startsWith(body.results[0]!.document.id)).toBe(true);
    expect(body).toMatchObject({ total_results: 1, limit: 5 });
  });

  test("finds a media file by its transcript while its job still runs, and gives the transcript as the chunk's text", async () => {
    await call(sim, 'PUT', '/v2/collections/media');
    const form = new FormData();
    form.append('files', new Blob(['ID3 the release ships on friday']), 'standup.mp3');
    expect((await call(sim, 'POST', '/v2/collections/media/index/file', { raw: form })).status).toBe(200);
    const ask = () => post(sim, '/v3/collections/media/query', { query: 'release friday', rerank: true });
    expect(jsonOf<{ results: unknown[] }>(await ask()).results).toEqual([]); // nothing heard yet
    await advance(sim, 3600);
    const answer = await ask();
    valid(answer, 'QueryResponseV3');
    expect(jsonOf<{ results: V3Result[] }>(answer).results).toMatchObject([
      { text: 'the release ships on friday', modality: 'audio', document: { filename: 'standup.mp3' } },
    ]);
  });

  test('a bad body is a 400 (the documented error), a missing collection a 404 that names it', async () => {
    await call(sim, 'PUT', '/v2/collections/docs');
    for (const body of [{}, { query: '' }, { query: 'x', limit: 0 }, { query: 'x', limit: 101 }, { query: '   ' }]) {
      const answer = await post(sim, '/v3/collections/docs/query', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(validate('Error', answer.json)).toEqual([]);
    }
    const missing = await post(sim, '/v3/collections/nope/query', { query: 'x' });
    expect([missing.status, jsonOf<{ detail: string }>(missing).detail]).toEqual([404, "Collection 'nope' not found"]);
  });

  test('with the v2 query retired, v2 answers a plain route 404 and v3 still serves', async () => {
    const v3only = await startManual({ v2Query: false });
    try {
      await indexText(v3only, 'docs', 'alpha beta', 'a.txt');
      await advance(v3only, 60);
      const v2 = await post(v3only, '/v2/collections/docs/query', { query: 'alpha' });
      expect([v2.status, v2.json]).toEqual([404, { detail: 'Not Found' }]);
      const v3 = await post(v3only, '/v3/collections/docs/query', { query: 'alpha' });
      expect(jsonOf<{ results: unknown[] }>(v3).results).toHaveLength(1);
    } finally {
      await v3only.close();
    }
  });
});

test.describe('v2 query with inference', () => {
  test('adds a summary (and its alias response) and the relevant documents, scored 0..1', async () => {
    const sim = await startManual();
    try {
      await indexText(sim, 'docs', 'quarterly revenue grew', 'q1.txt');
      await advance(sim, 60);
      const answer = await post(sim, '/v2/collections/docs/query', { query: 'revenue', inference: true, stream: false });
      valid(answer, 'QueryResponse');
      const body = jsonOf<{ summary: string; response: string; relevant_documents: { filename: string; relevancy_score: number }[] }>(
        answer,
      );
      expect(body.summary).toContain('q1.txt');
      expect(body.response).toBe(body.summary);
      expect(body.relevant_documents).toMatchObject([{ filename: 'q1.txt', relevancy_score: 1 }]);
      const plain = jsonOf<Record<string, unknown>>(await post(sim, '/v2/collections/docs/query', { query: 'revenue' }));
      expect(plain).not.toHaveProperty('summary');
    } finally {
      await sim.close();
    }
  });
});

test.describe('DELETE cancel', () => {
  test('cancels a running job with the cancel response; the job then reads cancelled, and a finished one is left as it is', async () => {
    const sim = await startManual();
    try {
      const jobId = await indexText(sim, 'docs', 'alpha', 'a.txt');
      const answer = await call(sim, 'DELETE', `/v2/jobs/${jobId}`);
      valid(answer, 'CancelResponse');
      expect(answer.json).toMatchObject({ job_id: jobId, status: 'cancelled' });
      expect(jsonOf<{ status: string }>(await call(sim, 'GET', `/v2/jobs/${jobId}`)).status).toBe('cancelled');
      const again = await call(sim, 'DELETE', `/v2/jobs/${jobId}`);
      expect(again.json).toMatchObject({ status: 'cancelled' });
      expect((await call(sim, 'DELETE', '/v2/jobs/job-unknown')).status).toBe(404);
    } finally {
      await sim.close();
    }
  });

  test('the vendor-variant dialect deletes the job as well: it then reads 404', async () => {
    const sim = await startManual({ dialect: 'vendor-variant' });
    try {
      const jobId = await indexText(sim, 'docs', 'alpha', 'a.txt');
      valid(await call(sim, 'DELETE', `/v2/jobs/${jobId}`), 'CancelResponse');
      expect((await call(sim, 'GET', `/v2/jobs/${jobId}`)).status).toBe(404);
    } finally {
      await sim.close();
    }
  });
});

test.describe('lists and deletes', () => {
  let sim: Sim;
  test.beforeEach(async () => {
    sim = await startManual();
  });
  test.afterEach(async () => {
    await sim.close();
  });

  test('collections, documents (v2 and v3) and jobs are listed in their documented shapes', async () => {
    const first = await indexText(sim, 'docs', 'alpha', 'a.txt');
    const second = await indexText(sim, 'docs', 'beta', 'b.txt');
    await advance(sim, 60);
    const collections = await call(sim, 'GET', '/v2/collections');
    valid(collections, 'CollectionList');
    expect(collections.json).toMatchObject({
      collections: [{ collection_name: 'docs', database_name: 'docs', file_count: 2 }],
      total_count: 1,
    });
    for (const version of ['v2', 'v3']) {
      const documents = await call(sim, 'GET', `/${version}/collections/docs/documents?limit=1&offset=1`);
      valid(documents, 'DocumentList');
      expect(documents.json).toMatchObject({
        documents: [{ filename: 'b.txt' }],
        total_count: 2,
        limit: 1,
        offset: 1,
        collection_name: 'docs',
      });
    }
    const jobs = await call(sim, 'GET', '/v2/jobs?collection=docs&status=completed');
    valid(jobs, 'JobList');
    expect(jsonOf<{ jobs: { job_id: string }[] }>(jobs).jobs.map((j) => j.job_id)).toEqual([second, first]);
    expect((await call(sim, 'GET', '/v2/jobs?limit=0')).status).toBe(422);
    expect((await call(sim, 'GET', '/v2/collections/docs/documents?limit=1001')).status).toBe(422);
  });

  test('a deleted document leaves the query and the list, a wipe empties both, and indexing again brings it back', async () => {
    await indexText(sim, 'docs', 'alpha', 'a.txt');
    await indexText(sim, 'docs', 'alpha beta', 'b.txt');
    await advance(sim, 60);
    const found = async () =>
      jsonOf<{ results: V3Result[] }>(await post(sim, '/v3/collections/docs/query', { query: 'alpha' })).results.map(
        (r) => r.document.filename,
      );
    expect(await found()).toEqual(['a.txt', 'b.txt']);
    const listed = jsonOf<{ documents: { file_id: string; filename: string }[] }>(await call(sim, 'GET', '/v2/collections/docs/documents'));
    const a = listed.documents.find((d) => d.filename === 'a.txt')!;
    valid(await call(sim, 'DELETE', `/v2/collections/docs/documents/${a.file_id}`), 'DeleteCollectionResponse');
    expect(await found()).toEqual(['b.txt']);
    const gone = await call(sim, 'DELETE', `/v2/collections/docs/documents/${a.file_id}`);
    expect([gone.status, jsonOf<{ detail: string }>(gone).detail]).toEqual([404, `Document '${a.file_id}' not found in collection 'docs'`]);
    const wiped = await call(sim, 'DELETE', '/v2/collections/docs/documents');
    valid(wiped, 'WipeDocumentsResponse');
    expect(wiped.json).toMatchObject({ success: true, documents_deleted: 1 });
    expect(await found()).toEqual([]);
    await indexText(sim, 'docs', 'alpha again', 'a.txt');
    await advance(sim, 60);
    expect(await found()).toEqual(['a.txt']);
  });

  test("an unknown route's 404 says Not Found; a missing collection's, job's or document's names what is missing", async () => {
    const unknown = await call(sim, 'GET', '/v2/collectionz');
    expect([unknown.status, unknown.json]).toEqual([404, { detail: 'Not Found' }]);
    const answers = await Promise.all([
      call(sim, 'GET', '/v2/collections/nope/documents'),
      call(sim, 'DELETE', '/v2/collections/nope'),
      call(sim, 'DELETE', '/v2/collections/nope/documents'),
      post(sim, '/v2/collections/nope/query', { query: 'x' }),
      call(sim, 'GET', '/v2/jobs/job-unknown'),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(jsonOf<{ detail: string }>(answer).detail).not.toBe('Not Found');
    }
  });
});
