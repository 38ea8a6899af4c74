// Profiles the timeline oracle on the bench's generated timelines:
//   node --cpu-prof --cpu-prof-dir=/tmp/oracle-prof --import tsx bench/profile-oracle.ts
//   npx tsx bench/profile-summary.ts /tmp/oracle-prof      (self time by function)
import fc from 'fast-check';
import { scenarioTimelineArbitrary } from '../generators/timeline.js';
import { judgeTimeline } from '../src/oracle/judge.js';

const timelines = fc.sample(scenarioTimelineArbitrary({ scenario: { maxFiles: 40 }, minTerminalPolls: 1 }), {
  seed: 20_260_416,
  numRuns: 1500,
});
const started = performance.now();
let observations = 0;
while (performance.now() - started < 8_000) {
  for (const g of timelines) {
    judgeTimeline(g.timeline, g.request);
    observations += g.timeline.length;
  }
}
console.log(`${Math.round((observations * 1000) / (performance.now() - started))} observations/s under the profiler`);
