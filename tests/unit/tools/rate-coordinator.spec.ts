// The run's rate coordinator (tools/rate-coordinator.ts): turns spaced by the run's rate whichever connection
// asks, round the askers that wait, and a lost coordinator is a named error, never a request sent without a turn.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createLedgerFile, removeLedgerFile } from '../../../tools/budget-ledger.js';
import { coordinatedTurns, RateCoordinatorLost, startRateCoordinator } from '../../../tools/rate-coordinator.js';

/** libuv keeps time in whole milliseconds: a timer may fire up to 1 ms before its exact mark. */
const TIMER_GRANULARITY_MS = 1;

test('turns asked by two workers and the runner at once are given 1000/perSecond ms apart, every one of them', async () => {
  const perSecond = 100;
  const givenAt: number[] = [];
  const coordinator = await startRateCoordinator(perSecond, (at) => givenAt.push(at));
  try {
    const workers = [coordinatedTurns(coordinator.address), coordinatedTurns(coordinator.address)];
    await Promise.all([
      ...Array.from({ length: 8 }, () => workers[0]!()),
      ...Array.from({ length: 8 }, () => workers[1]!()),
      ...Array.from({ length: 4 }, () => coordinator.turn()),
    ]);
    expect(coordinator.given()).toBe(20);
    const gaps = givenAt.slice(1).map((t, i) => t - givenAt[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / perSecond - TIMER_GRANULARITY_MS);
  } finally {
    await coordinator.close();
  }
});

test('a worker that keeps asking does not starve one that asks now and then: turns go round the waiting askers', async () => {
  const coordinator = await startRateCoordinator(200);
  try {
    const busy = coordinatedTurns(coordinator.address);
    const sparse = coordinatedTurns(coordinator.address);
    const order: string[] = [];
    const busyTurns = Array.from({ length: 12 }, () => busy().then(() => order.push('busy')));
    // The busy worker's 12 asks are queued first; the sparse worker's 3 still come among the first turns.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const sparseTurns = Array.from({ length: 3 }, () => sparse().then(() => order.push('sparse')));
    await Promise.all([...busyTurns, ...sparseTurns]);
    const lastSparse = order.lastIndexOf('sparse');
    expect(order.filter((o) => o === 'sparse')).toHaveLength(3);
    expect(lastSparse, `order of turns: ${order.join(' ')}`).toBeLessThan(12);
  } finally {
    await coordinator.close();
  }
});

test('a coordinator that is gone fails the ask with a named error', async () => {
  const coordinator = await startRateCoordinator(10);
  const turn = coordinatedTurns(coordinator.address);
  await turn();
  await coordinator.close();
  await expect(turn()).rejects.toBeInstanceOf(RateCoordinatorLost);
});

const SENDER = path.join(import.meta.dirname, 'rate-ceiling-sender.ts');
const PROCESSES = 3;

/** A sender process: `ready` once it is loaded, then `go()` makes it send and gives what it printed last. */
function sender(args: readonly string[]): { ready: Promise<{ go: () => Promise<string> }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', SENDER, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<string>((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve(out.slice(out.indexOf('ready\n') + 6)) : reject(new Error(`sender exited ${code}: ${out}`)),
    ),
  );
  const ready = new Promise<{ go: () => Promise<string> }>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (out.includes('ready\n')) resolve({ go: () => (child.stdin.end('go\n'), exited) });
    });
    exited.catch(reject);
  });
  return { ready };
}

/**
 * In the spirit of tests/verdicts/polite.spec.ts, measured at the target, but with demand no run's pollers
 * guarantee: every process asks for all its requests at once. A rate kept per process would let PROCESSES
 * times the rate through; the run's coordinator keeps the target at the rate. Arriving, n requests span the
 * (n - 1) spacings at which their turns were given, less one delivery's delay: ALLOWANCE is for that.
 */
test('processes that all send at once reach the target no faster than the run’s rate, and no more often than its budget', async () => {
  const [perSecond, each, budget, ALLOWANCE] = [12, 30, 72, 1.1];
  const arrivals: number[] = [];
  const target = createServer((req, res) => {
    arrivals.push(performance.now());
    res.end('{}');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/v2/jobs/x`;
  const coordinator = await startRateCoordinator(perSecond);
  const dir = mkdtempSync(path.join(tmpdir(), 'rate-ceiling-'));
  const ledger = createLedgerFile(path.basename(dir));
  try {
    const args = [coordinator.address, ledger, url, String(each), String(budget), String(perSecond)];
    const outputs = await Promise.all(Array.from({ length: PROCESSES }, () => sender(args)).map((s) => s.ready)).then((senders) =>
      Promise.all(senders.map((s) => s.go())),
    );
    const refused = outputs.reduce((sum, o) => sum + (JSON.parse(o) as { refused: number }).refused, 0);
    expect(arrivals.length, 'requests at the target: the budget, shared by every process').toBe(budget);
    expect(refused, 'the requests past the budget were refused, never sent').toBe(PROCESSES * each - budget);
    const mean = (arrivals.length - 1) / ((arrivals.at(-1)! - arrivals[0]!) / 1000);
    expect(mean, `mean of ${mean.toFixed(1)} requests per second at the target`).toBeLessThanOrEqual(perSecond * ALLOWANCE);
  } finally {
    removeLedgerFile(ledger);
    rmSync(dir, { recursive: true, force: true });
    await coordinator.close();
    await new Promise((resolve) => target.close(resolve));
  }
});
