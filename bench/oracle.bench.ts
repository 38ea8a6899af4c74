// The timeline oracle's speed, on one core: observations per second through judgeTimeline (every
// answer judged, then the lifecycle across them) and through checkTimeline alone, on generated
// timelines, interleaved rounds in this one process. Target (issue 15): judgeTimeline >= 200,000/s.
import fc from 'fast-check';
import { scenarioTimelineArbitrary, type GeneratedTimeline } from '../generators/timeline.js';
import { checkSnapshotSchema, checkTimeline, judgeTimeline } from '../src/oracle/index.js';
import type { BenchOptions, BenchResult } from './run.js';
import { fmt, interleaved, verdict } from './measure.js';

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
  let sink = 0; // keeps the results alive, so no pass is optimised away
  const timings = interleaved(
    [
      { name: 'judgeTimeline', run: () => (timelines.forEach((g) => (sink += judgeTimeline(g.timeline, g.request).length)), observations) },
      { name: 'checkTimeline alone', run: () => (timelines.forEach((g) => (sink += checkTimeline(g.timeline, { jobId: g.request.jobId }).length)), observations) },
      { name: 'checkSnapshotSchema alone (snapshots)', run: () => (snapshots.forEach((s) => (sink += checkSnapshotSchema(s).length)), snapshots.length) },
    ],
    rounds,
  );
  const [judge, transitions, schema] = timings as [(typeof timings)[0], (typeof timings)[0], (typeof timings)[0]];
  const met = judge.perSecond >= TARGET;
  const findings = timelines.reduce((n, g) => n + judgeTimeline(g.timeline, g.request).length, 0);
  return {
    lines: [
      `${timelines.length} generated conforming timelines (seed ${SEED}), ${observations} observations (${snapshots.length} snapshots), ${findings} findings; best of ${rounds} interleaved rounds, one core (sink ${sink % 7})`,
      ...timings.map((t) => `  ${t.name.padEnd(40)} ${fmt(t.perSecond).padStart(10)} observations/s (${t.bestMs.toFixed(0)} ms a pass)`),
      `target judgeTimeline >= ${fmt(TARGET)} observations/s: ${fmt(judge.perSecond)}/s, ${(judge.perSecond / TARGET).toFixed(2)}x the target -> ${verdict(met)}`,
      `checkTimeline is ${((100 * (1 / transitions.perSecond)) / (1 / judge.perSecond)).toFixed(0)}% of judgeTimeline's time; the schema check of snapshots ${((100 * (snapshots.length / schema.perSecond)) / (observations / judge.perSecond)).toFixed(0)}%`,
    ],
    figures: { seed: SEED, timelines: timelines.length, observations, snapshots: snapshots.length, findings, rounds, timings, target: TARGET, met },
    failures: findings > 0 ? [`${findings} findings on conforming timelines`] : [],
  };
}
