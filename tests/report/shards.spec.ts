// Sharding is exact: the conformance suite run as two shards recorded as blobs (`--shard=i/2
// --reporter=blob`, what the CI workflow's matrix runs) and joined by `playwright merge-reports` gives,
// requirement by requirement, the statuses and finding counts of the same suite run unsharded.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { stop, SuiteRunner } from '../verdicts/support/suite-run.js';
import { unzip } from './artifacts.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
// Few generated scenarios keep the three runs cheap; the sharding logic does not depend on their number.
const SCENARIOS = '4';

interface Requirement {
  id: string;
  status: string;
  findings: unknown[];
  tests: Array<{ title: string; status: string }>;
}

/**
 * Each requirement's status and finding count. Not the list of tests behind it: a test that happened to
 * exercise a requirement (a placeholder drawn on some poll) is listed too, and polls follow real time.
 */
function byRequirement(resultsFile: string): Record<string, { status: string; findings: number }> {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as { requirements: Requirement[] };
  return Object.fromEntries(results.requirements.map((r) => [r.id, { status: r.status, findings: r.findings.length }]));
}

/** The tests a shard's blob recorded as ended (the blob's report.jsonl events). */
function testsInBlob(zip: string): string[] {
  const ids: string[] = [];
  for (const member of unzip(readFileSync(zip))) {
    if (!member.name.endsWith('.jsonl')) continue;
    for (const line of member.content.toString('utf8').split('\n')) {
      if (!line.includes('"onTestEnd"')) continue;
      const event = JSON.parse(line) as { params?: { test?: { testId?: string } } };
      if (event.params?.test?.testId) ids.push(event.params.test.testId);
    }
  }
  return ids;
}

const children = new Set<ChildProcess>();
const runner = new SuiteRunner();
const scratch: string[] = [];

/** A Playwright command in a child, with the environment a suite run gets (suite-run.ts) plus `env`. */
function play(args: string[], env: Record<string, string>): Promise<{ exitCode: number | null; output: string }> {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(PW_|PLAYWRIGHT_|TEST_|CONFORMANCE_|CAPTAIN_|NODE_OPTIONS$|FORCE_COLOR$|CI$)/.test(name)) base[name] = value;
  }
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: repoRoot,
    env: { ...base, ...env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      children.delete(child);
      resolve({ exitCode, output });
    });
  });
}

test.afterEach(async ({}, testInfo) => {
  for (const child of children) stop(child);
  runner.stopAll();
  if (testInfo.status === testInfo.expectedStatus) {
    runner.removeOutputs();
    for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  } else {
    await testInfo.attach('run outputs (kept)', { body: [...runner.outputDirs, ...scratch].join('\n') });
  }
});

test('two shards merged by merge-reports give every requirement the status and findings of the unsharded run', async () => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'conformance-shards-'));
  scratch.push(dir);
  const env = { CONFORMANCE_SCENARIOS: SCENARIOS };

  // The shards one after the other, then the unsharded run: the machine has two cores.
  const blobs = path.join(dir, 'all-blob-reports');
  mkdirSync(blobs);
  const shardTests: string[][] = [];
  for (const shard of [1, 2]) {
    const blobDir = path.join(dir, `blob-${shard}`);
    const run = await play(['test', '--project=conformance', `--shard=${shard}/2`, '--reporter=blob'], {
      ...env,
      CONFORMANCE_REPORTS_DIR: path.join(dir, `shard-${shard}`),
      PLAYWRIGHT_BLOB_OUTPUT_DIR: blobDir,
    });
    const zips = readdirSync(blobDir).filter((f) => f.endsWith('.zip'));
    expect(zips, `shard ${shard} left one blob (exit ${run.exitCode}):\n${run.output.slice(-3000)}`).toHaveLength(1);
    const zip = zips[0] as string;
    shardTests.push(testsInBlob(path.join(blobDir, zip)));
    copyFileSync(path.join(blobDir, zip), path.join(blobs, `shard-${shard}-${zip}`));
  }
  const mergedDir = path.join(dir, 'merged');
  const merge = await play(['merge-reports', '--config', 'playwright.config.ts', blobs], { ...env, CONFORMANCE_REPORTS_DIR: mergedDir });

  const unsharded = await runner.run({ env, timeoutMs: 240_000 });

  // Each shard ran a share of the tests, none twice, and together all of the unsharded run's.
  const [first = [], second = []] = shardTests;
  expect(first.length).toBeGreaterThan(0);
  expect(second.length).toBeGreaterThan(0);
  expect(first.filter((id) => second.includes(id))).toEqual([]);
  const unshardedResults = JSON.parse(readFileSync(path.join(unsharded.conformanceDir, 'results.json'), 'utf8')) as {
    run: { tests: number };
  };
  expect(first.length + second.length).toBe(unshardedResults.run.tests);

  const merged = byRequirement(path.join(mergedDir, 'conformance', 'results.json'));
  const whole = byRequirement(path.join(unsharded.conformanceDir, 'results.json'));
  expect(Object.values(whole).filter((r) => r.status === 'passed').length, 'the unsharded run judged something').toBeGreaterThan(0);
  expect(merged, merge.output.slice(-3000)).toEqual(whole);
});
