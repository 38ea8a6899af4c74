// The history site's front page: every run, newest first, with its verdict, MUST counts, what changed
// since the run before, and links to its report. Pure; every value from a results.json is escaped.
import { escapeHtml as e } from '../html/escape.js';
import type { History, HistoryRun } from './history.js';
import { badge, page, when } from './layout.js';
import { notJudged } from '../summary-model.js';

function changes(run: HistoryRun): string {
  const href = `runs/${run.slug}/changes.html`;
  if (run.summary.verdict === 'broke') return `<a href="${href}" class="broke">the run broke: nothing judged</a>`;
  if (!run.diff) return `<a href="${href}">first run</a>`;
  const n = run.diff.changes.length;
  const label = n === 0 ? 'no change' : `${n} changed, ${run.diff.regressions} regression${run.diff.regressions === 1 ? '' : 's'}`;
  return `<a href="${href}">${label}</a>`;
}

function row(run: HistoryRun): string {
  const s = run.summary;
  const report = run.hasReport
    ? `<a class="report" href="runs/${run.slug}/report.html">report</a>`
    : '<span class="muted">no report</span>';
  return `<tr class="run${s.runBroken ? ' broken' : ''}" id="${run.slug}">
<td class="date">${e(when(s.startedAt))}</td>
<td class="target"><span class="url">${e(s.baseUrl ?? 'unknown')}</span> <span class="kind muted">${e(s.targetKind)}</span></td>
<td class="profile">${e(s.profile)}</td>
<td class="verdict">${badge('verdict', s.verdict)}${s.runBroken && s.verdict !== 'broke' ? ` <span class="badge broke" title="the run broke: it could not judge everything">run broke</span>` : ''}</td>
<td class="num must-passed">${s.must.passed}</td><td class="num must-failed">${s.must.failed}</td><td class="num must-inconclusive">${s.must.inconclusive}</td><td class="num must-skipped">${s.must.skipped}</td><td class="num must-not-covered">${notJudged(s.must)}</td>
<td class="num should-warned">${s.should.failed}</td>
<td class="changes">${changes(run)}</td>
<td class="links">${report} · <a href="runs/${run.slug}/results.json">results.json</a></td>
</tr>`;
}

export function renderIndexPage(history: History, title = 'Job-status conformance: history of runs'): string {
  const newest = [...history.runs].reverse();
  const latest = newest[0];
  const header = `<h1>${e(title)}</h1><p>${history.runs.length} run${history.runs.length === 1 ? '' : 's'}${latest ? ` · latest: ${e(latest.summary.verdict)} on ${e(when(latest.summary.startedAt))}` : ''}</p>`;
  const table =
    newest.length === 0
      ? '<p id="no-runs">No runs yet.</p>'
      : `<table id="runs">
<thead><tr><th rowspan="2">date</th><th rowspan="2">target</th><th rowspan="2">profile</th><th rowspan="2">verdict</th><th colspan="5" class="num">MUST</th><th rowspan="2" class="num">SHOULD warned</th><th rowspan="2">since previous run</th><th rowspan="2">outputs</th></tr>
<tr><th class="num">passed</th><th class="num">failed</th><th class="num">inconclusive</th><th class="num">skipped</th><th class="num">not covered</th></tr></thead>
<tbody>
${newest.map(row).join('\n')}
</tbody></table>`;
  const problems =
    history.problems.length === 0
      ? ''
      : `<section id="problems" class="problems"><h2>Runs that could not be read</h2><ul>${history.problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul></section>`;
  return page(title, header, `<h2>Runs</h2>\n${table}\n${problems}`);
}
