// Status bodies for the validation benchmark: what a conforming server answers (snapshots and
// placeholders of generated timelines) and the same answers broken by the corruption operators, so
// some break the schema and others only the lifecycle. Seeded, so every run validates the same bodies.
import fc from 'fast-check';
import { TIMELINE_CORRUPTIONS } from '../generators/corruptions/timeline-corruptions.js';
import { scenarioTimelineArbitrary, type GeneratedTimeline } from '../generators/timeline.js';
import type { Observation } from '../src/oracle/observation.js';

export interface StatusBodies {
  /** Bodies answered by a conforming server. */
  conforming: unknown[];
  /** Bodies of the poll a corruption operator broke (it may break the schema or only the lifecycle). */
  corrupted: unknown[];
}

function bodyOf(observation: Observation | undefined): unknown {
  if (observation?.kind !== 'snapshot' && observation?.kind !== 'placeholder') return undefined;
  return JSON.parse(observation.exchange.body) as unknown;
}

/** `count` bodies, half conforming and half corrupted, from timelines sampled with `seed`. */
export function statusBodies(count: number, seed: number): StatusBodies {
  const half = Math.ceil(count / 2);
  const conforming: unknown[] = [];
  const corrupted: unknown[] = [];
  let batch = 0;
  while (conforming.length < half || corrupted.length < count - half) {
    const timelines: GeneratedTimeline[] = fc.sample(scenarioTimelineArbitrary({ scenario: { maxFiles: 60 }, minPolls: 4 }), {
      seed: seed + batch,
      numRuns: 200,
    });
    timelines.forEach((g, i) => {
      for (const observation of g.timeline) {
        const body = bodyOf(observation);
        if (body !== undefined && conforming.length < half) conforming.push(body);
      }
      const operator = TIMELINE_CORRUPTIONS[(batch * 200 + i) % TIMELINE_CORRUPTIONS.length]!;
      const broken = operator.apply(g, i);
      const body = broken && bodyOf(broken.broken.timeline[broken.pollIndex]);
      if (body !== undefined && corrupted.length < count - half) corrupted.push(body);
    });
    batch++;
  }
  return { conforming, corrupted };
}
