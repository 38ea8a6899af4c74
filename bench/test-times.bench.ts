// Per-project times of the last Playwright run, read from its JUnit report (reports/junit.xml, which
// `npm test` writes): this bench does not run `npm test` itself, which takes minutes. Each file's
// suite carries its project (hostname), start and duration; a project's span is its first start to
// its last end, and projects share the workers, so spans overlap and do not add up to the run.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { reportsDirFrom } from '../src/settings/settings.js';
import type { BenchResult } from './run.js';

const REPORT = join(reportsDirFrom(process.env), 'junit.xml');

export default async function (): Promise<BenchResult> {
  if (!existsSync(REPORT))
    return { lines: [`no ${REPORT}: run \`npm test\` first to get per-project times`], figures: { report: REPORT, found: false } };
  const xml = readFileSync(REPORT, 'utf8');
  const projects = new Map<string, { files: number; tests: number; start: number; end: number; summed: number }>();
  for (const m of xml.matchAll(/<testsuite\b[^>]*>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[0])?.[1];
    const project = attr('hostname') ?? '?';
    const start = Date.parse(attr('timestamp') ?? '');
    const seconds = Number(attr('time') ?? 0);
    const p = projects.get(project) ?? { files: 0, tests: 0, start: Infinity, end: -Infinity, summed: 0 };
    p.files += 1;
    p.tests += Number(attr('tests') ?? 0);
    p.summed += seconds;
    if (Number.isFinite(start)) {
      p.start = Math.min(p.start, start);
      p.end = Math.max(p.end, start + seconds * 1000);
    }
    projects.set(project, p);
  }
  const total = Number(/<testsuites\b[^>]*\btime="([^"]*)"/.exec(xml)?.[1] ?? NaN);
  const written = statSync(REPORT).mtime.toISOString();
  const rows = [...projects].map(([project, p]) => ({
    project,
    files: p.files,
    tests: p.tests,
    spanSeconds: (p.end - p.start) / 1000,
    summedFileSeconds: p.summed,
  }));
  return {
    lines: [
      `${REPORT}, written ${written} (the last Playwright run in this checkout; ${rows.length} project(s), run ${total.toFixed(1)} s)`,
      ...rows.map(
        (r) =>
          `  ${r.project.padEnd(12)} ${String(r.tests).padStart(4)} tests in ${r.files} files: span ${r.spanSeconds.toFixed(1)} s, file times summed ${r.summedFileSeconds.toFixed(1)} s`,
      ),
    ],
    figures: { report: REPORT, written, runSeconds: total, projects: rows },
  };
}
