// The vendor's real surface judged lawfully: a deployment that retired the legacy v2 query (only v3 served)
// fails no MUST and proves media searchable through v3, with JS-MEDIA-005 the only word about it (a SHOULD);
// a deployment that speaks the vendor's own status words (processing before running, completed_with_errors,
// timed_out) and deletes a job on DELETE fails no MUST either; nor does one that answers DELETE 405 (it is
// judged on POST alone, JS-CANCEL-005 warns). Only the spec files those touch are run.
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../../src/simulator/clock.js';
import type { RequirementResult } from '../../src/report/results.js';
import { expect, test } from './support/fixtures.js';
import type { Rewrite } from '../../tools/rewriting-proxy.js';
import type { SuiteRunner } from '../../tools/suite-run.js';

const CHILD_TIMEOUT_MS = 200_000;

async function runAgainst(suite: SuiteRunner, sim: SimulatorHandle, files: string[], baseUrl = sim.baseUrl) {
  return suite.run({
    baseUrl,
    apiKey: sim.apiKey,
    orgId: sim.orgId,
    env: { CONFORMANCE_MAX_RPS: 'Infinity' },
    files,
    timeoutMs: CHILD_TIMEOUT_MS,
  });
}

const mustFailures = (requirements: readonly RequirementResult[]) =>
  requirements.filter((r) => r.status === 'failed' && r.level === 'MUST').map((r) => `${r.id}: ${r.findings[0]?.message}`);

/** DELETE /v2/jobs/{id} answered as a route the deployment does not serve. */
const noDelete: Rewrite = async (request, forward) =>
  request.method === 'DELETE' && /^\/v2\/jobs\/[^/?]+$/.test(request.url)
    ? { status: 405, headers: { 'content-type': 'application/json', allow: 'GET' }, body: Buffer.from('{"detail":"Method Not Allowed"}') }
    : forward(request);

test('v2 query retired, the vendor statuses spoken, or DELETE not served: no MUST fails, and media is proved through v3', async ({
  suite,
  rewritingProxy,
}) => {
  test.setTimeout(2 * CHILD_TIMEOUT_MS);
  const start = (name: string, options: { v2Query?: boolean; dialect?: 'vendor-variant' }) =>
    startSimulator({
      port: 0,
      host: '127.0.0.1',
      timeScale: SUITE_TIME_SCALE,
      apiKey: `${name}-key`,
      orgId: `${name}-org`,
      otherOrg: null,
      ...options,
    });
  const [v3only, variant, plain] = await Promise.all([
    start('v3-only', { v2Query: false }),
    start('variant', { dialect: 'vendor-variant' }),
    start('no-delete', {}),
  ]);
  try {
    const proxy = await rewritingProxy(plain.baseUrl, noDelete);
    const [retired, spoken, postOnly] = await Promise.all([
      runAgainst(suite, v3only, ['tests/conformance/media.spec.ts', 'tests/conformance/cancel.spec.ts']),
      runAgainst(suite, variant, ['tests/conformance/cancel.spec.ts', 'tests/conformance/transitions.spec.ts']),
      runAgainst(suite, plain, ['tests/conformance/cancel.spec.ts'], proxy.baseUrl),
    ]);
    const byId = (run: typeof retired, id: string) => run.results.requirements.find((r) => r.id === id);

    expect(mustFailures(retired.results.requirements), retired.output.slice(-3000)).toEqual([]);
    expect(byId(retired, 'JS-MEDIA-002')?.status, retired.output.slice(-3000)).toBe('passed');
    const notes = byId(retired, 'JS-MEDIA-002')!.tests.flatMap((t) => t.notes ?? []);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note).toContain('/v3/collections/');
    expect(byId(retired, 'JS-MEDIA-005')).toMatchObject({ level: 'SHOULD', status: 'failed' });
    expect(retired.exitCode, retired.output.slice(-3000)).toBe(0);

    expect(mustFailures(spoken.results.requirements), spoken.output.slice(-3000)).toEqual([]);
    // The run met the vendor's words, or "no MUST failed" would say nothing of them: played scenarios keep the
    // documented words, so only the jobs these spec files create through the API can show processing.
    const seen = (status: string) => spoken.results.coverage.statuses.find((row) => row.value === status)?.count ?? 0;
    expect(seen('processing'), `statuses seen: ${JSON.stringify(spoken.results.coverage.statuses)}`).toBeGreaterThan(0);
    expect(byId(spoken, 'JS-SHAPE-007')).toMatchObject({ level: 'SHOULD', status: 'failed' });
    for (const id of ['JS-CANCEL-001', 'JS-CANCEL-002', 'JS-CANCEL-003', 'JS-TRANS-001'])
      expect(byId(spoken, id)?.status, `${id}\n${spoken.output.slice(-3000)}`).toBe('passed');
    expect(spoken.exitCode, spoken.output.slice(-3000)).toBe(0);

    // A DELETE answered 405 is a lawful skip with its reason: the cancel requirements stand on POST.
    expect(mustFailures(postOnly.results.requirements), postOnly.output.slice(-3000)).toEqual([]);
    for (const id of ['JS-CANCEL-001', 'JS-CANCEL-002', 'JS-CANCEL-003'])
      expect(byId(postOnly, id)?.status, `${id}\n${postOnly.output.slice(-3000)}`).toBe('passed');
    expect(byId(postOnly, 'JS-CANCEL-005')).toMatchObject({ level: 'SHOULD', status: 'failed' });
    expect(byId(postOnly, 'JS-CANCEL-005')?.findings[0]?.message).toContain('405');
    expect(postOnly.exitCode, postOnly.output.slice(-3000)).toBe(0);
  } finally {
    await Promise.all([v3only.close(), variant.close(), plain.close()]);
  }
});
