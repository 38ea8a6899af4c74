// One job's poll timeline as an inline SVG: status and stage lanes against time, placeholders and
// errors on lanes of their own, the polls a finding points at highlighted. Pure string building.
import { clip } from '../../contract/clip.js';
import { JOB_STATUSES } from '../../model/status.js';
import { STAGE_VALUES } from '../../model/stage.js';
import type { Observation } from '../../oracle/observation.js';
import { isJsonObject } from '../../model/json.js';
import { escapeHtml } from './escape.js';

export interface TimelineSvgOptions {
  /** Poll indexes to highlight (the offending polls). */
  highlight?: readonly number[];
  width?: number;
  title?: string;
}

const LANE = 18;
const LEFT = 170;
const RIGHT = 16;
const TOP = 24;
const GAP = 14;
const MAX_POINTS = 1000;

/** One colour per job status, in every timeline the reports draw. */
export const STATUS_COLOR: Readonly<Record<string, string>> = {
  pending: '#8a8f98',
  running: '#2f6fdf',
  completed: '#1f8a4c',
  completed_with_failures: '#b7791f',
  failed: '#c53030',
  cancelled: '#6b46c1',
};

function num(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 10) / 10) : '0';
}

interface Point {
  observation: Observation;
  x: number;
  status?: string;
  stage?: string;
}

/** Where polls sit across the plot: by time since the first poll, or in poll order when a timestamp is unusable. */
interface TimeAxis {
  byTime: boolean;
  /** Milliseconds from the first poll to the last. */
  span: number;
  xOf(position: number): number;
}

function timeAxis(shown: readonly Observation[], plotWidth: number): TimeAxis {
  const times = shown.map((o) => Date.parse(o.at));
  const timed = times.every((t) => Number.isFinite(t));
  const t0 = timed && times.length > 0 ? Math.min(...times) : 0;
  const span = timed && times.length > 0 ? Math.max(...times) - t0 : 0;
  const byTime = timed && span > 0;
  const xOf = (position: number): number => {
    if (byTime) return LEFT + (((times[position] ?? t0) - t0) / span) * plotWidth;
    return LEFT + (shown.length <= 1 ? plotWidth / 2 : (position / (shown.length - 1)) * plotWidth);
  };
  return { byTime, span, xOf };
}

/** Each poll at its place, with the status and stage its snapshot reports. */
function pointsOf(shown: readonly Observation[], axis: TimeAxis): Point[] {
  return shown.map((observation, position) => {
    const point: Point = { observation, x: axis.xOf(position) };
    if (observation.kind === 'snapshot' && isJsonObject(observation.snapshot)) {
      const snapshot = observation.snapshot as unknown as Record<string, unknown>;
      if (snapshot.status !== undefined && snapshot.status !== null) point.status = clip(String(snapshot.status), 100, 'none');
      if (isJsonObject(snapshot.progress) && typeof snapshot.progress.current_stage === 'string')
        point.stage = clip(snapshot.progress.current_stage, 100, 'none');
    }
    return point;
  });
}

/** The lanes top to bottom: statuses (then placeholder and error lanes), stages, the axis; and where a poll falls. */
interface Lanes {
  status: string[];
  stage: string[];
  statusTop: number;
  stageTop: number;
  axisY: number;
  height: number;
  statusY(p: Point): number;
  stageY(stage: string): number;
}

