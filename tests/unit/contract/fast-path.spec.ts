// The contract's fast path (a validator without allErrors/verbose, and a cheap RFC 3339 check) must
// never change what validate() says: the same verdict as the full validator on every body, so the
// problems the oracle reports (path, keyword, message) are still the full validator's, unchanged.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { test } from '@playwright/test';
import fc from 'fast-check';
import { TIMELINE_CORRUPTIONS } from '../../../generators/corruptions/timeline-corruptions.js';
import { scenarioTimelineArbitrary } from '../../../generators/timeline.js';
import { isDateTime, referenceDateTime } from '../../../src/contract/date-time.js';
import { toProblems } from '../../../src/contract/problems.js';
import { fastValidatorFor, SCHEMA_NAMES, validate, validatorFor, type SchemaName } from '../../../src/contract/schemas.js';
import { checkProperty as check } from '../fc-config.js';

/** Runs a property the suite's way (FC_SEED, FC_NUM_RUNS, replay command) and prints its seed. */
function checkProperty<Ts>(property: fc.IProperty<Ts>, options: { numRuns?: number }): void {
  const details = check(property, options);
  console.log(`${test.info().title}: FC_SEED=${details.seed} (${details.numRuns} runs)`);
}

/** What validate() returned before the fast path existed: the full validator's problems. */
function fullProblems(schema: SchemaName, body: unknown) {
  const full = validatorFor(schema);
  return full(body) ? [] : toProblems(schema, full.errors ?? []);
}

function expectSameAsFull(schema: SchemaName, body: unknown): void {
  const fast = fastValidatorFor(schema)(body);
  const problems = fullProblems(schema, body);
  // node:assert, not expect: thousands of expect steps would dominate the run.
  strictEqual(fast, problems.length === 0, `fast verdict on ${JSON.stringify(body)}`);
  deepStrictEqual(validate(schema, body), problems);
}

/** Bodies a conforming server answers, and the same after a corruption operator broke one poll. */
const statusBodies = fc
  .tuple(scenarioTimelineArbitrary({ scenario: { maxFiles: 12 }, maxPolls: 8 }), fc.nat({ max: TIMELINE_CORRUPTIONS.length - 1 }), fc.nat())
  .map(([g, operator, pick]) => {
    const broken = TIMELINE_CORRUPTIONS[operator]!.apply(g, pick);
    return [...g.timeline, ...(broken?.broken.timeline ?? [])].flatMap((o) =>
      o.kind === 'snapshot' || o.kind === 'placeholder' ? [JSON.parse(o.exchange.body) as unknown] : [],
    );
  });

test.describe('contract fast path', () => {
  test("gives the full validator's verdict and validate() its problems on generated valid and corrupted status bodies", () => {
    checkProperty(
      fc.property(statusBodies, (bodies) => bodies.forEach((body) => expectSameAsFull('JobStatus', body))),
      { numRuns: 300 },
    );
  });

  test("gives the full validator's verdict on arbitrary JSON for every schema", () => {
    checkProperty(
      fc.property(fc.constantFrom(...SCHEMA_NAMES), fc.jsonValue({ maxDepth: 3 }), (schema, body) => expectSameAsFull(schema, body)),
      { numRuns: 500 },
    );
  });

  test("gives the full validator's verdict when every field of a snapshot is mutated", () => {
    // Each field of a real snapshot replaced by an arbitrary JSON value, or deleted.
    const mutated = fc
      .tuple(
        statusBodies.filter((b) => b.length > 0),
        fc.nat(),
        fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
        fc.nat(),
      )
      .map(([bodies, which, value, key]) => {
        const body = structuredClone(bodies[which % bodies.length]) as Record<string, unknown>;
        const keys = Object.keys(body);
        const name = keys[key % keys.length]!;
        if (value === undefined) delete body[name];
        else body[name] = value;
        return body;
      });
    checkProperty(
      fc.property(mutated, (body) => expectSameAsFull('JobStatus', body)),
      { numRuns: 500 },
    );
  });

  test('the RFC 3339 check decides every date-time string as ajv-formats does', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    // Near-RFC 3339 strings: each field drawn from digits that may be out of range, odd separators and zones.
    const nearly = fc
      .tuple(
        digits(4),
        digits(2),
        digits(2),
        fc.constantFrom('T', 't', ' ', '\t', '_', 'TT'),
        digits(2),
        digits(2),
        digits(2),
        fc.constantFrom('', '.', '.1', '.123456789', '.x'),
        fc.constantFrom('Z', 'z', '', '+00:00', '-23:59', '+24:00', '+05:60', '+0530', '+05', '-00:00', 'ZZ', '+5:30'),
      )
      .map(([y, mo, d, sep, h, mi, s, frac, zone]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${frac}${zone}`);
    const anyString = fc.oneof(
      nearly,
      fc.string(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    );
    checkProperty(
      fc.property(anyString, (value) => strictEqual(isDateTime(value), referenceDateTime(value), value)),
      { numRuns: 5000 },
    );
  });

  test('the RFC 3339 check agrees on leap days, leap seconds and month ends', () => {
    for (const value of [
      '2024-02-29T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2000-02-29T12:00:00Z',
      '1900-02-29T12:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-12-31T23:59:60Z',
      '2026-12-31T23:59:60+00:00',
      '2026-06-30T22:59:60-01:00',
      '2026-03-05T24:00:00Z',
      '2026-03-05T10:00:05.Z',
      '2026-03-05T10:00:05.000+01:00',
      '2026-13-01T00:00:00Z',
    ]) {
      strictEqual(isDateTime(value), referenceDateTime(value), value);
    }
  });
});
