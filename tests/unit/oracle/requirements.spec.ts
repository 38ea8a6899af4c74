import { test, expect } from '@playwright/test';
import { catalog, levelOf } from '../../../src/contract/catalog.js';
import { EXAMPLES } from './examples.js';
import { ids } from './sample-jobs.js';

// Each oracle-judged requirement, shown kept and shown broken.
for (const [id, examples] of Object.entries(EXAMPLES)) {
  test.describe(id, () => {
    for (const example of examples.holds) {
      test(`holds: ${example.title}`, () => {
        const findings = example.findings();
        expect(findings.filter((f) => f.requirement === id)).toEqual([]);
      });
    }
    for (const example of examples.lawful ?? []) {
      test(`lawful variant: ${example.title}`, () => {
        // What the vendor allows is never a failure: no MUST finding of any requirement, at most a SHOULD.
        const must = example.findings().filter((f) => levelOf(f.requirement, 'default') === 'MUST');
        expect(must).toEqual([]);
      });
    }
    for (const example of examples.breaks) {
      test(`breaks: ${example.title}`, () => {
        const findings = example.findings().filter((f) => f.requirement === id);
        expect(findings.length, `expected a ${id} finding`).toBeGreaterThan(0);
        for (const f of findings) expect(f.message.length).toBeGreaterThan(0);
      });
    }
  });
}

test('every requirement the oracle judges has an example kept and an example broken', () => {
  const oracleJudged = catalog()
    .requirements.filter((r) => r.oracle && !r.judged_by)
    .map((r) => r.id);
  const missing = oracleJudged.filter((id) => !EXAMPLES[id]?.holds.length || !EXAMPLES[id]?.breaks.length);
  expect(missing).toEqual([]);
});

test('the examples that keep a requirement keep every other one too', () => {
  // A "holds" example is a conforming answer, so it must be clean as a whole, not only for its id.
  const dirty = Object.entries(EXAMPLES).flatMap(([id, e]) =>
    e.holds.map((h) => ({ id, title: h.title, found: ids(h.findings()) })).filter((x) => x.found.length > 0),
  );
  expect(dirty).toEqual([]);
});
