// One scenario's client requests drawn against the job's true timeline: the job's status as bands, the
// client's process as a bar, each request as a tick coloured by its answer. Pure string building.
import type { ScenarioTimeline } from '../../client-check/results.js';
import { escapeHtml as e } from './escape.js';
import { STATUS_COLOR } from './timeline-svg.js';

const WIDTH = 900;
const LEFT = 120;
const RIGHT = 16;
const COLORS: Record<string, string> = {
  ...STATUS_COLOR,
  placeholder: '#a0aec0',
  query: '#0bc5ea',
  'http-error': '#dd6b20',
  malformed: '#742a2a',
  other: '#4a5568',
};

const colorOf = (answer: string, status: number) =>
  answer.startsWith('snapshot:')
    ? (COLORS[answer.slice(9)] ?? '#2d3748')
    : answer === 'http-error' && status >= 500
      ? '#c53030'
      : (COLORS[answer] ?? '#4a5568');

const n = (v: number) => (Number.isFinite(v) ? String(Math.round(v * 10) / 10) : '0');

export function clientTimelineSvg(timeline: ScenarioTimeline): string {
  const endS =
    Math.max(
      1,
      timeline.clientEndS,
      ...(timeline.job && Number.isFinite(timeline.job.endS) ? [timeline.job.endS] : []),
      ...timeline.requests.map((r) => r.atS),
    ) * 1.03;
  const x = (s: number) => LEFT + (Math.max(0, Math.min(s, endS)) / endS) * (WIDTH - LEFT - RIGHT);
  const parts: string[] = [];
  const label = (y: number, text: string) => parts.push(`<text x="4" y="${y + 12}" font-size="11">${e(text)}</text>`);
  const band = (y: number, from: number, to: number, color: string, title: string) =>
    parts.push(
      `<rect x="${n(x(from))}" y="${y}" width="${n(Math.max(1, x(to) - x(from)))}" height="16" fill="${color}"><title>${e(title)}</title></rect>`,
    );
  label(8, 'job (truth)');
  if (timeline.job) {
    const { startS, endS: jobEndS, status, searchableS } = timeline.job;
    band(8, 0, startS, COLORS.pending!, `pending 0–${n(startS)} s`);
    band(8, startS, jobEndS, COLORS.running!, `running ${n(startS)}–${n(jobEndS)} s`);
    if (Number.isFinite(jobEndS)) band(8, jobEndS, endS, COLORS[status] ?? '#2d3748', `${status} from ${n(jobEndS)} s`);
    if (searchableS !== null)
      parts.push(
        `<line x1="${n(x(searchableS))}" x2="${n(x(searchableS))}" y1="4" y2="28" stroke="#0bc5ea" stroke-width="2"><title>content searchable from ${n(searchableS)} s</title></line>`,
      );
  } else parts.push(`<text x="${LEFT}" y="20" font-size="11">no such job: every answer is 404</text>`);
  for (const fault of timeline.faults) {
    const until = fault.untilS ?? fault.fromS + endS / 60;
    parts.push(
      `<rect x="${n(x(fault.fromS))}" y="26" width="${n(Math.max(2, x(until) - x(fault.fromS)))}" height="5" fill="#dd6b20"><title>${e(fault.kind)} from ${n(fault.fromS)} s${fault.untilS !== null ? ` until ${n(fault.untilS)} s` : ' (a burst)'}</title></rect>`,
    );
  }
  label(34, 'client process');
  band(34, timeline.clientStartS, timeline.clientEndS, '#cbd5e0', `client ran ${n(timeline.clientStartS)}–${n(timeline.clientEndS)} s`);
  label(60, 'requests');
  for (const r of timeline.requests) {
    parts.push(
      `<rect x="${n(x(r.atS) - 1)}" y="60" width="3" height="18" fill="${colorOf(r.answer, r.status)}"><title>#${r.seq} ${e(r.method)} ${e(r.what)} at ${n(r.atS)} s → ${r.status} ${e(r.answer)}</title></rect>`,
    );
  }
  const ticks = Math.min(12, Math.ceil(endS));
  for (let i = 0; i <= ticks; i++) {
    const s = (endS / ticks) * i;
    parts.push(`<text x="${n(x(s))}" y="96" font-size="10" text-anchor="middle">${n(s)} s</text>`);
  }
  const note = timeline.notDrawn > 0 ? `<text x="${LEFT}" y="110" font-size="11">${timeline.notDrawn} more requests not drawn</text>` : '';
  return `<svg class="client-timeline" role="img" viewBox="0 0 ${WIDTH} 114" width="${WIDTH}" height="114" xmlns="http://www.w3.org/2000/svg"><title>the client's requests against the job's timeline</title>${parts.join('')}${note}</svg>`;
}
