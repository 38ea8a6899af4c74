// Failures stay readable: with an oracle check broken on purpose, the counterexample fast-check
// shrinks to is a timeline of at most three polls, not the sixteen it may have started from.
import { deepStrictEqual, ok } from 'node:assert/strict';
import { test } from '@playwright/test';
import fc from 'fast-check';
import { scenarioTimelineArbitrary, type GeneratedTimeline } from '../../../generators/timeline.js';
import { finding, type Finding } from '../../../src/oracle/finding.js';
import { judgeTimeline, type StatusRequest } from '../../../src/oracle/judge.js';
import type { Timeline } from '../../../src/oracle/observation.js';
import { propertyParameters } from '../fc-config.js';
import { describeFindings, describeTimeline } from './judging.js';

/** The oracle with a planted bug: it takes a placeholder for a state, so completed after one is a "regression". */
function judgeWithPlantedBug(timeline: Timeline, request: StatusRequest): Finding[] {
  const findings = judgeTimeline(timeline, request);
  let placeholderSeen = false;
  for (const o of timeline) {
    if (o.kind === 'placeholder') placeholderSeen = true;
    if (o.kind === 'snapshot' && o.snapshot.status === 'completed' && placeholderSeen) {
      findings.push(
        finding('JS-TRANS-001', 'status went from running (placeholder) to completed', { jobId: request.jobId, pollIndex: o.index }),
      );
    }
  }
  return findings;
}

test('a planted oracle bug shrinks to a counterexample of at most 3 polls', () => {
  const parameters = propertyParameters<[GeneratedTimeline]>();
  test.info().annotations.push({ type: 'seed', description: `FC_SEED=${parameters.seed} (${parameters.numRuns} runs)` });
  const timelines = scenarioTimelineArbitrary({ scenario: { maxFiles: 30, ends: ['run'] }, maxPolls: 16, minTerminalPolls: 1 });
  const details = fc.check(
    fc.property(timelines, (g) => {
      const findings = judgeWithPlantedBug(g.timeline, g.request);
      deepStrictEqual(findings, [], describeFindings(findings));
    }),
    parameters,
  );
  ok(details.failed, `the planted bug went unnoticed in ${details.numRuns} runs (seed ${details.seed})`);
  const counterexample = details.counterexample![0];
  test.info().annotations.push({
    type: 'counterexample',
    description: `${details.numShrinks} shrinks, path ${details.counterexamplePath}\n${describeTimeline(counterexample.timeline)}`,
  });
  ok(
    counterexample.timeline.length <= 3,
    `counterexample has ${counterexample.timeline.length} polls:\n${describeTimeline(counterexample.timeline)}`,
  );
  ok(counterexample.scenario.files.length <= 1, `counterexample keeps ${counterexample.scenario.files.length} files`);
});
