// The oracle's specification by example: for every requirement the oracle judges, answers that
// keep it, answers that break it, and the lawful variations a real deployment may show (docs/ARCHITECTURE.md, "What the oracle judges")
// that must never give a MUST finding. requirements.spec.ts turns each into a test, and fails when an
// oracle-judged requirement of the catalog has no example either way.
import { findingsOfCheck } from '../../../src/oracle/judgement.js';
import {
  checkCancelAnswer,
  checkCancelResponse,
  checkQueryAnswer,
  checkQueryResponse,
  checkQueryResponseV3,
} from '../../../src/oracle/response-checks.js';
import { checkHiddenLag, checkWaitDeadline, checkWaitEnded, checkWaitRejected, type Liveness } from '../../../src/oracle/wait-checks.js';
import { checkCancelServed, checkLegacyQueryServed, type CancelWay } from '../../../src/oracle/route-checks.js';
import { exchangeOf } from '../../../src/oracle/exchange.js';
import type { QueryVersionChoice } from '../../../src/model/query-version.js';
import { checkFilesWalk } from '../../../src/oracle/page-checks.js';
import { judgeTimeline } from '../../../src/oracle/judge.js';
import type { Finding } from '../../../src/oracle/finding.js';
import type { Timeline } from '../../../src/oracle/observation.js';
import type { JobSnapshot } from '../../../src/model/job.js';
import { job, JOB_ID, laggingMediaJob, placeholder, poll, timeline } from './sample-jobs.js';
import { classify } from '../../../src/oracle/classify.js';

export interface Example {
  title: string;
  findings: () => Finding[];
}

export interface RequirementExamples {
  holds: Example[];
  /** What the vendor allows but our simulator does not do: no MUST finding at all (a SHOULD may warn). */
  lawful?: Example[];
  breaks: Example[];
}

const judge = (t: Timeline, filesLimit?: number) => judgeTimeline(t, { jobId: JOB_ID, filesLimit });
const polls =
  (...bodies: unknown[]) =>
  () =>
    judge(timeline(...bodies));
const answer =
  (body: unknown, status: number, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  () =>
    judge([classify(poll(body, { status, headers }), 0)]);

/** A timeline of answers: bodies (a 200 each) or exchanges already recorded (a 429, a 404...). */
const answers = (...items: unknown[]): Timeline => items.map((item, i) => classify(isExchange(item) ? item : poll(item), i));
const isExchange = (item: unknown): item is ReturnType<typeof poll> =>
  typeof item === 'object' && item !== null && 'request' in item && 'receivedAt' in item;
const limited = poll({ detail: 'Too many requests' }, { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '2' } });
/** What the oracle says of a whole wait that ended (the job's end, or its content found). */
const waitEnded =
  (liveness: Liveness, ...items: unknown[]) =>
  () =>
    findingsOfCheck(checkWaitEnded, answers(...items), liveness);
/** What the oracle says of a wait that ran out of time on these answers. */
const waitTimedOut =
  (liveness: Liveness, ...items: unknown[]) =>
  () =>
    findingsOfCheck(checkWaitDeadline, answers(...items), liveness, 'the deadline of 60 s passed', { jobId: JOB_ID });
/** A media wait concluded through the query endpoint after these status answers. */
const foundThroughQuery =
  (...items: unknown[]) =>
  () =>
    findingsOfCheck(checkHiddenLag, answers(...items), { jobId: JOB_ID });

/** A wait the poll step gave up on: the status endpoint answered `status` for the job the API created. */
const waitRejected = (status: number, why?: string) => () => findingsOfCheck(checkWaitRejected, status, why, { jobId: JOB_ID });
/** A cancel's answer, that way, with this status and body. */
const cancelAnswered = (way: CancelWay, status: number, body: unknown) => () =>
  findingsOfCheck(
    checkCancelServed,
    way,
    exchangeOf(body, { status, method: way, url: way === 'POST' ? `/v2/jobs/${JOB_ID}/cancel` : `/v2/jobs/${JOB_ID}` }),
    {},
  );
const cancelled = { job_id: JOB_ID, status: 'cancelled', message: 'Job cancelled', cancelled_at: '2026-11-28T12:00:30Z' };
/** The legacy v2 query's answer, asked with `choice`, after v3 was served or not. */
const legacyQueryAnswered = (choice: QueryVersionChoice, v3Served: boolean, status: number, body: unknown) => () =>
  findingsOfCheck(
    checkLegacyQueryServed,
    exchangeOf(body, { status, method: 'POST', url: '/v2/collections/docs/query' }),
    { choice, v3Served },
    {},
  );