function lanesFor(points: readonly Point[]): Lanes {
  const status: string[] = [...JOB_STATUSES];
  if (points.some((p) => p.status !== undefined && !status.includes(p.status))) status.push('(other)');
  status.push('placeholder', 'error / malformed');
  const stage: string[] = [...STAGE_VALUES];
  if (points.some((p) => p.stage !== undefined && !stage.includes(p.stage))) stage.push('(other)');

  const statusTop = TOP;
  const stageTop = statusTop + status.length * LANE + GAP + 14;
  const axisY = stageTop + stage.length * LANE + 4;
  const laneY = (top: number, lanes: readonly string[], value: string): number => {
    const i = lanes.indexOf(value);
    return top + (i < 0 ? lanes.length - 1 : i) * LANE + LANE / 2;
  };
  const statusY = (p: Point): number => {
    if (p.observation.kind === 'placeholder') return laneY(statusTop, status, 'placeholder');
    if (p.observation.kind !== 'snapshot') return laneY(statusTop, status, 'error / malformed');
    const value = p.status !== undefined && status.includes(p.status) ? p.status : '(other)';
    return laneY(statusTop, status, value);
  };
  const stageY = (value: string): number => laneY(stageTop, stage, stage.includes(value) ? value : '(other)');
  return { status, stage, statusTop, stageTop, axisY, height: axisY + 28, statusY, stageY };
}

/** Lane backgrounds (every other one shaded) and their names. */
function laneRows(top: number, names: readonly string[], plotWidth: number): string[] {
  return names.flatMap((name, i) => {
    const y = top + i * LANE;
    return [
      ...(i % 2 === 0 ? [`<rect x="${LEFT}" y="${y}" width="${plotWidth}" height="${LANE}" fill="#f4f5f7"/>`] : []),
      `<text x="${LEFT - 6}" y="${y + LANE / 2 + 4}" text-anchor="end" fill="#444">${escapeHtml(name)}</text>`,
    ];
  });
}

/** A band across every lane at each poll a finding points at. */
function highlightBands(points: readonly Point[], highlight: ReadonlySet<number>, lanes: Lanes): string[] {
  return points
    .filter((p) => highlight.has(p.observation.index))
    .map(
      (p) =>
        `<rect class="highlight-band" x="${num(p.x - 5)}" y="${lanes.statusTop - 4}" width="10" height="${num(lanes.axisY - lanes.statusTop + 4)}" fill="#fde2e2" stroke="#c53030" stroke-width="1"/>`,
    );
}

/** The line through the snapshots' statuses, and the one through their stages. */
function traces(points: readonly Point[], lanes: Lanes): string[] {
  const out: string[] = [];
  const snapshots = points.filter((p) => p.observation.kind === 'snapshot');
  if (snapshots.length > 1) {
    out.push(
      `<polyline fill="none" stroke="#9aa5b1" stroke-width="1.5" points="${snapshots.map((p) => `${num(p.x)},${num(lanes.statusY(p))}`).join(' ')}"/>`,
    );
  }
  const staged = points.filter((p) => p.stage !== undefined);
  if (staged.length > 1) {
    out.push(
      `<polyline fill="none" stroke="#9aa5b1" stroke-width="1.5" points="${staged.map((p) => `${num(p.x)},${num(lanes.stageY(p.stage as string))}`).join(' ')}"/>`,
    );
  }
  return out;
}

