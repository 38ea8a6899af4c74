// A check's answer about one requirement: that its check ran on the target's answers, and what broke it.
// A requirement is `passed` only when some check ran on it and held, so checks say when they ran, not
// only when they failed (a tag on a test is not evidence).
import { finding, type Finding, type FindingContext } from '../../../../src/oracle/finding.js';

export interface Judged {
  requirement: string;
  /** Empty when the requirement held on this answer. */
  findings: Finding[];
}

/** What the oracle says of a run of answers: every finding, and the requirements whose checks ran. */
export interface Assessment {
  findings: Finding[];
  exercised: string[];
}

/** The requirement was judged; each message is one way it broke (none: it held). */
export function judged(
  requirement: string,
  failures: ReadonlyArray<string | false | undefined>,
  context: FindingContext = {},
  evidence?: unknown,
): Judged {
  const findings: Finding[] = [];
  for (const message of failures) if (message) findings.push(finding(requirement, message, context, evidence));
  return { requirement, findings };
}

/** The findings of some judgements, in order. */
export function findingsOf(judgements: readonly Judged[]): Finding[] {
  const findings: Finding[] = [];
  for (const judgement of judgements) for (const f of judgement.findings) findings.push(f);
  return findings;
}

/** An assessment of some judgements: their findings, and each requirement judged, once. */
export function assessmentOf(judgements: readonly Judged[], extraFindings: readonly Finding[] = []): Assessment {
  const findings = findingsOf(judgements);
  for (const f of extraFindings) findings.push(f);
  const exercised = new Set<string>();
  for (const judgement of judgements) exercised.add(judgement.requirement);
  return { findings, exercised: [...exercised] };
}

/** The findings of a requirement that held: one shared, frozen list, so holding allocates nothing. */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * Where checks put what they judged, in order: a list of Judged records for one answer (JudgedList), or a
 * whole timeline's findings (TimelineFindings) and requirements (TimelineJudgements), with no record per check.
 */
export interface Judgements {
  /** `requirement` was judged; `findings` say how it broke (NO_FINDINGS: it held). */
  add(requirement: string, findings: readonly Finding[]): void;
}

/** Judgements as Judged records, each with a list of its own (never the shared NO_FINDINGS). */
export class JudgedList implements Judgements {
  readonly judged: Judged[] = [];

  add(requirement: string, findings: readonly Finding[]): void {
    this.judged.push({ requirement, findings: findings === NO_FINDINGS ? [] : (findings as Finding[]) });
  }
}

/** A timeline's findings in order, and nothing else: for a caller with no use for the requirements judged. */
export class TimelineFindings implements Judgements {
  readonly findings: Finding[] = [];

  add(_requirement: string, findings: readonly Finding[]): void {
    for (let i = 0; i < findings.length; i++) this.findings.push(findings[i]!);
  }
}

/** A timeline's judgements as assessmentOf would make them of the same records: findings in order, requirements once. */
export class TimelineJudgements extends TimelineFindings {
  private readonly exercised = new Set<string>();

  override add(requirement: string, findings: readonly Finding[]): void {
    this.exercised.add(requirement);
    for (let i = 0; i < findings.length; i++) this.findings.push(findings[i]!);
  }

  assessment(): Assessment {
    return { findings: this.findings, exercised: [...this.exercised] };
  }
}

/** Judges `requirement` into `out` with up to two failure messages, allocating only for a failure. */
export function judge(
  out: Judgements,
  requirement: string,
  context: FindingContext,
  first?: string | false | undefined,
  second?: string | false | undefined,
): void {
  if (!first && !second) {
    out.add(requirement, NO_FINDINGS);
    return;
  }
  out.add(requirement, judged(requirement, [first, second], context).findings);
}
