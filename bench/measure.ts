// Side-by-side timing: contenders run in interleaved rounds in this one process and the best round of
// each counts, so a neighbour's burst of load hurts every contender alike or none of them.

export interface Contender {
  name: string;
  /** One pass over the workload; returns how many items it handled. */
  run(): number;
}

export interface Timing {
  name: string;
  /** Best pass, in ms. */
  bestMs: number;
  /** Items of one pass. */
  items: number;
  /** Items per second in the best pass. */
  perSecond: number;
}

/** Best-of-`rounds` timings of every contender, rounds interleaved (A B C, A B C, ...), after one warm-up pass each. */
export function interleaved(contenders: readonly Contender[], rounds: number): Timing[] {
  for (const contender of contenders) contender.run(); // warm-up: JIT and inline caches, not measured
  const best = contenders.map((c) => ({ name: c.name, bestMs: Infinity, items: 0, perSecond: 0 }));
  for (let round = 0; round < rounds; round++) {
    contenders.forEach((contender, i) => {
      const started = performance.now();
      const items = contender.run();
      const ms = performance.now() - started;
      const slot = best[i]!;
      if (ms < slot.bestMs) Object.assign(slot, { bestMs: ms, items, perSecond: (items * 1000) / ms });
    });
  }
  return best;
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const ratio = (n: number): string => `${n.toFixed(2)}x`;
export const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');
