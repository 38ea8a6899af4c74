// Safe readers for untrusted JSON: the oracle judges whatever came back, so it never assumes a type.
import { isJsonObject, type JsonObject } from './classify.js';

export function objectAt(value: unknown): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

export function stringAt(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function numberAt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Digits of `text` from `start` to `end` as a number, or -1 when one is not an ASCII digit. */
function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
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
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const ms = digits(text, 20, 23);
  // Days past 28 and two-digit years (which Date.UTC moves to the 1900s) are left to Date.parse.
  if (
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    ms < 0
  ) {
    return undefined;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
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
