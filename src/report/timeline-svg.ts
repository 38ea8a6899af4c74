// One job's poll timeline as an inline SVG: status and stage lanes against time, placeholders and
// errors on lanes of their own, the polls a finding points at highlighted. Pure string building.
import { JOB_STATUSES, STAGE_VALUES } from '../model/index.js';
import type { Observation } from '../oracle/observation.js';
import { isJsonObject } from '../oracle/classify.js';
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

const STATUS_COLOR: Record<string, string> = {
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

export function timelineSvg(observations: readonly Observation[], options: TimelineSvgOptions = {}): string {
  const width = options.width ?? 760;
  const shown = observations.slice(0, MAX_POINTS);
  const highlight = new Set(options.highlight ?? []);
  const times = shown.map((o) => Date.parse(o.at));
  const timed = times.every((t) => Number.isFinite(t));
  const t0 = timed && times.length > 0 ? Math.min(...times) : 0;
  const span = timed && times.length > 0 ? Math.max(...times) - t0 : 0;
  const byTime = timed && span > 0;
  const plotWidth = width - LEFT - RIGHT;
  const xOf = (position: number): number => {
    if (byTime) return LEFT + (((times[position] ?? t0) - t0) / span) * plotWidth;
    return LEFT + (shown.length <= 1 ? plotWidth / 2 : (position / (shown.length - 1)) * plotWidth);
  };

  const points: Point[] = shown.map((observation, position) => {
    const point: Point = { observation, x: xOf(position) };
    if (observation.kind === 'snapshot' && isJsonObject(observation.snapshot)) {
      const snapshot = observation.snapshot as unknown as Record<string, unknown>;
      if (snapshot.status !== undefined && snapshot.status !== null) point.status = String(snapshot.status).slice(0, 100);
      if (isJsonObject(snapshot.progress) && typeof snapshot.progress.current_stage === 'string')
        point.stage = snapshot.progress.current_stage.slice(0, 100);
    }
    return point;
  });

  const statusLanes: string[] = [...JOB_STATUSES];
  if (points.some((p) => p.status !== undefined && !statusLanes.includes(p.status))) statusLanes.push('(other)');
  statusLanes.push('placeholder', 'error / malformed');
  const stageLanes: string[] = [...STAGE_VALUES];
  if (points.some((p) => p.stage !== undefined && !stageLanes.includes(p.stage))) stageLanes.push('(other)');

  const statusTop = TOP;
  const stageTop = statusTop + statusLanes.length * LANE + GAP + 14;
  const axisY = stageTop + stageLanes.length * LANE + 4;
  const height = axisY + 28;
  const laneY = (top: number, lanes: readonly string[], value: string): number => {
    const i = lanes.indexOf(value);
    return top + (i < 0 ? lanes.length - 1 : i) * LANE + LANE / 2;
  };
  const statusY = (p: Point): number => {
    if (p.observation.kind === 'placeholder') return laneY(statusTop, statusLanes, 'placeholder');
    if (p.observation.kind !== 'snapshot') return laneY(statusTop, statusLanes, 'error / malformed');
    const value = p.status !== undefined && statusLanes.includes(p.status) ? p.status : '(other)';
    return laneY(statusTop, statusLanes, value);
  };
  const stageY = (stage: string): number => laneY(stageTop, stageLanes, stageLanes.includes(stage) ? stage : '(other)');

  const out: string[] = [];
  const label = options.title ?? 'job timeline';
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="11">`,
  );
  out.push(`<title>${escapeHtml(label)}</title>`);
  out.push(`<text x="4" y="${statusTop - 8}" font-weight="bold" fill="#333">status</text>`);
  out.push(`<text x="4" y="${stageTop - 8}" font-weight="bold" fill="#333">stage</text>`);
  const lanes = (top: number, names: readonly string[]): void => {
    names.forEach((name, i) => {
      const y = top + i * LANE;
      if (i % 2 === 0) out.push(`<rect x="${LEFT}" y="${y}" width="${plotWidth}" height="${LANE}" fill="#f4f5f7"/>`);
      out.push(`<text x="${LEFT - 6}" y="${y + LANE / 2 + 4}" text-anchor="end" fill="#444">${escapeHtml(name)}</text>`);
    });
  };
  lanes(statusTop, statusLanes);
  lanes(stageTop, stageLanes);

  for (const p of points) {
    if (!highlight.has(p.observation.index)) continue;
    out.push(
      `<rect class="highlight-band" x="${num(p.x - 5)}" y="${statusTop - 4}" width="10" height="${num(axisY - statusTop + 4)}" fill="#fde2e2" stroke="#c53030" stroke-width="1"/>`,
    );
  }

  const snapshots = points.filter((p) => p.observation.kind === 'snapshot');
  if (snapshots.length > 1) {
    out.push(
      `<polyline fill="none" stroke="#9aa5b1" stroke-width="1.5" points="${snapshots.map((p) => `${num(p.x)},${num(statusY(p))}`).join(' ')}"/>`,
    );
  }
  const staged = points.filter((p) => p.stage !== undefined);
  if (staged.length > 1) {
    out.push(
      `<polyline fill="none" stroke="#9aa5b1" stroke-width="1.5" points="${staged.map((p) => `${num(p.x)},${num(stageY(p.stage as string))}`).join(' ')}"/>`,
    );
  }

  for (const p of points) {
    const o = p.observation;
    const hl = highlight.has(o.index);
    const classes = `poll ${o.kind}${hl ? ' highlight' : ''}`;
    const tip = [
      `poll ${o.index}`,
      o.at,
      `HTTP ${o.exchange?.status ?? '?'}`,
      o.kind === 'snapshot' ? `status ${p.status ?? '?'}${p.stage ? `, stage ${p.stage}` : ''}` : o.kind,
      o.kind === 'malformed' ? o.reason : '',
      hl ? 'a finding points here' : '',
    ]
      .filter((s) => s !== '')
      .join(' · ');
    const y = statusY(p);
    const stroke = hl ? ' stroke="#c53030" stroke-width="2.5"' : '';
    let mark: string;
    if (o.kind === 'placeholder') {
      mark = `<path d="M${num(p.x)} ${num(y - 6)} L${num(p.x + 6)} ${num(y)} L${num(p.x)} ${num(y + 6)} L${num(p.x - 6)} ${num(y)} Z" fill="#fff" stroke="${hl ? '#c53030' : '#666'}" stroke-width="${hl ? 2.5 : 1.5}" stroke-dasharray="2 1.5"/>`;
    } else if (o.kind === 'snapshot') {
      const color = (p.status !== undefined ? STATUS_COLOR[p.status] : undefined) ?? '#000';
      mark = `<circle cx="${num(p.x)}" cy="${num(y)}" r="${hl ? 6 : 4.5}" fill="${color}"${stroke}/>`;
    } else {
      mark = `<path d="M${num(p.x - 5)} ${num(y - 5)} L${num(p.x + 5)} ${num(y + 5)} M${num(p.x + 5)} ${num(y - 5)} L${num(p.x - 5)} ${num(y + 5)}" stroke="#c53030" stroke-width="${hl ? 3 : 2}"/>`;
    }
    const stageMark =
      p.stage !== undefined ? `<circle cx="${num(p.x)}" cy="${num(stageY(p.stage))}" r="${hl ? 5.5 : 4}" fill="#4a5568"${stroke}/>` : '';
    out.push(`<g class="${classes}" data-poll="${o.index}"><title>${escapeHtml(tip)}</title>${mark}${stageMark}</g>`);
  }

  const end = byTime ? `${num(span / 1000)} s` : `poll ${shown.length > 0 ? (shown[shown.length - 1]?.index ?? 0) : 0}`;
  out.push(`<line x1="${LEFT}" y1="${axisY}" x2="${LEFT + plotWidth}" y2="${axisY}" stroke="#666"/>`);
  out.push(`<text x="${LEFT}" y="${axisY + 14}" fill="#444">${byTime ? '0 s' : 'poll 0'}</text>`);
  out.push(`<text x="${LEFT + plotWidth}" y="${axisY + 14}" text-anchor="end" fill="#444">${escapeHtml(end)}</text>`);
  out.push(
    `<text x="${LEFT + plotWidth / 2}" y="${axisY + 14}" text-anchor="middle" fill="#666">${byTime ? 'time since first poll' : 'poll order (no usable timestamps)'}${observations.length > shown.length ? escapeHtml(` · first ${shown.length} of ${observations.length} polls`) : ''}</text>`,
  );
  out.push('</svg>');
  return out.join('');
}
