// The query endpoint searches: words, not "every document". A non-matching document is left out,
// top_k is honoured, media is found by its transcript, and every answer is a valid QueryResponse.
import { findingsOfCheck } from '../../../src/oracle/judgement.js';
import { test, expect } from '@playwright/test';
import { validate } from '../../../src/contract/schemas.js';
import { checkQueryResponse } from '../../../src/oracle/response-checks.js';
import { search, type IndexedDocument } from '../../../src/simulator/search.js';
import { fileNameWords, tokenize } from '../../../src/simulator/tokenize.js';
import { transcriptOf } from '../../../src/simulator/transcript.js';
import { RERANK_IGNORED } from '../../../src/simulator/routes/query.js';
import { advance, call, indexText, jsonOf, post, startManual, type Sim } from './harness.js';
import { sampleScenario } from './sample-scenario.js';

const doc = (uri: string, text: string, media = false): IndexedDocument => ({
  file: { uri, media, outcome: 'completed' },
  content: text,
  text,
  jobId: 'job-1',
});
const options = { collectionId: 'c1', topK: 10, rerank: false };

test.describe('words', () => {
  test('tokenize lowercases, splits on anything but letters and digits, and drops stop words', () => {
    expect(tokenize('The Quarterly revenue, grew by 12% in Q1!')).toEqual(['quarterly', 'revenue', 'grew', '12', 'q1']);
    expect(tokenize('the of and')).toEqual([]);
  });

  test('file names split on - _ . and camelCase, without the extension', () => {
    expect(fileNameWords('weeklyStandup-2024_final.v2.mp4')).toBe('weekly Standup 2024 final v2');
    expect(fileNameWords('HTMLReport.pdf')).toBe('HTML Report');
  });

  test('a media transcript is its UTF-8 text after an ID3 marker, else the words of its name', () => {
    expect(transcriptOf(new TextEncoder().encode('ID3 the release ships on friday'), 'standup.mp3')).toBe('the release ships on friday');
    expect(transcriptOf(new Uint8Array([0x49, 0x44, 0x33, 0x03, 0x00, 0xff, 0xfe]), 'teamMeeting-notes.mp3')).toBe('team Meeting notes');
    expect(transcriptOf(undefined, 'keynote.mp4')).toBe('keynote');
  });
});

test.describe('ranking (pure)', () => {
  const corpus = [
    doc('s3://b/revenue.txt', 'quarterly revenue grew and revenue targets were met'),
    doc('s3://b/hiring.txt', 'we hired three engineers this quarter'),
    doc('s3://b/costs.txt', 'quarterly costs fell'),
  ];

  test('a document sharing no word with the query is left out; more matches rank higher', () => {
    const results = search('quarterly revenue', corpus, options);
    expect(results.map((r) => r.filename)).toEqual(['revenue.txt', 'costs.txt']);
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
    expect(search('kubernetes', corpus, options)).toEqual([]);
    expect(search('the of', corpus, options)).toEqual([]);
  });

  test('top_k cuts the list, ties fall back to the uri, and the answer is the same every time', () => {
    const twins = [doc('s3://b/b.txt', 'alpha'), doc('s3://b/a.txt', 'alpha'), doc('s3://b/c.txt', 'alpha')];
    expect(search('alpha', twins, { ...options, topK: 2 }).map((r) => r.uri)).toEqual(['s3://b/a.txt', 's3://b/b.txt']);
    expect(search('quarterly revenue', corpus, options)).toEqual(search('quarterly revenue', [...corpus].reverse(), options));
  });

  test('rerank adds a rerank_score in [0, 1] and orders by it', () => {
    const results = search('quarterly revenue', corpus, { ...options, rerank: true });
    const scores = results.map((r) => r.rerank_score!);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(search('quarterly revenue', corpus, options).every((r) => !('rerank_score' in r))).toBe(true);
  });
});

test.describe('POST /v2/collections/{name}/query', () => {
  let sim: Sim;
  test.beforeEach(async () => {
    sim = await startManual();
  });
  test.afterEach(async () => {
    await sim.close();
  });

  const query = async (collection: string, body: Record<string, unknown>) => {
    const answer = await post(sim, `/v2/collections/${collection}/query`, body);
    expect(answer.status, answer.body).toBe(200);
    expect(validate('QueryResponse', answer.json)).toEqual([]);
    expect(findingsOfCheck(checkQueryResponse, answer.json, {})).toEqual([]);
    return jsonOf<{
      search_results: { filename: string; score: number; rerank_score?: number }[];
      total_results: number;
      top_k: number;
      warnings: string[];
    }>(answer);
  };

  test('finds the matching text, leaves out the other, and honours top_k', async () => {
    await indexText(sim, 'docs', 'The quarterly revenue grew by 12 percent', 'q1.txt');
    await indexText(sim, 'docs', 'Quarterly planning notes', 'plan.txt');
    await indexText(sim, 'docs', 'Holiday rota for December', 'rota.txt');
    await advance(sim, 60);
    const answer = await query('docs', { query: 'quarterly revenue' });
    expect(answer.search_results.map((r) => r.filename)).toEqual(['q1.txt', 'plan.txt']);
    expect(answer).toMatchObject({ total_results: 2, top_k: 10, warnings: [] });
    expect((await query('docs', { query: 'quarterly revenue', top_k: 1 })).search_results.map((r) => r.filename)).toEqual(['q1.txt']);
    expect((await query('docs', { query: 'holiday' })).search_results.map((r) => r.filename)).toEqual(['rota.txt']);
    expect((await query('docs', { query: 'kubernetes' })).total_results).toBe(0);
  });

  test('an uploaded recording is found by what is said in it once its file is processed, labelled as audio', async () => {
    await call(sim, 'PUT', '/v2/collections/media');
    const form = new FormData();
    form.append('files', new Blob(['ID3 standup recording: the release ships on friday']), 'standup.mp3');
    form.append('files', new Blob([new Uint8Array([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0xff])]), 'boardMeeting.mp3');
    expect((await call(sim, 'POST', '/v2/collections/media/index/file', { raw: form })).status).toBe(200);
    expect((await query('media', { query: 'release ships friday' })).total_results).toBe(0); // nothing processed yet
    await advance(sim, 60);
    const spoken = await query('media', { query: 'release ships friday', rerank: true });
    expect(spoken.search_results).toMatchObject([
      { filename: 'standup.mp3', content: '[Audio: standup.mp3]', rerank_score: expect.any(Number) },
    ]);
    expect((await query('media', { query: 'board meeting' })).search_results.map((r) => r.filename)).toEqual(['boardMeeting.mp3']);
  });

  test('rerank false on a collection holding media is reranked anyway, with a warning; a non-boolean rerank is 422', async () => {
    await post(
      sim,
      '/_sim/scenarios',
      sampleScenario({
        jobType: 'index_s3_file',
        collection: 'videos',
        files: [{ uri: 's3://m/keynote.mp4', media: true, outcome: 'completed' }],
      }),
    );
    await advance(sim, 30);
    const answer = await query('videos', { query: 'keynote', rerank: false });
    expect(answer.warnings).toEqual([RERANK_IGNORED]);
    expect(answer.search_results[0]).toMatchObject({ filename: 'keynote.mp4', rerank_score: expect.any(Number) });
    expect((await query('videos', { query: 'keynote' })).warnings).toEqual([]);
    expect((await post(sim, '/v2/collections/videos/query', { query: 'keynote', rerank: 'yes' })).status).toBe(422);
  });
});
