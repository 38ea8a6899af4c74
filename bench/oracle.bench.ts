// The timeline oracle's speed, on one core: observations per second through judgeTimeline (every
// answer judged, then the lifecycle across them) and through the lifecycle rules alone, on generated
// timelines, all in this one process. Each round times every contender once over all timelines, in chunks and a rotating
// order (bench/measure.ts); a contender's figure is its median round. Target (issue 15): judgeTimeline >= 200,000/s.
import fc from 'fast-check';
import { scenarioTimelineArbitrary, type GeneratedTimeline } from '../generators/timeline.js';
import { judgeTimeline, startJudging } from '../src/oracle/judge.js';
import { findingsOfCheck } from '../src/oracle/judgement.js';
import type { Observation } from '../src/oracle/observation.js';
import { checkSnapshotSchema } from '../src/oracle/snapshot-schema.js';
import { checkSnapshotState } from '../src/oracle/state-checks.js';
import { followLifecycle, TRANSITION_CHECKS } from '../src/oracle/transition-checks.js';
import type { BenchOptions, BenchResult } from './run.js';
import { fmt, interleaved, ratio, verdict, type Contender } from './measure.js';

const SEED = 20_260_416;
const TARGET = 200_000;

interface MedianTiming {
  name: string;
  /** The median round's pass over every timeline, in ms, and the best round's. */
  medianMs: number;
  bestMs: number;
  units: number;
  /** Observations per second at the median round. */
  perSecond: number;
  /** Every round's pass, in ms, in round order. */
  roundsMs: number[];
}

/** The lifecycle rules alone over one timeline: how many findings they make. */
function lifecycleFindings(timeline: readonly Observation[], jobId: string): number {
  const lifecycle = followLifecycle(jobId);
  for (const observation of timeline) lifecycle.step(observation);
  return lifecycle.judgements().reduce((n, j) => n + j.findings.length, 0);
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** `rounds` passes of every contender side by side; each round is one interleaved pass (after its warm-up). */
function medianTimings(
  timelines: readonly GeneratedTimeline[],
  contenders: Contender<GeneratedTimeline>[],
  rounds: number,
): MedianTiming[] {
  const weight = (g: GeneratedTimeline) => g.timeline.length;
  const passes = contenders.map(() => [] as number[]);
  let units = 0;
  for (let round = 0; round < rounds; round++) {
    // Rotating the list too, so no contender always runs first in a chunk.
    const order = contenders.map((_, i) => (i + round) % contenders.length);
    const timings = interleaved(
      timelines,
      order.map((i) => contenders[i]!),
      { rounds: 1, chunk: 20, weight },
    );
    timings.forEach((t, j) => passes[order[j]!]!.push(t.bestMs));
    units = timings[0]!.units;
  }
  return contenders.map((c, i) => {
    const medianMs = median(passes[i]!);
    return { name: c.name, medianMs, bestMs: Math.min(...passes[i]!), units, perSecond: (units * 1000) / medianMs, roundsMs: passes[i]! };
  });
}

/** The median over rounds of how many times faster `fast` was than `slow` in the same round. */
const medianSpeedup = (fast: MedianTiming, slow: MedianTiming): number => median(fast.roundsMs.map((ms, i) => slow.roundsMs[i]! / ms));

export default async function (options: BenchOptions): Promise<BenchResult> {
  const timelines: GeneratedTimeline[] = fc.sample(scenarioTimelineArbitrary({ scenario: { maxFiles: 40 }, minTerminalPolls: 1 }), {
    seed: SEED,
    numRuns: options.quick ? 500 : 1500,
  });
  const observations = timelines.reduce((n, g) => n + g.timeline.length, 0);
  const snapshotsOf = (g: GeneratedTimeline) => g.timeline.flatMap((o) => (o.kind === 'snapshot' ? [o.snapshot] : []));
  const snapshots = timelines.reduce((n, g) => n + snapshotsOf(g).length, 0);
  const rounds = options.quick ? 5 : 9;
  const timings = medianTimings(
    timelines,
    [
      { name: 'judgeTimeline', check: (g) => judgeTimeline(g.timeline, g.request).length },
      { name: 'the lifecycle alone', check: (g) => lifecycleFindings(g.timeline, g.request.jobId) },
      {
        name: 'checkSnapshotSchema alone (snapshots)',
        check: (g) => snapshotsOf(g).reduce((n, s) => n + findingsOfCheck(checkSnapshotSchema, s, {}).length, 0),
      },
    ],
    rounds,
  );
  // Where judgeTimeline's time goes: each part alone over the same timelines (fewer rounds: an indication).
  const parts = medianTimings(
    timelines,
    [
      { name: 'each poll judged alone', check: (g) => g.timeline.reduce((n, o) => n + startJudging(g.request).observe(o).length, 0) },
      {
        name: 'checkSnapshotState, every snapshot',
        check: (g) => snapshotsOf(g).reduce((n, s) => n + findingsOfCheck(checkSnapshotState, s, {}).length, 0),
      },
      ...Object.entries(TRANSITION_CHECKS).map(([name, check]) => ({
        name,
        check: (g: GeneratedTimeline) => findingsOfCheck(check, g.timeline, { jobId: g.request.jobId }).length,
      })),
    ],
    Math.max(3, rounds >> 1),
  );
  const [judge, transitions, schema] = timings as [MedianTiming, MedianTiming, MedianTiming];
  const met = judge.perSecond >= TARGET;
  const findings = timelines.reduce((n, g) => n + judgeTimeline(g.timeline, g.request).length, 0);
  return {
    lines: [
      `${timelines.length} generated conforming timelines (seed ${SEED}), ${observations} observations (${snapshots} snapshots), ${findings} findings; median of ${rounds} rounds, each contender once a round over every timeline in chunks of 20, in a rotating order, one core`,
      ...timings.map(
        (t) =>
          `  ${t.name.padEnd(44)} ${fmt(t.perSecond).padStart(10)} observations/s (median ${t.medianMs.toFixed(0)} ms a pass, best ${t.bestMs.toFixed(0)} ms)`,
      ),
      `target judgeTimeline >= ${fmt(TARGET)} observations/s: ${fmt(judge.perSecond)}/s at the median, ${(judge.perSecond / TARGET).toFixed(2)}x the target -> ${verdict(met)}`,
      `judgeTimeline (every answer judged, then the lifecycle) against the lifecycle alone, round by round: ${ratio(medianSpeedup(transitions, judge))} the time (median)`,
      `the parts of judgeTimeline's ${judge.medianMs.toFixed(0)} ms a pass, each timed alone on every poll or snapshot (judgeTimeline skips an answer repeating one that held, and follows the lifecycle beside the answers), median: ${parts.map((p) => `${p.name} ${p.medianMs.toFixed(1)} ms`).join(', ')}`,
      `the lifecycle alone takes ${((100 * transitions.medianMs) / judge.medianMs).toFixed(0)}% of judgeTimeline's time; the schema check of snapshots alone ${((100 * schema.medianMs) / judge.medianMs).toFixed(0)}%`,
    ],
    figures: {
      seed: SEED,
      timelines: timelines.length,
      observations,
      snapshots,
      findings,
      rounds,
      timings,
      parts,
      target: TARGET,
      met,
    },
    failures: [...(findings > 0 ? [`${findings} findings on conforming timelines`] : [])],
  };
}
