// Which requirements changed status between two runs' results.json, regressions first. Pure.
import type { RequirementStatus, Results } from './results.js';

export type ChangeKind = 'regression' | 'improvement' | 'change';

export interface StatusChange {
  id: string;
  level: string;
  title: string;
  /** `absent` when the requirement is in one run only. */
  before: RequirementStatus | 'absent';
  after: RequirementStatus | 'absent';
  kind: ChangeKind;
}

export interface ResultsDiff {
  verdictBefore: string;
  verdictAfter: string;
  changes: StatusChange[];
  regressions: number;
}

type Comparable = Pick<Results, 'requirements' | 'summary'>;

const RANK: Record<RequirementStatus | 'absent', number> = {
  failed: 0,
  absent: 1,
  'not-covered': 1,
  'not-selected': 1,
  inconclusive: 2,
  waived: 2,
  skipped: 2,
  passed: 3,
};

/** A regression is a requirement that now fails, or that passed and no longer does (coverage lost, or now inconclusive). */
export function classify(before: RequirementStatus | 'absent', after: RequirementStatus | 'absent'): ChangeKind {
  if (after === 'failed' && before !== 'failed') return 'regression';
  if (before === 'passed') return 'regression';
  return RANK[after] > RANK[before] ? 'improvement' : 'change';
}

const ORDER: Record<ChangeKind, number> = { regression: 0, change: 1, improvement: 2 };

export function diffResults(before: Comparable, after: Comparable): ResultsDiff {
  const old = new Map(before.requirements.map((r) => [r.id, r]));
  const now = new Map(after.requirements.map((r) => [r.id, r]));
  const ids = [...new Set([...old.keys(), ...now.keys()])];
  const changes: StatusChange[] = [];
  for (const id of ids) {
    const a = old.get(id);
    const b = now.get(id);
    const from = a?.status ?? 'absent';
    const to = b?.status ?? 'absent';
    if (from === to) continue;
    changes.push({ id, level: (b ?? a)?.level ?? '', title: (b ?? a)?.title ?? '', before: from, after: to, kind: classify(from, to) });
  }
  changes.sort(
    (x, y) => ORDER[x.kind] - ORDER[y.kind] || (x.level === y.level ? 0 : x.level === 'MUST' ? -1 : 1) || x.id.localeCompare(y.id),
  );
  return {
    verdictBefore: before.summary?.verdict ?? 'unknown',
    verdictAfter: after.summary?.verdict ?? 'unknown',
    changes,
    regressions: changes.filter((c) => c.kind === 'regression').length,
  };
}

export function formatDiff(diff: ResultsDiff): string {
  const lines = [`verdict: ${diff.verdictBefore} -> ${diff.verdictAfter}`];
  if (diff.changes.length === 0) lines.push('no requirement changed status');
  for (const c of diff.changes)
    lines.push(`${c.kind.padEnd(11)} ${c.id.padEnd(14)} ${c.level.padEnd(6)} ${c.before} -> ${c.after}  ${c.title}`);
  lines.push(`${diff.changes.length} changed, ${diff.regressions} regression(s)`);
  return lines.join('\n');
}
