// A staging run can be complete: against a simulator whose public port serves no /_sim/ (it looks like a
// deployment) but whose fault hook (spec/control.yaml) is given on a port of its own in CONFORMANCE_CONTROL_URL,
// with its own token, the run is conformant with every MUST exercised and the token is in no output. Without the
// hook, a waiver file for the MUSTs it cannot exercise lets CONFORMANCE_REQUIRE_COMPLETE=1 exit 0, each shown waived.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../../src/simulator/clock.js';
import { artifactsUnder } from '../report/artifacts.js';
import { expect, test } from './support/fixtures.js';

const TOKEN = 'ctl-token-5f1d9c2a7b';

/** What this target cannot exercise without the hook, and why: placeholders, a failed job, and its fast clock. */
const WAIVED = {
  'JS-PH-001': 'no fault hook on this target: no placeholder can be provoked',
  'JS-PH-002': 'no fault hook on this target: no placeholder can be provoked',
  'JS-PH-004': 'no fault hook on this target: no placeholder can be provoked',
  'JS-STATE-004': 'no fault hook on this target: it fails no job of its own',
  // Pending lasts a tenth of a second of real time here: a loaded machine's first poll may come after it.
  'JS-STATE-001': "this target's jobs may leave pending before the first poll sees them",
  'JS-MEDIA-002': 'no media sample for this target (CONFORMANCE_MEDIA_URL)',
  'JS-MEDIA-003': 'no media sample for this target (CONFORMANCE_MEDIA_URL)',
  'JS-TRANS-002': "this target's jobs finish faster than its polls see their stages",
  'JS-CANCEL-001': "this target's jobs leave pending before a cancel can reach them",
  'JS-CANCEL-002': "this target's jobs finish before a cancel can reach them running",
};

test.describe.configure({ mode: 'parallel' });

async function deploymentLike(): Promise<SimulatorHandle> {
  return startSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: SUITE_TIME_SCALE,
    controlPort: 0,
    controlToken: TOKEN,
    apiKey: 'hook-key',
    orgId: 'hook-org',
    otherOrg: { apiKey: 'hook-other-key', orgId: 'hook-other-org' },
  });
}

const tenants = (sim: SimulatorHandle) => ({
  baseUrl: sim.baseUrl,
  apiKey: sim.apiKey,
  orgId: sim.orgId,
  otherApiKey: sim.otherOrg!.apiKey,
  otherOrgId: sim.otherOrg!.orgId,
});

test('with the fault hook on its own port (CONFORMANCE_CONTROL_URL), the run is conformant, every MUST exercised', async ({ suite }) => {
  test.setTimeout(300_000);
  const sim = await deploymentLike();
  try {
    expect((await fetch(`${sim.baseUrl}/_sim/health`)).status, 'the public port looks like a deployment').toBe(404);
    const run = await suite.run({
      ...tenants(sim),
      env: { CONFORMANCE_MAX_RPS: 'Infinity', CONFORMANCE_CONTROL_URL: sim.controlUrl!, CONFORMANCE_CONTROL_TOKEN: TOKEN },
      workers: 2,
      timeoutMs: 280_000,
    });
    const must = run.results.requirements.filter((r) => r.level === 'MUST');
    expect(
      must.filter((r) => r.status !== 'passed').map((r) => `${r.id} ${r.status}`),
      run.output.slice(-3000),
    ).toEqual([]);
    expect(run.results.summary.verdict).toBe('conformant');
    expect(run.exitCode, run.output.slice(-3000)).toBe(0);
    // A SHOULD, so not among the MUSTs above: only the rate test judges it, and only when the poller waited out the
    // hook's 429 burst and each wait was measured; its two cannot-judge branches would leave it inconclusive.
    const rate = run.results.requirements.find((r) => r.id === 'JS-RATE-002');
    expect(rate?.status, "the rate test held the poller's waits to the announced Retry-After").toBe('passed');
    expect(run.output, 'the token is a secret').not.toContain(TOKEN);
    expect(
      artifactsUnder(run.outDir)
        .filter((a) => a.content.includes(TOKEN))
        .map((a) => a.name),
    ).toEqual([]);
  } finally {
    await sim.close();
  }
});

test('without the hook, a waiver file for what it cannot exercise makes CONFORMANCE_REQUIRE_COMPLETE=1 exit 0, each shown waived', async ({
  suite,
}) => {
  test.setTimeout(300_000);
  const sim = await deploymentLike();
  try {
    const file = path.join(suite.scratch(), 'waivers.yaml');
    const entries = Object.entries(WAIVED).map(
      ([id, reason]) => `  - id: ${id}\n    reason: "${reason}"\n    owner: api-team@example.com\n    expires: 2099-12-31\n`,
    );
    writeFileSync(file, `waivers:\n${entries.join('')}`);
    const run = await suite.run({
      ...tenants(sim),
      env: { CONFORMANCE_MAX_RPS: 'Infinity', CONFORMANCE_WAIVERS: file, CONFORMANCE_REQUIRE_COMPLETE: '1' },
      workers: 2,
      timeoutMs: 280_000,
    });
    const byId = Object.fromEntries(run.results.requirements.map((r) => [r.id, r]));
    for (const id of ['JS-PH-001', 'JS-PH-002', 'JS-PH-004'])
      expect(byId[id], `${id} needs the hook: waived, with its waiver`).toMatchObject({
        status: 'waived',
        waiver: { id, owner: 'api-team@example.com' },
      });
    const open = run.results.requirements.filter((r) => r.level === 'MUST' && !['passed', 'waived'].includes(r.status));
    expect(
      open.map((r) => `${r.id} ${r.status}`),
      run.output.slice(-3000),
    ).toEqual([]);
    expect(run.results.summary.verdict).toBe('conformant');
    expect(run.exitCode, run.output.slice(-3000)).toBe(0);
    expect(run.output).toContain('MUST JS-PH-001 waived: waived until 2099-12-31 by api-team@example.com');
    expect(readFileSync(path.join(run.conformanceDir, 'index.html'), 'utf8')).toContain('waived');
  } finally {
    await sim.close();
  }
});
