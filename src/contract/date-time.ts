// RFC 3339 date-times, read in one place: whether a string is one (the `date-time` format, exactly as
// ajv-formats' full mode judges it: time zone required) and the instant it names (the oracle's timestamp
// rules). Both take a cheap exact path for the shape servers send (`2026-03-05T10:00:05.123Z`, `...+01:00`)
// and hand everything else to the full check or to Date.parse, so verdicts and instants are theirs.
import addFormats from 'ajv-formats';

const fullDateTime = (() => {
  const format = addFormats.default.get('date-time', 'full');
  const check =
    typeof format === 'function' ? format : typeof format === 'object' && !(format instanceof RegExp) ? format.validate : undefined;
  if (typeof check !== 'function') throw new Error('ajv-formats has no date-time function');
  return check as (value: string) => boolean;
})();

/** Two ASCII digits at `at` as a number, or -1. */
function two(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

interface PlainFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The fields of `YYYY-MM-DD[Tt ]HH:MM:SS[.f+](Z|z|±HH:MM)` with every one in range (no leap second), else undefined. */
function plainFields(s: string): PlainFields | undefined {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 32) return undefined; // T, t, space
  const hi = two(s, 0);
  const lo = two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const year = hi * 100 + lo;
  if (day > 28 && day > daysInMonth(year, month)) return undefined;
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return zoneEnds(s, 19) ? { year, month, day, hour, minute, second } : undefined;
}

/** Whether an optional fraction (at least one digit) then a zone, from `i`, end the string exactly. */
function zoneEnds(s: string, i: number): boolean {
  const n = s.length;
  if (s.charCodeAt(i) === 46) {
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
  return plainFields(value) !== undefined || fullDateTime(value);
}

/** The full check alone, for tests that prove the two agree. */
export const referenceDateTime: (value: string) => boolean = fullDateTime;

/** Days from 1970-01-01 to a valid proleptic Gregorian date (H. Hinnant's days_from_civil), in integer arithmetic. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/**
 * Epoch ms of `YYYY-MM-DDTHH:MM:SS.sssZ`, the shape servers send, read without Date.parse (a timestamp is
 * read several times an answer); undefined for any other shape, and for years below 1000 (which Date.UTC
 * moves to the 1900s): those are left to Date.parse.
 */
function plainUtcInstant(text: string): number | undefined {
  if (text.length !== 24 || text.charCodeAt(10) !== 84 /* T */ || text.charCodeAt(19) !== 46 /* . */ || text.charCodeAt(23) !== 90 /* Z */)
    return undefined;
  const f = plainFields(text); // with the length, '.' and 'Z' fixed: the three fraction digits are digits
  if (f === undefined || f.year < 1000) return undefined;
  const ms = (text.charCodeAt(20) - 48) * 100 + (text.charCodeAt(21) - 48) * 10 + (text.charCodeAt(22) - 48);
  return daysFromCivil(f.year, f.month, f.day) * 86_400_000 + f.hour * 3_600_000 + f.minute * 60_000 + f.second * 1000 + ms;
}

/** Epoch ms of an RFC 3339 string, undefined when absent or unparseable (JS-SHAPE-004 reports the format). */
export function instantAt(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const plain = plainUtcInstant(value);
  if (plain !== undefined) return plain;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
