// The kill matrix as a standalone SVG: one row per break, one column per judge, a filled cell where the
// judge caught it (with the requests it took), and each judge's total under its column. Pure.
import { JUDGES, type BreakRow, type JudgeName } from './fault-matrix.js';

const LABEL: Record<JudgeName, string> = { suite: 'the suite', prism: 'Prism proxy', schema: 'schema alone' };
const ROW = 18;
const LEFT = 170;
const COL = 110;
const TOP = 64;

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `falseFailures`: each judge's false failures on the lawful runs, printed under its total. */
export function killMatrixChart(rows: readonly BreakRow[], title: string, falseFailures?: Record<JudgeName, string>): string {
  const width = LEFT + COL * JUDGES.length + 16;
  const height = TOP + ROW * rows.length + (falseFailures ? 60 : 40);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<text x="${width / 2}" y="36" text-anchor="middle" fill="#555">filled: caught (requests of the area until then); empty: missed</text>`,
  ];
  JUDGES.forEach((judge, j) =>
    out.push(`<text x="${LEFT + COL * j + COL / 2}" y="${TOP - 8}" text-anchor="middle" font-weight="bold">${LABEL[judge]}</text>`),
  );
  rows.forEach((row, i) => {
    const y = TOP + ROW * i;
    out.push(`<text x="${LEFT - 6}" y="${y + 13}" text-anchor="end">${esc(`${row.requirement} (${row.level})`)}</text>`);
    JUDGES.forEach((judge, j) => {
      const verdict = row[judge];
      const x = LEFT + COL * j + 4;
      out.push(
        `<rect x="${x}" y="${y + 2}" width="${COL - 8}" height="${ROW - 4}" rx="3" fill="${verdict.caught ? '#1a7f37' : '#fff'}" stroke="${verdict.caught ? '#1a7f37' : '#d1242f'}"/>`,
      );
      const text = verdict.caught ? `caught${verdict.requests !== undefined ? ` (${verdict.requests})` : ''}` : 'missed';
      out.push(
        `<text x="${x + (COL - 8) / 2}" y="${y + 13}" text-anchor="middle" fill="${verdict.caught ? '#fff' : '#d1242f'}">${text}</text>`,
      );
    });
  });
  const y = TOP + ROW * rows.length + 24;
  out.push(`<text x="${LEFT - 6}" y="${y}" text-anchor="end" font-weight="bold">caught</text>`);
  JUDGES.forEach((judge, j) =>
    out.push(
      `<text x="${LEFT + COL * j + COL / 2}" y="${y}" text-anchor="middle" font-weight="bold">${rows.filter((r) => r[judge].caught).length} of ${rows.length}</text>`,
    ),
  );
  if (falseFailures) {
    out.push(`<text x="${LEFT - 6}" y="${y + 20}" text-anchor="end" font-weight="bold">false failures (lawful)</text>`);
    JUDGES.forEach((judge, j) =>
      out.push(`<text x="${LEFT + COL * j + COL / 2}" y="${y + 20}" text-anchor="middle">${esc(falseFailures[judge])}</text>`),
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
