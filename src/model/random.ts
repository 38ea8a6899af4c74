// Seeded randomness, one generator for the whole project: the client's jitter, the simulator's ids and
// draws and the client check's scenarios all derive from a seed, so any run can be replayed from it.

/** A uniform source in [0, 1). */
export type RandomSource = () => number;

/** mulberry32: small, fast, and good enough for jitter; the same seed gives the same sequence. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
