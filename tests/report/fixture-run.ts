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
  exitCode: number | null;
  output: string;
}

export interface FixtureRunOptions {
  apiKey: string;
  /** Leave out the tests that fail (tagged @fixture-fail): a passing run. */
  passingOnly?: boolean;
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
  const args = [cli, 'test', '-c', path.join(here, 'fixture', 'fixture.config.ts')];
  if (options.passingOnly) args.push('--grep-invert', '@fixture-fail');
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: childEnv(options.apiKey, outDir), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { outDir, conformanceDir: path.join(outDir, 'conformance'), exitCode, output };
}
