// The Retry-After value of a 429: delay-seconds, or (in the variant dialect) an HTTP date at least
// that far ahead. RFC 9110 section 10.2.3 allows both; the date is on the real clock, as a client reads it.

export function retryAfterValue(seconds: number, asDate: boolean, realNowMs: number = Date.now()): string {
  if (!asDate) return String(seconds);
  // An HTTP date has whole seconds: round up, so the date is never earlier than the wait.
  return new Date(Math.ceil(realNowMs / 1000) * 1000 + Math.max(0, Math.ceil(seconds)) * 1000).toUTCString();
}
