// A conforming server's timelines are clean: whatever the scenario and however it is polled, the
// oracle finds nothing, and every answer is classified as what the server meant it to be.
import { deepStrictEqual } from 'node:assert/strict';
import { test } from '@playwright/test';
import fc from 'fast-check';
import { scenarioTimelineArbitrary, type Answer, type GeneratedTimeline } from '../../../generators/index.js';
import type { ObservationKind } from '../../../src/oracle/index.js';
import { checkProperty } from './fc-config.js';
import { describeFindings, judgeBroken } from './judging.js';

const KIND_OF: Record<Answer, ObservationKind> = { state: 'snapshot', placeholder: 'placeholder', 'rate-limited': 'http-error' };

function expectClean(g: GeneratedTimeline): void {
  deepStrictEqual(g.timeline.map((o) => o.kind), g.polls.map((p) => KIND_OF[p.answer]), 'each answer is classified as served');
  const findings = judgeBroken(g);
  deepStrictEqual(findings, [], describeFindings(findings));
}

test('a conforming timeline (up to 30 files, every end, placeholders, 429s, media lag) yields no finding', () => {
  const timelines = scenarioTimelineArbitrary({ scenario: { maxFiles: 30, ends: ['run', 'cancel', 'fail', 'stuck'] }, maxPolls: 16 });
  checkProperty(fc.property(timelines, expectClean));
});

test('a conforming timeline polled again after its end yields no finding', () => {
  const timelines = scenarioTimelineArbitrary({ scenario: { maxFiles: 30 }, maxPolls: 8, minTerminalPolls: 2 });
  checkProperty(fc.property(timelines, expectClean));
});

test('a conforming timeline of a large job (up to 300 files) yields no finding', () => {
  const timelines = scenarioTimelineArbitrary({ scenario: { maxFiles: 300, minFiles: 31 }, maxPolls: 12, minTerminalPolls: 1 });
  checkProperty(fc.property(timelines, expectClean), { numRuns: 100 });
});
