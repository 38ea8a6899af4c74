// The one timeline judge says exactly what the judge before it said: the same findings, in the same
// order, and the same requirements judged, over generated, corrupted and hostile timelines, whether
// the timeline is judged at once (judgeTimeline), an answer at a time (startJudging, as `watch` and the
// conformance support do), or answer by answer with a fresh judge. The judge before it is frozen in
// ./frozen (a copy of src/oracle's judge as it stood), to be dropped once nobody changes the judge's shape.
// The comparison covers the requirements the frozen judge knows: a check for a new requirement needs no copy
// there, while a changed judgement of an old one still fails here.
import { deepStrictEqual } from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from '@playwright/test';
import fc from 'fast-check';
import { TIMELINE_CORRUPTIONS } from '../../../generators/corruptions/timeline-corruptions.js';
import { scenarioTimelineArbitrary, type GeneratedTimeline } from '../../../generators/timeline.js';
import { classify } from '../../../src/oracle/classify.js';
import type { Exchange } from '../../../src/oracle/exchange.js';
import { judgeTimeline, startJudging, type StatusRequest } from '../../../src/oracle/judge.js';
import { judgementsOf } from '../../../src/oracle/judgement.js';
import type { Timeline } from '../../../src/oracle/observation.js';
import { checkAnswer } from '../../../src/oracle/response-checks.js';
import { checkProperty } from '../fc-config.js';
import { describeTimeline, printable } from '../generators/judging.js';
import * as frozen from './frozen/judge.js';

const BASE = { maxFiles: 8, maxPolls: 10 } as const;

/** Every requirement id the frozen judge's sources name: what it can judge. */
const FROZEN_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'frozen');
const FROZEN_REQUIREMENTS: ReadonlySet<string> = new Set(
  readdirSync(FROZEN_DIR).flatMap((file) => readFileSync(path.join(FROZEN_DIR, file), 'utf8').match(/JS-[A-Z]+-\d{3}/g) ?? []),
);
const known = <T extends { requirement: string }>(items: readonly T[]): T[] => items.filter((x) => FROZEN_REQUIREMENTS.has(x.requirement));
const knownIds = (ids: readonly string[]): string[] => ids.filter((id) => FROZEN_REQUIREMENTS.has(id));

/** What a hostile or broken target may send in place of a status answer, as an exchange. */
const hostileAnswer = (url: string, honest: string): fc.Arbitrary<Exchange> =>
  fc
    .record({
      status: fc.constantFrom(0, 200, 200, 200, 301, 302, 307, 400, 401, 403, 404, 422, 429, 500, 502, 503),
      body: fc.oneof(
        fc.constant(honest),
        fc.constant(honest.slice(0, Math.floor(honest.length / 2))), // cut mid-body
        fc.constant(`\ufeff${honest}`),
        fc.constant(honest.replace('{', '{"status":"running",')), // a repeated key
        fc.constant(honest.replace(/"(\w+)":(\d+)/, '"$1":"$2"')), // a number as a string
        fc.constant('<html><body>Bad Gateway</body></html>'),
        fc.constant(''),
        fc.constant('null'),
        fc.constant('[]'),
        fc.json({ maxDepth: 3 }),
        fc.string({ maxLength: 40 }),
      ),
      contentType: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/html',
        'application/problem+json',
        undefined,
      ),
      retryAfter: fc.constantFrom(undefined, '1', '0', '-1', 'soon', 'Wed, 21 Oct 2015 07:28:00 GMT'),
      bom: fc.boolean(),
      invalidUtf8: fc.boolean(),
    })
    .map(({ status, body, contentType, retryAfter, bom, invalidUtf8 }): Exchange => {
      const headers: Record<string, string> = {};
      if (contentType !== undefined) headers['content-type'] = contentType;
      if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
      return {
        request: { method: 'GET', url, headers: {} },
        status,
        headers: status === 0 ? {} : headers,
        body: status === 0 ? '' : body,
        receivedAt: '2026-03-01T10:00:00.000Z',
        ...(status === 0 ? { error: 'connection reset' } : {}),
        ...(status >= 300 && status < 400 ? { error: `HTTP ${status} (a redirect)` } : {}),
        ...(bom ? { bom } : {}),
        ...(invalidUtf8 ? { invalidUtf8 } : {}),
      };
    });

