// Results model -> one self-contained HTML page. Pure (no I/O) so it can be tested on hostile input;
// every value is escaped here, scripts are pinned by hash in a CSP, and nothing points off the page.
import { createHash } from 'node:crypto';
import type { Observation } from '../../oracle/observation.js';
import { clip } from '../../contract/clip.js';
import { anchorId, escapeHtml as e, jsonForScript } from './escape.js';
import { describePolls, groupFindings } from './finding-groups.js';
import { htmlDocument } from './html-document.js';
import { REPORT_SCRIPT } from './report-script.js';
import { REPORT_STYLE } from './report-style.js';
import type { CoverageRow } from '../coverage.js';
import type { TimelineEvidence } from '../kept-timelines.js';
import type { RequirementResult, Results, TestRef } from '../results.js';
import { timelineSvg } from './timeline-svg.js';

const BODY_SHOWN = 4000;
const TIMELINES_PER_REQUIREMENT = 5;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** The status a reader sees: a failed SHOULD is a warning. */
export function displayStatus(r: Pick<RequirementResult, 'status' | 'level'>): RequirementResult['status'] | 'warned' {
  return r.status === 'failed' && r.level === 'SHOULD' ? 'warned' : r.status;
}

const VERDICT_TITLE: Record<Results['summary']['verdict'], string> = {
  conformant: 'Conformant',
  'not-conformant': 'Not conformant',
  incomplete: 'Incomplete',
};

function badge(status: string): string {
  return `<span class="badge status-${e(status)}">${e(status)}</span>`;
}

function level(l: string): string {
  return `<span class="level level-${l === 'SHOULD' ? 'SHOULD' : 'MUST'}">${e(l)}</span>`;
}

function testLine(t: TestRef): string {
  const reason = t.skipReason !== undefined ? ` <span class="reason">— ${e(t.skipReason)}</span>` : '';
  // How the test judged, in its own words (e.g. which query version proved JS-MEDIA-002).
  const notes = t.notes?.length ? ` <span class="reason">— ${t.notes.map((n) => e(n)).join('; ')}</span>` : '';
  return `<li>${badge(t.status === 'timedOut' ? 'failed' : t.status === 'not-run' || t.status === 'interrupted' ? 'skipped' : t.status)} ${e(t.title)} <span class="muted">${e(t.project)} · ${e(t.file)}:${e(t.line)}</span>${reason}${notes}</li>`;
}

