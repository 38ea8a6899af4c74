// The run's rate coordinator (tools/rate-coordinator.ts): turns spaced by the run's rate whichever connection
// asks, round the askers that wait, and a lost coordinator is a named error, never a request sent without a turn.
import { expect, test } from '@playwright/test';
import { coordinatedTurns, RateCoordinatorLost, startRateCoordinator } from '../../tools/rate-coordinator.js';

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
