// Every corruption operator breaks exactly one requirement, and the oracle proves it: the
// requirement is reported at the poll (or page) where the break is, never earlier, and no other
// requirement is reported at all. One property per area of the catalog, each run drawing one of
// the area's operators; the runs each operator got are annotated, and every operator must get some.
import { ok } from 'node:assert/strict';
import { test } from '@playwright/test';
import fc from 'fast-check';
import { STATELESS_CORRUPTIONS } from '../../../generators/corruptions/stateless.js';
import { filesWalkArbitrary, type GeneratedWalk } from '../../../generators/files-walk.js';
import { PAGE_CORRUPTIONS, WALK_CORRUPTIONS } from '../../../generators/corruptions/pages.js';
import { scenarioTimelineArbitrary, type GeneratedTimeline } from '../../../generators/timeline.js';
import { SHAPE_CORRUPTIONS } from '../../../generators/corruptions/shape.js';
import { STATE_CORRUPTIONS } from '../../../generators/corruptions/state.js';
import { TRANSITION_CORRUPTIONS } from '../../../generators/corruptions/transitions.js';
import type { Corrupted, TimelineCorruption, WalkCorruption } from '../../../generators/corruptions/corruption.js';
import type { Finding } from '../../../src/oracle/finding.js';
import { checkProperty, DEFAULT_NUM_RUNS } from '../fc-config.js';
import { describeFindings, describeTimeline, judgeBroken, judgeWalk, printable } from './judging.js';

/** Small jobs and few polls: the operators need shape, not volume. */
const BASE = { maxFiles: 10, maxPolls: 10 } as const;

/** Runs per area: 1,000, or 100 per operator when the area has more than ten. */
const runsFor = (operators: readonly unknown[]) => Math.max(DEFAULT_NUM_RUNS, 100 * operators.length);

interface Case<T> {
  operator: string;
  broken: Corrupted<T>;
  findings: Finding[];
}

function expectExactly(c: Case<unknown>): void {
  const { broken: b, findings } = c;
  const context = `${c.operator}: ${b.what} (poll ${b.pollIndex})\n${describeFindings(findings)}`;
  ok(
    findings.every((f) => f.requirement === b.requirement),
    `breaking ${b.requirement} also broke other requirements: ${context}`,
  );
  ok(
    findings.some((f) => f.pollIndex === b.pollIndex),
    `${b.requirement} is not reported at poll ${b.pollIndex}: ${context}`,
  );
  ok(
    findings.every((f) => f.pollIndex === undefined || f.pollIndex >= b.pollIndex),
    `${b.requirement} is reported before poll ${b.pollIndex}: ${context}`,
  );
}

function printCase(c: { operator: string; broken: Corrupted<unknown> }, artefact: string): string {
  return `${c.operator} breaks ${c.broken.requirement} at poll ${c.broken.pollIndex}: ${c.broken.what}\n${artefact}`;
}

function brokenTimelines(operator: TimelineCorruption): fc.Arbitrary<Case<{ timeline: GeneratedTimeline['timeline'] }>> {
  const { scenario, ...needs } = operator.needs ?? {};
  const maxPolls = Math.max(BASE.maxPolls, needs.minPolls ?? 0);
  return fc
    .tuple(scenarioTimelineArbitrary({ ...needs, maxPolls, scenario: { maxFiles: BASE.maxFiles, ...scenario } }), fc.nat())
    .map(([generated, pick]) => operator.apply(generated, pick))
    .filter((b) => b !== undefined)
    .map((broken) =>
      printable({ operator: operator.name, broken, findings: judgeBroken(broken.broken) }, (c) =>
        printCase(c, describeTimeline(c.broken.broken.timeline)),
      ),
    );
}

function brokenWalks(operator: WalkCorruption): fc.Arbitrary<Case<GeneratedWalk['pages']>> {
  const { minPages, scenario, ...needs } = operator.needs ?? {};
  return fc
    .tuple(
      filesWalkArbitrary({ ...needs, scenario: { maxFiles: BASE.maxFiles, ...scenario, ...(minPages ? { minFiles: minPages } : {}) } }),
      fc.nat(),
    )
    .map(([walk, pick]) => ({ walk, broken: operator.apply(walk, pick) }))
    .filter((w): w is { walk: GeneratedWalk; broken: Corrupted<GeneratedWalk['pages']> } => w.broken !== undefined)
    .map(({ walk, broken }) =>
      printable({ operator: operator.name, broken, findings: judgeWalk(broken.broken, walk) }, (c) =>
        printCase(c, `  files_limit ${walk.filesLimit}\n${c.broken.broken.map((p, i) => `  page ${i}: ${JSON.stringify(p)}`).join('\n')}`),
      ),
    );
}

/** Checks one area's operators, counting the runs each got; fails when one got none. */
function checkArea<T>(operators: readonly { name: string }[], cases: fc.Arbitrary<Case<T>>[]): void {
  const runs = new Map(operators.map((o) => [o.name, 0]));
  const details = checkProperty(
    fc.property(fc.oneof(...cases), (c) => {
      runs.set(c.operator, (runs.get(c.operator) ?? 0) + 1);
      expectExactly(c);
    }),
    { numRuns: runsFor(operators) },
  );
  test.info().annotations.push({ type: 'operators', description: [...runs].map(([name, n]) => `${name}: ${n} runs`).join(', ') });
  // A replay (FC_PATH) or a short run (FC_NUM_RUNS) may leave operators out; a full run may not.
  if (details.numRuns < runsFor(operators)) return;
  const idle = [...runs].filter(([, n]) => n === 0).map(([name]) => name);
  ok(idle.length === 0, `operators never exercised: ${idle.join(', ')}`);
}

const AREAS: [string, readonly TimelineCorruption[]][] = [
  ['response shape (JS-SHAPE)', SHAPE_CORRUPTIONS],
  ['per-snapshot state (JS-STATE, JS-MEDIA-001)', STATE_CORRUPTIONS],
  ['lifecycle across polls (JS-TRANS)', TRANSITION_CORRUPTIONS],
  ['page size in timelines (JS-PAGE-001/002)', PAGE_CORRUPTIONS],
  ['placeholders, 5xx and 429 (JS-PH, JS-RATE, JS-ERR)', STATELESS_CORRUPTIONS],
];

for (const [area, operators] of AREAS) {
  test(`every ${area} corruption is reported at the broken poll, and nothing else`, () => {
    checkArea(operators, operators.map(brokenTimelines));
  });
}

test('every files-walk corruption (JS-PAGE) is reported at the broken page, and nothing else', () => {
  checkArea(WALK_CORRUPTIONS, WALK_CORRUPTIONS.map(brokenWalks));
});
