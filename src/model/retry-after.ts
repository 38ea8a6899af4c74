// Retry-After (RFC 9110 section 10.2.3) is either delay-seconds or an HTTP-date. One reading, shared by the
// poller (how long to wait) and the oracle (JS-RATE-001: is the value valid at all).

export type RetryAfterReading = { valid: true; delayMs: number } | { valid: false; reason: string };

/** Reads a Retry-After value; undefined when the header is absent. */
export function readRetryAfter(value: string | undefined, nowMs: number): RetryAfterReading | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return { valid: true, delayMs: Number(text) * 1000 };
  if (/^[-+]?\d*\.\d+$/.test(text)) return { valid: false, reason: 'fractional seconds' };
  if (/^-\d+$/.test(text)) return { valid: false, reason: 'negative seconds' };
  // Only dates with a weekday or month name: a bare number is not an HTTP-date.
  const at = /[A-Za-z]/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return { valid: false, reason: text === '' ? 'empty' : 'neither delay-seconds nor an HTTP date' };
  return { valid: true, delayMs: Math.max(0, at - nowMs) };
}

/** Milliseconds to wait before the next request, or undefined when the header is absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const reading = readRetryAfter(value, nowMs);
  return reading?.valid ? reading.delayMs : undefined;
}
