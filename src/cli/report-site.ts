// npm run report:site -- <runs-dir> <out-dir>: the static history site of conformance runs. Each folder
// of <runs-dir> is one run: its results.json (and index.html, the report), directly or under conformance/
// (a CONFORMANCE_REPORTS_DIR). Exit 0 when written, 2 on a usage error or when no run could be read.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { planSite } from '../report/site/build-site.js';
import type { RunInput } from '../report/site/history.js';

/** Where a run folder keeps its results.json and report. */
function runFiles(dir: string): { results: string; report: string } | undefined {
  for (const base of [dir, path.join(dir, 'conformance')]) {
    const results = path.join(base, 'results.json');
    if (existsSync(results)) return { results, report: path.join(base, 'index.html') };
  }
  return undefined;
}

function main(argv: string[]): number {
  const args = argv.filter((a) => a !== '--');
  const [runsDir, outDir] = args;
  if (args.length !== 2 || runsDir === undefined || outDir === undefined) {
    process.stderr.write('usage: report-site <runs-dir> <out-dir>\n');
    return 2;
  }
  if (!existsSync(runsDir)) {
    process.stderr.write(`report-site: ${runsDir} does not exist\n`);
    return 2;
  }
  const inputs: RunInput[] = [];
  const where = new Map<string, { results: string; report: string }>();
  const unreadable: string[] = [];
  for (const entry of readdirSync(runsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const files = runFiles(path.join(runsDir, entry.name));
    if (!files) continue;
    try {
      inputs.push({
        name: entry.name,
        results: JSON.parse(readFileSync(files.results, 'utf8')) as unknown,
        hasReport: existsSync(files.report),
      });
      where.set(entry.name, files);
    } catch (error) {
      unreadable.push(`${entry.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const site = planSite(inputs, unreadable);
  for (const file of site.files) {
    const target = path.join(outDir, ...file.path.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content, 'utf8');
  }
  for (const copy of site.copies) {
    const files = where.get(copy.run);
    if (!files) continue;
    const target = path.join(outDir, ...copy.to.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(copy.what === 'report' ? files.report : files.results, target);
  }
  for (const problem of site.history.problems) process.stderr.write(`report-site: skipped ${problem}\n`);
  process.stdout.write(`report-site: ${site.history.runs.length} run(s) -> ${path.join(outDir, 'index.html')}\n`);
  return site.history.runs.length === 0 && site.history.problems.length > 0 ? 2 : 0;
}

process.exitCode = main(process.argv.slice(2));