interface Case {
  timeline: Timeline;
  request: StatusRequest;
}

const printed = (c: Case) => printable(c, (x) => `request ${JSON.stringify(x.request)}\n${describeTimeline(x.timeline)}`);

/** A timeline re-indexed after edits: each observation classified again at its place. */
const reindexed = (exchanges: readonly Exchange[]): Timeline => exchanges.map((e, i) => classify(e, i));

/** Generated timelines, some answers replaced by hostile ones and some repeated to the byte (the judge's repeat path). */
const hostileTimelines: fc.Arbitrary<Case> = scenarioTimelineArbitrary({ ...BASE, scenario: { maxFiles: BASE.maxFiles } }).chain((g) => {
  const exchanges = g.timeline.map((o) => o.exchange);
  const n = exchanges.length;
  if (n === 0) return fc.constant(printed({ timeline: g.timeline, request: g.request }));
  return fc
    .tuple(
      fc.array(fc.tuple(fc.nat(n - 1), hostileAnswer(exchanges[0]!.request.url, exchanges[0]!.body)), { maxLength: 4 }),
      fc.array(fc.nat(n - 1), { maxLength: 4 }),
    )
    .map(([replaced, repeated]) => {
      const edited = [...exchanges];
      for (const [i, exchange] of replaced) edited[i] = exchange;
      for (const i of repeated) edited.splice(i, 0, edited[i]!);
      return printed({ timeline: reindexed(edited), request: g.request });
    });
});

const generated: fc.Arbitrary<Case> = scenarioTimelineArbitrary({ ...BASE, scenario: { maxFiles: BASE.maxFiles } }).map(
  (g: GeneratedTimeline) => printed({ timeline: g.timeline, request: g.request }),
);

const corrupted: fc.Arbitrary<Case> = fc.tuple(fc.constantFrom(...TIMELINE_CORRUPTIONS), fc.nat()).chain(([operator, pick]) => {
  const { scenario, ...needs } = operator.needs ?? {};
  const maxPolls = Math.max(BASE.maxPolls, needs.minPolls ?? 0);
  return scenarioTimelineArbitrary({ ...needs, maxPolls, scenario: { maxFiles: BASE.maxFiles, ...scenario } }).map((g) => {
    const broken = operator.apply(g, pick);
    return printed(broken ? broken.broken : { timeline: g.timeline, request: g.request });
  });
});

/** The new judge against the frozen one, every way a caller may ask it. */
function expectSameJudgement({ timeline, request }: Case): void {
  const before = frozen.assessTimeline(timeline, request);
  deepStrictEqual(
    known(judgeTimeline(timeline, request)),
    frozen.judgeTimeline(timeline, request),
    'judgeTimeline: the same findings, in order',
  );

  const judge = startJudging(request);
  timeline.forEach((observation) => {
    deepStrictEqual(
      known([...judge.observe(observation)]),
      frozen.judgeObservation(observation, request),
      `poll ${observation.index}: the answer's own findings, as watch prints them`,
    );
    deepStrictEqual(
      known(judgementsOf((out) => checkAnswer(observation.exchange, { jobId: request.jobId }, out))),
      frozen.assessAnswer(observation.exchange, { jobId: request.jobId }),
      `poll ${observation.index}: the answer judged as one of another endpoint`,
    );
  });
  const after = judge.assessment();
  deepStrictEqual(known(after.findings), before.findings, 'the assessment: the same findings, in order');
  deepStrictEqual(knownIds(after.exercised), before.exercised, 'the assessment: the same requirements judged, in order');
}

test('the timeline judge agrees with the judge before it on generated timelines', () => {
  checkProperty(fc.property(generated, expectSameJudgement), { numRuns: 300 });
});

test('the timeline judge agrees with the judge before it on corrupted timelines (every operator)', () => {
  checkProperty(fc.property(corrupted, expectSameJudgement), { numRuns: 400 });
});

test('the timeline judge agrees with the judge before it on hostile answers and byte-for-byte repeats', () => {
  checkProperty(fc.property(hostileTimelines, expectSameJudgement), { numRuns: 400 });
});
