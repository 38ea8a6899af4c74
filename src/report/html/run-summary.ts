// The top of the report: what a reader needs in the first screen. The verdict and the target, then each
// failed MUST with its first finding (linked to its details), each SHOULD warning, and each MUST the run
// could not exercise, with why. Everything else of the report is detail below.
import { clip, firstLine } from '../../contract/clip.js';
import { anchorId, escapeHtml as e } from './escape.js';
import type { RequirementResult, Results } from '../results.js';

const VERDICT_TITLE: Record<string, string> = {
  conformant: 'Conformant',
  'not-conformant': 'Not conformant',
  incomplete: 'Incomplete',
  broke: 'The run broke',
};

/** The verdict as a heading; a state this renderer does not know yet is shown as it is named. */
export function verdictTitle(verdict: string): string {
  return VERDICT_TITLE[verdict] ?? verdict.charAt(0).toUpperCase() + verdict.slice(1).replace(/-/g, ' ');
}

/** The first finding of a failed requirement, or the failed test that stands for it. */
function firstWhy(r: RequirementResult): string {
  const f = r.findings[0];
  if (f) {
    const where = [f.jobId !== undefined ? `job ${f.jobId}` : '', f.pollIndex !== undefined ? `poll ${f.pollIndex}` : '']
      .filter((s) => s !== '')
      .join(', ');
    const more = r.findings.length > 1 ? ` · ${r.findings.length} findings in all` : '';
    return `${e(clip(f.message, 300, 'ellipsis'))} <span class="where">${e(where)}${more}</span>`;
  }
  const t = r.tests.find((x) => x.status === 'failed' || x.status === 'timedOut');
  return t ? `test "${e(t.title)}" ${e(t.status)}${t.error ? `: ${e(firstLine(t.error, 240))}` : ''}` : 'failed';
}

function failedItem(r: RequirementResult): string {
  return `<li><a href="#${anchorId('fail', r.id)}"><code>${e(r.id)}</code></a> <strong>${e(r.title)}</strong>: ${firstWhy(r)}</li>`;
}

function list(cls: string, heading: string, items: readonly string[]): string {
  if (items.length === 0) return '';
  return `<section class="top-list ${cls}"><h2>${heading}</h2><ul>${items.join('')}</ul></section>`;
}

/** One line per status and reason, naming every MUST it holds for: all of them, in little space. */
function unexercisedItems(unexercised: Results['summary']['unexercisedMust']): string[] {
  const groups = new Map<string, { status: string; reason: string; ids: string[] }>();
  for (const u of unexercised) {
    const key = JSON.stringify([u.status, u.reason]);
    const group = groups.get(key) ?? { status: u.status, reason: u.reason, ids: [] };
    group.ids.push(u.id);
    groups.set(key, group);
  }
  return [...groups.values()].map(
    (g) =>
      `<li>${g.ids.map((id) => `<a href="#${anchorId('req', id)}"><code>${e(id)}</code></a>`).join(', ')} ${e(g.status)}: ${e(g.reason)}</li>`,
  );
}

function countsTable(s: Results['summary']): string {
  // Waived and not-selected columns only when some requirement has that status.
  const extra = (['waived', 'notSelected'] as const).filter((k) => (s.must[k] ?? 0) + (s.should[k] ?? 0) > 0);
  const row = (name: string, c: Results['summary']['must']): string =>
    `<tr><th scope="row">${name}</th><td>${c.passed}</td><td>${c.failed}</td><td>${c.inconclusive}</td><td>${c.skipped}</td><td>${c.notCovered}</td>${extra.map((k) => `<td>${c[k] ?? 0}</td>`).join('')}</tr>`;
  return `<table class="counts"><thead><tr><th>level</th><th>passed</th><th>failed</th><th>inconclusive</th><th>skipped</th><th>not covered</th>${extra.map((k) => `<th>${k === 'waived' ? 'waived' : 'not selected'}</th>`).join('')}</tr></thead>
<tbody>${row('MUST', s.must)}${row('SHOULD (failed = warning)', s.should)}</tbody></table>`;
}

function oneLine(s: Results['summary']): string {
  const partial = s.partial
    ? `A partial run (${s.selection.join(' ') || 'selected tests only'}): it speaks only of the requirements its tests name. `
    : '';
  return partial + verdictLine(s);
}

function verdictLine(s: Results['summary']): string {
  if (s.verdict === 'broke')
    return 'The suite could not judge the target, so there is no verdict against it: the cause and the fix are below.';
  if (s.verdict === 'conformant') return 'Every MUST requirement was exercised on the target and held.';
  if (s.verdict === 'not-conformant')
    return `${s.failed} MUST requirement${s.failed === 1 ? '' : 's'} failed: the API breaks what its documentation promises.`;
  if (s.verdict === 'incomplete')
    return `No MUST failed, but ${s.unexercisedMust.length} MUST requirement${s.unexercisedMust.length === 1 ? ' was' : 's were'} not exercised.`;
  return '';
}

export function runSummary(results: Results): string {
  const s = results.summary;
  const t = results.target;
  const failedMust = results.requirements.filter((r) => r.status === 'failed' && r.level === 'MUST');
  const warned = results.requirements.filter((r) => r.status === 'failed' && r.level === 'SHOULD');
  const broken = s.runBroken
    ? list(
        'broken',
        s.verdict === 'broke'
          ? `Why the run broke (exit code ${s.exitCode})`
          : `The run broke: it could not judge everything (exit code ${s.exitCode})`,
        s.brokenBecause.map((b) => `<li>${e(b)}</li>`),
      )
    : '';
  return `<header id="verdict" class="banner verdict-${e(s.verdict)}">
<h1>${e(verdictTitle(s.verdict))}</h1>
<p class="one-line">${e(oneLine(s))}</p>
<p class="target-line">GET /v2/jobs/{job_id} on <code>${e(t.baseUrl ?? 'unknown target')}</code> (${e(t.kind)}) · profile <strong>${e(results.profile)}</strong> · exit code ${s.exitCode} · ${e(results.startedAt)}</p>
${countsTable(s)}
</header>
<div id="at-a-glance">
${broken}${list(
    'failed-must',
    `Failed MUST requirements (${failedMust.length})`,
    failedMust.map(failedItem),
  )}${list('warned-should', `SHOULD warnings (${warned.length})`, warned.map(failedItem))}${list(
    'unexercised',
    `MUST requirements not exercised (${s.unexercisedMust.length})`,
    unexercisedItems(s.unexercisedMust),
  )}
</div>`;
}
