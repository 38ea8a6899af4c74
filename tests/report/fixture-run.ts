// Runs the fixture suite (tests/report/fixture) in a child Playwright process, the way CI runs the real
// suite, so the report under test comes out of the real reporter pipeline and not a hand-made model.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');

export interface FixtureRun {
  /** Everything the run wrote: conformance/, junit.xml, playwright/, test-results/. */
  outDir: string;
  conformanceDir: string;
  /** With `viaBlob`: the conformance report merge-reports wrote from the blob. */
  mergedDir?: string;
  exitCode: number | null;
  output: string;
}

export interface FixtureRunOptions {
  apiKey: string;
  /** Leave out the tests that fail (tagged @fixture-fail): a passing run. */
  passingOnly?: boolean;
  /** Also record a blob and replay it through `merge-reports` (how shards are joined) into `mergedDir`. */
  viaBlob?: boolean;
}

function play(args: string[], env: NodeJS.ProcessEnv): Promise<{ exitCode: number | null; output: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, output }));
  });
}

/** The parent worker's Playwright variables would make the child think it is a worker too. */
function childEnv(apiKey: string, outDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(PW_|PLAYWRIGHT_|TEST_|NODE_OPTIONS$|FORCE_COLOR$|CI$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, CAPTAIN_API_KEY: apiKey, REPORT_FIXTURE_OUT: outDir, FORCE_COLOR: '0' };
}

export async function runFixtureSuite(options: FixtureRunOptions): Promise<FixtureRun> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'conformance-report-'));
  const config = path.join(here, 'fixture', 'fixture.config.ts');
  const env = childEnv(options.apiKey, outDir);
  const args = ['test', '-c', config];
  if (options.passingOnly) args.push('--grep-invert', '@fixture-fail');
  const conformanceDir = path.join(outDir, 'conformance');
  if (!options.viaBlob) return { outDir, conformanceDir, ...(await play(args, env)) };
  const blobDir = path.join(outDir, 'blob');
  const live = await play(args, { ...env, REPORT_FIXTURE_BLOB: blobDir });
  const mergedOut = path.join(outDir, 'merged');
  const merged = await play(['merge-reports', '-c', config, blobDir], { ...env, REPORT_FIXTURE_OUT: mergedOut });
  return {
    outDir,
    conformanceDir,
    mergedDir: path.join(mergedOut, 'conformance'),
    exitCode: live.exitCode,
    output: `${live.output}\n${merged.output}`,
  };
}
