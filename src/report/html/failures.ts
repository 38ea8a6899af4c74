// Failures: each failed requirement (MUST first), its findings grouped, each with the exchange it points
// at (full URL, a curl command, the field it names marked), then the job timelines behind them.
import type { Observation } from '../../oracle/observation.js';
import type { TimelineEvidence } from '../kept-timelines.js';
import type { ReportedFinding, RequirementResult, Results } from '../results.js';
import { anchorId, escapeHtml as e } from './escape.js';
import { curlBlock, exchangeView } from './exchange-view.js';
import { describePolls, groupFindings, type FindingGroup } from './finding-groups.js';
import { curlCommand, jobPoll, shellQuote } from './reproduce.js';
import { badge, displayStatus, level } from './requirement-table.js';
import { timelineFigure } from './timeline-figure.js';

const TIMELINES_PER_REQUIREMENT = 5;
/** Finding groups shown with their exchange; the rest are listed in a line each. */
const GROUPS_SHOWN = 10;

function observationOf(f: ReportedFinding, timelines: ReadonlyMap<string, TimelineEvidence>): Observation | undefined {
  if (f.timeline === undefined || f.pollIndex === undefined) return undefined;
  return timelines.get(f.timeline)?.observations.find((o) => o.index === f.pollIndex);
}

/** How to see the finding again: the exchange it points at, else a poll of its job, else nothing to send. */
function reproduction(
  group: FindingGroup,
  r: RequirementResult,
  results: Results,
  timelines: ReadonlyMap<string, TimelineEvidence>,
  open: boolean,
): string {
  const f = group.first;
  const observed = observationOf(f, timelines);
  if (observed) return exchangeView(results.target.baseUrl, observed.exchange, [f.message], open);
  if (f.jobId !== undefined)
    return `<div class="exchange-view"><div class="muted">The exchange was not kept; this polls the job the finding names:</div>${curlBlock(curlCommand(results.target.baseUrl, jobPoll(f.jobId)))}</div>`;
  const test = r.tests.find((t) => t.id === f.test);
  if (!test) return '';
  const base = results.target.baseUrl !== null ? `CONFORMANCE_BASE_URL=${shellQuote(results.target.baseUrl)} ` : '';
  return `<div class="exchange-view"><div class="muted">The finding names no request; its test repeats it:</div>${curlBlock(`${base}npx playwright test --project=${shellQuote(test.project)} ${shellQuote(`${test.file}:${test.line}`)}`, 'rerun-command')}</div>`;
}

function findingItem(
  group: FindingGroup,
  r: RequirementResult,
  results: Results,
  timelines: ReadonlyMap<string, TimelineEvidence>,
  n: number,
): string {
  const f = group.first;
  const tests = new Map(r.tests.map((t) => [t.id, t]));
  const times = group.count > 1 && group.polls.length < group.count ? `${group.count} times` : '';
  const where = [f.jobId !== undefined ? `job ${f.jobId}` : '', describePolls(group.polls), times, tests.get(f.test)?.title ?? '']
    .filter((s) => s !== '')
    .join(' · ');
  const timeline = f.timeline !== undefined ? ` <a href="#${anchorId('timeline', f.timeline)}">timeline</a>` : '';
  const evidence =
    f.evidence !== undefined
      ? `<details><summary>evidence</summary><pre>${e(typeof f.evidence === 'string' ? f.evidence : JSON.stringify(f.evidence, null, 2))}</pre></details>`
      : '';
  const shown = n < GROUPS_SHOWN ? reproduction(group, r, results, timelines, n === 0) : '';
  return `<li class="finding">${level(f.level)} ${e(f.message)} <div class="meta">${e(where)}${timeline}</div>${shown}${evidence}</li>`;
}

function failureArticle(r: RequirementResult, results: Results, timelines: ReadonlyMap<string, TimelineEvidence>): string {
  const tests = new Map(r.tests.map((t) => [t.id, t]));
  const out: string[] = [
    `<article class="failure level-${r.level === 'SHOULD' ? 'SHOULD' : 'MUST'}" id="${anchorId('fail', r.id)}">
<h3>${level(r.level)} ${e(r.id)} — ${e(r.title)} ${badge(displayStatus(r))}</h3><p class="statement">${e(r.statement)}</p>`,
  ];
  const groups = groupFindings(r.findings);
  if (groups.length > 0) out.push(`<ol class="findings">${groups.map((g, n) => findingItem(g, r, results, timelines, n)).join('')}</ol>`);
  if (groups.length > GROUPS_SHOWN) out.push(`<p class="muted">Exchanges shown for the first ${GROUPS_SHOWN} findings.</p>`);
  const bare = r.tests.filter((t) => (t.status === 'failed' || t.status === 'timedOut') && !r.findings.some((f) => f.test === t.id));
  for (const t of bare)
    out.push(
      `<p>Test <strong>${e(t.title)}</strong> ${e(t.status)}${t.error ? '' : ' without an error message'}.</p>${t.error ? `<pre>${e(t.error)}</pre>` : ''}`,
    );
  const shown = new Set<string>();
  for (const f of r.findings) if (f.timeline !== undefined) shown.add(f.timeline);
  for (const t of results.timelines) if (t.area === undefined && bare.some((b) => b.id === t.test)) shown.add(t.id);
  const ids = [...shown];
  for (const id of ids.slice(0, TIMELINES_PER_REQUIREMENT)) {
    const t = timelines.get(id);
    if (t) out.push(timelineFigure(t, tests.get(t.test)?.title ?? '', results.target.baseUrl));
  }
  if (ids.length > TIMELINES_PER_REQUIREMENT)
    out.push(`<p class="muted">${ids.length - TIMELINES_PER_REQUIREMENT} more timelines in results.json.</p>`);
  out.push('</article>');
  return out.join('\n');
}

export function failures(results: Results): string {
  const failed = results.requirements.filter((r) => r.status === 'failed');
  failed.sort((a, b) => (a.level === b.level ? 0 : a.level === 'MUST' ? -1 : 1));
  const timelines = new Map(results.timelines.map((t) => [t.id, t]));
  if (failed.length === 0)
    return `<section id="failures"><h2>Failures <span class="muted">(0)</span></h2><p>No requirement failed.</p></section>`;
  return `<section id="failures"><h2>Failures <span class="muted">(${failed.length})</span></h2>
${failed.map((r) => failureArticle(r, results, timelines)).join('\n')}
</section>`;
}

/** Per area, one timeline a passing test observed: what a "passed" stands on. */
export function passedEvidence(results: Results): string {
  const byArea = results.timelines.filter((t) => t.area !== undefined);
  if (byArea.length === 0) return '';
  const titles = new Map(results.areas.map((a) => [a.id, a.title]));
  const testTitles = new Map(results.requirements.flatMap((r) => r.tests.map((t) => [t.id, t.title] as const)));
  return `<section id="observed"><h2>What the run observed</h2><p class="muted">Per area, one job timeline from a passing test (clipped), with its exchanges and the curl commands that repeat them.</p>
${byArea
  .map(
    (t) =>
      `<details class="area-evidence"><summary>${e(titles.get(t.area ?? '') ?? t.area)} <span class="muted">· job ${e(t.jobId)} · ${t.observations.length} polls</span></summary>${timelineFigure(t, testTitles.get(t.test) ?? '', results.target.baseUrl)}</details>`,
  )
  .join('\n')}
</section>`;
}
