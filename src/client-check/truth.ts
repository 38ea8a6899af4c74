// What a scenario's job truly does, from the model alone: the terminal status (renamed where the scenario
// speaks the vendor's statuses), when it is reached, and when a media file's content becomes searchable.
import { indexedFilesAt, snapshotAt, terminalSecond } from '../model/progression.js';
import type { Scenario } from '../model/scenario.js';
import type { WireFault } from '../model/wire-fault.js';

export interface JobTruth {
  /** The terminal status a client must conclude. */
  status: string;
  /** Seconds after creation it is reached. */
  endS: number;
  /** Seconds after creation the first file is searchable (Infinity when none ever is). */
  searchableS: number;
}

const IDENTITY = { jobId: 'truth', createdAtMs: 0 };

export function truthOf(job: Scenario, faults: readonly WireFault[]): JobTruth {
  const endS = terminalSecond(job);
  const status = String(snapshotAt(job, IDENTITY, Math.ceil(endS * 1000) + 1).status);
  const renamed = faults.find((f) => f.kind === 'status-as' && f.status === status);
  let searchableS = Infinity;
  for (let ms = 0; ms <= Math.min(endS, 600) * 1000; ms += 100) {
    if (indexedFilesAt(job, IDENTITY, ms).length > 0) {
      searchableS = ms / 1000;
      break;
    }
  }
  return { status: renamed?.kind === 'status-as' ? renamed.as : status, endS, searchableS };
}
