// The frame of every standalone page the suite writes (the report, the history site's pages): a CSP that
// forbids loading anything, no referrer, the style inline, so a page opens from disk with no network.
import { escapeHtml as e } from './escape.js';

export interface DocumentHead {
  /** The Content-Security-Policy, as the meta tag carries it. */
  csp: string;
  title: string;
  /** The stylesheet, inline (the CSP names its hash or allows inline styles). */
  style: string;
}

/** A whole HTML document; `body` is markup, each line ending in a newline. */
export function htmlDocument(head: DocumentHead, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(head.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(head.title)}</title>
<style>${head.style}</style>
</head>
<body>
${body}</body>
</html>
`;
}
