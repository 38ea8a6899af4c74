// The kill matrix of the faults bench, from what each run gave: which judge caught which break, by what,
// after how many of the break's area's requests, and what each judge said about the lawful targets. Pure:
// the runs' records in, rows and counts out (tests/unit/bench/fault-matrix.spec.ts).
import type { Level } from '../src/contract/profile.js';

export type JudgeName = 'suite' | 'prism' | 'schema';
export const JUDGES: readonly JudgeName[] = ['suite', 'prism', 'schema'];

export interface FieldedBreak {
  requirement: string;
  level: Level;
  area: string;
  defect: string;
}

/** One answer of a run as the per-response judges saw it. */
export interface JudgedExchange {
  /** Arrival order at the target. */
  index: number;
  area: string | undefined;
  /** The break changed the request it passed on or the answer the client got. */
  touched: boolean;
  prism: readonly string[];
  schema: readonly string[];
}

export interface SuiteFinding {
  requirement: string;
  /** The area of the spec file whose test made it. */
  area: string | undefined;
  /** The area's requests up to and including the exchange the finding is about (its test's last, when it names none). */
  requests: number | undefined;
}

export interface SuiteRequirement {
  id: string;
  level: string;
  status: string;
  findings: readonly SuiteFinding[];
}

export interface JudgedRun {
  title: string;
  breaks: readonly FieldedBreak[];
  requirements: readonly SuiteRequirement[];
  exchanges: readonly JudgedExchange[];
}

export interface Verdict {
  caught: boolean;
  /** The requirement ids (suite) or the violations (Prism, schema) that caught it. */
  by: string[];
  /** Requests of the break's area until the first catch. */
  requests: number | undefined;
}

export interface BreakRow extends FieldedBreak {
  run: string;
  suite: Verdict;
  prism: Verdict;
  schema: Verdict;
  /** Fairer to the per-response judges: any violation on an answer of the area, touched or not. */
  prismAnyInArea: boolean;
  schemaAnyInArea: boolean;
}

const distinct = (items: readonly string[], most = 3) => [...new Set(items)].slice(0, most);

/** A per-response judge's verdict on a break: a violation on an answer the break touched, in the break's area. */
function perResponse(
  exchanges: readonly JudgedExchange[],
  broken: FieldedBreak,
  judge: 'prism' | 'schema',
): Verdict & { anyInArea: boolean } {
  const area = [...exchanges].filter((e) => e.area === broken.area).sort((a, b) => a.index - b.index);
  const first = area.findIndex((e) => e.touched && e[judge].length > 0);
  const by = distinct(area.filter((e) => e.touched).flatMap((e) => e[judge]));
  return { caught: first >= 0, by, requests: first >= 0 ? first + 1 : undefined, anyInArea: area.some((e) => e[judge].length > 0) };
}

/** The suite caught a break when a finding names the broken requirement and it failed; `by` lists what the area's findings failed. */
function suiteVerdict(run: JudgedRun, broken: FieldedBreak): Verdict {
  const named = run.requirements.find((r) => r.id === broken.requirement);
  const naming = (named?.findings ?? []).filter((f) => f.requirement === broken.requirement);
  const caught = named?.status === 'failed' && naming.length > 0;
  const by = run.requirements.filter((r) => r.status === 'failed' && r.findings.some((f) => f.area === broken.area)).map((r) => r.id);
  const costs = naming.map((f) => f.requests).filter((n): n is number => n !== undefined);
  return {
    caught,
    by: caught ? [broken.requirement, ...by.filter((id) => id !== broken.requirement)] : by,
    requests: caught && costs.length ? Math.min(...costs) : undefined,
  };
}

export function breakRows(runs: readonly JudgedRun[]): BreakRow[] {
  return runs.flatMap((run) =>
    run.breaks.map((broken) => {
      const prism = perResponse(run.exchanges, broken, 'prism');
      const schema = perResponse(run.exchanges, broken, 'schema');
      return {
        ...broken,
        run: run.title,
        suite: suiteVerdict(run, broken),
        prism: { caught: prism.caught, by: prism.by, requests: prism.requests },
        schema: { caught: schema.caught, by: schema.by, requests: schema.requests },
        prismAnyInArea: prism.anyInArea,
        schemaAnyInArea: schema.anyInArea,
      };
    }),
  );
}

export interface LawfulRow {
  run: string;
  /** Each judge's false failures: MUSTs failed and findings (suite), answers with a violation (Prism, schema). */
  suite: { mustsFailed: string[]; findings: number; requirements: string[] };
  prism: { answers: number; by: string[] };
  schema: { answers: number; by: string[] };
}

export function lawfulRow(run: JudgedRun): LawfulRow {
  const withFindings = run.requirements.filter((r) => r.findings.length > 0);
  const flagged = (judge: 'prism' | 'schema') => run.exchanges.filter((e) => e[judge].length > 0);
  return {
    run: run.title,
    suite: {
      mustsFailed: run.requirements.filter((r) => r.status === 'failed' && r.level === 'MUST').map((r) => r.id),
      findings: withFindings.reduce((n, r) => n + r.findings.length, 0),
      requirements: withFindings.map((r) => r.id),
    },
    prism: {
      answers: flagged('prism').length,
      by: distinct(
        flagged('prism').flatMap((e) => e.prism),
        5,
      ),
    },
    schema: {
      answers: flagged('schema').length,
      by: distinct(
        flagged('schema').flatMap((e) => e.schema),
        5,
      ),
    },
  };
}

/** Breaks caught per judge, of all and of the MUST breaks. */
export function killCounts(
  rows: readonly BreakRow[],
): Record<JudgeName, { caught: number; must: number }> & { of: number; mustOf: number } {
  const count = (judge: JudgeName, only?: 'MUST') => rows.filter((r) => r[judge].caught && (!only || r.level === only)).length;
  return {
    suite: { caught: count('suite'), must: count('suite', 'MUST') },
    prism: { caught: count('prism'), must: count('prism', 'MUST') },
    schema: { caught: count('schema'), must: count('schema', 'MUST') },
    of: rows.length,
    mustOf: rows.filter((r) => r.level === 'MUST').length,
  };
}

/** False failures per judge on the lawful runs: a suite run with a failed MUST or any finding, an answer with a violation. */
export function falseFailures(rows: readonly LawfulRow[]): Record<JudgeName, number> {
  return {
    suite: rows.filter((r) => r.suite.mustsFailed.length > 0 || r.suite.findings > 0).length,
    prism: rows.reduce((n, r) => n + r.prism.answers, 0),
    schema: rows.reduce((n, r) => n + r.schema.answers, 0),
  };
}
