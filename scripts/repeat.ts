// `npm run verdicts:repeat`: the same verdict every time. Runs the whole conformance suite against its
// embedded simulator --runs times (default 10) with one seed, then --other-seeds more times with other
// seeds, one run after another, and prints per requirement its status and finding count in every run.
// Exit code 1 when, with the same seed, any status or finding count differs, or, across seeds, any status.
// Which tests stand behind a requirement is not compared: polls follow real time (see verdict-comparison.ts).
// Options: --runs N (10), --seed S (the suite's default 20261128), --other-seeds N (0), --scenarios N (the
// suite's own count when unset), --keep (keep each run's reports and print their folders).
import { parseArgs } from 'node:util';
import { SuiteRunner, type SuiteRun } from '../tools/suite-run.js';
import { divergences, verdictsOf, verdictTable } from '../tools/verdict-comparison.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    seed: { type: 'string', default: '20261128' },
    'other-seeds': { type: 'string', default: '0' },
    scenarios: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
const otherSeedCount = Number(values['other-seeds']);
if (![runs, seed, otherSeedCount].every(Number.isInteger) || runs < 2 || otherSeedCount < 0) {
  console.error('usage: npm run verdicts:repeat -- [--runs N>=2] [--seed S] [--other-seeds N] [--scenarios N] [--keep]');
  process.exit(2);
}
const otherSeeds = Array.from({ length: otherSeedCount }, (_, i) => ((seed + 7919 * (i + 1)) % (2 ** 31 - 1)) + 1);
const RUN_TIMEOUT_MS = 10 * 60_000;

const runner = new SuiteRunner();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (runner.stopAll(), process.exit(130)));

async function runWith(s: number, label: string): Promise<SuiteRun> {
  const started = Date.now();
  const run = await runner.run({
    env: { CONFORMANCE_SEED: String(s), ...(values.scenarios === undefined ? {} : { CONFORMANCE_SCENARIOS: values.scenarios }) },
    timeoutMs: RUN_TIMEOUT_MS,
    keepOutput: values.keep,
  });
  const { verdict } = run.results.summary;
  console.log(
    `${label.padEnd(22)} ${verdict.padEnd(14)} exit ${run.exitCode}  ${Math.round((Date.now() - started) / 1000)} s${values.keep ? `  ${run.conformanceDir}` : ''}`,
  );
  return run;
}

console.log(
  `the whole suite ${runs} times with CONFORMANCE_SEED=${seed}${otherSeeds.length ? `, then with ${otherSeeds.join(', ')}` : ''}${values.scenarios ? `, CONFORMANCE_SCENARIOS=${values.scenarios}` : ''}`,
);
const same: SuiteRun[] = [];
const labels: string[] = [];
try {
  for (let i = 1; i <= runs; i++) {
    labels.push(`${seed}#${i}`);
    same.push(await runWith(seed, `seed ${seed} run ${i}`));
  }
  const other: SuiteRun[] = [];
  for (const s of otherSeeds) {
    labels.push(String(s));
    other.push(await runWith(s, `seed ${s}`));
  }
  const all = [...same, ...other].map((r) => verdictsOf(r.results));
  console.log(`\n${verdictTable(labels, all, { findings: otherSeeds.length === 0 })}\n`);
  const sameSeed = divergences(all.slice(0, runs), { findings: true });
  const acrossSeeds = otherSeeds.length ? divergences(all, { findings: false }) : [];
  const broken = [...same, ...other].filter((r) => r.results.summary.runBroken);
  console.log(
    `same seed (${runs} runs): ${sameSeed.length === 0 ? 'identical statuses and finding counts' : `${sameSeed.length} requirement(s) differ: ${sameSeed.map((d) => d.id).join(', ')}`}`,
  );
  if (otherSeeds.length)
    console.log(
      `across ${otherSeeds.length + 1} seeds: ${acrossSeeds.length === 0 ? 'identical statuses' : `${acrossSeeds.length} requirement(s) differ: ${acrossSeeds.map((d) => d.id).join(', ')}`}`,
    );
  if (broken.length)
    console.log(
      `${broken.length} run(s) broke: ${[...new Set(broken.flatMap((r) => r.results.summary.brokenBecause))].slice(0, 5).join('; ')}`,
    );
  process.exit(sameSeed.length === 0 && acrossSeeds.length === 0 ? 0 : 1);
} finally {
  runner.stopAll();
  if (!values.keep) runner.removeOutputs();
}
