// Tests assert the contract, never their script: the whole suite against a simulator that answers, at seeded
// random requests, what the documentation allows there (placeholders on some polls, 429 with Retry-After: 1 on
// some status reads, a files walk ending on an empty page) fails no MUST and does not break. A check that
// could not see what it needed is inconclusive with its reason, never a failure.
import { startSimulator } from '../../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../../src/simulator/clock.js';
import { expect, test } from './support/fixtures.js';
import { targetOf } from '../../tools/suite-run.js';

test('the whole suite against documented answers at random requests fails no MUST and does not break', async ({ suite }) => {
  test.setTimeout(300_000);
  const sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: SUITE_TIME_SCALE,
    anyAnswer: true,
    apiKey: 'any-answer-key',
    orgId: 'any-answer-org',
    otherOrg: { apiKey: 'any-answer-other-key', orgId: 'any-answer-other-org' },
  });
  try {
    const run = await suite.run({
      ...targetOf(sim, sim.baseUrl),
      workers: 2,
      timeoutMs: 280_000,
    });
    const failed = run.results.requirements.filter((r) => r.status === 'failed' && r.level === 'MUST');
    expect(
      failed.map((r) => `${r.id}: ${r.findings[0]?.message}`),
      run.output.slice(-3000),
    ).toEqual([]);
    expect(run.results.summary.runBroken, run.results.summary.brokenBecause.join('\n')).toBe(false);
    expect(['conformant', 'incomplete']).toContain(run.results.summary.verdict);
    expect(run.exitCode, run.output.slice(-3000)).toBe(0);
    // The answers did come: placeholders, 429s and empty last pages no test asked for.
    expect(sim.state.anyAnswer?.dealt.placeholders, 'unasked placeholders').toBeGreaterThan(0);
    expect(sim.state.anyAnswer?.dealt.rateLimits, 'unasked 429s').toBeGreaterThan(0);
    expect(sim.state.anyAnswer?.dealt.emptyLastPages, 'walks that ended on an empty page').toBeGreaterThan(0);
  } finally {
    await sim.close();
  }
});
