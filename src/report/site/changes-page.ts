// One run's page of the history site: the requirements whose status changed since the run before,
// regressions first (../diff.ts decides what changed and how). Pure; everything from a run is escaped.
import { escapeHtml as e } from '../html/escape.js';
import type { HistoryRun } from './history.js';
import { badge, page, when } from './layout.js';

function describe(run: Pick<HistoryRun, 'summary'>): string {
  const s = run.summary;
  return `${e(when(s.startedAt))} · ${e(s.baseUrl ?? 'unknown target')} (${e(s.targetKind)}) · profile ${e(s.profile)}`;
}

export function renderChangesPage(run: HistoryRun): string {
  const s = run.summary;
  const report = run.hasReport ? ` · <a class="report" href="report.html">full report</a>` : '';
  const header = `<h1>Run of ${e(when(s.startedAt))}: ${badge('verdict', s.verdict)}</h1>
<p>${describe(run)} · <a href="../../index.html">all runs</a>${report} · <a href="results.json">results.json</a></p>`;
  let body: string;
  if (s.verdict === 'broke') {
    body = `<p id="broke">The run broke before it could judge the target: nothing is compared and nothing is charged to it. ${e(s.brokenBecause.join('; '))}</p>`;
  } else if (!run.diff || !run.previous) {
    body = '<p id="first-run">The first run of the history: there is nothing to compare it with.</p>';
  } else {
    const d = run.diff;
    const compared = `<p id="compared">Compared with the run of <a href="../${run.previous.slug}/changes.html">${describe(run.previous)}</a>. Verdict: ${badge('verdict', d.verdictBefore)} → ${badge('verdict', d.verdictAfter)}.</p>`;
    const rows = d.changes.map(
      (c) => `<tr class="change kind-${c.kind}" data-id="${e(c.id)}">
<td>${badge('kind', c.kind)}</td><td class="id"><code>${e(c.id)}</code></td><td><span class="level">${e(c.level)}</span></td>
<td class="before">${badge('status', c.before)}</td><td class="after">${badge('status', c.after)}</td><td class="title">${e(c.title)}</td>
</tr>`,
    );
    body =
      d.changes.length === 0
        ? `${compared}\n<p id="no-change">No requirement changed status.</p>`
        : `${compared}
<p id="change-count">${d.changes.length} requirement${d.changes.length === 1 ? '' : 's'} changed status, ${d.regressions} regression${d.regressions === 1 ? '' : 's'}.</p>
<table id="changes"><thead><tr><th>change</th><th>requirement</th><th>level</th><th>before</th><th>now</th><th>title</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
  }
  return page(`Run of ${when(s.startedAt)}: ${s.verdict}`, header, `<h2>Requirements whose status changed</h2>\n${body}`);
}
