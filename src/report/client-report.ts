// Writes the client report: reports/client/{index.html,results.json,junit.xml} (CONFORMANCE_REPORTS_DIR
// moves the folder, as it does the suite's), and the console's closing lines. The banner, the last lines,
// results.json and the exit code come from the same summary, so they never disagree.
import { mkdirSync } from 'node:fs';
import { writeAtomically } from './write-atomically.js';
import path from 'node:path';
import type { ClientResults } from '../client-check/results.js';
import { escapeHtml as x } from './html/escape.js';
import { renderClientHtml } from './html/client-html.js';

export function junitOf(results: ClientResults): string {
  const cases = results.requirements.map((r) => {
    const name = `${r.id} ${r.title}`;
    if (r.status === 'not-covered')
      return `<testcase classname="client-check" name="${x(name)}"><skipped message="no scenario exercised it"/></testcase>`;
    if (r.status === 'failed') {
      const first = r.findings[0];
      const body = r.findings.map((f) => `[${f.scenario}] ${f.cause}: ${f.message}`).join('\n');
      const tag = r.level === 'MUST' ? 'failure' : 'system-out';
      return tag === 'failure'
        ? `<testcase classname="client-check" name="${x(name)}"><failure message="${x(`[${first?.scenario}] ${first?.message ?? ''}`)}">${x(body)}</failure></testcase>`
        : `<testcase classname="client-check" name="${x(name)}"><system-out>${x(`SHOULD warning:\n${body}`)}</system-out></testcase>`;
    }
    return `<testcase classname="client-check" name="${x(name)}"/>`;
  });
  const failures = results.requirements.filter((r) => r.status === 'failed' && r.level === 'MUST').length;
  const skipped = results.requirements.filter((r) => r.status === 'not-covered').length;
  const broke = results.broke
    ? `<testcase classname="client-check" name="the check ran"><error message="${x(results.broke)}"/></testcase>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="client-check" tests="${cases.length + (broke ? 1 : 0)}" failures="${failures}" errors="${broke ? 1 : 0}">
<testsuite name="client requirements" tests="${cases.length + (broke ? 1 : 0)}" failures="${failures}" errors="${broke ? 1 : 0}" skipped="${skipped}">
${[broke, ...cases].filter(Boolean).join('\n')}
</testsuite>
</testsuites>
`;
}

/** Writes the three files into `<reportsDir>/client` and returns that folder. */
export function writeClientReport(results: ClientResults, reportsDir: string): string {
  const dir = path.join(reportsDir, 'client');
  mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeAtomically(path.join(dir, 'index.html'), renderClientHtml(results));
  writeAtomically(path.join(dir, 'junit.xml'), junitOf(results));
  return dir;
}

/** 0: conformant or incomplete; 1: a MUST failed; 2: the check broke. */
export function exitCodeOf(results: ClientResults): number {
  if (results.broke) return 2;
  return results.summary.verdict === 'not-conformant' ? 1 : 0;
}

/** The console's last lines: the client, the verdict, each failed requirement with its first finding, where the report is. */
export function closingLines(results: ClientResults, reportDir: string | null): string[] {
  const command = results.client.command.join(' ');
  if (results.broke) return [`client-check BROKE: ${results.broke}`, 'no verdict against the client (exit 2)'];
  const s = results.summary;
  const lines = [
    `client-check: ${command} on ${results.scenarios.length} scenarios (seed ${results.seed}, profile ${results.profile}, deadline ${results.deadlineS} s)`,
    `verdict: ${s.verdict} (${s.requirements} client requirements: ${s.passed} passed, ${s.failed} failed, ${s.warned} warned, ${s.notCovered} not covered)`,
  ];
  for (const r of results.requirements.filter((q) => q.status === 'failed')) {
    const first = r.findings[0];
    lines.push(`  ${r.level === 'MUST' ? 'FAILED' : 'WARNED'} ${r.level} ${r.id} ${r.title}: [${first?.scenario}] ${first?.message ?? ''}`);
  }
  for (const r of results.requirements.filter((q) => q.status === 'not-covered'))
    lines.push(`  not covered ${r.level} ${r.id} ${r.title}: no scenario exercised it`);
  if (reportDir) lines.push(`report: ${path.join(reportDir, 'index.html')}`);
  return lines;
}
