// results.json -> the Markdown verdict table CI writes to the job summary ($GITHUB_STEP_SUMMARY). Pure.
// GitHub renders Markdown and some HTML there: every value from the run is escaped as a table cell.
import { clip } from '../contract/clip.js';
import { notJudged, type RunRequirement, type RunSummary } from './summary-model.js';
import type { LevelCounts } from './verdict.js';

export interface SummaryOptions {
  /** Where the full report is published, linked under the table. */
  reportUrl?: string;
  /** Where the history site is published. */
  historyUrl?: string;
  /** Rows per requirement table; the rest are counted, not listed (the job summary holds 1 MiB). */
  maxRows?: number;
}

const HEADLINE: Record<string, string> = {
  conformant: '✅ Conformant',
  'not-conformant': '❌ Not conformant',
  incomplete: '⚠️ Incomplete',
  broke: '🛑 The run broke: no verdict against the target',
};

const MARKDOWN_CELL_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** A value as the text of one Markdown table cell: one line, no markup, no HTML, no pipe. */
export function markdownCell(value: unknown, max = 200): string {
  const oneLine = clip(
    String(value ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    max,
    'cut',
  );
  // One pass: HTML's three characters as entities, Markdown's punctuation backslashed. An entity is never
  // escaped again (backslashing the `#` of `&#39;` is what made GitHub show "&#39;" for an apostrophe).
  return oneLine.replace(/[\\|*_[\]~!#`&<>]/g, (c) => MARKDOWN_CELL_ESCAPES[c] ?? `\\${c}`);
}

/** Only http(s) URLs become links; anything else is shown as text. */
function link(label: string, url: string | undefined): string {
  if (url === undefined || !/^https?:\/\/[^\s()<>]+$/.test(url)) return url === undefined ? '' : `${label}: ${markdownCell(url)}`;
  return `[${label}](${url})`;
}

function tallyRow(name: string, t: LevelCounts): string {
  return `| ${name} | ${t.passed} | ${t.failed} | ${t.inconclusive} | ${t.skipped} | ${notJudged(t)} |`;
}

function requirementTable(title: string, rows: readonly RunRequirement[], maxRows: number): string[] {
  if (rows.length === 0) return [];
  const lines = [
    `### ${title} (${rows.length})`,
    '',
    '| requirement | level | status | findings | title | first finding or reason |',
    '| --- | --- | --- | ---: | --- | --- |',
  ];
  for (const r of rows.slice(0, maxRows)) {
    lines.push(
      `| ${markdownCell(r.id, 60)} | ${r.level} | ${markdownCell(r.status, 30)} | ${r.findings} | ${markdownCell(r.title)} | ${markdownCell(r.note ?? '')} |`,
    );
  }
  if (rows.length > maxRows) lines.push('', `… and ${rows.length - maxRows} more: see the full report.`);
  lines.push('');
  return lines;
}

export function renderSummaryMarkdown(run: RunSummary, options: SummaryOptions = {}): string {
  const maxRows = options.maxRows ?? 50;
  const headline = HEADLINE[run.verdict] ?? `❔ ${markdownCell(run.verdict, 40)}`;
  const target = `${markdownCell(run.baseUrl ?? 'unknown target')} (${markdownCell(run.targetKind, 30)})`;
  const lines = [
    `## Conformance: ${headline}`,
    '',
    `Target ${target} · profile ${markdownCell(run.profile, 30)} · exit code ${run.exitCode}${run.startedAt ? ` · started ${markdownCell(run.startedAt, 40)}` : ''}`,
    '',
  ];
  if (run.runBroken)
    lines.push(`**The run broke**: ${run.brokenBecause.map((b) => markdownCell(b)).join('; ') || 'no reason recorded'}`, '');
  lines.push(
    '| level | passed | failed | inconclusive | skipped | not covered |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    tallyRow('MUST', run.must),
    tallyRow('SHOULD (failed = warning)', run.should),
    '',
  );
  const must = run.requirements.filter((r) => r.level === 'MUST');
  lines.push(
    ...requirementTable(
      'MUST failed',
      must.filter((r) => r.status === 'failed'),
      maxRows,
    ),
  );
  lines.push(
    ...requirementTable(
      'MUST not exercised',
      must.filter((r) => r.status !== 'failed' && r.status !== 'passed'),
      maxRows,
    ),
  );
  lines.push(
    ...requirementTable(
      'SHOULD warnings',
      run.requirements.filter((r) => r.level === 'SHOULD' && r.status === 'failed'),
      maxRows,
    ),
  );
  const links = [link('Full report', options.reportUrl), link('History of runs', options.historyUrl)].filter((l) => l !== '');
  if (links.length > 0) lines.push(links.join(' · '), '');
  return `${lines.join('\n')}\n`;
}
