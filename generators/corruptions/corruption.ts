// A corruption operator takes what a conforming server answered and breaks exactly one
// requirement of the catalog, at one poll it names. The properties prove the oracle reports that
// requirement there and nothing else. An operator returns undefined when a sample offers nothing
// it can break cleanly (a timeline with no terminal snapshot cannot have its completed_at dropped).
import type { JobSnapshot } from '../../src/model/job.js';
import { classify } from '../../src/oracle/classify.js';
import type { Exchange } from '../../src/oracle/exchange.js';
import type { StatusRequest } from '../../src/oracle/judge.js';
import type { Observation, Timeline } from '../../src/oracle/observation.js';
import type { FilesWalkOptions, GeneratedWalk } from '../files-walk.js';
import type { GeneratedTimeline, ScenarioTimelineOptions } from '../timeline.js';

/** What an operator broke, where, and the broken artefact. */
export interface Corrupted<T> {
  requirement: string;
  /** Index of the poll (timeline) or page (walk) where the requirement first breaks. */
  pollIndex: number;
  /** What was done, in a line, for the counterexample. */
  what: string;
  broken: T;
}

export interface BrokenTimeline {
  request: StatusRequest;
  timeline: Timeline;
}

interface Operator<In, Out, Needs> {
  /** Short kebab-case name, unique among operators. */
  name: string;
  /** The one requirement it breaks. */
  requirement: string;
  /** What the generated input must offer for the operator to apply often (narrows the generator). */
  needs?: Needs;
  /** `pick` chooses among the places the operator could break; undefined when there is none. */
  apply(input: In, pick: number): Corrupted<Out> | undefined;
}

export type TimelineCorruption = Operator<GeneratedTimeline, BrokenTimeline, ScenarioTimelineOptions>;
export type WalkCorruption = Operator<GeneratedWalk, JobSnapshot[], FilesWalkOptions & { minPages?: number }>;

/** The element `pick` designates in `items`, or undefined when there is none. */
export function choose<T>(items: readonly T[], pick: number): T | undefined {
  return items.length === 0 ? undefined : items[pick % items.length];
}

export function snapshotOf(observation: Observation | undefined): JobSnapshot | undefined {
  return observation?.kind === 'snapshot' ? observation.snapshot : undefined;
}

/** Indexes of the real snapshots matching `where`. */
export function snapshotIndexes(timeline: Timeline, where: (s: JobSnapshot, index: number) => boolean = () => true): number[] {
  return timeline.flatMap((o) => (o.kind === 'snapshot' && where(o.snapshot, o.index) ? [o.index] : []));
}

/** The exchange of `observation` with a new body (and optionally other fields), classified again. */
export function reanswer(timeline: Timeline, index: number, change: (exchange: Exchange) => Exchange): Timeline {
  return timeline.map((o) => (o.index === index ? classify(change(o.exchange), index) : o));
}

export function withBody(exchange: Exchange, body: unknown): Exchange {
  return { ...exchange, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** Applies `edit` to a copy of the real snapshot at each of `indexes`. */
export function editSnapshots(timeline: Timeline, indexes: readonly number[], edit: (s: JobSnapshot, index: number) => void): Timeline {
  const chosen = new Set(indexes);
  return timeline.map((o) => {
    if (!chosen.has(o.index) || o.kind !== 'snapshot') return o;
    const copy = JSON.parse(o.exchange.body) as JobSnapshot;
    edit(copy, o.index);
    return classify(withBody(o.exchange, copy), o.index);
  });
}

/** Where and how a corruption broke its input; the operator adds its requirement. */
export interface Damage<T> {
  pollIndex: number;
  what: string;
  broken: T;
}

interface OperatorSpec<In, Out, Needs> {
  name: string;
  requirement: string;
  needs?: Needs;
  corrupt(input: In, pick: number): Damage<Out> | undefined;
}

function operator<In, Out, Needs>(spec: OperatorSpec<In, Out, Needs>): Operator<In, Out, Needs> {
  const { corrupt, ...rest } = spec;
  return {
    ...rest,
    apply(input, pick) {
      const damage = corrupt(input, pick);
      return damage && { requirement: spec.requirement, ...damage };
    },
  };
}

export function timelineCorruption(spec: {
  name: string;
  requirement: string;
  needs?: ScenarioTimelineOptions;
  corrupt(g: GeneratedTimeline, pick: number): { pollIndex: number; what: string; timeline: Timeline } | undefined;
}): TimelineCorruption {
  return operator({
    ...spec,
    corrupt(g, pick) {
      const damage = spec.corrupt(g, pick);
      return damage && { pollIndex: damage.pollIndex, what: damage.what, broken: { request: g.request, timeline: damage.timeline } };
    },
  });
}

export function walkCorruption(spec: OperatorSpec<GeneratedWalk, JobSnapshot[], FilesWalkOptions & { minPages?: number }>): WalkCorruption {
  return operator(spec);
}

export function shiftIso(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
