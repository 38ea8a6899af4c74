// A conforming server's timelines are clean: whatever the scenario and however it is polled, the
// oracle finds nothing, and every answer is classified as what the server meant it to be.
import { deepStrictEqual } from 'node:assert/strict';
import { test } from '@playwright/test';
import fc from 'fast-check';
import { scenarioTimelineArbitrary, type Answer, type GeneratedTimeline } from '../../../generators/timeline.js';
import type { ObservationKind } from '../../../src/oracle/observation.js';
import { isTerminal } from '../../../src/model/status.js';
import { checkProperty, DEFAULT_NUM_RUNS } from '../fc-config.js';
import { describeFindings, judgeBroken } from './judging.js';

const KIND_OF: Record<Answer, ObservationKind> = { state: 'snapshot', placeholder: 'placeholder', 'rate-limited': 'http-error' };

function expectClean(g: GeneratedTimeline): void {
  deepStrictEqual(
    g.timeline.map((o) => o.kind),
    g.polls.map((p) => KIND_OF[p.answer]),
    'each answer is classified as served',
  );
  const findings = judgeBroken(g);
  deepStrictEqual(findings, [], describeFindings(findings));
}

/** What a timeline shows, so the runs can prove they exercised it. */
const FEATURES: Record<string, (g: GeneratedTimeline) => boolean> = {
  'media lag (running, progress null)': (g) =>
    g.timeline.some((o) => o.kind === 'snapshot' && o.snapshot.status === 'running' && o.snapshot.progress === null),
  'placeholder after a terminal snapshot': (g) => {
    const first = g.timeline.findIndex((o) => o.kind === 'snapshot' && isTerminal(o.snapshot.status));
    return first >= 0 && g.timeline.slice(first).some((o) => o.kind === 'placeholder');
  },
  'pending then terminal, running skipped': (g) => {
    const statuses = g.timeline.flatMap((o) => (o.kind === 'snapshot' ? [o.snapshot.status] : []));
    return statuses.includes('pending') && !statuses.includes('running') && statuses.some(isTerminal);
  },
  'HTTP 429 with Retry-After': (g) => g.timeline.some((o) => o.kind === 'http-error'),
  'first page cut by files_limit': (g) =>
    g.timeline.some((o) => o.kind === 'snapshot' && typeof o.snapshot.files_page?.next_cursor === 'string'),
  ...Object.fromEntries(
    (['completed', 'completed_with_failures', 'failed', 'cancelled'] as const).map((status) => [
      `ends ${status}`,
      (g: GeneratedTimeline) => g.timeline.some((o) => o.kind === 'snapshot' && o.snapshot.status === status),
    ]),
  ),
  'stuck job': (g) => g.scenario.end.kind === 'stuck',
};

test('a conforming timeline (up to 30 files, every end, placeholders, 429s, media lag) yields no finding', () => {
  const timelines = scenarioTimelineArbitrary({ scenario: { maxFiles: 30, ends: ['run', 'cancel', 'fail', 'stuck'] }, maxPolls: 16 });
  const seen = new Map(Object.keys(FEATURES).map((name) => [name, 0]));
  const details = checkProperty(
    fc.property(timelines, (g) => {
      for (const [name, shows] of Object.entries(FEATURES)) if (shows(g)) seen.set(name, seen.get(name)! + 1);
      expectClean(g);
    }),
  );
  test.info().annotations.push({ type: 'features', description: [...seen].map(([name, n]) => `${name}: ${n}`).join(', ') });
  // Only a full run has to show everything; a replay runs one case.
  if (details.numRuns >= DEFAULT_NUM_RUNS) {
    deepStrictEqual(
      [...seen].filter(([, n]) => n === 0).map(([name]) => name),
      [],
      'features no timeline showed',
    );
  }
});

test('a conforming timeline polled again after its end yields no finding', () => {
  const timelines = scenarioTimelineArbitrary({ scenario: { maxFiles: 30 }, maxPolls: 8, minTerminalPolls: 2 });
  checkProperty(fc.property(timelines, expectClean));
});

test('a conforming timeline of a large job (51 to 300 files, 200 runs) yields no finding', () => {
  const timelines = scenarioTimelineArbitrary({ scenario: { maxFiles: 300, minFiles: 51 }, maxPolls: 12, minTerminalPolls: 1 });
  checkProperty(fc.property(timelines, expectClean), { numRuns: 200 });
});
