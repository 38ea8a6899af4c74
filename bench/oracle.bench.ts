// The timeline oracle's speed, on one core: observations per second through judgeTimeline (every
// answer judged, then the lifecycle across them) and through checkTimeline alone, on generated
// timelines, interleaved rounds in this one process. Target (issue 15): judgeTimeline >= 200,000/s.
import fc from 'fast-check';
import { scenarioTimelineArbitrary, type GeneratedTimeline } from '../generators/timeline.js';
import { checkSnapshotSchema } from '../src/oracle/snapshot-schema.js';
import { checkSnapshotState } from '../src/oracle/state-checks.js';
import { checkTimeline, TRANSITION_CHECKS } from '../src/oracle/transition-checks.js';
import { judgeObservation, judgeTimeline } from '../src/oracle/judge.js';
import type { BenchOptions, BenchResult } from './run.js';
import { fmt, interleaved, verdict, type Timing } from './measure.js';

const SEED = 20_260_416;
const TARGET = 200_000;

export default async function (options: BenchOptions): Promise<BenchResult> {
  const timelines: GeneratedTimeline[] = fc.sample(scenarioTimelineArbitrary({ scenario: { maxFiles: 40 }, minTerminalPolls: 1 }), {
    seed: SEED,
    numRuns: options.quick ? 500 : 1500,
  });
  const observations = timelines.reduce((n, g) => n + g.timeline.length, 0);
  const snapshots = timelines.flatMap((g) => g.timeline.flatMap((o) => (o.kind === 'snapshot' ? [o.snapshot] : [])));
  const rounds = options.quick ? 3 : 5;
  const measure = { rounds, chunk: 20, weight: (g: GeneratedTimeline) => g.timeline.length };
  const snapshotsOf = (g: GeneratedTimeline) => g.timeline.flatMap((o) => (o.kind === 'snapshot' ? [o.snapshot] : []));
  const timings = interleaved<GeneratedTimeline>(
    timelines,
    [
      { name: 'judgeTimeline', check: (g) => judgeTimeline(g.timeline, g.request).length },
      { name: 'checkTimeline alone', check: (g) => checkTimeline(g.timeline, { jobId: g.request.jobId }).length },
      {
        name: 'checkSnapshotSchema alone (snapshots)',
        check: (g) => snapshotsOf(g).reduce((n, s) => n + checkSnapshotSchema(s).length, 0),
      },
    ],
    measure,
  );
  // Where judgeTimeline's time goes: each part alone over the same timelines.
  const parts = interleaved<GeneratedTimeline>(
    timelines,
    [
      { name: 'judgeObservation, every poll', check: (g) => g.timeline.reduce((n, o) => n + judgeObservation(o, g.request).length, 0) },
      { name: 'checkSnapshotState, every snapshot', check: (g) => snapshotsOf(g).reduce((n, s) => n + checkSnapshotState(s).length, 0) },
      ...Object.entries(TRANSITION_CHECKS).map(([name, check]) => ({
        name,
        check: (g: GeneratedTimeline) => check(g.timeline, { jobId: g.request.jobId }).length,
      })),
    ],
    measure,
  );
  const [judge, transitions, schema] = timings as [Timing, Timing, Timing];
  const met = judge.perSecond >= TARGET;
  const findings = timelines.reduce((n, g) => n + judgeTimeline(g.timeline, g.request).length, 0);
  return {
    lines: [
      `${timelines.length} generated conforming timelines (seed ${SEED}), ${observations} observations (${snapshots.length} snapshots), ${findings} findings; best of ${rounds} interleaved rounds, chunks of 20 timelines, contenders interleaved, one core`,
      ...timings.map((t) => `  ${t.name.padEnd(40)} ${fmt(t.perSecond).padStart(10)} observations/s (${t.bestMs.toFixed(0)} ms a pass)`),
      `target judgeTimeline >= ${fmt(TARGET)} observations/s: ${fmt(judge.perSecond)}/s, ${(judge.perSecond / TARGET).toFixed(2)}x the target -> ${verdict(met)}`,
      `where judgeTimeline's ${judge.bestMs.toFixed(0)} ms a pass go (each part timed alone): ${parts.map((p) => `${p.name} ${p.bestMs.toFixed(0)} ms`).join(', ')}`,
      `checkTimeline is ${((100 * transitions.bestMs) / judge.bestMs).toFixed(0)}% of judgeTimeline's time; the schema check of snapshots ${((100 * schema.bestMs) / judge.bestMs).toFixed(0)}%`,
    ],
    figures: {
      seed: SEED,
      timelines: timelines.length,
      observations,
      snapshots: snapshots.length,
      findings,
      rounds,
      timings,
      parts,
      target: TARGET,
      met,
    },
    failures: findings > 0 ? [`${findings} findings on conforming timelines`] : [],
  };
}
