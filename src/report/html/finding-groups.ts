// One broken rule seen on 500 polls is one finding to read, not 500: findings that say the same thing
// about the same job in the same test are shown once, with the polls they point at.
import type { ReportedFinding } from '../results.js';

export interface FindingGroup {
  /** The first finding of the group; its evidence stands for the rest. */
  first: ReportedFinding;
  /** Poll indexes of every finding in the group, in the order reported. */
  polls: number[];
  count: number;
}

export function groupFindings(findings: readonly ReportedFinding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = JSON.stringify([f.level, f.message, f.jobId ?? null, f.test]);
    const group = groups.get(key) ?? { first: f, polls: [], count: 0 };
    // results.json already folds a finding repeated on many polls (`repeats`): unfold its count and polls here.
    group.count += f.repeats?.count ?? 1;
    if (f.repeats) for (const [first, last] of f.repeats.polls) for (let poll = first; poll <= last; poll++) group.polls.push(poll);
    else if (f.pollIndex !== undefined) group.polls.push(f.pollIndex);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** `poll 3`, `polls 3, 4, 9`, or `polls 3 … 519 (517)` when there are many. */
export function describePolls(polls: readonly number[]): string {
  if (polls.length === 0) return '';
  if (polls.length === 1) return `poll ${polls[0]}`;
  if (polls.length <= 5) return `polls ${polls.join(', ')}`;
  return `polls ${polls[0]} … ${polls[polls.length - 1]} (${polls.length})`;
}
