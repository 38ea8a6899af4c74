import { requirements } from '../../src/report/evidence.js';
import { test, expect } from './support/fixtures.js';
import { scenario } from './support/scenarios.js';

test.describe('media: status lags, the query endpoint does not', () => {
  test(
    'an uploaded audio file becomes queryable within the media budget, whatever the job status says',
    requirements('JS-MEDIA-001', 'JS-MEDIA-002', 'JS-MEDIA-003', 'JS-MEDIA-004'),
    async ({ api, collection, conformance, target }) => {
      const name = `standup-${target.runId}.mp3`;
      const created = await api.indexFile(collection, [{ name, content: 'ID3 standup recording: the release ships on friday', type: 'audio/mpeg' }]);
      expect(created.ok, `index/file answered ${created.exchange.status}`).toBe(true);
      const jobId = created.json!.job_id;
      const result = await conformance.waitFor(jobId, { fallback: { collection, query: 'release ships friday', match: name, media: true, stuckAfterMs: conformance.ms(1) } });
      expect(result, 'the media content became queryable or the job ended').toBeDefined();
      const answer = await api.query(collection, { query: 'release ships friday', top_k: 10, rerank: true });
      conformance.judgeQuery(answer.exchange, answer.json);
      const found = answer.json?.search_results?.some((r) => r.filename === name) ?? false;
      conformance.judge('JS-MEDIA-002', found, `no search result names ${name} after the job (HTTP ${answer.exchange.status})`, { jobId, exchange: answer.exchange });
      await conformance.expectConforms();
    },
  );

  test(
    'a video job that stays running with progress null for ten minutes is found through the query fallback',
    requirements('JS-MEDIA-001', 'JS-MEDIA-002', 'JS-MEDIA-003', 'JS-MEDIA-004'),
    async ({ sim, collection, conformance }) => {
      const uri = 's3://conformance/keynote.mp4';
      const jobId = await sim.play(scenario(collection, { files: [{ uri, media: true, outcome: 'completed' }], mediaLagSeconds: 600 }));
      expect(await conformance.waitUntil(jobId, (s) => s.status === 'running' && s.progress === null), 'the status lags: running, progress null').toBe(true);
      const result = await conformance.waitFor(jobId, { fallback: { collection, query: 'keynote', match: uri, stuckAfterMs: conformance.ms(5) } });
      conformance.judge('JS-MEDIA-002', result?.outcome === 'indexed-via-query', `the lagging video was not found through the query (${result?.outcome ?? 'no result'})`, { jobId });
      expect(result?.outcome === 'indexed-via-query' && result.status).toBe('running');
      if (result?.outcome === 'indexed-via-query') conformance.judgeQuery(result.queryExchange, JSON.parse(result.queryExchange.body));
      await conformance.expectConforms();
    },
  );
});
