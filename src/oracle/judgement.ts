// A check's answer about one requirement: that its check ran on the target's answers, and what broke it.
// A requirement is `passed` only when some check ran on it and held, so checks say when they ran, not
// only when they failed (a tag on a test is not evidence).
//
// The words, each meaning one thing: a check puts a Judgement (one requirement, its findings) into a
// JudgementSink; an Assessment is what the oracle says of a run of answers (every finding, and every
// requirement some check ran on). The timeline judge (judge.ts) is the one that makes Assessments.
import { finding, type Finding, type FindingContext } from './finding.js';

export interface Judgement {
  requirement: string;
  /** Empty when the requirement held on this answer. */
  findings: Finding[];
}

/** What the oracle says of a run of answers: every finding, and the requirements whose checks ran. */
export interface Assessment {
  findings: Finding[];
  exercised: string[];
}

/** The findings of a requirement that held: one shared, frozen list, so holding allocates nothing. */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** Where checks put what they judged, in order. Every check of src/oracle has this one form: `checkX(input, context, out)`. */
export interface JudgementSink {
  /** `requirement` was judged; `findings` say how it broke (NO_FINDINGS: it held). */
  add(requirement: string, findings: readonly Finding[]): void;
}

/** A sink keeping Judgement records, each with a list of its own (never the shared NO_FINDINGS). */
export class JudgementList implements JudgementSink {
  readonly judgements: Judgement[] = [];

  add(requirement: string, findings: readonly Finding[]): void {
    this.judgements.push({ requirement, findings: findings === NO_FINDINGS ? [] : (findings as Finding[]) });
  }
}

/** What one or more checks judged, as Judgement records: `judgementsOf((out) => checkQueryResponse(body, {}, out))`. */
export function judgementsOf(run: (out: JudgementSink) => void): Judgement[] {
  const out = new JudgementList();
  run(out);
  return out.judgements;
}

/** The findings of some judgements, in order. */
export function findingsOf(judgements: readonly Judgement[]): Finding[] {
  const findings: Finding[] = [];
  for (const judgement of judgements) for (const f of judgement.findings) findings.push(f);
  return findings;
}

/** The findings of one check run on `args`: `findingsOfCheck(checkFilesWalk, pages, {})` (the check's sink comes last). */
export function findingsOfCheck<A extends unknown[]>(check: (...args: [...A, JudgementSink]) => void, ...args: A): Finding[] {
  return findingsOf(judgementsOf((out) => check(...args, out)));
}

/** An assessment of some judgements: their findings, and each requirement judged, once. */
export function assessmentOf(judgements: readonly Judgement[]): Assessment {
  const exercised = new Set<string>();
  for (const judgement of judgements) exercised.add(judgement.requirement);
  return { findings: findingsOf(judgements), exercised: [...exercised] };
}

/** The requirement was judged; each message is one way it broke (none: it held). */
export function judgement(
  requirement: string,
  failures: ReadonlyArray<string | false | undefined>,
  context: FindingContext = {},
  evidence?: unknown,
): Judgement {
  const findings: Finding[] = [];
  for (const message of failures) if (message) findings.push(finding(requirement, message, context, evidence));
  return { requirement, findings };
}

/** Adds the judgement of `requirement` to `out` with up to two failure messages, allocating only for a failure. */
export function addJudgement(
  out: JudgementSink,
  requirement: string,
  context: FindingContext,
  first?: string | false | undefined,
  second?: string | false | undefined,
): void {
  if (!first && !second) {
    out.add(requirement, NO_FINDINGS);
    return;
  }
  out.add(requirement, judgement(requirement, [first, second], context).findings);
}

/** Adds `findings` of a check to `out` as the judgement of `requirement`; findings about other requirements are dropped. */
export function addAs(out: JudgementSink, requirement: string, findings: readonly Finding[]): void {
  if (findings.length === 0) return out.add(requirement, NO_FINDINGS);
  out.add(
    requirement,
    findings.filter((f) => f.requirement === requirement),
  );
}
