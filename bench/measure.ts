// Side-by-side timing on a shared machine. The workload is cut into small chunks; every round times
// each contender on each chunk, in an order that rotates from round to round, and a contender's time
// is the sum over chunks of its best time on that chunk. A neighbour's burst of load or a preemption
// then spoils one chunk of one round, not a whole pass, and slow and fast contenders are treated alike
// (with one long pass each, the slow one would be the likelier to be interrupted).

export interface Contender<T> {
  name: string;
  /** Handles one item (a body, a timeline); the result is kept alive so the call is not optimised away. */
  check(item: T): unknown;
}

export interface Timing {
  name: string;
  /** Sum of the best chunk times, in ms: one pass over the workload at its best. */
  bestMs: number;
  /** Units of one pass (items, or what `weight` counts, e.g. observations). */
  units: number;
  /** Units per second at the best pass. */
  perSecond: number;
}

export interface MeasureOptions<T> {
  rounds: number;
  /** Items per chunk (default 100). */
  chunk?: number;
  /** Units an item counts for (default 1). */
  weight?: (item: T) => number;
}

export let sink = 0;

export function interleaved<T>(items: readonly T[], contenders: readonly Contender<T>[], options: MeasureOptions<T>): Timing[] {
  const size = options.chunk ?? 100;
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  const units = items.reduce((n, item) => n + (options.weight?.(item) ?? 1), 0);
  const pass = (c: Contender<T>, chunk: readonly T[]) => {
    let kept = 0;
    for (let i = 0; i < chunk.length; i++) kept += c.check(chunk[i]!) ? 1 : 0;
    sink += kept;
  };
  for (const c of contenders) for (const chunk of chunks) pass(c, chunk); // warm-up: JIT, inline caches; not measured
  const best = contenders.map(() => chunks.map(() => Infinity));
  for (let round = 0; round < options.rounds; round++) {
    chunks.forEach((chunk, k) => {
      for (let j = 0; j < contenders.length; j++) {
        const i = (j + round + k) % contenders.length;
        const started = performance.now();
        pass(contenders[i]!, chunk);
        const ms = performance.now() - started;
        if (ms < best[i]![k]!) best[i]![k] = ms;
      }
    });
  }
  return contenders.map((c, i) => {
    const bestMs = best[i]!.reduce((a, b) => a + b, 0);
    return { name: c.name, bestMs, units, perSecond: (units * 1000) / bestMs };
  });
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const ratio = (n: number): string => `${n.toFixed(2)}x`;
export const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');