const page = (files: string[], next: string | null, extra: Partial<JobSnapshot> = {}): JobSnapshot =>
  job('completed', {
    files: files.map((uri) => ({ uri, status: 'completed' })),
    files_page: { limit: 2, next_cursor: next, total_estimated: 3 },
    progress: { current_stage: 'finalizing', files_total: 3, files_processed: 3, files_failed: 0, files_skipped: 0, elapsed_seconds: 28 },
    ...extra,
  });

const v3Result = {
  chunk_id: 'doc-9:0',
  text: 'welcome to the course',
  score: 0.9,
  document: { id: 'doc-9', filename: 'intro.mp4', source: { type: 's3', uri: 's3://media/intro.mp4' } },
};
const searchResult = { score: 0.82, content: '[Video: intro.mp4]', document_id: 'doc_1', filename: 'intro.mp4', chunk_index: 0 };

export const EXAMPLES: Record<string, RequirementExamples> = {
  'JS-SHAPE-001': {
    holds: [{ title: 'a running snapshot with every documented field', findings: polls(job('running')) }],
    breaks: [
      {
        title: 'files_total given as a string',
        findings: polls(job('running', { progress: { ...job('running').progress, files_total: '2' } })),
      },
      { title: 'status missing', findings: polls(job('running', { status: undefined })) },
    ],
  },
  'JS-SHAPE-002': {
    holds: [{ title: 'snapshot and placeholder name the requested job', findings: polls(job('running'), placeholder()) }],
    breaks: [
      { title: 'a snapshot of another job', findings: polls(job('running', { job_id: 'job_other' })) },
      { title: 'a placeholder for another job', findings: polls(placeholder({ job_id: 'job_other' })) },
    ],
  },
  'JS-SHAPE-003': {
    holds: [{ title: 'completed_with_failures, named by the seed and the SDK', findings: polls(job('completed_with_failures')) }],
    lawful: [
      {
        title: 'the vendor final status completed_with_errors (a SHOULD, JS-SHAPE-007)',
        findings: polls(job('running'), job('completed', { status: 'completed_with_errors', billing: undefined })),
      },
      {
        title: 'status processing, which only an MCP list filter names (a SHOULD, JS-SHAPE-007)',
        findings: polls(job('running', { status: 'processing' })),
      },
      {
        title: 'a finished job whose stage says "done" (the stage of a finished job is undocumented)',
        findings: polls(job('completed', { progress: { ...job('completed').progress, current_stage: 'done' } })),
      },
      {
        title: 'an unknown job_type and extra fields (additive evolution)',
        findings: polls({ ...job('running', { job_type: 'index_youtube' }), execution_arn: 'arn:aws:states:x', pii_report: null }),
      },
    ],
    breaks: [
      { title: 'status "done"', findings: polls(job('completed', { status: 'done' })) },
      {
        title: 'stage "indexing"',
        findings: polls(job('running', { progress: { ...job('running').progress, current_stage: 'indexing' } })),
      },
      { title: 'file status "done"', findings: polls(job('running', { files: [{ uri: 's3://bucket/a.pdf', status: 'done' }] })) },
    ],
  },
  'JS-SHAPE-004': {
    holds: [{ title: 'RFC 3339 timestamps with offset', findings: polls(job('running', { updated_at: '2026-11-28T13:00:10+01:00' })) }],
    lawful: [
      { title: '+00:00 and six fraction digits', findings: polls(job('running', { updated_at: '2026-11-28T12:00:10.123456+00:00' })) },
      {
        title: 'a naive ISO date-time, as doc-new allows (a SHOULD, JS-SHAPE-008)',
        findings: polls(job('running', { created_at: '2026-11-28T12:00:00.123456' })),
      },
    ],
    breaks: [
      { title: 'created_at "yesterday"', findings: polls(job('running', { created_at: 'yesterday' })) },
      { title: 'updated_at with a month 13', findings: polls(job('running', { updated_at: '2026-13-28T12:00:10Z' })) },
    ],
  },
  'JS-SHAPE-009': {
    holds: [{ title: 'plain JSON', findings: polls(job('running')) }],
    breaks: [
      {
        title: 'a byte-order mark before the JSON',
        findings: () => judge([classify({ ...poll(job('running')), body: `\uFEFF${JSON.stringify(job('running'))}`, bom: true }, 0)]),
      },
      {
        title: 'status given twice',
        findings: () =>
          judge([
            classify(
              {
                ...poll(job('running')),
                body: JSON.stringify(job('running')).replace('"status":"running"', '"status":"pending","status":"running"'),
              },
              0,
            ),
          ]),
      },
    ],
  },
  'JS-SHAPE-007': {
    holds: [{ title: 'a job that ends completed', findings: polls(job('running'), job('completed')) }],
    breaks: [
      { title: 'a job that ends completed_with_errors', findings: polls(job('completed', { status: 'completed_with_errors' })) },
      { title: 'a job that ends timed_out', findings: polls(job('failed', { status: 'timed_out' })) },
      { title: 'a job that says processing while it runs', findings: polls(job('running', { status: 'processing' }), job('completed')) },
    ],
  },
  'JS-SHAPE-008': {
    holds: [{ title: 'timestamps in UTC with Z', findings: polls(job('completed')) }],
    breaks: [{ title: 'created_at without an offset', findings: polls(job('running', { created_at: '2026-11-28T12:00:00' })) }],
  },
  'JS-SHAPE-005': {
    holds: [
      {
        title: 'application/json; charset=utf-8',
        findings: answer(job('running'), 200, { 'content-type': 'application/json; charset=utf-8' }),
      },
    ],
    breaks: [{ title: 'JSON served as text/html', findings: answer(job('running'), 200, { 'content-type': 'text/html' }) }],
  },
  'JS-SHAPE-006': {
    holds: [{ title: 'a JSON object', findings: polls(job('pending')) }],
    breaks: [
      { title: 'an HTML error page with status 200', findings: polls('<html>Bad gateway</html>') },
      { title: 'a JSON array', findings: polls([job('pending')]) },
      { title: 'a body whose bytes are not UTF-8', findings: () => judge([classify({ ...poll(job('running')), invalidUtf8: true }, 0)]) },
      {
        title: 'a body cut off mid-way',
        findings: () =>
          judge([
            classify(
              {
                ...poll(JSON.stringify(job('running')).slice(0, 30)),
                truncated: true,
                error: 'body broke off after 30 bytes: connection reset by the target',
              },
              0,
            ),
          ]),
      },
    ],
  },
  'JS-STATE-001': {
    holds: [{ title: 'null while pending, set while running', findings: polls(job('pending'), job('running')) }],
    breaks: [{ title: 'set while pending', findings: polls(job('pending', { started_at: '2026-11-28T12:00:02.000Z' })) }],
  },
  'JS-STATE-014': {
    holds: [{ title: 'set while running and once completed', findings: polls(job('running'), job('completed')) }],
    breaks: [{ title: 'null while running', findings: polls(job('running', { started_at: null })) }],
  },
  'JS-STATE-002': {
    holds: [{ title: 'null while running, set when completed', findings: polls(job('running'), job('completed')) }],
    breaks: [
      { title: 'absent on a failed job', findings: polls(job('failed', { completed_at: null })) },
      { title: 'set while running', findings: polls(job('running', { completed_at: '2026-11-28T12:00:30.000Z' })) },
    ],
  },
  'JS-STATE-003': {
    holds: [{ title: 'present on completed_with_failures', findings: polls(job('completed_with_failures')) }],
    lawful: [
      {
        title: 'credits remaining drift between reads of a finished job (a live field)',
        findings: polls(
          job('completed'),
          job('completed', { billing: { ...job('completed').billing, credits: { used: 6, remaining: 900 } } }),
        ),
      },
      {
        title: 'partial billing on a cancelled job (a SHOULD, JS-STATE-013)',
        findings: polls(job('cancelled', { billing: job('completed').billing })),
      },
    ],
    breaks: [{ title: 'absent on completed', findings: polls(job('completed', { billing: undefined })) }],
  },
  'JS-STATE-013': {
    holds: [{ title: 'absent on failed', findings: polls(job('failed')) }],
    breaks: [
      { title: 'present on cancelled', findings: polls(job('cancelled', { billing: job('completed').billing })) },
      { title: 'present while running', findings: polls(job('running', { billing: job('completed').billing })) },
    ],
  },
  'JS-STATE-004': {
    holds: [{ title: 'a failed job with code and message', findings: polls(job('failed')) }],
    breaks: [{ title: 'a failed job without error_message', findings: polls(job('failed', { error_message: null })) }],
  },
  'JS-STATE-005': {
    holds: [{ title: 'a cancelled job saying who and when', findings: polls(job('cancelled')) }],
    breaks: [{ title: 'a cancelled job without cancelled_by', findings: polls(job('cancelled', { cancelled_by: undefined })) }],
  },
  'JS-STATE-006': {
    holds: [
      { title: 'result on completed', findings: polls(job('completed')) },
      { title: 'result on failed', findings: polls(job('failed')) },
    ],
    breaks: [{ title: 'no result on completed', findings: polls(job('completed', { result: null })) }],
  },
  'JS-STATE-007': {
    holds: [{ title: 'created <= started <= completed, created <= updated', findings: polls(job('completed')) }],
    lawful: [
      {
        title: 'started 1 s before created (clock skew between services)',
        findings: polls(job('running', { started_at: '2026-11-28T11:59:59.000Z' })),
      },
    ],
    breaks: [
      { title: 'started before created', findings: polls(job('running', { started_at: '2026-11-28T11:59:00.000Z' })) },
      {
        title: 'completed before started',
        findings: polls(
          job('completed', {
            started_at: '2026-11-28T12:00:20.000Z',
            completed_at: '2026-11-28T12:00:10.000Z',
            updated_at: '2026-11-28T12:00:10.000Z',
          }),
        ),
      },
    ],
  },
  'JS-STATE-008': {
    holds: [{ title: 'processed + failed + skipped == files_total', findings: polls(job('completed_with_failures')) }],
    lawful: [
      {
        title: 'files_processed counts the failed file too (a SHOULD, JS-STATE-012)',
        findings: polls(
          job('completed_with_failures', { progress: { ...job('completed_with_failures').progress, files_processed: 2, files_failed: 1 } }),
        ),
      },
    ],
    breaks: [
      {
        title: 'files_processed above files_total',
        findings: polls(job('running', { progress: { ...job('running').progress, files_processed: 3 } })),
      },
      { title: 'a negative files_failed', findings: polls(job('running', { progress: { ...job('running').progress, files_failed: -1 } })) },
    ],
  },
  'JS-STATE-012': {
    holds: [{ title: 'processed + failed + skipped == files_total', findings: polls(job('completed_with_failures')) }],
    breaks: [
      {
        title: 'processed + failed above files_total',
        findings: polls(job('running', { progress: { ...job('running').progress, files_processed: 2, files_failed: 1 } })),
      },
    ],
  },
  'JS-STATE-009': {
    holds: [{ title: 'an integer, or null while a media job lags', findings: polls(job('running'), laggingMediaJob()) }],
    breaks: [
      { title: 'a fraction', findings: polls(job('running', { estimated_time_remaining_seconds: 12.5 })) },
      { title: 'negative', findings: polls(job('running', { estimated_time_remaining_seconds: -3 })) },
    ],
  },
  'JS-STATE-010': {
    holds: [{ title: 'a cancelled job whose unfinished file is cancelled', findings: polls(job('cancelled')) }],
    breaks: [
      {
        title: 'a completed job with a file still processing',
        findings: polls(job('completed', { files: [{ uri: 's3://bucket/a.pdf', status: 'processing' }] })),
      },
    ],
  },
  'JS-STATE-011': {
    holds: [{ title: 'completed_with_failures with one failed file', findings: polls(job('completed_with_failures')) }],
    breaks: [
      {
        title: 'completed with a failed file',
        findings: polls(job('completed', { progress: { ...job('completed').progress, files_processed: 1, files_failed: 1 } })),
      },
      {
        title: 'completed_with_failures with none failed',
        findings: polls(job('completed_with_failures', { progress: job('completed').progress, result: job('completed').result })),
      },
    ],
  },
  'JS-TRANS-001': {
    holds: [
      { title: 'pending observed straight to completed (polling skips states)', findings: polls(job('pending'), job('completed')) },
      { title: 'completed -> placeholder -> completed', findings: polls(job('completed'), placeholder(), job('completed')) },
    ],
    lawful: [
      {
        title: 'running -> timed_out, a vendor final status, then kept',
        findings: polls(job('running'), job('failed', { status: 'timed_out' }), job('failed', { status: 'timed_out' })),
      },
      {
        title: 'pending -> processing -> running -> completed (processing is judged like running)',
        findings: polls(job('pending'), job('running', { status: 'processing' }), job('running'), job('completed')),
      },
    ],
    breaks: [
      { title: 'completed -> running (a real snapshot)', findings: polls(job('completed'), job('running')) },
      { title: 'completed -> processing (a real snapshot)', findings: polls(job('completed'), job('running', { status: 'processing' })) },
      { title: 'running -> pending', findings: polls(job('running'), job('pending')) },
    ],
  },
  'JS-TRANS-002': {
    holds: [
      {
        title: 'scanning -> chunking -> finalizing',
        findings: polls(
          job('running', { progress: { ...job('running').progress, current_stage: 'scanning' } }),
          job('running'),
          job('completed'),
        ),
      },
    ],
    lawful: [
      {
        title: 'a finished job reports an earlier stage (undocumented once finished)',
        findings: polls(job('running'), job('completed', { progress: { ...job('completed').progress, current_stage: 'scanning' } })),
      },
    ],
    breaks: [
      {
        title: 'embedding -> chunking',
        findings: polls(job('running', { progress: { ...job('running').progress, current_stage: 'embedding' } }), job('running')),
      },
    ],
  },
  'JS-TRANS-003': {
    holds: [{ title: 'queued straight to completed', findings: polls(job('pending'), job('completed')) }],
    breaks: [
      {
        title: 'a state-carrying body without timestamps after completed is still a regression, not a placeholder',
        findings: polls(job('completed'), {
          job_id: JOB_ID,
          status: 'running',
          progress: null,
          files: [{ uri: 's3://bucket/a.pdf', status: 'processing' }],
        }),
      },
      {
        title: 'completed back to processing',
        findings: polls(job('completed', { status: 'running', completed_at: null, billing: undefined, result: undefined }), job('running')),
      },
    ],
  },
  'JS-TRANS-004': {
    holds: [{ title: 'counters rise from running to completed', findings: polls(job('running'), job('completed')) }],
    breaks: [
      {
        title: 'files_processed drops from 2 to 1',
        findings: polls(job('running', { progress: { ...job('running').progress, files_processed: 2 } }), job('running')),
      },
    ],
  },
  'JS-TRANS-005': {
    holds: [
      { title: 'started_at set once, then kept', findings: polls(job('pending'), job('running'), job('completed')) },
      {
        title: 'the same instant written with and without milliseconds',
        findings: polls(job('completed'), job('completed', { created_at: '2026-11-28T12:00:00Z' })),
      },
    ],
    breaks: [
      { title: 'created_at moves', findings: polls(job('running'), job('running', { created_at: '2026-11-28T12:00:01.000Z' })) },
      { title: 'started_at disappears once the job failed', findings: polls(job('running'), job('failed', { started_at: undefined })) },
      {
        title: 'completed_at moves on a re-poll',
        findings: polls(
          job('completed'),
          job('completed', { completed_at: '2026-11-28T12:00:31.000Z', updated_at: '2026-11-28T12:00:31.000Z' }),
        ),
      },
    ],
  },
  'JS-TRANS-006': {
    holds: [{ title: 'updated_at advances', findings: polls(job('pending'), job('running'), job('completed')) }],
    breaks: [
      { title: 'updated_at goes back', findings: polls(job('running', { updated_at: '2026-11-28T12:00:20.000Z' }), job('running')) },
    ],
  },
  'JS-PAGE-001': {
    holds: [{ title: 'two files with files_limit 2', findings: () => judge(timeline(page(['a', 'b'], 'c1')), 2) }],
    breaks: [
      { title: 'three files with files_limit 2', findings: () => judge(timeline(page(['a', 'b', 'c'], null)), 2) },
      { title: 'files_page.limit disagrees with files_limit', findings: () => judge(timeline(page(['a'], null)), 1) },
    ],
  },
  'JS-PAGE-002': {
    holds: [
      {
        title: 'no files_limit, files_page.limit 50',
        findings: polls(job('running', { files_page: { limit: 50, next_cursor: null, total_estimated: 2 } })),
      },
    ],
    breaks: [
      {
        title: 'no files_limit, 51 files',
        findings: polls(
          job('running', { files: Array.from({ length: 51 }, (_, i) => ({ uri: `s3://bucket/f${i}.pdf`, status: 'queued' })) }),
        ),
      },
    ],
  },
  'JS-PAGE-004': {
    holds: [
      {
        title: 'a, b then c, and the walk ends',
        findings: () => findingsOfCheck(checkFilesWalk, [page(['a', 'b'], 'c1'), page(['c'], null)], { filesLimit: 2 }),
      },
    ],
    lawful: [
      {
        title: 'an empty string as the last next_cursor',
        findings: () => findingsOfCheck(checkFilesWalk, [page(['a', 'b'], 'c1'), page(['c'], '')], { filesLimit: 2 }),
      },
      {
        title: 'files and files_page null while the job is pending',
        findings: () =>
          findingsOfCheck(checkFilesWalk, [job('pending', { files: null, files_page: null, progress: { files_total: 3 } })], {
            filesLimit: 2,
          }),
      },
    ],
    breaks: [
      {
        title: 'b appears on two pages',
        findings: () => findingsOfCheck(checkFilesWalk, [page(['a', 'b'], 'c1'), page(['b'], null)], { filesLimit: 2 }),
      },
      {
        title: 'the cursor repeats',
        findings: () => findingsOfCheck(checkFilesWalk, [page(['a', 'b'], 'c1'), page(['c'], 'c1')], { filesLimit: 2 }),
      },
      {
        title: 'a finished job of 3 files walked in 2',
        findings: () => findingsOfCheck(checkFilesWalk, [page(['a', 'b'], null)], { filesLimit: 2 }),
      },
      {
        title: 'a running job past scanning skips a file it announced',
        findings: () =>
          findingsOfCheck(
            checkFilesWalk,
            [
              page(['a', 'b'], 'c1', {
                status: 'running',
                completed_at: null,
                billing: undefined,
                result: undefined,
                progress: { current_stage: 'embedding', files_total: 4 },
              }),
              page(['c'], null, {
                status: 'running',
                completed_at: null,
                billing: undefined,
                result: undefined,
                progress: { current_stage: 'embedding', files_total: 4 },
              }),
            ],
            { filesLimit: 2 },
          ),
      },
    ],
  },
  'JS-PAGE-006': {
    holds: [
      {
        title: '3 files walked, 3 estimated',
        findings: () => findingsOfCheck(checkFilesWalk, [page(['a', 'b'], 'c1'), page(['c'], null)], { filesLimit: 2 }),
      },
    ],
    breaks: [
      {
        title: '3 files walked, 4 estimated',
        findings: () =>
          findingsOfCheck(
            checkFilesWalk,
            [page(['a', 'b'], 'c1'), page(['c'], null, { files_page: { limit: 2, next_cursor: null, total_estimated: 4 } })],
            {
              filesLimit: 2,
            },
          ),
      },
    ],
  },
  'JS-PH-001': {
    holds: [{ title: 'the placeholder with HTTP 200', findings: polls(placeholder()) }],
    breaks: [{ title: 'HTTP 503 from the status endpoint', findings: answer({ detail: 'Service Unavailable' }, 503) }],
  },
  'JS-PH-002': {
    holds: [{ title: 'the seed example verbatim', findings: polls(placeholder()) }],
    lawful: [
      {
        title: 'every other JobStatus key present as null (a FastAPI response model; a SHOULD, JS-PH-005)',
        findings: polls(
          placeholder({
            collection_name: null,
            files: null,
            files_page: null,
            created_at: null,
            updated_at: null,
            started_at: null,
            completed_at: null,
            result: null,
            billing: null,
          }),
        ),
      },
    ],
    breaks: [
      { title: 'a fractional estimate', findings: polls(placeholder({ estimated_time_remaining_seconds: 2.5 })) },
      { title: 'no progress_message', findings: polls(placeholder({ progress_message: undefined })) },
    ],
  },
  'JS-PH-005': {
    holds: [{ title: 'the seed example verbatim', findings: polls(placeholder()) }],
    breaks: [
      { title: 'a sixth key', findings: polls(placeholder({ retry_hint: 'soon' })) },
      { title: 'the other keys as null', findings: polls(placeholder({ files: null, created_at: null })) },
    ],
  },
  'JS-MEDIA-001': {
    holds: [
      { title: 'running, progress null, timestamps kept', findings: polls(laggingMediaJob()) },
      {
        title: 'the content was found while the status still answered real snapshots (two placeholders at the end at most)',
        findings: foundThroughQuery(laggingMediaJob(), placeholder(), placeholder()),
      },
    ],
    lawful: [
      {
        title: 'running, progress null, started_at null (undocumented while lagging)',
        findings: polls(laggingMediaJob({ started_at: null })),
      },
    ],
    breaks: [
      { title: 'running, progress null, files listed but created_at missing', findings: polls(laggingMediaJob({ created_at: null })) },
      {
        title: 'the content was searchable while the last 3 status answers were placeholders',
        findings: foundThroughQuery(laggingMediaJob(), placeholder(), placeholder(), placeholder()),
      },
    ],
  },
  'JS-TRANS-007': {
    holds: [{ title: 'the wait saw the job end', findings: waitEnded('JS-TRANS-007', job('running'), job('completed')) }],
    breaks: [
      {
        title: 'the job was still running when the wait ran out of time',
        findings: waitTimedOut('JS-TRANS-007', job('pending'), job('running')),
      },
    ],
  },
  'JS-PH-004': {
    holds: [
      {
        title: 'placeholders on the way, then the job ended',
        findings: waitEnded('JS-TRANS-007', job('running'), placeholder(), placeholder(), job('completed')),
      },
    ],
    breaks: [
      {
        title: 'only placeholders after a while: the lifecycle did not go on',
        findings: waitTimedOut('JS-TRANS-007', job('running'), placeholder(), placeholder(), placeholder()),
      },
    ],
  },
  'JS-RATE-002': {
    holds: [
      { title: 'a 429 on the way, then the job ended', findings: waitEnded('JS-TRANS-007', job('running'), limited, job('completed')) },
    ],
    breaks: [
      { title: 'still 429 when the wait ran out of time', findings: waitTimedOut('JS-TRANS-007', job('running'), limited, limited) },
    ],
  },
  'JS-MEDIA-002': {
    holds: [
      {
        title: 'the media file found through the query endpoint while the status lagged',
        findings: waitEnded('JS-MEDIA-002', laggingMediaJob(), laggingMediaJob()),
      },
    ],
    breaks: [
      {
        title: 'a media wait that ran out of time, placeholders to the end (blamed on the media, not the placeholder)',
        findings: waitTimedOut('JS-MEDIA-002', laggingMediaJob(), placeholder(), placeholder()),
      },
    ],
  },
  'JS-MEDIA-003': {
    holds: [
      {
        title: 'search results with score and content',
        findings: () =>
          findingsOfCheck(checkQueryResponse, { success: true, query: 'intro', search_results: [searchResult], total_results: 1 }, {}),
      },
      {
        title: 'v3: results with chunk_id, text and document',
        findings: () => findingsOfCheck(checkQueryResponseV3, { results: [v3Result] }, {}),
      },
    ],
    lawful: [
      {
        title: 'a query answered 404 (an unknown collection) is an error answer, not judged against the query schema',
        findings: () => findingsOfCheck(checkQueryAnswer, poll({ detail: 'Collection not found' }, { status: 404 }), undefined, 'v3', {}),
      },
    ],
    breaks: [
      {
        title: 'search_results as an object',
        findings: () => findingsOfCheck(checkQueryResponse, { success: true, search_results: { first: searchResult } }, {}),
      },
      // Each version is judged against its own schema: a v2 answer is no v3 answer.
      {
        title: 'v3: a v2-shaped answer (no results)',
        findings: () => findingsOfCheck(checkQueryResponseV3, { search_results: [searchResult] }, {}),
      },
    ],
  },
  'JS-MEDIA-004': {
    holds: [
      {
        title: 'each result names its filename',
        findings: () => findingsOfCheck(checkQueryResponse, { search_results: [searchResult] }, {}),
      },
      {
        title: 'v3: each result has a document with a source uri',
        findings: () => findingsOfCheck(checkQueryResponseV3, { results: [v3Result] }, {}),
      },
    ],
    breaks: [
      {
        title: 'a result with content only',
        findings: () => findingsOfCheck(checkQueryResponse, { search_results: [{ score: 0.5, content: 'x' }] }, {}),
      },
      {
        title: 'v3: a result without document',
        findings: () => findingsOfCheck(checkQueryResponseV3, { results: [{ chunk_id: 'doc-1:0', text: 'x', score: 1 }] }, {}),
      },
    ],
  },
  'JS-ERR-002': {
    holds: [{ title: '404 with {detail}', findings: answer({ detail: 'Job not found' }, 404) }],
    breaks: [
      { title: '404 with a plain-text body', findings: answer('Not Found', 404, { 'content-type': 'application/json' }) },
      { title: '401 with {error} instead of {detail}', findings: answer({ error: 'unauthorized' }, 401) },
    ],
  },
  'JS-ERR-003': {
    holds: [
      {
        title: '422 with FastAPI detail list',
        findings: answer({ detail: [{ loc: ['query', 'files_limit'], msg: 'must be <= 500', type: 'value_error' }] }, 422),
      },
    ],
    breaks: [{ title: '422 with a string detail', findings: answer({ detail: 'files_limit out of range' }, 422) }],
  },
  'JS-CANCEL-002': {
    holds: [
      {
        title: 'the job held running ended cancelled after the cancel',
        findings: waitEnded('JS-CANCEL-002', job('running'), job('cancelled')),
      },
    ],
    breaks: [
      {
        title: 'the job held running was still running when the wait after its cancel ran out of time (blamed on the cancel)',
        findings: waitTimedOut('JS-CANCEL-002', job('running'), job('running')),
      },
    ],
  },
  'JS-CANCEL-004': {
    holds: [
      {
        title: 'job_id, status, message, cancelled_at',
        findings: () =>
          findingsOfCheck(
            checkCancelResponse,
            { job_id: JOB_ID, status: 'cancelled', message: 'Job cancelled', cancelled_at: '2026-11-28T12:00:30Z' },
            {},
          ),
      },
    ],
    lawful: [
      {
        title: 'a cancel answered 404 (DELETE forgot the job) is an error answer, not a CancelResponse',
        findings: () => findingsOfCheck(checkCancelAnswer, poll({ detail: 'Job not found' }, { status: 404 }), undefined, {}),
      },
    ],
    breaks: [
      { title: 'no job_id', findings: () => findingsOfCheck(checkCancelResponse, { status: 'cancelled', message: 'Job cancelled' }, {}) },
      {
        title: 'a 200 cancel answer with no job_id',
        findings: () => findingsOfCheck(checkCancelAnswer, poll({ status: 'cancelled' }), { status: 'cancelled' }, { jobId: JOB_ID }),
      },
    ],
  },
  'JS-CANCEL-005': {
    holds: [
      { title: 'POST .../cancel answered 200 with a CancelResponse', findings: cancelAnswered('POST', 200, cancelled) },
      { title: 'DELETE answered 200 with a CancelResponse', findings: cancelAnswered('DELETE', 200, cancelled) },
    ],
    lawful: [
      {
        title: 'a DELETE answered 404 naming the job (it forgot a deleted job): a served route',
        findings: cancelAnswered('DELETE', 404, { detail: 'Job not found' }),
      },
      {
        title: 'a POST cancel of a finished job answered 409: a served route',
        findings: cancelAnswered('POST', 409, { detail: 'Job already completed' }),
      },
    ],
    breaks: [
      { title: 'POST .../cancel answered 405', findings: cancelAnswered('POST', 405, { detail: 'Method Not Allowed' }) },
      {
        title: "DELETE answered 404 naming nothing (FastAPI's unknown path)",
        findings: cancelAnswered('DELETE', 404, { detail: 'Not Found' }),
      },
    ],
  },
  'JS-MEDIA-005': {
    holds: [
      { title: 'v2 answered 200 where v3 is served', findings: legacyQueryAnswered('auto', true, 200, { search_results: [] }) },
      { title: 'v2, pinned, answered 200', findings: legacyQueryAnswered('v2', false, 200, { search_results: [] }) },
    ],
    lawful: [
      {
        title: 'v2 answered 404 naming the collection: a served route',
        findings: legacyQueryAnswered('auto', true, 404, { detail: 'Collection not found' }),
      },
      {
        title: 'v3 not served: v2 is then the fallback itself, not judged as the legacy route',
        findings: legacyQueryAnswered('auto', false, 410, { detail: 'Gone' }),
      },
    ],
    breaks: [
      { title: 'v2 answered 410 where v3 is served', findings: legacyQueryAnswered('auto', true, 410, { detail: 'Gone' }) },
      { title: 'v2, pinned, answered 404 naming nothing', findings: legacyQueryAnswered('v2', false, 404, 'not json') },
    ],
  },
  'JS-ERR-004': {
    holds: [{ title: 'the wait saw the job end', findings: waitEnded('JS-TRANS-007', job('running'), job('completed')) }],
    lawful: [
      {
        title: 'a 429 for the job on the way is rate limiting, not a refusal',
        findings: waitEnded('JS-TRANS-007', job('running'), limited, job('completed')),
      },
    ],
    breaks: [
      { title: 'the status endpoint answered 404 on a later poll', findings: waitRejected(404, 'HTTP 404 Not Found') },
      { title: 'a snapshot poll answered 403', findings: waitRejected(403) },
    ],
  },
  'JS-RATE-001': {
    holds: [
      {
        title: 'Retry-After in seconds',
        findings: answer({ detail: 'Too many requests' }, 429, { 'content-type': 'application/json', 'retry-after': '2' }),
      },
      {
        title: 'Retry-After as an HTTP date',
        findings: answer({ detail: 'Too many requests' }, 429, {
          'content-type': 'application/json',
          'retry-after': 'Sat, 28 Nov 2026 12:00:05 GMT',
        }),
      },
    ],
    breaks: [
      { title: '429 without Retry-After', findings: answer({ detail: 'Too many requests' }, 429) },
      {
        title: 'Retry-After "soon"',
        findings: answer({ detail: 'Too many requests' }, 429, { 'content-type': 'application/json', 'retry-after': 'soon' }),
      },
      {
        title: 'Retry-After -3',
        findings: answer({ detail: 'Too many requests' }, 429, { 'content-type': 'application/json', 'retry-after': '-3' }),
      },
      {
        title: 'Retry-After 1.5',
        findings: answer({ detail: 'Too many requests' }, 429, { 'content-type': 'application/json', 'retry-after': '1.5' }),
      },
    ],
  },
};
