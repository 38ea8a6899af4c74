// The evidence contract between conformance tests and the reporter: which annotations and attachments a
// test carries and what each holds. Both sides import it: tests write it (attach.ts), the reporter reads it.
import type { RunFinding } from '../oracle/finding.js';
import type { Observation } from '../oracle/observation.js';
import type { HarEntry } from '../har/har-format.js';
import type { TargetKind } from '../settings/variables.js';

export const REQUIREMENT_ANNOTATION = 'requirement';
export const TARGET_ANNOTATION = 'conformance-target';
export const SEED_ANNOTATION = 'conformance-seed';
/** A line of evidence a test adds, e.g. which query version proved JS-MEDIA-002; the report lists it with the test. */
export const NOTE_ANNOTATION = 'conformance-note';
export const FINDINGS_ATTACHMENT = 'conformance-findings';
export const JUDGED_ATTACHMENT = 'conformance-judged';
export const TIMELINE_ATTACHMENT = 'conformance-timeline';
/** A test's exchanges with the target as HAR entries, gzipped (src/evidence/exchanges.ts); the reporter writes exchanges.har from them. */
export const EXCHANGES_ATTACHMENT = 'conformance-exchanges';

/** Where judged traffic came from: a run's target, or `recorded`: a recording (npm run judge, npm run proxy), not a run of the suite. */
export type TrafficOrigin = TargetKind | 'recorded';

export interface TargetEvidence {
  baseUrl: string;
  kind: TrafficOrigin;
  /** Whether the simulator's `/_sim/` control API answered. */
  controllable: boolean;
}

export interface SeedEvidence {
  seed: number | string;
  /** fast-check's counterexample path, when a property failed. */
  path?: string;
  /** The shell command that replays this seed. */
  command: string;
}

export interface FindingsAttachment {
  /** At the levels of the run's profile (the reporter levels catalogued requirements again from the profile it records). */
  findings: RunFinding[];
}

/** Why a requirement could not be judged: the suite's own trouble, never the target's fault. */
export interface InconclusiveCause {
  /** The requirement it kept from being judged; absent when it concerns every requirement of the test. */
  requirement?: string;
  cause: string;
  /** True when it is the suite's own trouble (budget, network, its deadline): the run broke. */
  suiteTrouble: boolean;
}

/** Which requirements a test's checks actually ran on (held or not), and what kept others from running. */
export interface JudgedAttachment {
  exercised: string[];
  inconclusive: InconclusiveCause[];
}

export interface TimelineAttachment {
  jobId: string;
  timeline: Observation[];
}

/** A requirement id of the catalog, like JS-STATE-001. */
export const REQUIREMENT_ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;

export interface ExchangesAttachment {
  entries: HarEntry[];
}
