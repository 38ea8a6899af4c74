// The `date-time` format as ajv-formats' full mode judges it (RFC 3339, time zone required), with a
// cheap exact path for the shape servers send (`2026-03-05T10:00:05.123Z`, `...+01:00`): it accepts
// only strings the full check accepts, and hands everything else to that check, so verdicts are identical.
import addFormats from 'ajv-formats';

const fullDateTime = (() => {
  const format = addFormats.default.get('date-time', 'full');
  const check =
    typeof format === 'function' ? format : typeof format === 'object' && !(format instanceof RegExp) ? format.validate : undefined;
  if (typeof check !== 'function') throw new Error('ajv-formats has no date-time function');
  return check as (value: string) => boolean;
})();

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `at` as a number, or -1. */
function two(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** True only for `YYYY-MM-DD[Tt ]HH:MM:SS[.f+](Z|z|±HH:MM)` with every field in range (no leap second). */
function plainRfc3339(s: string): boolean {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 32) return false; // T, t, space
  const hi = two(s, 0);
  const lo = two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1) return false;
  const year = hi * 100 + lo;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS[month]!)) return false;
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    // A fraction needs at least one digit.
    i++;
    const start = i;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return false;
  }
  const zone = s.charCodeAt(i);
  if (zone === 90 || zone === 122) return i + 1 === n; // Z, z
  if (zone !== 43 && zone !== 45) return false; // +, -
  if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return false;
  const zh = two(s, i + 1);
  const zm = two(s, i + 4);
  return zh >= 0 && zh <= 23 && zm >= 0 && zm <= 59;
}

/** RFC 3339 date-time, exactly as ajv-formats' full `date-time` decides. */
export function isDateTime(value: string): boolean {
  return plainRfc3339(value) || fullDateTime(value);
}

/** The full check alone, for tests that prove the two agree. */
export const referenceDateTime: (value: string) => boolean = fullDateTime;
