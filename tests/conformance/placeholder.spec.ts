import { requirements } from '../../src/evidence/attach.js';
import { classify } from '../../src/oracle/classify.js';
import { test, expect } from './support/fixtures.js';
import { indexText } from './support/jobs.js';
import { scenario } from './support/scenarios.js';

test.describe('placeholder: transient trouble answered with the documented placeholder', () => {
  // Each test waits on a job of its own: with more workers (an external target), they wait side by side.
  test.describe.configure({ mode: 'parallel' });
  test(
    'placeholders before, during and after the terminal state carry no state, and the job still ends and stays ended',
    requirements('JS-PH-001', 'JS-PH-002', 'JS-PH-004', 'JS-PH-005', 'JS-TRANS-001', 'JS-SHAPE-002'),
    async ({ sim, collection, conformance, pace }) => {
      // Polls 0-1 come before any state, 4-6 while the job runs: seven polls at most 3 s apart (with the
      // placeholders' back-off) end within 20 s of the target's time; the stages last twice that, and never under 1.8 s real.
      const stage = pace.span(7, 300);
      const jobId = await sim.play(
        scenario(collection, {
          pendingSeconds: 0,
          stageSeconds: [stage, stage, stage, stage, stage, stage],
          placeholders: { polls: [0, 1, 4, 5, 6] },
        }),
      );
      const result = await conformance.waitFor(jobId, { maxIntervalMs: conformance.ms(3) });
      expect(result?.outcome).toBe('terminal');
      // The polls the hook was asked to answer with the placeholder did; any other poll may be one too (the
      // documentation allows it at any poll), and a 429 is no poll of the job. The oracle judges the rest.
      const polls = result!.timeline.filter((o) => !(o.kind === 'http-error' && o.status === 429));
      for (const i of [0, 1, 4, 5, 6]) expect(polls[i]?.kind, `poll ${i} was asked to be the placeholder`).toBe('placeholder');
      // After the end: polls N+1 and N+3 answered with the placeholder, and every snapshot still says completed.
      const n = polls.length;
      await sim.placeholders(jobId, { polls: [n + 1, n + 3] });
      const after = [];
      for (let i = 0; i < 5; i++) {
        const observation = classify((await conformance.pollPastRateLimits(jobId)).exchange);
        after.push(observation.kind === 'snapshot' ? observation.snapshot.status : observation.kind);
      }
      expect(after[1], 'poll N+1 was asked to be the placeholder').toBe('placeholder');
      expect(after[3], 'poll N+3 was asked to be the placeholder').toBe('placeholder');
      expect(after.filter((kind) => kind !== 'placeholder')).toEqual(after.filter((kind) => kind !== 'placeholder').map(() => 'completed'));
      await conformance.expectConforms();
    },
  );

  // On a deployment with the fault hook: a job of the public API, the hook's `placeholders` capability asked
  // for its next three polls. Those are placeholders, carry no state (the oracle), and the job still ends.
  test(
    'the placeholders the fault hook asks for carry no state, and the job still ends (any target with the hook)',
    requirements('JS-PH-001', 'JS-PH-002', 'JS-PH-004', 'JS-PH-005'),
    async ({ sim, api, collection, conformance }) => {
      sim.require('placeholders');
      const jobId = await indexText(api, collection, 'placeholders-by-hook.txt', 'A document whose first polls answer the placeholder.');
      await sim.placeholders(jobId, { count: 3 });
      const result = await conformance.waitFor(jobId);
      expect(result?.outcome, 'the job ended after its placeholders').toBe('terminal');
      const polls = result!.timeline.filter((o) => !(o.kind === 'http-error' && o.status === 429));
      expect(
        polls.slice(0, 3).map((o) => o.kind),
        'the three polls the hook was asked for',
      ).toEqual(['placeholder', 'placeholder', 'placeholder']);
      await conformance.expectConforms();
    },
  );

  test(
    'a placeholder storm (90% of polls) does not stop the poller',
    requirements('JS-PH-001', 'JS-PH-002', 'JS-PH-004', 'JS-PH-005'),
    async ({ sim, collection, conformance }) => {
      // Nine polls in ten, at fixed poll numbers: a drawn storm would depend on the job id, and so on test order.
      const storm = Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 10 !== 9);
      const jobId = await sim.play(scenario(collection, { placeholders: { polls: storm } }));
      const result = await conformance.waitFor(jobId, { maxRetries: 3 });
      expect(result?.outcome).toBe('terminal');
      // The storm's polls were placeholders (others may be too: any poll may be one); a 429 is no poll of the job.
      const kinds = result!.timeline.filter((o) => !(o.kind === 'http-error' && o.status === 429)).map((o) => o.kind);
      expect(kinds.slice(0, 9)).toEqual(Array(9).fill('placeholder'));
      expect(kinds, 'real snapshots came through the storm').toContain('snapshot');
      await conformance.expectConforms();
    },
  );

  test(
    "under backend trouble, an unknown job and another organization's job are still 404, never the placeholder",
    requirements('JS-PH-003'),
    async ({ sim, collection, conformance, clientFor, target, api }) => {
      const jobId = await sim.play(scenario(collection, { placeholders: { probability: 1 } }));
      const unknown = await api.getJob(`${jobId}x`);
      conformance.judgeOther(unknown.exchange);
      conformance.judge(
        'JS-PH-003',
        unknown.exchange.status === 404,
        `an unknown job under backend trouble was answered ${unknown.exchange.status}`,
        { exchange: unknown.exchange },
      );
      test.skip(!target.otherTenant, 'no second organization configured (CAPTAIN_OTHER_API_KEY)');
      const foreign = await clientFor(target.otherTenant).getJob(jobId);
      conformance.judgeOther(foreign.exchange);
      const status = foreign.exchange.status;
      conformance.judge(
        'JS-PH-003',
        status === 404 || status === 403,
        `another organization's job under backend trouble was answered ${status}`,
        { jobId, exchange: foreign.exchange },
      );
      await conformance.expectConforms();
    },
  );
});
