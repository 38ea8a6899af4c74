// Secrets never reach a report file: known secret values, credential headers and URL credentials are
// replaced wherever they appear, however deep, before anything is written.

export const REDACTED = '[redacted]';

const SECRET_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|cookie|set-cookie|x-auth-token|x-captain-key)$/i;
const SECRET_QUERY = /([?&](?:api[_-]?key|key|token|access_token|secret|password)=)[^&#\s"'<>]*/gi;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s"'<>]+@/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/g;

/** Secrets worth scanning for: set, and long enough that replacing them cannot shred ordinary text. */
export function secretsFrom(values: Array<string | undefined>): string[] {
  return values.filter((v): v is string => typeof v === 'string' && v.length >= 6);
}

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(SECRET_QUERY, `$1${REDACTED}`);
}

/** Deep copy with every string redacted and credential headers blanked; cycles become `[cycle]`. */
export function redactDeep(value: unknown, secrets: readonly string[], seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (Array.isArray(value)) {
    const copy = value.map((item) => redactDeep(item, secrets, seen));
    seen.delete(value);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const safeKey = redactText(key, secrets);
    copy[safeKey] = SECRET_HEADER.test(key) && typeof item === 'string' ? REDACTED : redactDeep(item, secrets, seen);
  }
  seen.delete(value);
  return copy;
}
