// A Scenario is everything that decides how one job unfolds in virtual time. The generators
// produce scenarios, the simulator plays them, and `snapshotAt` (progression.ts) turns a scenario
// and an instant into the snapshot a conforming server returns. Scenarios are plain JSON.
import type { ProcessingType } from './job.js';
import type { Stage } from './stage.js';

export type FileOutcome = 'completed' | 'failed' | 'skipped';

export interface FileScenario {
  /** Source URI, e.g. `s3://bucket/docs/report-3.pdf`; its base name is what query results name. */
  uri: string;
  /** Video or audio: takes the media path, whose job status may lag behind the query endpoint. */
  media: boolean;
  /** How the file ends if the job runs to its end (cancel or job failure may cut it short). */
  outcome: FileOutcome;
}

export type ScenarioEnd =
  /** Run every stage to the end: completed, or completed_with_failures when a file failed. */
  | { kind: 'run' }
  /** Cancelled at `atSecond` after creation, by `by` (ignored when the job has finished by then). */
  | { kind: 'cancel'; atSecond: number; by: string }
  /** The job fails half-way through `stage`. */
  | { kind: 'fail'; stage: Stage; errorCode: string; errorMessage: string }
  /** The job never leaves `stage`: a liveness fault. */
  | { kind: 'stuck'; stage: Stage };

export interface PlaceholderPattern {
  /** 0-based poll numbers of this job answered with the placeholder. */
  polls?: number[];
  /** Probability (0..1) that any poll is answered with the placeholder. */
  probability?: number;
}

export interface Scenario {
  jobType: string;
  collection: string;
  files: FileScenario[];
  /** Seconds from creation to the start of processing. */
  pendingSeconds: number;
  /** Duration of each stage, in the order of STAGES (scanning .. finalizing), in seconds. */
  stageSeconds: [number, number, number, number, number, number];
  end: ScenarioEnd;
  /** Seconds after its real end during which a job with a media file still says running, progress null. */
  mediaLagSeconds: number;
  /** Transient faults: which polls the server answers with the placeholder (played by the simulator). */
  placeholders: PlaceholderPattern;
  processingType: ProcessingType;
}

/** The fixed facts of one job instance: its id and when it was created (epoch ms). */
export interface JobIdentity {
  jobId: string;
  createdAtMs: number;
}
