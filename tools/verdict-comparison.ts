// Runs of the suite compared requirement by requirement: their statuses and how many findings each
// requirement got. Which tests stand behind a requirement is not compared: polls follow real time, so
// the test that happened to see a placeholder (and so exercised JS-PH-004) may change from run to run.
import type { RunResults } from './suite-run.js';

/** One run's verdict on each requirement: its status and its finding count. */
export type RunVerdicts = ReadonlyMap<string, { status: string; findings: number }>;

export function verdictsOf(results: RunResults): RunVerdicts {
  return new Map(results.requirements.map((r) => [r.id, { status: r.status, findings: r.findings.length }]));
}

export interface Divergence {
  id: string;
  /** Per run, in order; `absent` where a run does not list the requirement. */
  statuses: string[];
  findings: Array<number | 'absent'>;
}

/**
 * The requirements on which the runs disagree: by status, and also by finding count when `findings` is
 * set (runs with the same seed; runs with different seeds play other scenarios, so only statuses must agree).
 */
export function divergences(runs: readonly RunVerdicts[], options: { findings: boolean }): Divergence[] {
  const ids = [...new Set(runs.flatMap((run) => [...run.keys()]))].sort();
  const out: Divergence[] = [];
  for (const id of ids) {
    const statuses = runs.map((run) => run.get(id)?.status ?? 'absent');
    const findings = runs.map((run) => run.get(id)?.findings ?? ('absent' as const));
    const statusDiffers = new Set(statuses).size > 1;
    const findingsDiffer = options.findings && new Set(findings).size > 1;
    if (statusDiffers || findingsDiffer) out.push({ id, statuses, findings });
  }
  return out;
}

/** A plain-text table: one row per requirement, its status and finding count in each run, `<<` where they differ. */
export function verdictTable(labels: readonly string[], runs: readonly RunVerdicts[], options: { findings: boolean }): string {
  const differing = new Set(divergences(runs, options).map((d) => d.id));
  const ids = [...new Set(runs.flatMap((run) => [...run.keys()]))].sort();
  const cell = (run: RunVerdicts, id: string) => {
    const v = run.get(id);
    return v ? `${v.status}/${v.findings}` : 'absent';
  };
  const width = Math.max(14, ...runs.flatMap((run) => ids.map((id) => cell(run, id).length)), ...labels.map((l) => l.length));
  const idWidth = Math.max(14, ...ids.map((id) => id.length));
  const header = ['requirement'.padEnd(idWidth), ...labels.map((l) => l.padEnd(width))].join(' ');
  const rows = ids.map(
    (id) => [id.padEnd(idWidth), ...runs.map((run) => cell(run, id).padEnd(width))].join(' ') + (differing.has(id) ? ' <<' : ''),
  );
  return [
    header,
    '-'.repeat(header.length),
    ...rows,
    '',
    `(status/findings per run; << marks a requirement on which the runs differ: ${differing.size})`,
  ].join('\n');
}
