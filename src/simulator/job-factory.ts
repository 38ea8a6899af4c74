// The scenario behind a job created through the public index endpoints: fixed stage timings,
// media detected by extension, and two rules a person can steer from outside: a file already in
// the collection is `skipped` (skip_existing defaults to true), and a file whose name contains
// `corrupt` fails, so completed_with_failures can be produced without the control API.
import { baseName, isMediaUri } from '../model/file-name.js';
import type { ProcessingType } from '../model/job.js';
import type { FileOutcome, FileScenario, Scenario } from '../model/scenario.js';
import type { Collection } from './collection-store.js';

export interface JobTiming {
  pendingSeconds: number;
  stageSeconds: Scenario['stageSeconds'];
  mediaLagSeconds: number;
}

/** About ten virtual seconds from creation to the end; media stays `running` five more. */
export const DEFAULT_TIMING: JobTiming = {
  pendingSeconds: 1,
  stageSeconds: [1, 2, 2, 1, 3, 1],
  mediaLagSeconds: 5,
};

export interface NewJobRequest {
  jobType: string;
  collection: Collection;
  uris: string[];
  processingType: ProcessingType;
  skipExisting: boolean;
  timing: JobTiming;
}

export function outcomeFor(uri: string, collection: Collection, skipExisting: boolean): FileOutcome {
  if (skipExisting && collection.uris.has(uri)) return 'skipped';
  return baseName(uri).toLowerCase().includes('corrupt') ? 'failed' : 'completed';
}

/** The scenario of a new job; records its uris in the collection (for later skip_existing). */
export function scenarioFor(request: NewJobRequest): Scenario {
  const files: FileScenario[] = request.uris.map((uri) => ({
    uri,
    media: isMediaUri(uri),
    outcome: outcomeFor(uri, request.collection, request.skipExisting),
  }));
  for (const uri of request.uris) request.collection.uris.add(uri);
  return {
    jobType: request.jobType,
    collection: request.collection.name,
    files,
    pendingSeconds: request.timing.pendingSeconds,
    stageSeconds: [...request.timing.stageSeconds],
    end: { kind: 'run' },
    mediaLagSeconds: request.timing.mediaLagSeconds,
    placeholders: {},
    processingType: request.processingType,
  };
}
