// A kept job timeline as a figure: the SVG of its polls, a caption, and its raw exchanges (redacted),
// each with its full URL and a curl command.
import type { Observation } from '../../oracle/observation.js';
import type { TimelineEvidence } from '../kept-timelines.js';
import { anchorId, escapeHtml as e } from './escape.js';
import { exchangeView } from './exchange-view.js';
import { timelineSvg } from './timeline-svg.js';

/** Raw exchanges listed under a figure; a long timeline lists its first ones and every highlighted poll. */
const EXCHANGES_LISTED = 12;

function exchangeItem(baseUrl: string | null, o: Observation, highlighted: boolean): string {
  return `<li class="exchange${highlighted ? ' highlight' : ''}" data-poll="${o.index}"><div class="meta">poll ${o.index} · ${e(o.kind)} · HTTP ${o.exchange.status}${highlighted ? ' · a finding points here' : ''}</div>${exchangeView(baseUrl, o.exchange, [])}</li>`;
}

export function timelineFigure(t: TimelineEvidence, testTitle: string, baseUrl: string | null): string {
  const hl = new Set(t.highlight);
  const listed = t.observations.filter((o, i) => i < EXCHANGES_LISTED || hl.has(o.index));
  const left = t.observations.length - listed.length;
  return `<figure class="timeline-figure" id="${anchorId('timeline', t.id)}">
${timelineSvg(t.observations, { highlight: t.highlight, title: `timeline of job ${t.jobId}` })}
<figcaption>Job <code>${e(t.jobId)}</code> · ${t.observations.length} polls${t.omitted > 0 ? ` (${t.omitted} more left out)` : ''} · ${e(testTitle)} · filled circle: snapshot, dashed diamond: placeholder, cross: HTTP error or malformed, red band: the poll a finding points at</figcaption>
<details class="exchanges"><summary>Raw exchanges (${t.observations.length}, redacted)</summary><ol>${listed.map((o) => exchangeItem(baseUrl, o, hl.has(o.index))).join('')}</ol>${left > 0 ? `<p class="muted">${left} more exchanges of this job in results.json.</p>` : ''}</details>
</figure>`;
}