function banner(results: Results): string {
  const s = results.summary;
  const row = (name: string, c: Results['summary']['must']): string =>
    `<tr><th scope="row">${name}</th><td>${c.passed}</td><td>${c.failed}</td><td>${c.inconclusive}</td><td>${c.skipped}</td><td>${c.notCovered}</td></tr>`;
  const why =
    s.verdict === 'conformant'
      ? 'Every MUST requirement was exercised and held.'
      : s.verdict === 'not-conformant'
        ? `${s.failed} MUST requirement${s.failed === 1 ? '' : 's'} failed.`
        : `No MUST failed, but ${s.unexercisedMust.length} MUST requirement${s.unexercisedMust.length === 1 ? ' was' : 's were'} not exercised${s.runBroken ? ', and the run broke' : ''}.`;
  const unexercised = s.unexercisedMust.length
    ? `<p>MUST requirements not exercised:</p><ul class="unexercised">${s.unexercisedMust.map((u) => `<li><code>${e(u.id)}</code> ${e(u.status)}: ${e(u.reason)}</li>`).join('')}</ul>`
    : '';
  const broken = s.runBroken
    ? `<p>The run broke (exit code 1): ${e(s.brokenBecause.slice(0, 5).join('; '))}${s.brokenBecause.length > 5 ? ` and ${s.brokenBecause.length - 5} more` : ''}</p>`
    : '';
  return `<header id="verdict" class="banner verdict-${e(s.verdict)}">
<h1>${VERDICT_TITLE[s.verdict]}</h1>
<p>${e(why)} GET /v2/jobs/{job_id} · profile <strong>${e(results.profile)}</strong> · ${s.requirements} requirements · ${s.failed} MUST failed, ${s.warned} SHOULD warned · ${s.inconclusive} inconclusive · ${s.notCovered} not covered · exit code ${s.exitCode}</p>
${broken}${unexercised}<table class="counts"><thead><tr><th>level</th><th>passed</th><th>failed</th><th>inconclusive</th><th>skipped</th><th>not covered</th></tr></thead>
<tbody>${row('MUST', s.must)}${row('SHOULD (failed = warning)', s.should)}</tbody></table>
</header>`;
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

function matrix(results: Results): string {
  const out: string[] = [];
  out.push(`<section id="matrix"><h2>Requirements</h2>
<div class="controls" role="search">
<label>Status <select id="filter-status"><option value="all">all</option><option value="failed">failed (MUST)</option><option value="warned">warned (SHOULD failed)</option><option value="passed">passed</option><option value="inconclusive">inconclusive</option><option value="skipped">skipped</option><option value="not-covered">not covered</option></select></label>
<label>Area <select id="filter-area"><option value="all">all</option>${results.areas.map((a) => `<option value="${e(a.id)}">${e(a.title)}</option>`).join('')}</select></label>
<label>Search <input id="search" type="search" placeholder="id, title, statement, test, finding" autocomplete="off"></label>
<span id="shown-count" class="muted"></span>
</div>`);
  const indexOf = new Map(results.requirements.map((r, i) => [r, i]));
  for (const area of results.areas) {
    const rows = results.requirements.filter((r) => r.area === area.id);
    if (rows.length === 0) continue;
    out.push(`<section class="area" data-area="${e(area.id)}"><h3>${e(area.title)} <span class="muted">${e(area.prefix)}</span></h3>
<table><thead><tr><th>id</th><th>level</th><th>evidence</th><th>status</th><th>requirement</th><th>tests</th></tr></thead><tbody>`);
    for (const r of rows) {
      const status = displayStatus(r);
      const link =
        r.status === 'failed'
          ? ` <a href="#${anchorId('fail', r.id)}">${r.findings.length > 0 ? `findings (${r.findings.length})` : 'why'}</a>`
          : '';
      const tests =
        r.tests.length > 0 ? `<ul class="tests">${r.tests.map(testLine).join('')}</ul>` : '<span class="muted">no test names it</span>';
      const why =
        r.status === 'inconclusive'
          ? [...new Set(r.inconclusive.map((n) => n.cause))]
              .slice(0, 3)
              .map((c) => `<span class="reason inconclusive">${e(c)}</span>`)
              .join('')
          : '';
      out.push(`<tr class="req" id="${anchorId('req', r.id)}" data-index="${indexOf.get(r) ?? 0}" data-status="${e(status)}" data-area="${e(r.area)}">
<td class="id">${e(r.id)}</td><td>${level(r.level)}</td><td><span class="evidence-tag" title="${e(r.source)}">${e(r.evidence)}</span></td><td>${badge(status)}${link}${why}</td>
<td><strong>${e(r.title)}</strong><div class="statement">${e(r.statement)}</div></td><td>${tests}</td></tr>`);
    }
    out.push('</tbody></table></section>');
  }
  out.push('</section>');
  return out.join('\n');
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function headerLines(headers: Record<string, string> | undefined): string {
  return Object.entries(headers ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function exchangeItem(o: Observation, highlighted: boolean): string {
  const x = o.exchange;
  const request = `${x.request.method} ${x.request.url}\n${headerLines(x.request.headers)}${x.request.body ? `\n\n${clip(x.request.body, BODY_SHOWN, 'cut')}` : ''}`;
  const response = `HTTP ${x.status}${x.error ? ` (${x.error})` : ''} · ${o.kind} · received ${x.receivedAt}\n${headerLines(x.headers)}\n\n${clip(prettyBody(x.body), BODY_SHOWN, 'cut')}${x.truncated ? '\n[body truncated by the client]' : ''}`;
  return `<li class="exchange${highlighted ? ' highlight' : ''}" data-poll="${o.index}"><div class="meta">poll ${o.index}${highlighted ? ' · a finding points here' : ''}</div><pre>${e(request)}\n\n${e(response)}</pre></li>`;
}

function timelineFigure(t: TimelineEvidence, testTitle: string): string {
  const hl = new Set(t.highlight);
  return `<figure class="timeline-figure" id="${anchorId('timeline', t.id)}">
${timelineSvg(t.observations, { highlight: t.highlight, title: `timeline of job ${t.jobId}` })}
<figcaption>Job <code>${e(t.jobId)}</code> · ${t.observations.length} polls${t.omitted > 0 ? ` (${t.omitted} more left out)` : ''} · ${e(testTitle)} · filled circle: snapshot, dashed diamond: placeholder, cross: HTTP error or malformed, red band: the poll a finding points at</figcaption>
<details class="exchanges"><summary>Raw exchanges (${t.observations.length}, redacted)</summary><ol>${t.observations.map((o) => exchangeItem(o, hl.has(o.index))).join('')}</ol></details>
</figure>`;
}

function failures(results: Results): string {
  const failed = results.requirements.filter((r) => r.status === 'failed');
  failed.sort((a, b) => (a.level === b.level ? 0 : a.level === 'MUST' ? -1 : 1));
  const timelinesById = new Map(results.timelines.map((t) => [t.id, t]));
  const out: string[] = [`<section id="failures"><h2>Failures <span class="muted">(${failed.length})</span></h2>`];
  if (failed.length === 0) out.push('<p>No requirement failed.</p>');
  for (const r of failed) {
    const tests = new Map(r.tests.map((t) => [t.id, t]));
    out.push(`<article class="failure level-${r.level === 'SHOULD' ? 'SHOULD' : 'MUST'}" id="${anchorId('fail', r.id)}">
<h3>${level(r.level)} ${e(r.id)} — ${e(r.title)} ${badge(displayStatus(r))}</h3><p class="statement">${e(r.statement)}</p>`);
    if (r.findings.length > 0) {
      out.push('<ol class="findings">');
      for (const { first: f, polls, count } of groupFindings(r.findings)) {
        const times = count > 1 && polls.length < count ? `${count} times` : '';
        const where = [f.jobId !== undefined ? `job ${f.jobId}` : '', describePolls(polls), times, tests.get(f.test)?.title ?? '']
          .filter((s) => s !== '')
          .join(' · ');
        const evidence =
          f.evidence !== undefined
            ? `<details><summary>evidence</summary><pre>${e(typeof f.evidence === 'string' ? f.evidence : JSON.stringify(f.evidence, null, 2))}</pre></details>`
            : '';
        out.push(`<li class="finding">${level(f.level)} ${e(f.message)} <div class="meta">${e(where)}</div>${evidence}</li>`);
      }
      out.push('</ol>');
    }
    const bare = r.tests.filter((t) => (t.status === 'failed' || t.status === 'timedOut') && !r.findings.some((f) => f.test === t.id));
    for (const t of bare)
      out.push(
        `<p>Test <strong>${e(t.title)}</strong> ${e(t.status)}${t.error ? '' : ' without an error message'}.</p>${t.error ? `<pre>${e(t.error)}</pre>` : ''}`,
      );
    const shown = new Set<string>();
    for (const f of r.findings) if (f.timeline !== undefined) shown.add(f.timeline);
    for (const t of results.timelines) if (bare.some((b) => b.id === t.test)) shown.add(t.id);
    const ids = [...shown];
    for (const id of ids.slice(0, TIMELINES_PER_REQUIREMENT)) {
      const t = timelinesById.get(id);
      if (t) out.push(timelineFigure(t, tests.get(t.test)?.title ?? ''));
    }
    if (ids.length > TIMELINES_PER_REQUIREMENT)
      out.push(`<p class="muted">${ids.length - TIMELINES_PER_REQUIREMENT} more timelines in results.json.</p>`);
    out.push('</article>');
  }
  out.push('</section>');
  return out.join('\n');
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
${coverageTable('HTTP statuses', c.httpStatuses, '')}
</div></section>`;
}

function seeds(results: Results): string {
  const rows = results.seeds
    .map(
      (s) =>
        `<tr><td><code>${e(s.seed)}</code></td><td>${s.path !== undefined ? `<code>${e(s.path)}</code>` : '<span class="muted">—</span>'}</td><td>${e(s.testTitle)}</td><td><code>${e(s.command)}</code></td></tr>`,
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
  const title = `${VERDICT_TITLE[results.summary.verdict]} — job-status conformance report`;
  return htmlDocument(
    { csp, title, style: REPORT_STYLE },
    `${banner(results)}
<nav class="toc"><a href="#target">Target</a><a href="#matrix">Requirements</a><a href="#failures">Failures</a><a href="#coverage">Coverage</a><a href="#seeds">Seeds</a><a href="#spec-issues">Spec issues</a></nav>
<main>
${target(results)}
${matrix(results)}
${failures(results)}
${coverage(results)}
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
