// Deliberate defects, one requirement at a time: each turns the simulator (a conforming target) into one
// that breaks exactly the named requirement, the way a real regression of the API would.
import type { Level } from '../../src/contract/profile.js';
import type { Tenant } from '../../src/simulator/auth.js';
import { placeholderBody } from '../../generators/placeholder.js';
import {
  currentStatus,
  isCancel,
  isPlaceholder,
  isQuery,
  isStatusPoll,
  jobIdOf,
  jsonOf,
  onPlaceholders,
  onSnapshots,
  queryOf,
  TERMINAL,
  withJson,
  withQuery,
  type Json,
} from './proxied-answers.js';
import type { Rewrite } from '../rewriting-proxy.js';

export type Area = 'shape' | 'state' | 'transitions' | 'pagination' | 'placeholder' | 'media' | 'auth' | 'errors' | 'cancel' | 'rate';

/** The simulator's two organizations, for defects that confuse them. */
export interface Tenants {
  main: Tenant;
  other: Tenant;
}

export interface Break {
  requirement: string;
  level: Level;
  /** The area whose spec file (tests/conformance/<area>.spec.ts) must catch it. */
  area: Area;
  /** What the broken target does, in a line. */
  defect: string;
  rewrite: (tenants: Tenants) => Rewrite;
  /** The profile the run judges in (default: default); a SHOULD of the default profile is a MUST in strict. */
  profile?: 'strict';
  /** More settings of the child run (e.g. a short liveness budget, so a stuck job ends the wait soon). */
  env?: Record<string, string>;
}

/** A liveness budget that ends the wait for a stuck job in about a second of real time (at time scale 100). */
const SHORT_BUDGET = { CONFORMANCE_JOB_BUDGET_S: '120' };

const FAKE_KEY = 'cap_dev_not_a_real_key_0000000000';

/** Answers every 404 of the status endpoint with 200 and the placeholder: a missing job polled forever. */
const placeholderInsteadOf404: Rewrite = async (request, forward) => {
  const response = await forward(request);
  if (!isStatusPoll(request) || response.status !== 404) return response;
  return withJson(response, placeholderBody(jobIdOf(request) ?? ''), 200);
};

/** Serves job-status polls whose Authorization matches `when` as the main organization: a tenancy defect. */
function servedAsMain(main: Tenant, when: (authorization: string | undefined) => boolean): Rewrite {
  return (request, forward) =>
    forward(
      isStatusPoll(request) && when(request.headers.authorization)
        ? { ...request, headers: { ...request.headers, authorization: `Bearer ${main.apiKey}`, 'x-organization-id': main.orgId } }
        : request,
    );
}

/** Answers cancel of a job in `status` with 200 "cancelled" and does nothing: a cancel that lies. */
function cancelThatLies(status: string): Rewrite {
  return async (request, forward) => {
    if (isCancel(request) && (await currentStatus(request, forward)) === status) {
      const body = { job_id: jobIdOf(request), status: 'cancelled', message: 'Job cancelled', cancelled_at: new Date().toISOString() };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
    }
    return forward(request);
  };
}

const MEDIA = /\.(mp3|mp4|m4a|wav|mov|webm)$/i;

