// The client report (reports/client/index.html): the verdict for the client, each client requirement with
// its status and first findings, and per scenario the client's requests against the job's true timeline.
// The suite report's frame, stylesheet and escaping; no script, nothing loaded from anywhere.
import { createHash } from 'node:crypto';
import type { ClientResults, ScenarioResult } from '../../client-check/results.js';
import type { ClientRequirementResult } from '../../client-check/verdict.js';
import { anchorId, escapeHtml as e } from './escape.js';
import { htmlDocument } from './html-document.js';
import { REPORT_STYLE } from './report-style.js';
import { clientTimelineSvg } from './client-timeline-svg.js';
import { sourceLink } from './requirement-table.js';

const CLIENT_STYLE = `${REPORT_STYLE}
.scenario { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.scenario h3 { margin: 4px 0; }
svg.client-timeline { max-width: 100%; height: auto; }
td.num { text-align: right; }
tr.req td:first-child { white-space: nowrap; }
`;

const VERDICT_TITLE: Record<string, string> = {
  conformant: 'Client conformant',
  'not-conformant': 'Client not conformant',
  incomplete: 'Client check incomplete',
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

function shownStatus(r: ClientRequirementResult): string {
  return r.status === 'failed' && r.level === 'SHOULD' ? 'warned' : r.status;
}

const badge = (status: string) => `<span class="badge status-${e(status)}">${e(status)}</span>`;

function banner(results: ClientResults): string {
  const s = results.summary;
  if (results.broke) {
    return `<header class="banner verdict-not-conformant" id="verdict"><h1>Client check broke</h1><p>${e(results.broke)}</p><p>No verdict against the client.</p></header>\n`;
  }
  const failed = results.requirements.filter((r) => r.status === 'failed');
  const list = failed.length
    ? `<ul class="unexercised">${failed.map((r) => `<li><code>${e(r.id)}</code> ${e(r.level)} ${e(r.title)}: ${e(r.findings[0]?.message ?? '')}</li>`).join('')}</ul>`
    : '';
  return `<header class="banner verdict-${e(s.verdict)}" id="verdict"><h1>${e(VERDICT_TITLE[s.verdict])}</h1>
<p><code>${e(results.client.command.join(' '))}</code> on ${results.scenarios.length} scenarios (seed ${e(results.seed)}, profile ${e(results.profile)}, deadline ${e(results.deadlineS)} s)</p>
${list}<table class="counts"><tr><th>requirements</th><th>passed</th><th>failed (MUST)</th><th>warned (SHOULD)</th><th>not covered</th></tr>
<tr><td>${s.requirements}</td><td>${s.passed}</td><td>${s.failed}</td><td>${s.warned}</td><td>${s.notCovered}</td></tr></table></header>
`;
}

function requirementsTable(results: ClientResults): string {
  const rows = results.requirements
    .map(
      (r) =>
        `<tr class="req" id="${anchorId('req', r.id)}"><td><code>${e(r.id)}</code></td><td>${e(r.level)}</td><td>${badge(shownStatus(r))}</td><td><b>${e(r.title)}</b><br><small>${e(r.statement)}</small><br><small>evidence: ${e(r.evidence)} ${(r.links ?? []).map(sourceLink).join(' ')} · ${e(r.source)}</small></td><td>${
          r.failedIn.length ? `failed in ${r.failedIn.map((n) => `<a href="#${anchorId('sc', n)}">${e(n)}</a>`).join(', ')}` : ''
        }${r.passedIn.length ? `<br><small>held in ${r.passedIn.length} scenario(s)</small>` : ''}${r.status === 'not-covered' ? 'no scenario exercised it' : ''}</td><td>${r.findings
          .slice(0, 3)
          .map((f) => `<div><code>${e(f.scenario)}</code> ${e(f.cause)}: ${e(f.message)}</div>`)
          .join('')}</td></tr>`,
    )
    .join('\n');
  return `<h2 id="requirements">Client requirements</h2>
<table><tr><th>id</th><th>level</th><th>status</th><th>requirement</th><th>scenarios</th><th>first findings</th></tr>
${rows}
</table>
`;
}

function scenarioTable(results: ClientResults): string {
  const rows = results.scenarios
    .map((s) => {
      const failed = s.requirements.filter((r) => r.status === 'failed').map((r) => r.id);
      return `<tr><td><a href="#${anchorId('sc', s.scenario)}">${e(s.scenario)}</a></td><td>${failed.length ? badge('failed') : badge('passed')}</td><td class="num">${s.requests}</td><td class="num">${s.referenceRequests ?? '–'}</td><td class="num">${(s.durationMs / 1000).toFixed(1)} s</td><td>${e(failed.join(', '))}</td></tr>`;
    })
    .join('\n');
  return `<h2 id="scenarios">Scenarios</h2>
<table><tr><th>scenario</th><th>result</th><th>client requests</th><th>reference requests</th><th>client time</th><th>failed requirements</th></tr>
${rows}
</table>
`;
}

function conclusionText(s: ScenarioResult): string {
  switch (s.conclusion.kind) {
    case 'status':
      return `{"status": "${s.conclusion.status}"}`;
    case 'indexed':
      return '{"indexed": true}';
    case 'none':
      return `no conclusion (${s.conclusion.cause})`;
  }
}

function scenarioDetail(s: ScenarioResult): string {
  const findings = s.requirements.flatMap((r) => r.findings);
  const judged = s.requirements
    .filter((r) => r.status !== 'not-exercised')
    .map((r) => `${badge(r.status === 'masked' ? 'skipped' : r.status)} <code title="${e(r.note ?? '')}">${e(r.id)}</code>`)
    .join(' ');
  return `<section class="scenario" id="${anchorId('sc', s.scenario)}"><h3>${e(s.scenario)}</h3>
<p>${e(s.title)} · dialect ${e(s.dialect)}${s.faults.length ? ` · faults: ${e(s.faults.join(', '))}` : ''}${s.seed !== undefined ? ` · seed ${e(s.seed)}` : ''}</p>
<p>truth: <code>${e(s.truth)}</code> · the client printed <code>${e(conclusionText(s))}</code>, exit ${e(s.stoppedAtDeadline ? 'stopped at the deadline' : (s.exitCode ?? 'by signal'))}, ${s.requests} requests (reference ${e(s.referenceRequests ?? '–')})</p>
<p>${judged}</p>
${clientTimelineSvg(s.timeline)}
${findings.length ? `<ul>${findings.map((f) => `<li><code>${e(f.requirement)}</code> ${e(f.level)} <b>${e(f.cause)}</b>: ${e(f.message)}</li>`).join('')}</ul>` : ''}
${s.stderrTail ? `<details><summary>client's standard error (end)</summary><pre>${e(s.stderrTail)}</pre></details>` : ''}
</section>`;
}

export function renderClientHtml(results: ClientResults): string {
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${sha256(CLIENT_STYLE)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return htmlDocument(
    { csp, title: `${VERDICT_TITLE[results.summary.verdict]} — client-check report`, style: CLIENT_STYLE },
    `${banner(results)}<nav class="toc"><a href="#requirements">Requirements</a><a href="#scenarios">Scenarios</a></nav>
<main>
${requirementsTable(results)}
${scenarioTable(results)}
${results.scenarios.map(scenarioDetail).join('\n')}
<footer>results.json schemaVersion ${results.schemaVersion} · ${e(results.startedAt)} – ${e(results.finishedAt)}</footer>
</main>
`,
  );
}
