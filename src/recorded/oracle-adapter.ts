// The one place recorded traffic meets the oracle: a job's status answers judged as one timeline by the
// timeline judge, an answer at a time, and a cancel or query answer judged as the conformance tests judge
// theirs (tests/conformance/support/conformance.ts). When the oracle changes shape, only this file changes.
import { jsonValue } from '../model/json.js';
import { classify } from '../oracle/classify.js';
import type { Exchange } from '../oracle/exchange.js';
import { startJudging } from '../oracle/judge.js';
import { assessmentOf, JudgementList, type Assessment } from '../oracle/judgement.js';
import type { Timeline } from '../oracle/observation.js';
import { checkAnswer, checkCancelResponse, checkQueryResponse, checkQueryResponseV3 } from '../oracle/response-checks.js';

export interface RecordedJudgement extends Assessment {
  /** The observations judged, for the report's evidence (the caller decides what to keep). */
  timeline?: Timeline;
}

/** The body as the client hands it to a test: parsed when whole and JSON, else undefined. */
function jsonOf(exchange: Exchange): unknown {
  if (exchange.body === '' || exchange.truncated) return undefined;
  return jsonValue(exchange.body);
}

/** One job's status answers, in time order, judged as a whole (every answer, then the lifecycle across them). */
export function judgeStatusTimeline(jobId: string, exchanges: readonly Exchange[]): RecordedJudgement {
  const judge = startJudging({ jobId });
  const timeline = exchanges.map((exchange, i) => classify(exchange, i));
  for (const observation of timeline) judge.observe(observation);
  return { ...judge.assessment(), timeline };
}

/** A status answer judged alone (a one-off probe the suite judged outside any timeline). */
export function judgeLoneAnswer(exchange: Exchange, jobId?: string): RecordedJudgement {
  const out = new JudgementList();
  checkAnswer(exchange, jobId === undefined ? {} : { jobId }, out);
  return assessmentOf(out.judgements);
}

/** A cancel answer: as any answer, and a 200's body as a cancel response (JS-CANCEL-004). */
export function judgeCancelAnswer(exchange: Exchange, jobId: string): RecordedJudgement {
  const out = new JudgementList();
  checkAnswer(exchange, { jobId }, out);
  if (exchange.status === 200) checkCancelResponse(jsonOf(exchange), { jobId }, out);
  return assessmentOf(out.judgements);
}

/** A query answer: as any answer, and a 200's body against its version's query response (JS-MEDIA-003, and 004 when it found something). */
export function judgeQueryAnswer(exchange: Exchange, version: 'v2' | 'v3'): RecordedJudgement {
  const out = new JudgementList();
  checkAnswer(exchange, {}, out);
  if (exchange.status === 200) (version === 'v3' ? checkQueryResponseV3 : checkQueryResponse)(jsonOf(exchange), {}, out);
  return assessmentOf(out.judgements);
}
