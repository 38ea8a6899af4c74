// `npm run bench [-- --quick] [name]`: runs every bench/*.bench.ts in turn. Each module's default
// export runs its measurements side by side in this one process and returns lines for the summary
// and figures for bench/results.json. Timings are printed and recorded, never asserted; only a
// correctness check a bench makes (validators disagreeing, say) fails the run.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface BenchOptions {
  /** A smaller variant of every measurement, for a quick look. */
  quick: boolean;
}

export interface BenchResult {
  lines: string[];
  figures?: Record<string, unknown>;
  /** Correctness failures found while measuring (never timings). */
  failures?: string[];
}

export type Bench = (options: BenchOptions) => Promise<string[] | BenchResult>;

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const options: BenchOptions = { quick: args.includes('--quick') };
const only = args.find((a) => !a.startsWith('--'));
// In-process measurements first, then those that start child processes and servers, whose
// garbage and load would otherwise weigh on the single-core figures; anything new goes last.
const ORDER = ['validation', 'oracle', 'poller', 'poller-files', 'simulator', 'conformance', 'test-times'];
const rank = (f: string) => {
  const i = ORDER.indexOf(f.replace(/\.bench\.ts$/, ''));
  return i < 0 ? ORDER.length : i;
};
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

const startedAt = new Date();
const benches: Record<string, { seconds: number; lines: string[]; figures?: Record<string, unknown>; failures: string[] }> = {};
const summary: string[] = [];
for (const file of files) {
  const bench = (await import(pathToFileURL(join(dir, file)).href)).default as Bench;
  const started = performance.now();
  console.log(`\n# ${file}`);
  const output = await bench(options);
  const result: BenchResult = Array.isArray(output) ? { lines: output } : output;
  for (const line of result.lines) console.log(`  ${line}`);
  const seconds = (performance.now() - started) / 1000;
  benches[file.replace(/\.bench\.ts$/, '')] = { seconds, lines: result.lines, figures: result.figures, failures: result.failures ?? [] };
  summary.push(`${file}: ${result.lines.length} lines in ${seconds.toFixed(1)} s`);
}
const failures = Object.entries(benches).flatMap(([name, b]) => b.failures.map((f) => `${name}: ${f}`));
const results = {
  date: startedAt.toISOString(),
  node: process.version,
  cpu: { model: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
  quick: options.quick,
  totalSeconds: (Date.now() - startedAt.getTime()) / 1000,
  benches,
  failures,
};
// A whole run replaces bench/results.json; a partial one (a bench named, e.g. `faults`, too long to run
// with the rest every time) replaces only its benches' entries there, each dated, and keeps the others.
const out = join(dir, 'results.json');
writeFileSync(out, `${JSON.stringify(only ? mergedInto(out, benches, results) : results, null, 2)}\n`);
console.log(`\n${summary.join('\n')}\ntotal ${results.totalSeconds.toFixed(1)} s; figures in ${out}${only ? ' (merged)' : ''}`);
if (failures.length > 0) {
  console.error(`\ncorrectness failures:\n${failures.join('\n')}`);
  process.exitCode = 1;
}

/** The results file at `file` with `benches` put in (each with this run's date and Node), the rest as it was. */
function mergedInto(file: string, benches: Record<string, object>, run: { date: string; node: string; quick: boolean }): object {
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { benches?: Record<string, object> }) : {};
  const dated = Object.fromEntries(
    Object.entries(benches).map(([name, b]) => [name, { ...b, date: run.date, node: run.node, quick: run.quick }]),
  );
  return { ...before, benches: { ...before.benches, ...dated } };
}
