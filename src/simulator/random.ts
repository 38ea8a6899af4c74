// Seeded randomness: every random choice of the simulator (ids, invented files, placeholder
// draws) derives from the seed, so a run can be replayed from it.

import { seededRandom } from '../model/random.js';

/** A stable 32-bit hash of a string (FNV-1a). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A draw in [0, 1) fixed by the seed and the parts, independent of request interleaving. */
export function drawFor(seed: number, ...parts: (string | number)[]): number {
  return seededRandom(hash32(`${seed}|${parts.join('|')}`))();
}

/** A UUID-shaped id (version 4 layout) from a PRNG. */
export function uuidFrom(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Math.floor(next() * 4) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
