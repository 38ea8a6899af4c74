// A conforming server's files walks are clean: following next_cursor from the first page visits
// every file once, in order, and ends; the oracle finds nothing on any page or across them.
import { deepStrictEqual } from 'node:assert/strict';
import { test } from '@playwright/test';
import fc from 'fast-check';
import { filesWalkArbitrary, type GeneratedWalk } from '../../../generators/files-walk.js';
import { checkProperty } from '../fc-config.js';
import { describeFindings, judgeWalk } from './judging.js';

function expectClean(walk: GeneratedWalk): void {
  deepStrictEqual(
    walk.pages.flatMap((p) => p.files ?? []).map((f) => f.uri),
    walk.scenario.files.map((f) => f.uri),
    'the walk lists every file once, in order',
  );
  const findings = judgeWalk(walk.pages, walk);
  deepStrictEqual(findings, [], describeFindings(findings));
}

test('a conforming files walk (files_limit 1..500, up to 30 files) yields no finding', () => {
  checkProperty(fc.property(filesWalkArbitrary({ scenario: { maxFiles: 30 } }), expectClean));
});

test('a conforming files walk of a finished job yields no finding', () => {
  checkProperty(fc.property(filesWalkArbitrary({ scenario: { maxFiles: 30 }, afterTerminal: true }), expectClean));
});

test('a conforming files walk of a large job (51 to 300 files, 200 runs) yields no finding', () => {
  checkProperty(fc.property(filesWalkArbitrary({ scenario: { maxFiles: 300, minFiles: 51 } }), expectClean), { numRuns: 200 });
});
