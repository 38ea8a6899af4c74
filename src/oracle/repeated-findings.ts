// One broken rule seen on 500 polls is one finding with its polls, not 500 findings: what a report
// keeps, what a test fails with and what a console prints stay the size of what went wrong, not of how
// often the target said it. Pure: findings in, the same findings folded, in order of first appearance.
import type { Finding } from './finding.js';

/** Where a finding was seen again: how often, and the polls it points at as ranges of consecutive indexes. */
export interface Repeats {
  /** How many findings were folded into this one (itself included). */
  count: number;
  /** `[first, last]` runs of consecutive poll indexes, in order; at most MAX_RANGES of them. */
  polls: Array<[number, number]>;
  /** Ranges past MAX_RANGES, counted rather than listed. */
  rangesLeftOut?: number;
}

/** A finding with the polls it was repeated on (`pollIndex` stays its first poll). */
export type RepeatedFinding<F extends Finding = Finding> = F & { repeats?: Repeats };

export const MAX_RANGES = 20;

/** What makes two findings the same one: the rule, the words and the job (the polls are what is folded). */
export function sameFindingKey(f: Finding): string {
  return JSON.stringify([f.requirement, f.message, f.jobId ?? null]);
}

/** Poll indexes as runs of consecutive numbers, in the order given, the first MAX_RANGES listed and the rest counted. */
export function pollRanges(indexes: readonly number[]): Pick<Repeats, 'polls' | 'rangesLeftOut'> {
  const runs: Array<[number, number]> = [];
  for (const index of indexes) {
    const last = runs[runs.length - 1];
    if (last && (index === last[1] + 1 || index === last[1])) last[1] = index;
    else runs.push([index, index]);
  }
  return runs.length > MAX_RANGES ? { polls: runs.slice(0, MAX_RANGES), rangesLeftOut: runs.length - MAX_RANGES } : { polls: runs };
}

/**
 * Folds findings that say the same thing about the same job (`key`) into the first of them, with how often and
 * on which polls they were seen. A finding seen once comes back as it was, with no `repeats`.
 */
export function foldRepeated<F extends Finding>(findings: readonly F[], key: (f: F) => string = sameFindingKey): Array<RepeatedFinding<F>> {
  const groups = new Map<string, { first: F; count: number; polls: number[] }>();
  for (const f of findings) {
    const k = key(f);
    const group = groups.get(k) ?? { first: f, count: 0, polls: [] };
    group.count += 1;
    if (f.pollIndex !== undefined) group.polls.push(f.pollIndex);
    groups.set(k, group);
  }
  return [...groups.values()].map(({ first, count, polls }) =>
    count === 1 ? first : { ...first, repeats: { count, ...pollRanges(polls) } },
  );
}

/** `poll 3`, `polls 3–19 (17)`, `polls 0–4, 9 (6)`: where a repeated finding was seen, in words. */
export function describeRepeats(f: RepeatedFinding): string {
  const r = f.repeats;
  if (!r) return f.pollIndex === undefined ? '' : `poll ${f.pollIndex}`;
  if (r.polls.length === 0) return `${r.count} times`;
  const ranges = r.polls.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ');
  const more = r.rangesLeftOut ? ` and ${r.rangesLeftOut} more ranges` : '';
  return `polls ${ranges}${more} (${r.count} times)`;
}
