import { test, expect } from '@playwright/test';
import { SUITE_TIME_SCALE, SimulatorClock } from '../../../src/simulator/clock.js';

function fakeReal(start = 1000) {
  let now = start;
  return { now: () => now, move: (ms: number) => (now += ms) };
}

test.describe('SimulatorClock', () => {
  test('a scaled clock runs scale virtual ms per real ms', () => {
    const real = fakeReal();
    const clock = new SimulatorClock({ startMs: 0, scale: 100, realNow: real.now });
    real.move(10);
    expect(clock.now()).toBe(1000);
  });

  test('a manual clock stands still until advanced', () => {
    const real = fakeReal();
    const clock = new SimulatorClock({ startMs: 5000, manual: true, realNow: real.now });
    real.move(60_000);
    expect(clock.now()).toBe(5000);
    clock.advance(250);
    expect(clock.now()).toBe(5250);
  });

  test('changing scale or mode never makes virtual time jump or go back', () => {
    const real = fakeReal();
    const clock = new SimulatorClock({ startMs: 0, scale: 10, realNow: real.now });
    real.move(100);
    expect(clock.now()).toBe(1000);
    clock.configure({ scale: 1 });
    expect(clock.now()).toBe(1000);
    real.move(100);
    expect(clock.now()).toBe(1100);
    clock.configure({ manual: true });
    real.move(100);
    expect(clock.now()).toBe(1100);
    clock.configure({ manual: false });
    real.move(5);
    expect(clock.now()).toBe(1105);
  });

  test('rejects a non-positive scale and a negative advance', () => {
    expect(() => new SimulatorClock({ scale: 0 })).toThrow(RangeError);
    const clock = new SimulatorClock({ manual: true });
    expect(() => clock.configure({ scale: -1 })).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  test('a clock at the suite time scale plays 60 virtual seconds in under one real second', () => {
    const real = fakeReal();
    const clock = new SimulatorClock({ startMs: 0, scale: SUITE_TIME_SCALE, realNow: real.now });
    real.move(999);
    expect(clock.now()).toBeGreaterThanOrEqual(60_000);
  });

  test('state reports the instant as ISO 8601 with the mode', () => {
    const clock = new SimulatorClock({ startMs: Date.UTC(2026, 0, 1), manual: true });
    expect(clock.state()).toEqual({ nowMs: Date.UTC(2026, 0, 1), now: '2026-01-01T00:00:00.000Z', scale: 1, manual: true });
  });
});
