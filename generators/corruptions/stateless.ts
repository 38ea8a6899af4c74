// Corruptions of the answers that carry no state: the placeholder, 5xx and 429 (JS-PH-*, JS-RATE-*,
// JS-ERR-*). Any poll may be replaced by one of them: a conforming timeline may lose any state sample.
import type { Exchange } from '../../src/oracle/exchange.js';
import { placeholderBody } from '../placeholder.js';
import { choose, reanswer, timelineCorruption, withBody } from './corruption.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

export const serverErrorInsteadOfPlaceholder = timelineCorruption({
  name: 'server-error-instead-of-placeholder',
  requirement: 'JS-PH-001',
  corrupt(g, pick) {
    const i = choose(
      g.timeline.map((o) => o.index),
      pick,
    );
    if (i === undefined) return undefined;
    const status = [500, 502, 503, 504][pick % 4]!;
    const timeline = reanswer(g.timeline, i, (e): Exchange =>
      withBody({ ...e, status, headers: JSON_HEADERS }, { detail: 'Internal Server Error' }),
    );
    return { pollIndex: i, what: `HTTP ${status} instead of the placeholder`, timeline };
  },
});

const PLACEHOLDER_DEFECTS = [
  ['a negative estimate', (p: Record<string, unknown>) => void (p.estimated_time_remaining_seconds = -1)],
  ['a fractional estimate', (p: Record<string, unknown>) => void (p.estimated_time_remaining_seconds = 2.5)],
  ['no progress_message', (p: Record<string, unknown>) => void delete p.progress_message],
] as const;

export const placeholderMisshapen = timelineCorruption({
  name: 'placeholder-misshapen',
  requirement: 'JS-PH-002',
  corrupt(g, pick) {
    const i = choose(
      g.timeline.map((o) => o.index),
      pick,
    );
    if (i === undefined) return undefined;
    const [what, defect] = PLACEHOLDER_DEFECTS[pick % PLACEHOLDER_DEFECTS.length]!;
    const body: Record<string, unknown> = { ...placeholderBody(g.identity.jobId) };
    defect(body);
    const timeline = reanswer(g.timeline, i, (e) => withBody({ ...e, status: 200, headers: JSON_HEADERS }, body));
    return { pollIndex: i, what: `a placeholder with ${what}`, timeline };
  },
});

/** A key beyond the documented five: our reading of the seed's example (JS-PH-005, SHOULD). */
export const placeholderExtraKey = timelineCorruption({
  name: 'placeholder-extra-key',
  requirement: 'JS-PH-005',
  corrupt(g, pick) {
    const i = choose(
      g.timeline.map((o) => o.index),
      pick,
    );
    if (i === undefined) return undefined;
    const body = { ...placeholderBody(g.identity.jobId), retry_after_seconds: 5 };
    const timeline = reanswer(g.timeline, i, (e) => withBody({ ...e, status: 200, headers: JSON_HEADERS }, body));
    return { pollIndex: i, what: 'a placeholder with an extra key', timeline };
  },
});

export const rateLimitWithoutRetryAfter = timelineCorruption({
  name: 'rate-limit-without-retry-after',
  requirement: 'JS-RATE-001',
  corrupt(g, pick) {
    const i = choose(
      g.timeline.map((o) => o.index),
      pick,
    );
    if (i === undefined) return undefined;
    const headers: Record<string, string> = pick % 2 === 0 ? JSON_HEADERS : { ...JSON_HEADERS, 'retry-after': 'soon' };
    const timeline = reanswer(g.timeline, i, (e) => withBody({ ...e, status: 429, headers }, { detail: 'Rate limit exceeded' }));
    return { pollIndex: i, what: pick % 2 === 0 ? 'HTTP 429 without Retry-After' : 'HTTP 429 with Retry-After: soon', timeline };
  },
});

export const errorBodyWithoutDetail = timelineCorruption({
  name: 'error-body-without-detail',
  requirement: 'JS-ERR-002',
  corrupt(g, pick) {
    const i = choose(
      g.timeline.map((o) => o.index),
      pick,
    );
    if (i === undefined) return undefined;
    const headers = { ...JSON_HEADERS, 'retry-after': '3' };
    const timeline = reanswer(g.timeline, i, (e) => withBody({ ...e, status: 429, headers }, { message: 'Too Many Requests' }));
    return { pollIndex: i, what: 'HTTP 429 whose body has no detail', timeline };
  },
});

export const STATELESS_CORRUPTIONS = [
  serverErrorInsteadOfPlaceholder,
  placeholderMisshapen,
  placeholderExtraKey,
  rateLimitWithoutRetryAfter,
  errorBodyWithoutDetail,
];
