// One test of a run as the reporter records it: results.ts decides statuses from these, and
// kept-timelines.ts picks the timelines worth keeping from them (its own file: both import it, neither the other).
import type { TestEvidence } from '../evidence/read-evidence.js';
import type { TestStatus } from './verdict.js';

/** One test of the run as the reporter saw it: its last result and the evidence it carried. */
export interface TestRecord {
  id: string;
  title: string;
  file: string;
  line: number;
  project: string;
  status: TestStatus;
  durationMs: number;
  error?: string;
  evidence: TestEvidence;
}
