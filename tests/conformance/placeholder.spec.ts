import { requirements } from '../../src/report/evidence.js';
import { classify } from '../../src/oracle/index.js';
import { test, expect } from './support/fixtures.js';
import { scenario } from './support/scenarios.js';

test.describe('placeholder: transient trouble answered with the documented placeholder', () => {
  test(
    'placeholders before, during and after the terminal state carry no state, and the job still ends and stays ended',
    requirements('JS-PH-001', 'JS-PH-002', 'JS-PH-004', 'JS-TRANS-001', 'JS-SHAPE-002'),
    async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(scenario(collection, { pendingSeconds: 2, placeholders: { polls: [0, 1, 4, 5, 6] } }));
      const result = await conformance.waitFor(jobId);
      expect(result?.outcome).toBe('terminal');
      await sim.placeholders(jobId, { probability: 0.5 });
      const after = [];
      for (let i = 0; i < 12; i++) after.push(classify((await conformance.poll(jobId)).exchange).kind);
      expect(after, 'placeholders after the end were served').toContain('placeholder');
      expect(after).toContain('snapshot');
      const kinds = result!.timeline.map((o) => o.kind);
      expect(kinds.slice(0, 2)).toEqual(['placeholder', 'placeholder']);
      await conformance.expectConforms();
    },
  );

  test('a placeholder storm (90% of polls) does not stop the poller', requirements('JS-PH-001', 'JS-PH-002', 'JS-PH-004'), async ({ sim, collection, conformance }) => {
    const jobId = await sim.play(scenario(collection, { placeholders: { probability: 0.9 } }));
    const result = await conformance.waitFor(jobId, { maxRetries: 3 });
    expect(result?.outcome).toBe('terminal');
    expect(result!.timeline.filter((o) => o.kind === 'placeholder').length).toBeGreaterThan(3);
    await conformance.expectConforms();
  });

  test(
    'under backend trouble, an unknown job and another organization\'s job are still 404, never the placeholder',
    requirements('JS-PH-003'),
    async ({ sim, collection, conformance, clientFor, target, api }) => {
      const jobId = await sim.play(scenario(collection, { placeholders: { probability: 1 } }));
      const unknown = await api.getJob(`${jobId}x`);
      conformance.judgeOther(unknown.exchange);
      expect(unknown.exchange.status).toBe(404);
      test.skip(!target.otherTenant, 'no second organization configured (CAPTAIN_OTHER_API_KEY)');
      const foreign = await clientFor(target.otherTenant).getJob(jobId);
      conformance.judgeOther(foreign.exchange);
      expect(foreign.exchange.status).toBe(404);
      await conformance.expectConforms();
    },
  );
});