export const BREAKS: readonly Break[] = [
  {
    requirement: 'JS-SHAPE-003',
    level: 'MUST',
    area: 'shape',
    defect: 'reports a job that has not ended, and every job on its first answer, as status "in_progress", a value outside the enum',
    // Every answer before the end, and the first whatever its state: at time scale 100 a text job runs for 90 ms
    // and the poller's cadence (the job's ETA) can step from pending straight to completed, so a defect on
    // `running` alone went unseen on a loaded machine (CI, stop 27). The first answer is always seen.
    rewrite: () => {
      const answered = new Set<string>();
      return onSnapshots((s) => {
        const jobId = String(s.job_id);
        if (!answered.has(jobId) || s.status === 'pending' || s.status === 'running') s.status = 'in_progress';
        answered.add(jobId);
      });
    },
  },
  {
    requirement: 'JS-STATE-003',
    level: 'MUST',
    area: 'state',
    defect: 'drops billing from completed and completed_with_failures snapshots',
    rewrite: () =>
      onSnapshots((s) => {
        if (s.status === 'completed' || s.status === 'completed_with_failures') delete s.billing;
      }),
  },
  {
    requirement: 'JS-STATE-005',
    level: 'SHOULD',
    area: 'state',
    defect: 'drops cancelled_by from cancelled snapshots',
    rewrite: () =>
      onSnapshots((s) => {
        if (s.status === 'cancelled') delete s.cancelled_by;
      }),
  },
  {
    requirement: 'JS-TRANS-001',
    level: 'MUST',
    area: 'transitions',
    defect: 'answers status "running" again on every re-poll of a job it already reported terminal',
    rewrite: () => {
      const ended = new Set<string>();
      return onSnapshots((s) => {
        const jobId = String(s.job_id);
        if (ended.has(jobId)) s.status = 'running';
        else if (TERMINAL.has(String(s.status))) ended.add(jobId);
      });
    },
  },
  {
    requirement: 'JS-PAGE-001',
    level: 'MUST',
    area: 'pagination',
    defect: 'ignores files_limit: every page holds the default 50 files',
    rewrite: () => (request, forward) => forward(isStatusPoll(request) ? withQuery(request, 'files_limit', undefined) : request),
  },
  {
    requirement: 'JS-PAGE-003',
    level: 'MUST',
    area: 'pagination',
    defect: 'accepts files_limit=0 with 200 (silently clamped to 1)',
    rewrite: () => (request, forward) =>
      forward(isStatusPoll(request) && queryOf(request, 'files_limit') === '0' ? withQuery(request, 'files_limit', '1') : request),
  },
  {
    requirement: 'JS-PAGE-005',
    level: 'MUST',
    profile: 'strict',
    area: 'pagination',
    defect: 'answers a cursor it never issued with a 500 (strict profile; an ignored cursor would be lawful)',
    rewrite: () => async (request, forward) => {
      const response = await forward(request);
      if (!isStatusPoll(request) || queryOf(request, 'files_cursor') === null || response.status < 400 || response.status >= 500)
        return response;
      return withJson(response, { detail: 'Internal Server Error' }, 500);
    },
  },
  {
    requirement: 'JS-PH-002',
    level: 'MUST',
    area: 'placeholder',
    defect: 'gives the placeholder a fractional estimated_time_remaining_seconds',
    rewrite: () =>
      onPlaceholders((p) => {
        p.estimated_time_remaining_seconds = 2.5;
      }),
  },
  {
    requirement: 'JS-PH-005',
    level: 'SHOULD',
    area: 'placeholder',
    defect: 'adds a sixth key (retry_after_seconds) to the placeholder',
    rewrite: () =>
      onPlaceholders((p) => {
        p.retry_after_seconds = 3;
      }),
  },
  {
    requirement: 'JS-PH-003',
    level: 'SHOULD',
    area: 'placeholder',
    defect: 'answers an unknown or foreign job with the placeholder while the backend is in trouble',
    rewrite: () => placeholderInsteadOf404,
  },
  {
    requirement: 'JS-PH-004',
    level: 'MUST',
    area: 'placeholder',
    defect: 'answers only placeholders for a job once it has answered one, so the job never ends',
    env: SHORT_BUDGET,
    rewrite: () => {
      const stuck = new Map<string, Json>();
      return async (request, forward) => {
        const response = await forward(request);
        const jobId = jobIdOf(request);
        if (!isStatusPoll(request) || jobId === undefined) return response;
        const body = jsonOf(response);
        if (body && isPlaceholder(body)) stuck.set(jobId, body);
        const placeholder = stuck.get(jobId);
        return placeholder && response.status === 200 ? withJson(response, placeholder) : response;
      };
    },
  },
  {
    requirement: 'JS-PH-001',
    level: 'MUST',
    area: 'placeholder',
    defect: 'answers transient backend trouble with 503 instead of the 200 placeholder',
    rewrite: () => onPlaceholders(() => {}, 503),
  },
  {
    requirement: 'JS-MEDIA-002',
    level: 'MUST',
    area: 'media',
    defect: 'leaves audio and video files out of query results',
    rewrite: () => async (request, forward) => {
      const response = await forward(request);
      const body = isQuery(request) && response.status === 200 ? jsonOf(response) : undefined;
      // v2 names the file flat, v3 under `document`: either query leaves the media out.
      const media = (r: Json) => {
        const doc = (r.document ?? {}) as Json;
        const uri = ((doc.source ?? {}) as Json).uri;
        return [r.filename, r.uri, doc.filename, uri].some((name) => MEDIA.test(String(name ?? '')));
      };
      if (body && Array.isArray(body.results)) {
        const kept = (body.results as Json[]).filter((r) => !media(r));
        return withJson(response, { ...body, results: kept, total_results: kept.length });
      }
      if (!body || !Array.isArray(body.search_results)) return response;
      const kept = (body.search_results as Json[]).filter((r) => !media(r));
      return withJson(response, { ...body, search_results: kept, total_results: kept.length });
    },
  },
  {
    requirement: 'JS-AUTH-001',
    level: 'MUST',
    area: 'auth',
    defect: 'answers a job-status request without a key with 200 (serves it as the main organization)',
    rewrite: ({ main }) => servedAsMain(main, (authorization) => authorization === undefined),
  },
  {
    requirement: 'JS-AUTH-003',
    level: 'MUST',
    area: 'auth',
    defect: "serves a job to another organization's key",
    rewrite: ({ main, other }) => servedAsMain(main, (authorization) => authorization === `Bearer ${other.apiKey}`),
  },
  {
    requirement: 'JS-ERR-004',
    level: 'MUST',
    area: 'transitions',
    defect: 'forgets a job it created: after its first status answer, every poll of it is answered 404 "Job not found"',
    rewrite: () => {
      const seen = new Set<string>();
      return async (request, forward) => {
        const response = await forward(request);
        const jobId = jobIdOf(request);
        if (!isStatusPoll(request) || response.status !== 200 || jobId === undefined) return response;
        if (!seen.has(jobId)) {
          seen.add(jobId);
          return response;
        }
        return withJson(response, { detail: 'Job not found' }, 404);
      };
    },
  },
  {
    requirement: 'JS-ERR-001',
    level: 'MUST',
    area: 'errors',
    defect: 'answers an unknown job id with 200 and the placeholder instead of 404',
    rewrite: () => placeholderInsteadOf404,
  },
  {
    requirement: 'JS-CANCEL-001',
    level: 'MUST',
    area: 'cancel',
    defect: 'answers cancel of a pending job 200 "cancelled" but leaves the job pending',
    rewrite: () => cancelThatLies('pending'),
  },
  {
    requirement: 'JS-SHAPE-005',
    level: 'SHOULD',
    area: 'shape',
    defect: 'serves job snapshots as text/html',
    rewrite: () => async (request, forward) => {
      const response = await forward(request);
      return isStatusPoll(request) && response.status === 200
        ? { ...response, headers: { ...response.headers, 'content-type': 'text/html' } }
        : response;
    },
  },
  {
    requirement: 'JS-CANCEL-003',
    level: 'MUST',
    area: 'cancel',
    defect: 'answers cancel of a finished job with 409 Conflict',
    rewrite: () => async (request, forward) => {
      if (isCancel(request) && TERMINAL.has(String(await currentStatus(request, forward)))) {
        return {
          status: 409,
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(JSON.stringify({ detail: 'Job already finished' })),
        };
      }
      return forward(request);
    },
  },
  {
    requirement: 'JS-RATE-001',
    level: 'SHOULD',
    area: 'rate',
    defect: 'strips Retry-After from 429 answers',
    rewrite: () => async (request, forward) => {
      const response = await forward(request);
      if (response.status !== 429) return response;
      const headers = { ...response.headers };
      delete headers['retry-after'];
      return { ...response, headers };
    },
  },
  {
    requirement: 'JS-RATE-002',
    level: 'SHOULD',
    area: 'rate',
    defect: 'keeps answering 429 with Retry-After: 1 to every poll of a job it once limited',
    env: SHORT_BUDGET,
    rewrite: () => {
      const limited = new Set<string>();
      return async (request, forward) => {
        const response = await forward(request);
        const jobId = jobIdOf(request);
        if (!isStatusPoll(request) || jobId === undefined) return response;
        if (response.status === 429) limited.add(jobId);
        return limited.has(jobId) ? withJson(response, { detail: 'Too many requests' }, 429) : response;
      };
    },
  },
  {
    requirement: 'JS-TRANS-007',
    level: 'MUST',
    area: 'transitions',
    defect: 'never lets a job end: a finished job is still reported running, with no end fields',
    env: SHORT_BUDGET,
    rewrite: () =>
      onSnapshots((s) => {
        if (!TERMINAL.has(String(s.status))) return;
        s.status = 'running';
        for (const key of ['completed_at', 'billing', 'result', 'error_code', 'error_message', 'cancelled_by', 'cancelled_at'])
          delete s[key];
        s.files = Array.isArray(s.files)
          ? (s.files as Json[]).map((f) => ({ ...f, status: f.status === 'cancelled' ? 'processing' : f.status }))
          : s.files;
      }),
  },
  {
    requirement: 'JS-AUTH-002',
    level: 'MUST',
    area: 'auth',
    defect: 'serves a job to a key it never issued (as the main organization)',
    rewrite: ({ main }) => servedAsMain(main, (authorization) => authorization === `Bearer ${FAKE_KEY}`),
  },
  {
    requirement: 'JS-CANCEL-002',
    level: 'MUST',
    area: 'cancel',
    defect: 'answers cancel of a running job 200 "cancelled" but lets the job run on',
    rewrite: () => cancelThatLies('running'),
  },
  {
    requirement: 'JS-SHAPE-007',
    level: 'SHOULD',
    area: 'shape',
    defect: 'ends completed jobs with the vendor final status completed_with_errors',
    rewrite: () =>
      onSnapshots((s) => {
        if (s.status === 'completed') s.status = 'completed_with_errors';
      }),
  },
];
