// The layout every page of the history site shares: the page frame (html-document.ts) with no script at all,
// so nothing from a run can execute; dates as a reader scans them; badges.
import { escapeHtml as e } from '../html/escape.js';
import { htmlDocument } from '../html/html-document.js';
import { SITE_STYLE } from './site-style.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function page(title: string, header: string, body: string): string {
  return htmlDocument(
    { csp: CSP, title, style: SITE_STYLE },
    `<header class="site">${header}</header>
<main>
${body}
</main>
`,
  );
}

/** An ISO instant as a reader scans it: `2026-11-28 05:17 UTC`; anything else is shown as it is. */
export function when(instant: string | null): string {
  if (instant === null) return 'unknown date';
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) return instant;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function badge(kind: 'verdict' | 'status' | 'kind', value: string): string {
  return `<span class="badge ${kind}-${e(value.replace(/[^a-z-]/g, '_'))}">${e(value)}</span>`;
}
