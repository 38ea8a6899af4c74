// How a lifecycle rule follows one timeline: a snapshot at a time, each keyed value it reads against the
// value last seen under that key. Every rule walks the same snapshots, so they follow a timeline together
// in one walk. A snapshot known to repeat the previous one byte for byte is folded into it: its values
// are the ones just seen, so it only moves their poll (and makes the rule compared), as a visit would.
import type { JobSnapshot } from '../model/job.js';
import { finding, type Finding, type FindingContext } from './finding.js';
import type { Judgement, JudgementSink } from './judgement.js';
import type { Observation } from './observation.js';
import { stringAt } from './values.js';

type SnapshotObservation = Observation & { kind: 'snapshot' };

/** A value seen in a snapshot, keyed by what it is the value of (a counter's name, a file's uri...); `visit` numbers the snapshot. */
type Sighting<T> = { value: T; visit: number };

/** Where a rule reports the keyed values it reads in a snapshot. */
export interface Sightings<T> {
  see(key: string, value: T): void;
}

/**
 * A lifecycle rule: the keyed values it follows in a snapshot, and which may not follow which. A value
 * may always follow itself (===), which is what lets a repeated answer be folded into the one it repeats.
 */
export interface Rule<T> {
  requirement: string;
  read: (snapshot: JobSnapshot, sightings: Sightings<T>) => void;
  /** The message of a finding when `after` may not follow `before` (seen at poll `since`). */
  illegal: (before: T, after: T, key: string, since: number) => string | undefined;
}

/** A rule following one timeline, a snapshot at a time, whatever the type of the values it follows. */
export interface Following {
  visit(observation: SnapshotObservation): void;
  /** The snapshot just visited, again (the same JSON value: the same bytes, both parsed by classify). */
  revisit(observation: SnapshotObservation): void;
  /** The rule's judgement, or nothing when no value was ever compared with an earlier one. */
  judgement(): Judgement | undefined;
}

/** One rule following one timeline: each keyed value against the one last seen under its key. */
class Follower<T> implements Sightings<T>, Following {
  private readonly last = new Map<string, Sighting<T>>();
  private readonly findings: Finding[] = [];
  private compared = false;
  private current: SnapshotObservation | undefined;
  /** The poll of each visit, by visit number: a fold moves the poll of the visit it repeats. */
  private readonly polls: number[] = [];
  /** Whether the current visit saw some value, and whether all it saw were primitives (an object is not === its copy). */
  private saw = false;
  private primitive = true;

  constructor(
    private readonly rule: Rule<T>,
    private readonly jobId: string | undefined,
  ) {}

  visit(observation: SnapshotObservation): void {
    this.current = observation;
    this.polls.push(observation.index);
    this.saw = false;
    this.primitive = true;
    this.rule.read(observation.snapshot, this);
  }

  revisit(observation: SnapshotObservation): void {
    // A copy of an object value is compared as any value is (and with no visit before, there is nothing to fold into).
    if (!this.primitive || this.polls.length === 0) return this.visit(observation);
    this.current = observation;
    this.polls[this.polls.length - 1] = observation.index;
    if (this.saw) this.compared = true; // each value it saw is compared with itself, and allowed
  }

  see(key: string, value: T): void {
    const visit = this.polls.length - 1;
    this.saw = true;
    if (typeof value === 'object' && value !== null) this.primitive = false;
    const before = this.last.get(key);
    if (before === undefined) {
      this.last.set(key, { value, visit });
      return;
    }
    if (before.visit === visit) return; // a key listed twice in one answer (a uri on a page twice) is a paging problem
    this.compared = true;
    const message = this.rule.illegal(before.value, value, key, this.polls[before.visit]!);
    if (message) {
      const at = this.current!;
      this.findings.push(
        finding(this.rule.requirement, message, { jobId: this.jobId ?? stringAt(at.snapshot.job_id), pollIndex: at.index }),
      );
    }
    before.value = value;
    before.visit = visit;
  }

  judgement(): Judgement | undefined {
    return this.compared ? { requirement: this.rule.requirement, findings: this.findings } : undefined;
  }
}

/**
 * A check of one rule over a whole timeline (judged into `out` when it compared some value with an earlier
 * one), which can also follow a timeline a poll at a time, alongside the other rules.
 */
export type TransitionCheck = ((timeline: readonly Observation[], context: FindingContext, out: JudgementSink) => void) & {
  follow(jobId?: string): Following;
};

/** Rules following one timeline together, a poll at a time: in a walk of their own, or beside the judging of each answer. */
export class Lifecycle {
  constructor(private readonly followers: readonly Following[]) {}

  /** The next poll of the timeline; only a real snapshot carries state. `again`: it holds the previous snapshot's very value. */
  step(observation: Observation, again = false): void {
    if (observation.kind !== 'snapshot') return;
    for (const f of this.followers) {
      if (again) f.revisit(observation);
      else f.visit(observation);
    }
  }

  /** The rules' judgements, in the followers' order: only those that compared a value with an earlier one. */
  judgements(): Judgement[] {
    const out: Judgement[] = [];
    for (const f of this.followers) {
      const judgement = f.judgement();
      if (judgement) out.push(judgement);
    }
    return out;
  }
}

/**
 * Walks the real snapshots and, for every keyed value the rule reads in one, asks `illegal` whether
 * it may follow the value last seen under that key; `illegal` returns the message of a finding.
 */
export function monotone<T>(rule: Rule<T>): TransitionCheck {
  const follow = (jobId?: string): Following => new Follower(rule, jobId);
  const check = (timeline: readonly Observation[], context: FindingContext, out: JudgementSink): void => {
    const lifecycle = new Lifecycle([follow(context.jobId)]);
    for (const observation of timeline) lifecycle.step(observation);
    for (const judgement of lifecycle.judgements()) out.add(judgement.requirement, judgement.findings);
  };
  return Object.assign(check, { follow });
}
