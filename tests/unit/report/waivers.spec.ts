// Waivers: an unexercised MUST under a waiver in force is `waived` and keeps the run conformant; a waived MUST
// that fails still fails; an expired waiver no longer counts and says so; a bad file names every problem.
import { expect, test } from '@playwright/test';
import { buildResults } from '../../../src/report/results.js';
import { verdictLines } from '../../../src/report/reporter.js';
import { parseWaivers, type Waiver } from '../../../src/report/waivers.js';
import { meta, miniCatalog, mustFinding, record } from './sample-run.js';

const waiver = (id: string, expires = '2026-12-31'): Waiver => ({
  id,
  reason: 'staging has no fault hook yet',
  owner: 'api-team',
  expires,
});
const exercised = record('passed', { requirements: ['JS-STATE-001', 'JS-STATE-002'], exercised: ['JS-STATE-001', 'JS-STATE-002'] });
const skipped = record('skipped', { requirements: ['JS-SHAPE-001'], skipReason: 'needs the fault hook\'s "placeholders" capability' });

test('a waived MUST that was not exercised shows waived, with its reason, owner and expiry, and the run is conformant', () => {
  const results = buildResults([exercised, skipped], miniCatalog, {
    ...meta,
    runStatus: 'passed',
    requireComplete: true,
    waivers: [waiver('JS-SHAPE-001')],
  });
  const shape = results.requirements.find((r) => r.id === 'JS-SHAPE-001');
  expect(shape).toMatchObject({ status: 'waived', waiver: waiver('JS-SHAPE-001') });
  expect(results.summary).toMatchObject({ verdict: 'conformant', exitCode: 0, waived: 1 });
  expect(verdictLines(results)).toContain('MUST JS-SHAPE-001 waived: waived until 2026-12-31 by api-team: staging has no fault hook yet');
});

test('a waived MUST that fails still fails', () => {
  const failing = record('failed', { requirements: ['JS-SHAPE-001'], findings: [mustFinding('JS-SHAPE-001')] });
  const results = buildResults([exercised, failing], miniCatalog, { ...meta, waivers: [waiver('JS-SHAPE-001')] });
  expect(results.requirements.find((r) => r.id === 'JS-SHAPE-001')?.status).toBe('failed');
  expect(results.summary).toMatchObject({ verdict: 'not-conformant', exitCode: 1 });
});

test('an expired waiver no longer counts, with a warning', () => {
  const results = buildResults([exercised, skipped], miniCatalog, {
    ...meta,
    runStatus: 'passed',
    waivers: [waiver('JS-SHAPE-001', '2025-12-31')],
  });
  expect(results.requirements.find((r) => r.id === 'JS-SHAPE-001')?.status).toBe('skipped');
  expect(results.summary.verdict).toBe('incomplete');
  expect(results.summary.warnings).toEqual(['the waiver of JS-SHAPE-001 (owner api-team) expired on 2025-12-31: it no longer counts']);
  expect(verdictLines(results)).toContain('warning: the waiver of JS-SHAPE-001 (owner api-team) expired on 2025-12-31');
});

test('a waiver file names every problem at once; unquoted dates are read as the day they say', () => {
  expect(parseWaivers('waivers:\n  - id: JS-PH-001\n    reason: no hook\n    owner: team\n    expires: 2027-01-31\n')).toEqual({
    waivers: [{ id: 'JS-PH-001', reason: 'no hook', owner: 'team', expires: '2027-01-31' }],
    problems: [],
  });
  expect(parseWaivers('- id: JS-PH-001\n- reason: x\n  owner: y\n  expires: soon\n').problems).toEqual([
    'waiver 1 (JS-PH-001): needs reason, owner, expires (expires as YYYY-MM-DD)',
    'waiver 2: needs id, expires (expires as YYYY-MM-DD)',
  ]);
  expect(parseWaivers('just text').problems[0]).toMatch(/expected a list of waivers/);
});
