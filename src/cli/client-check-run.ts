// Plays client-check scenarios side by side at real time: for each, a simulator of its own (its dialect,
// its wire faults, a request log), the user's client as a child process with the contract's environment
// (docs/client-check.md), and the reference poller in-process on a twin simulator as the measure of a
// bounded number of requests. A client that never exits is stopped at the deadline, its whole process
// group with it; nothing it does (no output, garbage, a flood) can hang or crash the run.
import { CLIENT_OUTPUT_TAIL_CHARS } from '../contract/limits.js';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { CaptainClient } from '../client/captain-client.js';
import { pollJob } from '../client/poll-job.js';
import type { PollJobOptions } from '../client/poll-settings.js';
import type { Profile } from '../contract/catalog.js';
import type { ScenarioOutcome } from '../client-check/outcome.js';
import type { ClientScenario } from '../client-check/scenario.js';
import { redactor } from '../redaction/redact.js';
import { judgeScenario, type ClientProcessEnd, type ScenarioJudgement, type ScenarioRun } from '../client-check/judge.js';
import type { AroundRequest } from '../simulator/context.js';
import { dialectNamed } from '../simulator/dialect.js';
import { RequestLog } from '../simulator/request-log.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { wireFaultsAround } from '../simulator/wire-faults.js';

export interface RunOptions {
  /** The client's command and its arguments. */
  command: string;
  args: readonly string[];
  deadlineS: number;
  profile: Profile;
  /** Scenarios played at once (default: all), or lanes shared with other checks running beside this one. */
  concurrency?: number;
  lanes?: Lanes;
  /** Working directory of the client (default: this process's). */
  cwd?: string;
  /** Called as each scenario ends. */
  onScenario?: (judgement: ScenarioJudgement) => void;
}

/** The check could not run the client at all: its own trouble or the command's, never a finding. */
export class CheckBroke extends Error {}

const KILL_GRACE_MS = 2_000;

interface Stage {
  handle: SimulatorHandle;
  log: RequestLog;
  jobId: string;
  /** When the job was created: the client's first request (its start-up time is not the job's), else staging time. */
  createdAtMs(): number;
  apiKey: string;
  orgId: string;
}

/**
 * A simulator playing the scenario's job (or none, for an unknown id) behind its wire faults, recording
 * every request. The job is created when the client first asks: a client's start-up (a runtime loading
 * under a busy machine) must not eat the lifecycle it is checked against.
 */
async function stage(scenario: ClientScenario): Promise<Stage> {
  const apiKey = `cc-${randomBytes(12).toString('hex')}`;
  const orgId = randomUUID();
  const log = new RequestLog({ apiKey, orgId });
  let around: AroundRequest | undefined;
  let start: (() => void) | undefined;
  const handle = await startSimulator({
    env: {},
    apiKey,
    orgId,
    otherOrg: null,
    control: false,
    dialect: scenario.dialect,
    seed: scenario.seed ?? 20240601,
    v2Query: scenario.v2Query ?? true,
    requestLog: log,
    around: (request, next) => {
      start?.();
      return around ? around(request, next) : next();
    },
  });
  const now = () => handle.clock.now();
  let createdAtMs = now();
  const { collection } = handle.state.collections.ensure(orgId, scenario.job?.collection ?? 'client-check', createdAtMs);
  const job = scenario.job
    ? handle.state.jobs.create({ orgId, collectionId: collection.collectionId, scenario: structuredClone(scenario.job), createdAtMs })
    : undefined;
  for (const file of scenario.job?.files ?? []) collection.uris.add(file.uri);
  const jobId: string = job?.identity.jobId ?? randomUUID();
  const dialect = dialectNamed(scenario.dialect);
  const begin = (atMs: number) => {
    createdAtMs = atMs;
    if (job) job.identity = { jobId, createdAtMs: atMs };
    around = wireFaultsAround(scenario.faults, { jobId, createdAtMs: atMs, dialect, now });
  };
  begin(createdAtMs);
  start = () => {
    start = undefined;
    begin(now());
  };
  return { handle, log, jobId, createdAtMs: () => createdAtMs, apiKey, orgId };
}

/** The contract's environment, and nothing of this process's own Captain or suite settings. */
function clientEnv(scenario: ClientScenario, s: Stage): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([key]) =>
      !/^(CAPTAIN_|CONFORMANCE_|npm_)/i.test(key) && key !== 'NODE_OPTIONS' && !key.startsWith('PLAYWRIGHT') && key !== 'TEST_WORKER_INDEX',
  );
  return {
    ...Object.fromEntries(inherited),
    CAPTAIN_BASE_URL: s.handle.baseUrl,
    CAPTAIN_API_KEY: s.apiKey,
    CAPTAIN_ORG_ID: s.orgId,
    CAPTAIN_JOB_ID: s.jobId,
    CAPTAIN_COLLECTION: scenario.job?.collection ?? 'client-check',
    ...(scenario.mediaQuery !== undefined ? { CAPTAIN_MEDIA_QUERY: scenario.mediaQuery } : {}),
  };
}

