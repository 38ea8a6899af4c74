// Every random choice of the client is seeded (src/model/random.ts), so a run (and its waits) can be replayed.

/** A fresh seed for a source nobody seeded: each process jitters differently, yet any seed replays. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000) >>> 0;
}
