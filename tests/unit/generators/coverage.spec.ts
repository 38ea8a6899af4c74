// The corruption operators cover the oracle: every MUST requirement the oracle judges from a
// timeline or a files walk has at least one operator that breaks it (and the corruption
// properties prove the oracle reports it). A new MUST in the catalog without one fails here.
import { expect, test } from '@playwright/test';
import { TIMELINE_CORRUPTIONS } from '../../../generators/corruptions/timeline-corruptions.js';
import { WALK_CORRUPTIONS } from '../../../generators/corruptions/pages.js';
import { catalog } from '../../../src/contract/catalog.js';
import { ORACLE_CHECKS } from '../../../src/oracle/oracle-checks.js';

/** Checks of other endpoints' answers (query, cancel): no job-status timeline or walk holds them. */
const OTHER_ENDPOINT_CHECKS = new Set(['checkQueryResponse', 'checkQueryResponseV3', 'checkCancelResponse']);

const OPERATORS = [...TIMELINE_CORRUPTIONS, ...WALK_CORRUPTIONS];

const judgedFromTimelines = catalog().requirements.filter(
  (r) => r.level === 'MUST' && (r.oracle ?? []).some((check) => check in ORACLE_CHECKS && !OTHER_ENDPOINT_CHECKS.has(check)),
);

test('every MUST requirement the oracle judges from timelines or walks has a corruption operator', () => {
  const operatorsOf = new Map(judgedFromTimelines.map((r) => [r.id, OPERATORS.filter((o) => o.requirement === r.id).map((o) => o.name)]));
  test.info().annotations.push({
    type: 'coverage',
    description: [...operatorsOf].map(([id, names]) => `${id}: ${names.join(', ') || 'NONE'}`).join('\n'),
  });
  expect(judgedFromTimelines.length, 'the catalog lists MUSTs judged by the oracle').toBeGreaterThan(20);
  expect(
    [...operatorsOf].filter(([, names]) => names.length === 0).map(([id]) => id),
    'MUST requirements without a corruption operator',
  ).toEqual([]);
});

test('every corruption operator names a catalogued, oracle-judged requirement, under a unique name', () => {
  const byId = new Map(catalog().requirements.map((r) => [r.id, r]));
  expect(OPERATORS.filter((o) => !byId.get(o.requirement)?.oracle).map((o) => `${o.name} -> ${o.requirement}`)).toEqual([]);
  expect(new Set(OPERATORS.map((o) => o.name)).size).toBe(OPERATORS.length);
});
