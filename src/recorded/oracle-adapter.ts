// The one place recorded traffic meets the oracle: a job's status answers judged as one timeline, and a
// cancel or query answer judged as the conformance tests judge theirs (tests/conformance/support/
// conformance.ts). When the oracle's judge changes shape, this file is the only one to change.
import { classify } from '../oracle/classify.js';
import type { Exchange } from '../oracle/exchange.js';
import type { Finding } from '../oracle/finding.js';
import { assessAnswer, assessTimeline } from '../oracle/judge.js';
import type { Assessment, Judged } from '../oracle/judged.js';
import type { Timeline } from '../oracle/observation.js';
import { checkCancelResponse, checkQueryResponse } from '../oracle/response-checks.js';

export interface RecordedJudgement extends Assessment {
  /** The observations judged, for the report's evidence (the caller decides what to keep). */
  timeline?: Timeline;
}

function fromJudged(judged: readonly Judged[]): RecordedJudgement {
  const findings: Finding[] = [];
  const exercised = new Set<string>();
  for (const j of judged) {
    exercised.add(j.requirement);
    findings.push(...j.findings);
  }
  return { findings, exercised: [...exercised] };
}

/** The body as the client hands it to a test: parsed when whole and JSON, else undefined. */
function jsonOf(exchange: Exchange): unknown {
  if (exchange.body === '' || exchange.truncated) return undefined;
  try {
    return JSON.parse(exchange.body.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

/** One job's status answers, in time order, judged as a whole (every answer, then the lifecycle across them). */
export function judgeStatusTimeline(jobId: string, exchanges: readonly Exchange[]): RecordedJudgement {
  const timeline = exchanges.map((exchange, i) => classify(exchange, i));
  return { ...assessTimeline(timeline, { jobId }), timeline };
}

/** A status answer judged alone (a one-off probe the suite judged outside any timeline). */
export function judgeLoneAnswer(exchange: Exchange, jobId?: string): RecordedJudgement {
  return fromJudged(assessAnswer(exchange, jobId === undefined ? {} : { jobId }));
}

/** A cancel answer: as any answer, and a 200's body as a cancel response (JS-CANCEL-004). */
export function judgeCancelAnswer(exchange: Exchange, jobId: string): RecordedJudgement {
  const judged = assessAnswer(exchange, { jobId });
  if (exchange.status === 200) judged.push({ requirement: 'JS-CANCEL-004', findings: checkCancelResponse(jsonOf(exchange), { jobId }) });
  return fromJudged(judged);
}

/** A query answer: as any answer, and a v2 200's body as a query response (JS-MEDIA-003, and 004 when it found something). */
export function judgeQueryAnswer(exchange: Exchange, version: 'v2' | 'v3'): RecordedJudgement {
  const judged = assessAnswer(exchange);
  if (exchange.status === 200 && version === 'v2') {
    const body = jsonOf(exchange);
    const findings = checkQueryResponse(body);
    const results = (body as { search_results?: unknown } | null | undefined)?.search_results;
    judged.push({ requirement: 'JS-MEDIA-003', findings: findings.filter((f) => f.requirement === 'JS-MEDIA-003') });
    if (Array.isArray(results) && results.length > 0)
      judged.push({ requirement: 'JS-MEDIA-004', findings: findings.filter((f) => f.requirement === 'JS-MEDIA-004') });
  }
  return fromJudged(judged);
}