/** One poll: a circle for a snapshot, a diamond for a placeholder, a cross for an error; its stage below; a tooltip. */
function pollMark(p: Point, highlighted: boolean, lanes: Lanes): string {
  const o = p.observation;
  const classes = `poll ${o.kind}${highlighted ? ' highlight' : ''}`;
  const tip = [
    `poll ${o.index}`,
    o.at,
    `HTTP ${o.exchange?.status ?? '?'}`,
    o.kind === 'snapshot' ? `status ${p.status ?? '?'}${p.stage ? `, stage ${p.stage}` : ''}` : o.kind,
    o.kind === 'malformed' ? o.reason : '',
    highlighted ? 'a finding points here' : '',
  ]
    .filter((s) => s !== '')
    .join(' · ');
  const y = lanes.statusY(p);
  const stroke = highlighted ? ' stroke="#c53030" stroke-width="2.5"' : '';
  let mark: string;
  if (o.kind === 'placeholder') {
    mark = `<path d="M${num(p.x)} ${num(y - 6)} L${num(p.x + 6)} ${num(y)} L${num(p.x)} ${num(y + 6)} L${num(p.x - 6)} ${num(y)} Z" fill="#fff" stroke="${highlighted ? '#c53030' : '#666'}" stroke-width="${highlighted ? 2.5 : 1.5}" stroke-dasharray="2 1.5"/>`;
  } else if (o.kind === 'snapshot') {
    const color = (p.status !== undefined ? STATUS_COLOR[p.status] : undefined) ?? '#000';
    mark = `<circle cx="${num(p.x)}" cy="${num(y)}" r="${highlighted ? 6 : 4.5}" fill="${color}"${stroke}/>`;
  } else {
    mark = `<path d="M${num(p.x - 5)} ${num(y - 5)} L${num(p.x + 5)} ${num(y + 5)} M${num(p.x + 5)} ${num(y - 5)} L${num(p.x - 5)} ${num(y + 5)}" stroke="#c53030" stroke-width="${highlighted ? 3 : 2}"/>`;
  }
  const stageMark =
    p.stage !== undefined
      ? `<circle cx="${num(p.x)}" cy="${num(lanes.stageY(p.stage))}" r="${highlighted ? 5.5 : 4}" fill="#4a5568"${stroke}/>`
      : '';
  return `<g class="${classes}" data-poll="${o.index}"><title>${escapeHtml(tip)}</title>${mark}${stageMark}</g>`;
}

/** The axis line, its two ends and what it measures (and how many polls were left out). */
function axisLabels(axis: TimeAxis, shown: readonly Observation[], total: number, axisY: number, plotWidth: number): string[] {
  const end = axis.byTime ? `${num(axis.span / 1000)} s` : `poll ${shown.length > 0 ? (shown[shown.length - 1]?.index ?? 0) : 0}`;
  const measure = axis.byTime ? 'time since first poll' : 'poll order (no usable timestamps)';
  const cut = total > shown.length ? escapeHtml(` · first ${shown.length} of ${total} polls`) : '';
  return [
    `<line x1="${LEFT}" y1="${axisY}" x2="${LEFT + plotWidth}" y2="${axisY}" stroke="#666"/>`,
    `<text x="${LEFT}" y="${axisY + 14}" fill="#444">${axis.byTime ? '0 s' : 'poll 0'}</text>`,
    `<text x="${LEFT + plotWidth}" y="${axisY + 14}" text-anchor="end" fill="#444">${escapeHtml(end)}</text>`,
    `<text x="${LEFT + plotWidth / 2}" y="${axisY + 14}" text-anchor="middle" fill="#666">${measure}${cut}</text>`,
  ];
}

export function timelineSvg(observations: readonly Observation[], options: TimelineSvgOptions = {}): string {
  const width = options.width ?? 760;
  const plotWidth = width - LEFT - RIGHT;
  const shown = observations.slice(0, MAX_POINTS);
  const highlight = new Set(options.highlight ?? []);
  const axis = timeAxis(shown, plotWidth);
  const points = pointsOf(shown, axis);
  const lanes = lanesFor(points);
  const label = escapeHtml(options.title ?? 'job timeline');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" aria-label="${label}" viewBox="0 0 ${width} ${lanes.height}" width="${width}" height="${lanes.height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title>${label}</title>`,
    `<text x="4" y="${lanes.statusTop - 8}" font-weight="bold" fill="#333">status</text>`,
    `<text x="4" y="${lanes.stageTop - 8}" font-weight="bold" fill="#333">stage</text>`,
    ...laneRows(lanes.statusTop, lanes.status, plotWidth),
    ...laneRows(lanes.stageTop, lanes.stage, plotWidth),
    ...highlightBands(points, highlight, lanes),
    ...traces(points, lanes),
    ...points.map((p) => pollMark(p, highlight.has(p.observation.index), lanes)),
    ...axisLabels(axis, shown, observations.length, lanes.axisY, plotWidth),
    '</svg>',
  ].join('');
}
