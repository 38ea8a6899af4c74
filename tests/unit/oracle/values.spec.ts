// instantAt reads the usual timestamp shape by its digits, for speed, and must read every string exactly
// as Date.parse does: the same epoch ms, or undefined where Date.parse gives NaN.
import { strictEqual } from 'node:assert/strict';
import { test } from '@playwright/test';
import fc from 'fast-check';
import { instantAt } from '../../../src/contract/date-time.js';
import { checkProperty } from '../fc-config.js';

const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

/** YYYY-MM-DDTHH:MM:SS.sssZ with any digits (month 00-99, day 00-99...), valid dates weighted in. */
const plainShape = fc.oneof(
  fc
    .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
    .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`),
  fc
    .date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)), noInvalidDate: true })
    .map((d) => d.toISOString()),
);

/** The plain shape with one character changed: near misses go to Date.parse. */
const nearMiss = fc
  .tuple(plainShape, fc.nat(23), fc.constantFrom(...'0123456789-:.TZtz +/'))
  .map(([text, i, c]) => text.slice(0, i) + c + text.slice(i + 1));

const expected = (text: string): number | undefined => {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
};

test('instantAt reads a timestamp as Date.parse does, for every date, leap day and impossible day', () => {
  checkProperty(
    fc.property(fc.oneof(plainShape, nearMiss), (text) => {
      strictEqual(instantAt(text), expected(text), text);
    }),
    { numRuns: 20_000 },
  );
});

test('instantAt reads the last days of every month of a leap-year cycle as Date.parse does', () => {
  for (let year = 1996; year <= 2004; year++) {
    for (let month = 1; month <= 12; month++) {
      for (let day = 27; day <= 32; day++) {
        const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T23:59:59.999Z`;
        strictEqual(instantAt(text), expected(text), text);
      }
    }
  }
  for (const text of ['1900-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z', '2100-02-29T00:00:00.000Z', '0999-12-31T23:59:59.999Z']) {
    strictEqual(instantAt(text), expected(text), text);
  }
});
