import { requirements } from '../../src/evidence/attach.js';
import { matchesFile } from '../../src/client/file-match.js';
import type { JobSnapshot } from '../../src/model/job.js';
import { isRunningLike, type KnownStatus } from '../../src/model/status.js';
import { settings } from '../../src/settings/settings.js';
import { test, expect } from './support/fixtures.js';
import { JOB_BUDGET_SECONDS } from './support/pace.js';
import { scenario } from './support/scenarios.js';

// A real sample the deployment can fetch, and words spoken in it: without them a real target's media tests are
// skipped, never faked with bytes no transcriber can hear.
const { mediaUrl: MEDIA_URL, mediaQuery: MEDIA_QUERY, queryVersion: QUERY_VERSION } = settings();
/** How long the sample may take to become searchable, in the target's seconds. */
const MEDIA_BUDGET_SECONDS = settings().mediaBudgetSeconds;
/** What the simulator hears in an uploaded UTF-8 "recording" (src/simulator/transcript.ts). */
const SIM_TRANSCRIPT = 'ID3 standup recording: the release ships on friday';
const SIM_QUERY = 'release ships friday';

test.describe('media: status lags, the query endpoint does not', () => {
  test(
    'a media file becomes queryable (rerank true, v3 first) within the media budget, whatever the job status says',
    requirements('JS-MEDIA-001', 'JS-MEDIA-002', 'JS-MEDIA-003', 'JS-MEDIA-004', 'JS-MEDIA-005'),
    async ({ api, collection, conformance, target }) => {
      const sample = MEDIA_URL && MEDIA_QUERY ? { url: MEDIA_URL, query: MEDIA_QUERY } : undefined;
      test.skip(
        !sample && !target.control?.extensions.includes('scenarios'),
        `no media sample: set CONFORMANCE_MEDIA_URL (an audio or video file ${target.baseUrl} can fetch) and CONFORMANCE_MEDIA_QUERY (words spoken in it)`,
      );
      let jobId: string;
      let match: string;
      let query: string;
      let budgetSeconds: number;
      if (sample) {
        const created = await api.indexUrl(collection, { urls: [sample.url], processing_type: 'advanced' });
        expect(created.ok, `index/url answered ${created.exchange.status}: ${created.exchange.body.slice(0, 200)}`).toBe(true);
        [jobId, match, query, budgetSeconds] = [created.json!.job_id, sample.url, sample.query, MEDIA_BUDGET_SECONDS];
      } else {
        // The simulator's transcript of an upload is its UTF-8 text: the words below are "spoken" in it.
        const name = `standup-${target.runId}.mp3`;
        const created = await api.indexFile(collection, [{ name, content: SIM_TRANSCRIPT, type: 'audio/mpeg' }]);
        expect(created.ok, `index/file answered ${created.exchange.status}`).toBe(true);
        [jobId, match, query, budgetSeconds] = [created.json!.job_id, name, SIM_QUERY, JOB_BUDGET_SECONDS];
      }
      const result = await conformance.waitFor(jobId, {
        deadlineMs: conformance.ms(budgetSeconds),
        fallback: { collection, query, match, media: true, stuckAfterMs: conformance.ms(sample ? 60 : 1), version: QUERY_VERSION },
      });
      expect(result, 'the media content became queryable or the job ended').toBeDefined();
      // Visible through either version holds it; each answer was judged against its own version's schema.
      const answers = await conformance.queryMedia(collection, query, QUERY_VERSION);
      const proof = answers.find((a) => a.hits.some((hit) => matchesFile(hit, match)));
      const asked = answers.map((a) => `${a.version} HTTP ${a.exchange.status}`).join(', ') || 'no query version served';
      conformance.judge(
        'JS-MEDIA-002',
        proof !== undefined,
        `no query result for ${JSON.stringify(query)} names ${match} after the job (${asked})`,
        {
          jobId,
          ...(answers.length > 0 ? { exchange: (proof ?? answers[0]!).exchange } : {}),
        },
      );
      if (proof) conformance.note(`JS-MEDIA-002 proved through POST /${proof.version}/collections/{name}/query`);
      await conformance.expectConforms();
    },
  );

  test(
    'a video job that stays running with progress null for ten minutes is found through the query fallback',
    requirements('JS-MEDIA-001', 'JS-MEDIA-002', 'JS-MEDIA-003', 'JS-MEDIA-004'),
    async ({ sim, collection, conformance }) => {
      const uri = 's3://conformance/keynote.mp4';
      const jobId = await sim.play(scenario(collection, { files: [{ uri, media: true, outcome: 'completed' }], mediaLagSeconds: 600 }));
      // A 429 or a placeholder may answer any poll: a lag never seen leaves JS-MEDIA-002 unexercised here, not failed.
      const lagging = (s: JobSnapshot) => s.status === 'running' && s.progress === null;
      if (!(await conformance.reach(jobId, lagging, 'running with progress null', ['JS-MEDIA-002']))) return conformance.expectConforms();
      const result = await conformance.waitFor(jobId, {
        fallback: { collection, query: 'keynote', match: uri, stuckAfterMs: conformance.ms(5), version: QUERY_VERSION },
      });
      // The job may lawfully end before the poller asks the query (429s' Retry-After or placeholders can hold it past
      // the lag): the fallback was then not exercised here, which is no failure. Asked and not found is one.
      if (result?.outcome === 'terminal' && !result.exchanges.some((e) => /\/query$/.test(e.request.url))) {
        conformance.cannotJudge(`the job ended ${result.status} before the poller asked the query endpoint`, 'JS-MEDIA-002', false);
        return conformance.expectConforms();
      }
      conformance.judge(
        'JS-MEDIA-002',
        result?.outcome === 'indexed-via-query',
        `the lagging video was not found through the query (${result?.outcome ?? 'no result'})`,
        { jobId },
      );
      if (result?.outcome === 'indexed-via-query') {
        // Placeholders or 429s may have answered every status read of this wait: then the poller saw no status at all.
        const seen = result.status;
        expect(seen === undefined || isRunningLike(seen as KnownStatus), `the fallback concluded on a job last seen ${seen}`).toBe(true);
        conformance.judgeQuery(result.queryExchange, JSON.parse(result.queryExchange.body), result.via);
        conformance.note(`JS-MEDIA-002 proved through POST /${result.via}/collections/{name}/query (the reference poller's fallback)`);
      }
      await conformance.expectConforms();
    },
  );
});
