// Retry-After (RFC 9110 section 10.2.3) is either delay-seconds or an HTTP-date.

/** Milliseconds to wait before the next request, or undefined when the header is absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only dates with a weekday or month name: a bare number like "1.5" is not an HTTP-date.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
