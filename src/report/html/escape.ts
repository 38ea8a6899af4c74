// Escaping for the one place target data meets markup: HTML text, attributes, inline JSON and ids.
// Everything the target sent (and every test title) is hostile until it passes through here.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes a value for HTML text and for quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return text.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** JSON for a `<script type="application/json">` block: no `<`, `>`, `&` or line separators survive raw. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A token safe as an element id, class suffix or fragment: letters, digits, `-` and `_` only. */
export function anchorId(prefix: string, value: unknown): string {
  const cleaned = String(value ?? '')
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .slice(0, 80);
  return `${prefix}-${cleaned || '_'}`;
}
