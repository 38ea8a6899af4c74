// Runs the real conformance suite (`playwright test --project=conformance`) in a child process, the way
// `npm run conformance` does, with every output (conformance report, JUnit, Playwright's HTML report,
// test-results) in a fresh temporary folder, so runs never touch reports/ or each other.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Results } from '../src/report/results.js';
import type { SimulatorHandle } from '../src/simulator/server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');

/** results.json (docs/ARCHITECTURE.md, "Fixed interfaces"), as the verdict tests read it. */
export type RunResults = Pick<Results, 'target' | 'profile' | 'summary' | 'requirements' | 'coverage'>;

/** A run as the shell sees it: its exit code and output, whether or not it got as far as a report. */
export interface SuitePlay {
  /** Everything the run wrote: conformance/, junit.xml, playwright/, test-results/. */
  outDir: string;
  conformanceDir: string;
  exitCode: number | null;
  output: string;
}

export interface SuiteRun extends SuitePlay {
  results: RunResults;
}

export interface SuiteRunOptions {
  /** The target; without it the suite starts its embedded simulator. */
  baseUrl?: string;
  apiKey?: string;
  orgId?: string;
  otherApiKey?: string;
  otherOrgId?: string;
  /** Spec files (repository-relative paths); the whole suite when empty. */
  files?: readonly string[];
  /** Only the tests whose title matches (Playwright's --grep). */
  grep?: string;
  /**
   * Default 1: a child run waits on its target's virtual time about half of its life, so the parent runs
   * several side by side (`npm test` gives the verdicts project 4 workers) rather than each child two.
   */
  workers?: number;
  /** More settings of the child's environment (e.g. CONFORMANCE_MAX_RPS). */
  env?: Record<string, string>;
  timeoutMs: number;
  /** Leave the outputs for the caller to remove (by default they go when a passing test ends). */
  keepOutput?: boolean;
  /** Called with the child's pid (its process group's id) as soon as it starts, e.g. to watch its memory. */
  onSpawn?: (pid: number) => void;
}

/**
 * The parent's environment minus what would change the child's run: Playwright's worker variables
 * (the child would think it is a worker) and every target setting (the parent's global setup sets them).
 */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(PW_|PLAYWRIGHT_|TEST_|CONFORMANCE_|CAPTAIN_|NODE_OPTIONS$|FORCE_COLOR$|CI$)/.test(name)) continue;
    env[name] = value;
  }
  return env;
}

function childEnv(options: SuiteRunOptions, outDir: string): NodeJS.ProcessEnv {
  const env = inheritedEnv();
  const target: Record<string, string | undefined> = {
    CONFORMANCE_BASE_URL: options.baseUrl,
    CAPTAIN_API_KEY: options.apiKey,
    CAPTAIN_ORG_ID: options.orgId,
    CAPTAIN_OTHER_API_KEY: options.otherApiKey,
    CAPTAIN_OTHER_ORG_ID: options.otherOrgId,
  };
  for (const [name, value] of Object.entries(target)) if (value !== undefined) env[name] = value;
  return { ...env, ...options.env, CONFORMANCE_REPORTS_DIR: outDir, FORCE_COLOR: '0' };
}

/** Ends a child and the workers it started (its own process group), if still running. */
export function stop(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The children still running, so that a test's teardown can end them whatever happened. */
export class SuiteRunner {
  private readonly running = new Set<ChildProcess>();
  private readonly outputs: string[] = [];

  /** Runs the suite and reads its results.json, which a run that got as far as its tests always writes. */
  async run(options: SuiteRunOptions): Promise<SuiteRun> {
    const run = await this.play(options);
    const resultsFile = path.join(run.conformanceDir, 'results.json');
    if (!existsSync(resultsFile)) throw new Error(`the run wrote no ${resultsFile} (exit ${run.exitCode}):\n${run.output.slice(-4000)}`);
    return { ...run, results: JSON.parse(readFileSync(resultsFile, 'utf8')) as RunResults };
  }

  /** Runs the suite to its end, whatever it did: for runs that are meant to stop early. */
  async play(options: SuiteRunOptions): Promise<SuitePlay> {
    const outDir = mkdtempSync(path.join(tmpdir(), 'conformance-verdicts-'));
    if (!options.keepOutput) this.outputs.push(outDir);
    const args = ['test', '--project=conformance', `--output=${path.join(outDir, 'test-results')}`];
    args.push(`--workers=${options.workers ?? 1}`);
    if (options.grep !== undefined) args.push(`--grep=${options.grep}`);
    args.push(...(options.files ?? []));
    const { exitCode, output } = await this.spawn(args, childEnv(options, outDir), options.timeoutMs, options.onSpawn);
    return { outDir, conformanceDir: path.join(outDir, 'conformance'), exitCode, output };
  }

  /** Any Playwright command (`merge-reports`, a sharded blob run) in a child, with a suite run's environment plus `env`. */
  command(args: readonly string[], env: Record<string, string>, timeoutMs: number): Promise<{ exitCode: number | null; output: string }> {
    return this.spawn(args, { ...inheritedEnv(), ...env, FORCE_COLOR: '0' }, timeoutMs);
  }

  private async spawn(
    args: readonly string[],
    env: NodeJS.ProcessEnv,
    timeoutMs: number,
    onSpawn?: (pid: number) => void,
  ): Promise<{ exitCode: number | null; output: string }> {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.running.add(child);
    if (child.pid !== undefined) onSpawn?.(child.pid);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n[verdicts] the run took longer than ${timeoutMs} ms and was killed\n`;
      stop(child);
    }, timeoutMs);
    try {
      const exitCode = await new Promise<number | null>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code) => resolve(code));
      });
      return { exitCode, output };
    } finally {
      clearTimeout(timer);
      this.running.delete(child);
    }
  }

  /** A scratch folder, removed with the runs' outputs. */
  scratch(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'conformance-verdicts-'));
    this.outputs.push(dir);
    return dir;
  }

  stopAll(): void {
    for (const child of this.running) stop(child);
  }

  /** Removes the outputs of the runs (kept when the test failed, to be read). */
  removeOutputs(): void {
    for (const dir of this.outputs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }

  /** The output folders of the runs, for a failing test's report. */
  get outputDirs(): readonly string[] {
    return this.outputs;
  }
}

/** Requirement id -> status, for comparing runs and naming what failed. */
export function statuses(results: RunResults): Record<string, string> {
  return Object.fromEntries(results.requirements.map((r) => [r.id, r.status]));
}

export function failedIds(results: RunResults): string[] {
  return results.requirements.filter((r) => r.status === 'failed').map((r) => r.id);
}

/**
 * The child's target settings for a simulator reached at `baseUrl` (itself or a proxy in front of it).
 * A loopback simulator is no staging deployment: the external-target rate limit (10 requests/s) would
 * only stretch a 520-page walk to a minute, so it is lifted as for the embedded simulator.
 */
export function targetOf(
  simulator: SimulatorHandle,
  baseUrl: string,
): Pick<SuiteRunOptions, 'baseUrl' | 'apiKey' | 'orgId' | 'otherApiKey' | 'otherOrgId' | 'env'> {
  return {
    baseUrl,
    env: { CONFORMANCE_MAX_RPS: 'Infinity' },
    apiKey: simulator.apiKey,
    orgId: simulator.orgId,
    ...(simulator.otherOrg ? { otherApiKey: simulator.otherOrg.apiKey, otherOrgId: simulator.otherOrg.orgId } : {}),
  };
}
