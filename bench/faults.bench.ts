// `npm run bench -- faults`: every verdict break (tools/breaks/breaks.ts) and the lawful dialect, each
// judged three ways on the same answers: (a) the suite itself, in a child run as `npm run conformance`
// runs it (the breaks share runs, aimed by area, as the verdicts do); (b) Stoplight Prism's validation
// proxy, fed every answer of that run (bench/prism-judge.ts); (c) the project's schema check alone on each
// answer (bench/schema-judge.ts). A break counts as caught by the suite only when a finding names the
// broken requirement; by Prism or the schema check only when it flags an answer the break touched.
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startSimulator } from '../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../src/simulator/clock.js';
import type { DialectName } from '../src/simulator/dialect.js';
import { VENDOR_VARIATIONS } from '../src/simulator/dialect.js';
import { BREAKS, type Break } from '../tools/breaks/breaks.js';
import { planBreakRuns } from '../tools/breaks/break-runs.js';
import { startRewritingProxy } from '../tools/rewriting-proxy.js';
import { SuiteRunner, targetOf } from '../tools/suite-run.js';
import type { BenchOptions, BenchResult } from './run.js';
import { recordedTarget, type Exchanged } from './fault-traffic.js';
import { startPrismJudge, type PrismJudge } from './prism-judge.js';
import { schemaProblems } from './schema-judge.js';
import { costedRequirements, recordedRequests } from './finding-cost.js';
import { breakRows, falseFailures, killCounts, lawfulRow, type JudgedExchange, type JudgedRun } from './fault-matrix.js';
import { killMatrixChart } from './kill-matrix-chart.js';

const CHILD_TIMEOUT_MS = 600_000;
/** Child runs side by side: each waits on its simulator's virtual clock about half its life. */
const AT_ONCE = 2;

interface Planned {
  title: string;
  breaks: readonly Break[];
  env: Record<string, string>;
  dialect: DialectName;
  /** Spec files; the whole suite when empty. */
  files: string[];
}

interface Played extends JudgedRun {
  seconds: number;
  /** Requests to the API (the /_sim/ control API left out). */
  requests: number;
  exitCode: number | null;
  verdict: string;
}

const specOf = (area: string) => `tests/conformance/${area}.spec.ts`;

function plan(quick: boolean): Planned[] {
  const lawful: Planned[] = (['plain', 'vendor-variant'] as const).map((dialect) => ({
    title: `lawful: ${dialect} dialect, whole suite`,
    breaks: [],
    env: {},
    dialect,
    files: [],
  }));
  const breaks: Planned[] = planBreakRuns(BREAKS).map((run) => ({
    title: run.title,
    breaks: run.breaks,
    env: run.env,
    dialect: 'plain',
    files: run.breaks.map((b) => specOf(b.area)),
  }));
  // The whole-suite runs first: the longest runs bound the bench when two go at once.
  return quick ? [lawful[0]!, breaks[0]!] : [...lawful, ...breaks];
}

type PrismVerdicts = (exchanges: readonly Exchanged[]) => Promise<string[][]>;

async function play(planned: Planned, runner: SuiteRunner, prism: PrismVerdicts): Promise<Played> {
  const id = Math.random().toString(16).slice(2, 10);
  const sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: SUITE_TIME_SCALE,
    control: true,
    dialect: planned.dialect,
    apiKey: `faults-key-${id}`,
    orgId: `faults-org-${id}`,
    otherOrg: { apiKey: `faults-other-key-${id}`, orgId: `faults-other-org-${id}` },
  });
  const target = recordedTarget(planned.breaks, { main: { apiKey: sim.apiKey, orgId: sim.orgId }, other: sim.otherOrg! });
  const proxy = await startRewritingProxy(sim.baseUrl, target.rewrite);
  const started = performance.now();
  try {
    const run = await runner.run({
      ...targetOf(sim, proxy.baseUrl),
      env: { CONFORMANCE_MAX_RPS: 'Infinity', ...planned.env },
      files: planned.files,
      timeoutMs: CHILD_TIMEOUT_MS,
      keepOutput: true,
    });
    const seconds = (performance.now() - started) / 1000;
    const requirements = costedRequirements(run.results, recordedRequests(join(run.conformanceDir, 'exchanges.har')));
    rmSync(run.outDir, { recursive: true, force: true });
    const api = target.exchanges.filter((e) => !e.request.url.startsWith('/_sim/')).sort((a, b) => a.index - b.index);
    const violations = await prism(api);
    const exchanges: JudgedExchange[] = api.map((e, i) => ({
      index: e.index,
      area: e.area,
      touched: e.touched,
      prism: violations[i] ?? [],
      schema: schemaProblems(e.request.method, e.request.url, e.response.status, e.response.body),
    }));
    const breaks = planned.breaks.map(({ requirement, level, area, defect }) => ({ requirement, level, area, defect }));
    return {
      title: planned.title,
      breaks,
      requirements,
      exchanges,
      seconds,
      requests: api.length,
      exitCode: run.exitCode,
      verdict: run.results.summary.verdict,
    };
  } finally {
    await proxy.close();
    await sim.close();
  }
}

/** Runs `jobs` at most `limit` at a time, results in the jobs' order. */
async function pooled<T>(jobs: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < jobs.length; i = next++) results[i] = await jobs[i]!();
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

/** Time Prism spent judging, summed over the runs. */
const prismTime = { seconds: 0 };

