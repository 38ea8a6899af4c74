// Opaque, tamper-evident files cursors: the position is signed with a per-process secret, so a
// cursor the server did not issue (malformed, edited, or for another job) is told apart and refused.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface CursorPosition {
  jobId: string;
  offset: number;
}

export class CursorCodec {
  // Random, not seeded: a secret derived from a public seed would let anyone forge cursors.
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  encode(position: CursorPosition): string {
    const payload = Buffer.from(JSON.stringify({ j: position.jobId, o: position.offset })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The position, or null when the cursor is malformed, tampered with, or issued for another job. */
  decode(cursor: string, jobId: string): CursorPosition | null {
    const parts = cursor.split('.');
    if (parts.length !== 2) return null;
    const [payload, signature] = parts as [string, string];
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const { j, o } = (decoded ?? {}) as { j?: unknown; o?: unknown };
    if (j !== jobId || typeof o !== 'number' || !Number.isInteger(o) || o < 0) return null;
    return { jobId: j, offset: o };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url').slice(0, 32);
  }
}
