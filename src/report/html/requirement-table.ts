// The requirement table: one compact row per requirement (level, evidence with a link to the vendor's
// source, status, what it says), its tests folded behind a count a reader opens on click.
import { anchorId, escapeHtml as e } from './escape.js';
import type { RequirementResult, Results, TestRef } from '../results.js';

/** The status a reader sees: a failed SHOULD is a warning. */
export function displayStatus(r: Pick<RequirementResult, 'status' | 'level'>): string {
  return r.status === 'failed' && r.level === 'SHOULD' ? 'warned' : r.status;
}

export function badge(status: string): string {
  return `<span class="badge status-${e(status)}">${e(status)}</span>`;
}

export function level(l: string): string {
  return `<span class="level level-${l === 'SHOULD' ? 'SHOULD' : 'MUST'}">${e(l)}</span>`;
}

function testStatus(t: TestRef): string {
  if (t.status === 'timedOut') return 'failed';
  if (t.status === 'not-run' || t.status === 'interrupted') return 'skipped';
  return t.status;
}

function testLine(t: TestRef): string {
  const reason = t.skipReason !== undefined ? ` <span class="reason">— ${e(t.skipReason)}</span>` : '';
  // How the test judged, in its own words (e.g. which query version proved JS-MEDIA-002).
  const notes = t.notes?.length ? ` <span class="reason">— ${t.notes.map((n) => e(n)).join('; ')}</span>` : '';
  return `<li>${badge(testStatus(t))} ${e(t.title)} <span class="muted">${e(t.file)}:${e(t.line)}</span>${reason}${notes}</li>`;
}

/** Only http(s) links leave the page; anything else in the catalog is shown as text. */
export function sourceLink(link: { title: string; url: string }): string {
  return /^https?:\/\//i.test(link.url)
    ? `<a class="source" href="${e(link.url)}" rel="noreferrer noopener" target="_blank">${e(link.title)}</a>`
    : `<span class="source">${e(link.title)}</span>`;
}

function evidenceCell(r: RequirementResult): string {
  const links = (r.links ?? []).map(sourceLink).join(' ');
  return `<span class="evidence-tag">${e(r.evidence)}</span>${links ? `<div class="sources">${links}</div>` : ''}<details class="source-text"><summary>source</summary>${e(r.source)}</details>`;
}

function testsCell(r: RequirementResult): string {
  if (r.tests.length === 0) return '<span class="muted">no test names it</span>';
  const counts = new Map<string, number>();
  for (const t of r.tests) counts.set(testStatus(t), (counts.get(testStatus(t)) ?? 0) + 1);
  const parts = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  return `<details class="tests"><summary>${r.tests.length} test${r.tests.length === 1 ? '' : 's'}<span class="muted"> (${e(parts)})</span></summary><ul class="tests">${r.tests.map(testLine).join('')}</ul></details>`;
}

function statusCell(r: RequirementResult): string {
  const link =
    r.status === 'failed'
      ? ` <a href="#${anchorId('fail', r.id)}">${r.findings.length > 0 ? `findings (${r.findings.length})` : 'why'}</a>`
      : '';
  const why =
    r.status === 'inconclusive'
      ? [...new Set(r.inconclusive.map((n) => n.cause))]
          .slice(0, 3)
          .map((c) => `<span class="reason inconclusive">${e(c)}</span>`)
          .join('')
      : '';
  return `${badge(displayStatus(r))}${link}${why}`;
}

const FILTERS: Array<[string, string]> = [
  ['failed', 'failed (MUST)'],
  ['warned', 'warned (SHOULD failed)'],
  ['passed', 'passed'],
  ['inconclusive', 'inconclusive'],
  ['skipped', 'skipped'],
  ['not-covered', 'not covered'],
];

function filterControls(results: Results): string {
  const known = new Set(FILTERS.map(([value]) => value));
  const others = [...new Set(results.requirements.map(displayStatus))].filter((s) => !known.has(s)).map((s): [string, string] => [s, s]);
  const options = [...FILTERS, ...others].map(([value, label]) => `<option value="${e(value)}">${e(label)}</option>`).join('');
  return `<div class="controls" role="search">
<label>Status <select id="filter-status"><option value="all">all</option>${options}</select></label>
<label>Area <select id="filter-area"><option value="all">all</option>${results.areas.map((a) => `<option value="${e(a.id)}">${e(a.title)}</option>`).join('')}</select></label>
<label>Search <input id="search" type="search" placeholder="id, title, statement, test, finding" autocomplete="off"></label>
<span id="shown-count" class="muted"></span>
</div>`;
}

export function requirementTable(results: Results): string {
  const out: string[] = [`<section id="matrix"><h2>Requirements</h2>${filterControls(results)}`];
  const indexOf = new Map(results.requirements.map((r, i) => [r, i]));
  for (const area of results.areas) {
    const rows = results.requirements.filter((r) => r.area === area.id);
    if (rows.length === 0) continue;
    out.push(`<section class="area" data-area="${e(area.id)}"><h3>${e(area.title)} <span class="muted">${e(area.prefix)}</span></h3>
<table class="requirements"><colgroup><col class="c-id"><col class="c-level"><col class="c-evidence"><col class="c-status"><col class="c-req"><col class="c-tests"></colgroup>
<thead><tr><th>id</th><th>level</th><th>evidence</th><th>status</th><th>requirement</th><th>tests</th></tr></thead><tbody>`);
    for (const r of rows) {
      out.push(`<tr class="req" id="${anchorId('req', r.id)}" data-index="${indexOf.get(r) ?? 0}" data-status="${e(displayStatus(r))}" data-area="${e(r.area)}">
<td class="id">${e(r.id)}</td><td>${level(r.level)}</td><td class="evidence">${evidenceCell(r)}</td><td class="status">${statusCell(r)}</td>
<td class="req-text"><strong>${e(r.title)}</strong><div class="statement">${e(r.statement)}</div></td><td class="tests">${testsCell(r)}</td></tr>`);
    }
    out.push('</tbody></table></section>');
  }
  out.push('</section>');
  return out.join('\n');
}