/** Prism's verdicts, one batch at a time (one Prism process); without Prism, none and the reason. */
function prismVerdicts(judge: PrismJudge | undefined): PrismVerdicts {
  let queue: Promise<unknown> = Promise.resolve();
  return (exchanges) => {
    if (!judge) return Promise.resolve(exchanges.map(() => []));
    const judged = queue.then(async () => {
      const started = performance.now();
      const found = await judge.judge(exchanges);
      prismTime.seconds += (performance.now() - started) / 1000;
      return found;
    });
    queue = judged.catch(() => undefined);
    return judged.then((found) =>
      found.map((list) => list.map((v) => `${v.severity} ${v.code ?? ''} ${v.message}`.replace(/\s+/g, ' ').trim())),
    );
  };
}

/** Answers of a run a per-response judge flagged, anywhere in the run (the fairest count for it). */
const flagged = (run: JudgedRun, judge: 'prism' | 'schema') => run.exchanges.filter((e) => e[judge].length > 0).length;

const yes = (caught: boolean, requests: number | undefined) =>
  caught ? `caught${requests !== undefined ? ` (${requests} req)` : ''}` : 'missed';

export default async function faults(options: BenchOptions): Promise<BenchResult> {
  const started = performance.now();
  let judge: PrismJudge | undefined;
  let prismError: string | undefined;
  try {
    judge = await startPrismJudge();
  } catch (error) {
    prismError = error instanceof Error ? error.message : String(error);
  }
  const runner = new SuiteRunner();
  const prism = prismVerdicts(judge);
  let played: Played[];
  try {
    played = await pooled(
      plan(options.quick).map((planned) => () => play(planned, runner, prism)),
      AT_ONCE,
    );
  } finally {
    runner.stopAll();
    await judge?.close();
  }
  const rows = breakRows(played.filter((p) => p.breaks.length > 0));
  const lawful = played.filter((p) => p.breaks.length === 0).map(lawfulRow);
  const kills = killCounts(rows);
  const falses = falseFailures(lawful);
  const seconds = (performance.now() - started) / 1000;

  const dir = fileURLToPath(new URL('.', import.meta.url));
  writeFileSync(
    `${dir}faults-kill-matrix.svg`,
    killMatrixChart(rows, `Verdict breaks caught, by judge (${rows.length} breaks)`, {
      suite: `${lawful.flatMap((l) => l.suite.mustsFailed).length} MUSTs; ${lawful.flatMap((l) => l.suite.requirements).length} warned`,
      prism: `${falses.prism} answers`,
      schema: `${falses.schema} answers`,
    }),
  );

  const lines = [
    `Prism: ${judge ? `@stoplight/prism-cli ${judge.version}, ${prismTime.seconds.toFixed(1)} s judging the runs' answers` : `did not judge: ${prismError}`}`,
    `${played.length} child runs, ${AT_ONCE} at a time, in ${seconds.toFixed(0)} s`,
    ...played.map(
      (p) =>
        `  ${p.title}: ${p.seconds.toFixed(1)} s, ${p.requests} requests, exit ${p.exitCode} (${p.verdict}); answers flagged: Prism ${flagged(p, 'prism')}, schema ${flagged(p, 'schema')}`,
    ),
    `breaks caught of ${kills.of} (${kills.mustOf} MUST): suite ${kills.suite.caught} (${kills.suite.must} MUST), Prism ${kills.prism.caught} (${kills.prism.must} MUST), schema alone ${kills.schema.caught} (${kills.schema.must} MUST)`,
    `  a per-response judge flagging any answer of the break's area, touched or not: Prism ${rows.filter((r) => r.prismAnyInArea).length}, schema ${rows.filter((r) => r.schemaAnyInArea).length}`,
    ...rows.map(
      (r) =>
        `  ${r.requirement} (${r.level}, ${r.area}): suite ${yes(r.suite.caught, r.suite.requests)}${r.suite.caught ? '' : ` [${r.suite.by.join(', ')}]`}; Prism ${yes(r.prism.caught, r.prism.requests)}; schema ${yes(r.schema.caught, r.schema.requests)}`,
    ),
    `false failures on the lawful runs: suite ${falses.suite} run(s) with a failed MUST or a finding; Prism ${falses.prism} answers flagged; schema ${falses.schema} answers flagged`,
    ...lawful.map(
      (l) =>
        `  ${l.run}: suite MUSTs failed [${l.suite.mustsFailed.join(', ')}], ${l.suite.findings} findings [${l.suite.requirements.join(', ')}]; Prism ${l.prism.answers} answers [${l.prism.by.join(' | ')}]; schema ${l.schema.answers} answers [${l.schema.by.join(' | ')}]`,
    ),
    'chart: bench/faults-kill-matrix.svg',
  ];
  const figures = {
    prism: judge ? { version: judge.version, judged: true, seconds: prismTime.seconds } : { judged: false, error: prismError },
    runsAtOnce: AT_ONCE,
    seconds,
    runs: played.map((p) => ({
      title: p.title,
      seconds: p.seconds,
      requests: p.requests,
      flagged: { prism: flagged(p, 'prism'), schema: flagged(p, 'schema') },
      exitCode: p.exitCode,
      verdict: p.verdict,
      breaks: p.breaks.map((b) => b.requirement),
    })),
    kills,
    anyInArea: { prism: rows.filter((r) => r.prismAnyInArea).length, schema: rows.filter((r) => r.schemaAnyInArea).length },
    falseFailures: falses,
    matrix: rows,
    lawful,
    variations: VENDOR_VARIATIONS.map((v) => v.id),
  };
  const failures = played.filter((p) => p.breaks.length > 0 && p.verdict === 'broke').map((p) => `${p.title}: the run broke`);
  return { lines, figures, failures };
}
