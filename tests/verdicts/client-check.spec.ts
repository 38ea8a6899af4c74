// npm run client-check proven both ways, on real processes at real time: the reference poller and the
// example clients in Python and shell pass every scenario; each deliberately broken client fails exactly
// the requirement it breaks, on the scenarios that show its break (--only), and nothing else; bad input
// (a client that hangs, prints nothing or garbage, floods, exits at once) gets a named finding and
// neither hangs nor crashes the check. The runs go side by side (they mostly sleep), at most LANES
// scenarios at once: on a loaded 2-core machine more would make every client late, a broken one too.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { CheckBroke, Lanes, runScenarios } from '../../src/cli/client-check-run.js';
import { CLIENT } from '../../src/client-check/requirements.js';
import { selectScenarios } from '../../src/client-check/scenarios.js';
import type { ScenarioOutcome } from '../../src/client-check/outcome.js';
import { requirementResults, summaryOf } from '../../src/client-check/verdict.js';
import { DEFAULT_SEED } from '../../src/simulator/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const clients = path.join(root, 'tests/client-check/clients');

const LANES = 8;
const lanes = new Lanes(LANES);

function check(command: string, args: string[], only: string[], deadlineS = 45, shared = lanes): Promise<ScenarioOutcome[]> {
  const { scenarios } = selectScenarios({ generated: only.length ? 0 : 4, seed: DEFAULT_SEED, only });
  return runScenarios(scenarios, { command, args, deadlineS, profile: 'default', cwd: root, lanes: shared });
}

const failedIds = (outcomes: readonly ScenarioOutcome[]) =>
  requirementResults(
    outcomes.map((o) => o.judgement),
    'default',
  )
    .filter((r) => r.status === 'failed')
    .map((r) => r.id);

const firstFindings = (outcomes: readonly ScenarioOutcome[]) =>
  outcomes.flatMap((o) =>
    o.judgement.requirements.flatMap((r) => r.findings.map((f) => `${f.scenario} ${f.requirement} ${f.cause}: ${f.message}`)),
  );

