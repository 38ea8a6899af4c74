// Results model -> one self-contained HTML page. Pure (no I/O) so it can be tested on hostile input;
// every value is escaped here, scripts are pinned by hash in a CSP, and nothing is loaded from off the page.
// Order: what failed and why (run-summary.ts), the failures, the requirement table, what was observed.
import { createHash } from 'node:crypto';
import { escapeHtml as e, jsonForScript } from './escape.js';
import { failures, passedEvidence } from './failures.js';
import { htmlDocument } from './html-document.js';
import { REPORT_SCRIPT } from './report-script.js';
import { REPORT_STYLE } from './report-style.js';
import { displayStatus, requirementTable } from './requirement-table.js';
import { shellQuote } from './reproduce.js';
import { runSummary, verdictTitle } from './run-summary.js';
import type { CoverageRow } from '../coverage.js';
import type { Results } from '../results.js';

export { displayStatus } from './requirement-table.js';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

function target(results: Results): string {
  const t = results.target;
  const started = Date.parse(results.startedAt);
  const finished = Date.parse(results.finishedAt);
  const duration = Number.isFinite(started) && Number.isFinite(finished) ? `${((finished - started) / 1000).toFixed(1)} s` : 'unknown';
  const r = results.run;
  return `<section id="target"><h2>Target</h2><dl class="target">
<dt>Base URL</dt><dd><code>${e(t.baseUrl ?? 'unknown')}</code></dd>
<dt>Kind</dt><dd>${e(t.kind)}</dd>
<dt>Controllable</dt><dd>${t.controllable === null ? 'unknown' : t.controllable ? 'yes (simulator control API answered)' : 'no (tests needing the control API are skipped)'}</dd>
<dt>Profile</dt><dd>${e(results.profile)}${results.profile === 'strict' ? " (our readings and the stricter side of the vendor's disagreements fail too)" : ' (what the vendor documents; our readings only warn)'}</dd>
<dt>API key</dt><dd>${t.apiKey === 'redacted' ? '[redacted] (set, never recorded)' : 'not set'}</dd>
<dt>Run</dt><dd>${e(results.startedAt)} → ${e(results.finishedAt)} (${e(duration)}) · Playwright status ${e(r.status)} · ${r.tests} tests: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.other > 0 ? `, ${r.other} did not finish` : ''}</dd>
</dl></section>`;
}

function coverageTable(title: string, rows: readonly CoverageRow[], unknownLabel: string): string {
  const body =
    rows.length === 0
      ? '<tr><td colspan="2" class="muted">nothing observed</td></tr>'
      : rows
          .map(
            (row) =>
              `<tr><td${row.count === 0 ? ' class="zero"' : ''}>${e(row.value)}${row.known ? '' : ` <span class="unknown">${e(unknownLabel)}</span>`}</td><td${row.count === 0 ? ' class="zero"' : ''}>${row.count === 0 ? 'not observed' : row.count}</td></tr>`,
          )
          .join('');
  return `<div><h3>${e(title)}</h3><table><thead><tr><th>value</th><th>observations</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

function coverage(results: Results): string {
  const c = results.coverage;
  return `<section id="coverage"><h2>Coverage of the lifecycle</h2>
<p>From ${c.timelines} attached job timelines, ${c.polls} polls in all.</p>
<div class="coverage-grid">
${coverageTable('Job statuses', c.statuses, 'not in the catalog')}
${coverageTable('Stages', c.stages, 'not in the catalog')}
${coverageTable('File statuses', c.fileStatuses, 'not in the catalog')}
${coverageTable('Status transitions', c.transitions, 'illegal')}
${coverageTable('Kinds of response', c.observationKinds, 'unknown')}
${coverageTable(c.httpStatusesOf === 'every exchange' ? 'HTTP statuses (every exchange)' : 'HTTP statuses (job polls)', c.httpStatuses, '')}
</div></section>`;
}

/** A seed's command as a reader runs it: against the run's own target when that was not the embedded simulator. */
function replayCommand(results: Results, command: string): string {
  const base = results.target.baseUrl;
  if (results.target.kind === 'simulator' || base === null || command.includes('CONFORMANCE_BASE_URL=')) return command;
  return `CONFORMANCE_BASE_URL=${shellQuote(base)} ${command}`;
}

function seeds(results: Results): string {
  const rows = results.seeds
    .map(
      (s) =>
        `<tr><td><code>${e(s.seed)}</code></td><td>${s.path !== undefined ? `<code>${e(s.path)}</code>` : '<span class="muted">—</span>'}</td><td>${e(s.testTitle)}</td><td><code>${e(replayCommand(results, s.command))}</code></td></tr>`,
    )
    .join('');
  return `<section id="seeds"><h2>Seeds</h2>${rows === '' ? '<p class="muted">No generated scenarios recorded a seed.</p>' : `<table><thead><tr><th>seed</th><th>path</th><th>test</th><th>replay</th></tr></thead><tbody>${rows}</tbody></table>`}</section>`;
}

function specIssues(results: Results): string {
  const rows = results.specIssues
    .map(
      (i) =>
        `<tr><td class="id">${e(i.id)}</td><td><strong>${e(i.title)}</strong><div class="statement">${e(i.detail)}</div></td><td>${e(i.decision)}</td></tr>`,
    )
    .join('');
  return `<section id="spec-issues"><h2>Spec issues</h2><table><thead><tr><th>id</th><th>issue</th><th>decision</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function problems(results: Results): string {
  if (results.problems.length === 0) return '';
  const shown = results.problems.slice(0, 100);
  return `<section id="problems"><h2>Evidence the reporter could not read</h2><ul class="problems">${shown.map((p) => `<li>${e(p)}</li>`).join('')}</ul>${results.problems.length > shown.length ? `<p class="muted">${results.problems.length - shown.length} more in results.json.</p>` : ''}</section>`;
}

/** The data the inline script filters on: one entry per matrix row, in order. */
function scriptData(results: Results): unknown {
  return {
    requirements: results.requirements.map((r) => ({
      id: r.id,
      area: r.area,
      filter: displayStatus(r),
      text: [
        r.id,
        r.title,
        r.statement,
        r.level,
        r.evidence,
        r.source,
        ...r.tests.map((t) => t.title),
        ...r.findings.map((f) => f.message),
        ...r.inconclusive.map((n) => n.cause),
      ]
        .join('\n')
        .toLowerCase(),
    })),
  };
}

export function renderHtml(results: Results): string {
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256(REPORT_SCRIPT)}'`,
    `style-src 'sha256-${sha256(REPORT_STYLE)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = `${verdictTitle(results.summary.verdict)} — job-status conformance report`;
  return htmlDocument(
    { csp, title, style: REPORT_STYLE },
    `${runSummary(results)}
<nav class="toc"><a href="#failures">Failures</a><a href="#matrix">Requirements</a><a href="#observed">Observed</a><a href="#coverage">Coverage</a><a href="#target">Target</a><a href="#seeds">Seeds</a><a href="#spec-issues">Spec issues</a></nav>
<main>
${failures(results)}
${requirementTable(results)}
${passedEvidence(results)}
${coverage(results)}
${target(results)}
${seeds(results)}
${specIssues(results)}
${problems(results)}
<footer>results.json schemaVersion ${results.schemaVersion} · generated ${e(results.finishedAt)}</footer>
</main>
<script type="application/json" id="report-data">${jsonForScript(scriptData(results))}</script>
<script>${REPORT_SCRIPT}</script>
`,
  );
}
