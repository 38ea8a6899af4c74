// How a dialect spells instants. The model speaks `toISOString()` (Z, milliseconds); the variant
// spells the same instant as Python's `isoformat()` of an aware UTC datetime: +00:00, microseconds.

const ISO_Z = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

/** The same instant with a `+00:00` offset and six fraction digits; anything else is left alone. */
export function withOffset(timestamp: string): string {
  const m = ISO_Z.exec(timestamp);
  if (!m) return timestamp;
  const fraction = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return `${m[1]}.${fraction}+00:00`;
}

/** Rewrites the named timestamp fields of an object (null and absent stay as they are). */
export function respell<T extends object>(value: T, fields: readonly string[]): T {
  const out = { ...value } as Record<string, unknown>;
  for (const field of fields) {
    const v = out[field];
    if (typeof v === 'string') out[field] = withOffset(v);
  }
  return out as T;
}