function tail(text: string, chunk: Buffer): string {
  const joined = text + chunk.toString('utf8');
  return joined.length > CLIENT_OUTPUT_TAIL_CHARS ? joined.slice(joined.length - CLIENT_OUTPUT_TAIL_CHARS) : joined;
}

/** Clients running now: their own process groups, so an interrupted check must stop them itself. */
const running = new Set<number>();

/** Stops every client still running (the CLI calls it when it is interrupted). */
export function stopAllClients(): void {
  for (const pid of running) killGroup(pid, 'SIGKILL');
  running.clear();
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Runs the client to its end or to the deadline; rejects with CheckBroke only when it cannot be started. */
function runClient(options: RunOptions, env: NodeJS.ProcessEnv): Promise<ClientProcessEnd> {
  return new Promise((resolve, reject) => {
    const startedAtMs = Date.now();
    let stdout = '';
    let stderr = '';
    let stoppedAtDeadline = false;
    const child = spawn(options.command, [...options.args], {
      env,
      cwd: options.cwd ?? process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: the deadline stops its children too
    });
    if (child.pid !== undefined) running.add(child.pid);
    child.stdout.on('data', (chunk: Buffer) => (stdout = tail(stdout, chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = tail(stderr, chunk)));
    let killer: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => {
      stoppedAtDeadline = true;
      killGroup(child.pid, 'SIGTERM');
      killer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
    }, options.deadlineS * 1000);
    child.on('error', (error) => {
      clearTimeout(deadline);
      reject(new CheckBroke(`the client command could not be started: ${options.command}: ${error.message}`));
    });
    child.on('exit', (exitCode, signal) => {
      const endedAtMs = Date.now();
      clearTimeout(deadline);
      // Whatever it left running in its group goes with it; its output pipes then close.
      setTimeout(() => {
        killGroup(child.pid, 'SIGKILL');
        if (child.pid !== undefined) running.delete(child.pid);
        if (killer) clearTimeout(killer);
        child.stdout.destroy();
        child.stderr.destroy();
        resolve({ exitCode, signal, stoppedAtDeadline, startedAtMs, endedAtMs, stdout, stderr });
      }, 100);
    });
  });
}

/** The reference poller's options, as examples/clients/reference.mjs passes them. */
export function referenceOptions(scenario: ClientScenario, jobId: string, deadlineS: number): PollJobOptions {
  return {
    deadlineMs: deadlineS * 1000,
    seed: [...jobId].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261),
    ...(scenario.mediaQuery !== undefined
      ? { fallback: { collection: scenario.job?.collection ?? 'client-check', query: scenario.mediaQuery, match: () => true } }
      : {}),
  };
}

/** How many requests the reference poller sends on the same scenario (its own simulator). */
async function referenceRequests(scenario: ClientScenario, deadlineS: number): Promise<number | null> {
  const s = await stage(scenario);
  try {
    const client = new CaptainClient({ baseUrl: s.handle.baseUrl, apiKey: s.apiKey, organizationId: s.orgId });
    await pollJob(client, s.jobId, referenceOptions(scenario, s.jobId, deadlineS));
    return s.log.total;
  } catch {
    return null;
  } finally {
    await s.handle.close();
  }
}

export async function runScenario(scenario: ClientScenario, options: RunOptions): Promise<ScenarioOutcome> {
  const s = await stage(scenario);
  try {
    const [ended, reference] = await Promise.all([
      runClient(options, clientEnv(scenario, s)),
      referenceRequests(scenario, options.deadlineS),
    ]);
    // Whatever the client printed goes into the report: never with its key in it.
    const redact = redactor([s.apiKey]);
    const client = { ...ended, stdout: redact(ended.stdout), stderr: redact(ended.stderr) };
    const run: ScenarioRun = {
      scenario,
      jobId: s.jobId,
      createdAtMs: s.createdAtMs(),
      deadlineS: options.deadlineS,
      requests: s.log.entries,
      requestsTotal: s.log.total,
      referenceRequests: reference,
      client,
    };
    const judgement = judgeScenario(run, options.profile);
    options.onScenario?.(judgement);
    return { judgement, run };
  } finally {
    await s.handle.close();
  }
}

/** At most `size` scenarios at once, however many checks share them (a loaded machine makes every client late). */
export class Lanes {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

/** Every scenario, side by side (at most `concurrency` at once, or in the shared `lanes`), in the order given. */
export function runScenarios(scenarios: readonly ClientScenario[], options: RunOptions): Promise<ScenarioOutcome[]> {
  const lanes = options.lanes ?? new Lanes(options.concurrency ?? scenarios.length);
  return Promise.all(scenarios.map((scenario) => lanes.run(() => runScenario(scenario, options))));
}
