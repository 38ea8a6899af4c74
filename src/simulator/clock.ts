// The simulator's clock: virtual time, scaled or frozen (the client's VirtualClock is another thing:
// a poller's clock whose sleeps are instant). Job state is computed from it at request time, so nothing
// is driven by timers: a scaled clock runs `scale` virtual ms per real ms, a manual clock stands still
// until told to advance (deterministic tests never sleep).

/** The time scale the conformance suite runs the simulator at: a 60-second job takes 0.6 s. */
export const SUITE_TIME_SCALE = 100;

export interface ClockState {
  nowMs: number;
  now: string;
  scale: number;
  manual: boolean;
}

export interface ClockOptions {
  /** Virtual ms per real ms (default 1). */
  scale?: number;
  /** Stand still until `advance` (default false). */
  manual?: boolean;
  /** The virtual instant the clock starts at (default: the real time at creation). */
  startMs?: number;
  /** The real monotonic time source, in ms (injectable for tests). */
  realNow?: () => number;
}

export class SimulatorClock {
  private readonly realNow: () => number;
  private baseVirtualMs: number;
  private baseRealMs: number;
  private scaleValue: number;
  private manualValue: boolean;

  constructor(options: ClockOptions = {}) {
    this.realNow = options.realNow ?? (() => performance.now());
    this.baseVirtualMs = options.startMs ?? Date.now();
    this.baseRealMs = this.realNow();
    this.scaleValue = checkScale(options.scale ?? 1);
    this.manualValue = options.manual ?? false;
  }

  /** The current virtual instant, epoch ms (integer, so timestamps are stable). */
  now(): number {
    if (this.manualValue) return this.baseVirtualMs;
    return Math.floor(this.baseVirtualMs + (this.realNow() - this.baseRealMs) * this.scaleValue);
  }

  get scale(): number {
    return this.scaleValue;
  }

  get manual(): boolean {
    return this.manualValue;
  }

  /** Changes the scale and/or mode from this instant on; virtual time never jumps or goes back. */
  configure(change: { scale?: number; manual?: boolean }): void {
    this.rebase();
    if (change.scale !== undefined) this.scaleValue = checkScale(change.scale);
    if (change.manual !== undefined) this.manualValue = change.manual;
  }

  /** Moves virtual time forward by `ms` (either mode). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.rebase();
    this.baseVirtualMs += ms;
  }

  state(): ClockState {
    const nowMs = this.now();
    return { nowMs, now: new Date(nowMs).toISOString(), scale: this.scaleValue, manual: this.manualValue };
  }

  private rebase(): void {
    this.baseVirtualMs = this.now();
    this.baseRealMs = this.realNow();
  }
}

function checkScale(scale: number): number {
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`time scale must be a positive number, got ${scale}`);
  return scale;
}
