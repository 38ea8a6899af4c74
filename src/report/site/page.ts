// The frame every page of the history site shares: no script, a CSP that forbids loading anything, and
// the stylesheet inline, so a page opens from disk with no network and nothing from a run can execute.
import { escapeHtml as e } from '../html/escape.js';
import { SITE_STYLE } from './site-style.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function page(title: string, header: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<style>${SITE_STYLE}</style>
</head>
<body>
<header class="site">${header}</header>
<main>
${body}
</main>
</body>
</html>
`;
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
