// Idempotency-Key on the create endpoints (captain-api.md 2.2: "for request deduplication"):
// a repeated key from the same organization on the same path replays the first 2xx answer
// instead of creating a second job. The vendor leaves TTL and conflicts undocumented; here a
// key lives until reset, and the same key on another path is a 422.
import type { Reply } from './reply.js';
import { invalid, issue } from './reply.js';

interface Remembered {
  path: string;
  reply: Reply;
}

export class IdempotencyLedger {
  private readonly answers = new Map<string, Remembered>();

  /** The earlier answer to replay, a 422 for a key reused elsewhere, or undefined to go ahead. */
  lookup(orgId: string, key: string, path: string): Reply | undefined {
    const seen = this.answers.get(`${orgId}\u0000${key}`);
    if (!seen) return undefined;
    if (seen.path !== path)
      return invalid(issue(['header', 'Idempotency-Key'], 'This Idempotency-Key was used for another request', 'value_error'));
    return { ...seen.reply, headers: { ...seen.reply.headers, 'idempotent-replayed': 'true' } };
  }

  remember(orgId: string, key: string, path: string, reply: Reply): void {
    if (reply.status >= 200 && reply.status < 300) this.answers.set(`${orgId}\u0000${key}`, { path, reply });
  }

  clear(): void {
    this.answers.clear();
  }
}
