// A line chart as a standalone SVG string: axes, ticks, one polyline per series, a legend. A pure
// function of its input, no chart library, so the README can embed what `npm run bench` wrote.

export interface Series {
  name: string;
  points: ReadonlyArray<{ x: number; y: number }>;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** Logarithmic x axis (base 2 spacing reads well for 1, 2, 4 workers or 100, 400, 1,600 scenarios). */
  logX?: boolean;
}

const W = 560;
const H = 320;
const M = { left: 64, right: 24, top: 58, bottom: 52 };
const COLORS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700'];

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n: number) => (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : Number(n.toPrecision(3)).toString());

/** About five round tick values from 0 to at least `max`. */
function ticks(max: number): number[] {
  const raw = max / 5 || 1;
  const step = [1, 2, 2.5, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(raw))).find((s) => s >= raw)!;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}

export function lineChart(chart: LineChart): string {
  const xs = [...new Set(chart.series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const yTicks = ticks(Math.max(...chart.series.flatMap((s) => s.points.map((p) => p.y)), 0));
  const yMax = yTicks.at(-1)!;
  const fx = chart.logX ? Math.log2 : (x: number) => x;
  const [x0, x1] = [fx(xs[0]!), fx(xs.at(-1)!)];
  const px = (x: number) => M.left + (x1 === x0 ? 0.5 : (fx(x) - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - (y / yMax) * (H - M.top - M.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(chart.title)}</text>`,
  ];
  for (const y of yTicks) {
    const at = py(y).toFixed(1);
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${at}" y2="${at}" stroke="#eee"/>`);
    out.push(`<text x="${M.left - 6}" y="${(py(y) + 4).toFixed(1)}" text-anchor="end">${num(y)}</text>`);
  }
  for (const x of xs) out.push(`<text x="${px(x).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${num(x)}</text>`);
  out.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`);
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`);
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">${esc(chart.xLabel)}</text>`);
  out.push(
    `<text x="16" y="${(M.top + H - M.bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(M.top + H - M.bottom) / 2})">${esc(chart.yLabel)}</text>`,
  );
  chart.series.forEach((series, i) => {
    const color = COLORS[i % COLORS.length]!;
    const points = [...series.points].sort((a, b) => a.x - b.x);
    out.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const p of points)
      out.push(
        `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3.5" fill="${color}"><title>${esc(`${series.name}: ${num(p.x)} -> ${num(p.y)}`)}</title></circle>`,
      );
    // The legend sits in a row of its own under the title, where no line can cross it.
    const lx = M.left + i * 180;
    out.push(`<rect x="${lx}" y="36" width="12" height="3" fill="${color}"/>`);
    out.push(`<text x="${lx + 18}" y="41">${esc(series.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
