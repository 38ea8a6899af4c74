// The simulator's speed: status requests per second on loopback (target >= 5,000/s, several
// keep-alive connections, the server in its own process as `npm run simulator` runs it), and the
// real time a 60-virtual-second job takes at the suite's time scale (target < 1 s).
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { SUITE_TIME_SCALE } from '../src/simulator/clock.js';
import { DEFAULT_API_KEY } from '../src/simulator/auth.js';

const CONNECTIONS = 16;
const DURATION_MS = 1500;
/** Simulator and bare server are measured in alternating rounds and the best round counts: the
 * machines are shared, so a single round mostly measures the neighbours' load. */
const ROUNDS = 3;
/** Files of the polled job: a small job, as the conformance suite creates them. */
const FILES = 5;
const KEY = DEFAULT_API_KEY;

interface Target {
  baseUrl: string;
  child: ChildProcess;
}

/** A bare node:http server answering a fixed JSON body: the ceiling this machine allows right now. */
const BARE_SERVER = `require('node:http').createServer((q, s) => { s.writeHead(200, {'content-type': 'application/json'}); s.end('{"ok":true}'); })
  .listen(0, '127.0.0.1', function () { console.log('on http://127.0.0.1:' + this.address().port); });`;

async function startChild(bare = false): Promise<Target> {
  const cli = fileURLToPath(new URL('../src/cli/simulator.ts', import.meta.url));
  const args = bare ? ['-e', BARE_SERVER] : ['--import', 'tsx', cli, '--port', '0', '--time-scale', String(SUITE_TIME_SCALE)];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, CAPTAIN_API_KEY: KEY },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${out}`)));
  });
  return { baseUrl, child };
}

function send(agent: Agent, url: string, method = 'GET', body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      { method, agent, headers: { authorization: `Bearer ${KEY}`, ...(payload ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function createJob(agent: Agent, baseUrl: string, stageSeconds: number[], files: number): Promise<string> {
  const scenario = {
    jobType: 'index_s3',
    collection: 'bench',
    files: Array.from({ length: files }, (_, i) => ({ uri: `s3://bench/doc-${i}.pdf`, media: false, outcome: 'completed' })),
    pendingSeconds: 0,
    stageSeconds,
    end: { kind: 'run' },
    mediaLagSeconds: 0,
    placeholders: {},
    processingType: 'basic',
  };
  const created = await send(agent, `${baseUrl}/_sim/scenarios`, 'POST', scenario);
  if (created.status !== 201) throw new Error(`scenario refused: ${created.status} ${created.text}`);
  return (JSON.parse(created.text) as { job_id: string }).job_id;
}

/** Requests per second that `url` serves with 200 over CONNECTIONS keep-alive connections. */
async function throughput(agent: Agent, url: string): Promise<{ rate: number; served: number; failed: number; seconds: number }> {
  let served = 0;
  let failed = 0;
  const until = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const answer = await send(agent, url);
        if (answer.status === 200) served++;
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { rate: served / seconds, served, failed, seconds };
}

async function statusThroughput(baseUrl: string): Promise<string[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  // A long job with FILES files, so every answer is a full running snapshot, not a tiny error.
  const jobId = await createJob(agent, baseUrl, [600, 600, 600, 600, 600, 600], FILES);
  const bare = await startChild(true);
  const bareAgent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const best = (a: Awaited<ReturnType<typeof throughput>> | undefined, b: Awaited<ReturnType<typeof throughput>>) =>
    a && a.rate >= b.rate ? a : b;
  try {
    let sim: Awaited<ReturnType<typeof throughput>> | undefined;
    let ceiling: Awaited<ReturnType<typeof throughput>> | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      sim = best(sim, await throughput(agent, `${baseUrl}/v2/jobs/${jobId}`));
      ceiling = best(ceiling, await throughput(bareAgent, `${bare.baseUrl}/`));
    }
    if (!sim || !ceiling) throw new Error('no round ran');
    return [
      `status requests (${FILES}-file running job): ${Math.round(sim.rate)}/s over ${CONNECTIONS} keep-alive connections, best of ${ROUNDS} rounds of ${sim.seconds.toFixed(1)} s (${sim.served} served, ${sim.failed} not 200; target >= 5000/s: ${sim.rate >= 5000 ? 'met' : 'MISSED'})`,
      `bare node:http ceiling on this machine now: ${Math.round(ceiling.rate)}/s (the simulator reaches ${Math.round((100 * sim.rate) / ceiling.rate)}% of it)`,
    ];
  } finally {
    agent.destroy();
    bareAgent.destroy();
    bare.child.kill('SIGTERM');
  }
}

async function sixtySecondJob(baseUrl: string): Promise<string> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const jobId = await createJob(agent, baseUrl, [10, 10, 10, 10, 10, 10], 5);
  const started = performance.now();
  let status = 'pending';
  let polls = 0;
  while (!['completed', 'completed_with_failures', 'failed', 'cancelled'].includes(status)) {
    status = (JSON.parse((await send(agent, `${baseUrl}/v2/jobs/${jobId}`)).text) as { status: string }).status;
    polls++;
    if (performance.now() - started > 30_000) throw new Error('the 60-second job did not end within 30 real seconds');
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - started;
  agent.destroy();
  return `60-virtual-second job at time scale ${SUITE_TIME_SCALE}: ${status} after ${Math.round(ms)} ms real (${polls} polls; target < 1000 ms: ${ms < 1000 ? 'met' : 'MISSED'})`;
}

export default async function (): Promise<string[]> {
  const target = await startChild();
  try {
    return [...(await statusThroughput(target.baseUrl)), await sixtySecondJob(target.baseUrl)];
  } finally {
    target.child.kill('SIGTERM');
  }
}
