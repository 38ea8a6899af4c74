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