/** The CLI as a user runs it, in a child process; its exit code and output. */
function cli(args: string[], reportsDir: string): Promise<{ code: number | null; stdout: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !/^npm_/i.test(k)));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/client-check.ts', ...args], {
      cwd: root,
      env: { ...env, CONFORMANCE_REPORTS_DIR: reportsDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

test('the reference poller (through the CLI), the Python client and the shell client pass every scenario', async ({}, testInfo) => {
  test.setTimeout(180_000);
  const reports = testInfo.outputPath('reports');
  // Clients that keep every requirement are only slower on a loaded machine, never judged otherwise: wider lanes.
  const wide = new Lanes(2 * LANES);
  const [reference, python, shell] = await Promise.all([
    cli(['--', 'node', 'examples/clients/reference.mjs'], reports),
    check('python3', ['examples/clients/wait_for_job.py'], [], 45, wide),
    check('bash', ['examples/clients/wait-for-job.sh'], [], 45, wide),
  ]);
  expect(reference.code, reference.stdout).toBe(0);
  expect(reference.stdout).toContain('verdict: conformant (11 client requirements: 11 passed, 0 failed, 0 warned, 0 not covered)');
  const results = JSON.parse(readFileSync(path.join(reports, 'client/results.json'), 'utf8'));
  expect(results.scenarios.length).toBe(selectScenarios({ generated: 4, seed: DEFAULT_SEED, only: [] }).scenarios.length);
  expect(existsSync(path.join(reports, 'client/index.html')) && existsSync(path.join(reports, 'client/junit.xml'))).toBe(true);
  for (const [name, outcomes] of [
    ['python', python],
    ['shell', shell],
  ] as const) {
    expect(firstFindings(outcomes), name).toEqual([]);
    expect(
      summaryOf(
        requirementResults(
          outcomes.map((o) => o.judgement),
          'default',
        ),
      ).verdict,
      name,
    ).toBe('conformant');
  }
});

/** Each broken client, the scenarios that show its break, and the one requirement it must fail. */
const BROKEN: { client: string; only: string[]; fails: string; deadlineS?: number }[] = [
  { client: 'no-media-fallback', only: ['media-lag'], fails: CLIENT.media },
  { client: 'five-statuses', only: ['completed-with-failures', 'vendor-completed-with-errors'], fails: CLIENT.conclusion },
  { client: 'stops-on-placeholder', only: ['placeholders-before'], fails: CLIENT.placeholder },
  { client: 'ignores-retry-after', only: ['rate-limit-seconds', 'rate-limit-http-date'], fails: CLIENT.retryAfter },
  { client: 'no-backoff', only: ['server-errors'], fails: CLIENT.backoff },
  { client: 'busy-polls', only: ['completed'], fails: CLIENT.busy },
  { client: 'polls-after-end', only: ['completed'], fails: CLIENT.stops },
  { client: 'pages-twice', only: ['many-file-pages'], fails: CLIENT.pages },
  { client: 'no-organization', only: ['completed'], fails: CLIENT.credentials },
  { client: 'polls-on-404', only: ['unknown-job'], fails: CLIENT.unknownJob, deadlineS: 8 },
  { client: 'chatty', only: ['completed', 'many-file-pages'], fails: CLIENT.bounded },
];

test('each deliberately broken client fails exactly the requirement it breaks, and the same client unbroken fails none', async () => {
  test.setTimeout(240_000);
  const union = [...new Set(BROKEN.flatMap((b) => b.only))];
  // The long ones first into the lanes, the unbroken client last.
  const broken = BROKEN.map((b) => check('node', [path.join(clients, `${b.client}.mjs`)], b.only, b.deadlineS));
  const good = await check('node', [path.join(clients, 'good.mjs')], union);
  const outcomes = await Promise.all(broken);
  expect(firstFindings(good)).toEqual([]);
  const seen = BROKEN.map((b, i) => ({ client: b.client, fails: failedIds(outcomes[i]!) }));
  expect(seen, firstFindings(outcomes.flat()).join('\n')).toEqual(BROKEN.map((b) => ({ client: b.client, fails: [b.fails] })));
  // Every requirement has its broken client.
  expect(new Set(BROKEN.map((b) => b.fails))).toEqual(new Set(Object.values(CLIENT)));
});

test('bad input gets a named finding, and none of it hangs or crashes the check', async ({}, testInfo) => {
  test.setTimeout(120_000);
  const run = (client: string, deadlineS = 30) => check('node', [path.join(clients, `${client}.mjs`)], ['completed'], deadlineS);
  const started = Date.now();
  const [hangs, silent, garbage, atOnce, flood, failing, usage] = await Promise.all([
    run('bad-hangs', 5),
    run('bad-silent'),
    run('bad-garbage'),
    run('bad-exits-at-once'),
    run('bad-flood'),
    cli(['--only', 'placeholders-before', '--', 'node', path.join(clients, 'stops-on-placeholder.mjs')], testInfo.outputPath('failing')),
    cli(['--only', 'no-such-scenario', '--', 'node', 'x.mjs'], testInfo.outputPath('usage')),
  ]);
  const causes = (outcomes: ScenarioOutcome[]) =>
    outcomes[0]!.judgement.requirements.flatMap((r) => r.findings.map((f) => `${f.requirement} ${f.cause}`));
  expect(causes(hangs)).toEqual([`${CLIENT.conclusion} deadline`]);
  // Stopped at the deadline (5 s), its ignored SIGTERM followed by SIGKILL: well before the other runs' 30 s.
  expect(hangs[0]!.judgement.durationMs).toBeLessThan(15_000);
  expect(causes(silent)).toEqual([`${CLIENT.conclusion} no-output`]);
  expect(causes(garbage)).toEqual([`${CLIENT.conclusion} not-json`]);
  expect(causes(atOnce)).toEqual([`${CLIENT.conclusion} exited-at-once`]);
  expect(causes(flood)).toContain(`${CLIENT.busy} flood`);
  expect(flood[0]!.run.requests.length).toBeLessThanOrEqual(4_000);
  expect(Date.now() - started).toBeLessThan(60_000);
  // The console's last lines: the verdict and the failed MUST with its first finding; exit 1.
  expect(failing.code, failing.stdout).toBe(1);
  expect(failing.stdout).toMatch(
    /verdict: not-conformant[^\n]*\n {2}FAILED MUST JS-CLIENT-002 a placeholder never ends the wait: \[placeholders-before\] ended its wait on the placeholder/,
  );
  // Our own trouble, or the user's settings, is exit 2 with the reason.
  expect(usage.code).toBe(2);
  expect(usage.stdout).toContain('no scenario named no-such-scenario');
  await expect(check('./no-such-client-command', [], ['completed'])).rejects.toBeInstanceOf(CheckBroke);
});
