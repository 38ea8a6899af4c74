// Safe readers for untrusted JSON: the oracle judges whatever came back, so it never assumes a type.
import { isJsonObject, type JsonObject } from '../model/json.js';

export function objectAt(value: unknown): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

export function stringAt(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function numberAt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The ASCII digit at `i` of `text` as 0-9; any other character gives a value above 9. */
function digitAt(text: string, i: number): number {
  return (text.charCodeAt(i) - 48) >>> 0;
}

function twoDigits(text: string, i: number): number {
  const tens = digitAt(text, i);
  const ones = digitAt(text, i + 1);
  return tens > 9 || ones > 9 ? -1 : tens * 10 + ones;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

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
 * read several times an answer); undefined for any other shape or a field Date.parse might judge otherwise.
 */
function plainUtcInstant(text: string): number | undefined {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */) return undefined;
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46
  )
    return undefined;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const tenths = digitAt(text, 20);
  const hundredths = twoDigits(text, 21);
  // Two-digit years (which Date.UTC moves to the 1900s) and days a month lacks are left to Date.parse.
  if (century < 10 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || tenths > 9 || hundredths < 0) return undefined;
  const year = century * 100 + yearOfCentury;
  if (day > 28 && day > daysInMonth(year, month)) return undefined;
  const ms = tenths * 100 + hundredths;
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

/** Epoch ms of an RFC 3339 string, undefined when absent or unparseable (JS-SHAPE-004 reports the format). */
export function instantAt(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const plain = plainUtcInstant(value);
  if (plain !== undefined) return plain;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A short, safe rendering of a value for a finding's message. */
export function show(value: unknown): string {
  if (value === undefined) return 'absent';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
