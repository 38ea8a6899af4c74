import { requirements } from '../../src/evidence/attach.js';
import { test, expect } from './support/fixtures.js';
import { indexText, largeText } from './support/jobs.js';
import { files, scenario } from './support/scenarios.js';

const LIFECYCLE = ['JS-TRANS-001', 'JS-TRANS-002', 'JS-TRANS-003', 'JS-TRANS-004', 'JS-TRANS-005', 'JS-TRANS-006'] as const;
// A job that outlives the liveness budget is a JS-TRANS-007 finding with its timeline (Conformance.waitFor),
// and a finished job's re-polls are judged by the oracle's transition rules: no test hard-codes the end.

test.describe('transitions: the lifecycle across polls', () => {
  // Each test waits on a job of its own: with more workers (an external target), they wait side by side.
  test.describe.configure({ mode: 'parallel' });
  test(
    'a small job reaches a terminal status within the liveness budget',
    requirements('JS-TRANS-007', ...LIFECYCLE),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'liveness.txt', 'Small input, quick job.');
      await conformance.waitFor(jobId);
      await conformance.expectConforms();
    },
  );

  test(
    'a job polled closely moves through the stages in order and its files move forward only',
    requirements(...LIFECYCLE),
    async ({ sim, collection, conformance, pace }) => {
      // Stages longer than the polls' spacing (1-2 s of the target's time), so that most stages and file steps are observed.
      const stage = pace.span(4, 100);
      const jobId = await sim.play(
        scenario(collection, {
          files: files(12, (i) => (i % 5 === 4 ? { outcome: 'skipped' } : {})),
          stageSeconds: [stage, stage, stage, stage, stage, stage],
        }),
      );
      const result = await conformance.waitFor(jobId, { minIntervalMs: conformance.ms(1), maxIntervalMs: conformance.ms(2) });
      expect(result?.outcome).toBe('terminal');
      const stages = new Set(
        result!.timeline.flatMap((o) =>
          o.kind === 'snapshot' && o.snapshot.progress?.current_stage ? [o.snapshot.progress.current_stage] : [],
        ),
      );
      // Too few stages seen (polls hidden by placeholders or a 429's wait) leaves stage order unjudged, never failed.
      if (stages.size < 4)
        conformance.cannotJudge(
          `only ${stages.size} stages observed (${[...stages].join(', ')}): too few to judge their order`,
          'JS-TRANS-002',
          false,
        );
      await conformance.expectConforms();
    },
  );

  test(
    'a large text job polled closely never moves its stage back, nor its files (on any target)',
    requirements(...LIFECYCLE),
    async ({ api, collection, conformance }) => {
      // Polls 1-2 s of the target's time apart, so that a job that runs a while is seen in more than one stage.
      const jobId = await indexText(api, collection, 'stages.txt', largeText(200_000));
      await conformance.waitFor(jobId, { minIntervalMs: conformance.ms(1), maxIntervalMs: conformance.ms(2) });
      await conformance.expectConforms();
    },
  );

  for (const [name, make] of [
    ['completed', () => ({})],
    ['completed_with_failures', () => ({ files: files(3, (i) => (i === 0 ? { outcome: 'failed' as const } : {})) })],
    [
      'failed',
      () => ({ end: { kind: 'fail' as const, stage: 'chunking' as const, errorCode: 'chunker_crashed', errorMessage: 'Chunker crashed' } }),
    ],
    ['cancelled', () => ({ end: { kind: 'cancel' as const, atSecond: 4, by: 'conformance-suite' } })],
  ] as const) {
    test(
      `a ${name} job keeps its status, timestamps and counters on every re-poll`,
      requirements('JS-TRANS-001', 'JS-TRANS-004', 'JS-TRANS-005', 'JS-TRANS-006'),
      async ({ sim, collection, conformance }) => {
        const jobId = await sim.play(scenario(collection, make()));
        const result = await conformance.waitFor(jobId);
        expect(result?.outcome === 'terminal' && result.status).toBe(name);
        for (let i = 0; i < 5; i++) await conformance.snapshot(jobId); // JS-TRANS-001 judges every re-poll
        await conformance.expectConforms();
      },
    );
  }

  test(
    'a text job keeps whichever terminal state it reached on re-poll (observable on any target)',
    requirements('JS-TRANS-001', 'JS-TRANS-005'),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'repoll.txt', 'Re-polled after the end.');
      const result = await conformance.waitFor(jobId);
      if (result?.outcome === 'terminal') for (let i = 0; i < 3; i++) await conformance.snapshot(jobId); // JS-TRANS-001/005 judge them
      await conformance.expectConforms();
    },
  );
});
