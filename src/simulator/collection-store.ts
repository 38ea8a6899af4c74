// Collections per organization. Deleting one and creating the name again gives a new
// collection id, so documents of the old one never reappear in queries.
import { seededRandom } from '../model/random.js';
import { uuidFrom } from './random.js';

export interface Collection {
  name: string;
  collectionId: string;
  orgId: string;
  description: string | null;
  createdAtMs: number;
  /** Numbering of `snippet-{N}.txt` for text indexed without a filename. */
  snippets: number;
  /** File uris indexed or being indexed here (for `skip_existing`). */
  uris: Set<string>;
  /** Documents deleted one by one: uri -> the newest job's seq then (a job created later indexes the file again). */
  removed: Map<string, number>;
  /** The newest job's seq when every document was last deleted (0: never). */
  wipedAtSeq: number;
}

/** Captain's rule (MCP copy tool): 3-63 chars, letters, digits, '-' and '_', alphanumeric at both ends. */
export const COLLECTION_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{1,61})[A-Za-z0-9]$/;

export class CollectionStore {
  private readonly collections = new Map<string, Collection>();
  private nextRandom: () => number;

  constructor(private readonly seed: number) {
    // Offset from the job store's stream so collection and job ids never coincide.
    this.nextRandom = seededRandom(seed ^ 0x5bd1e995);
  }

  get(orgId: string, name: string): Collection | undefined {
    return this.collections.get(key(orgId, name));
  }

  /** Creates the collection unless it exists; says which. */
  ensure(orgId: string, name: string, nowMs: number, description: string | null = null): { collection: Collection; created: boolean } {
    const existing = this.get(orgId, name);
    if (existing) return { collection: existing, created: false };
    const collection: Collection = {
      name,
      collectionId: uuidFrom(this.nextRandom),
      orgId,
      description,
      createdAtMs: nowMs,
      snippets: 0,
      uris: new Set(),
      removed: new Map(),
      wipedAtSeq: 0,
    };
    this.collections.set(key(orgId, name), collection);
    return { collection, created: true };
  }

  /** The organization's collections, oldest first. */
  of(orgId: string): Collection[] {
    return [...this.collections.values()].filter((c) => c.orgId === orgId);
  }

  delete(orgId: string, name: string): boolean {
    return this.collections.delete(key(orgId, name));
  }

  clear(): void {
    this.collections.clear();
    this.nextRandom = seededRandom(this.seed ^ 0x5bd1e995);
  }
}

function key(orgId: string, name: string): string {
  return `${orgId}\u0000${name}`;
}
