// How a caller tunes the reference poller, and the settings the poll step decides with: every
// default in one place, so the pure step never has to guess one.
import type { Observation } from '../oracle/observation.js';
import type { Clock } from './clock.js';
import type { FileMatcher } from './file-match.js';
import { isMediaMatcher } from './media.js';
import type { QueryVersionChoice } from './query-version.js';
import type { RandomSource } from '../model/random.js';

/**
 * Prove a media job indexed through the collection's query endpoint: `POST /v3/collections/{collection}/query`
 * first, the legacy v2 one where v3 is not served (or as `version` pins it).
 */
export interface MediaFallbackOptions {
  collection: string;
  /** The query text, e.g. words spoken in the video. */
  query: string;
  /** The file to find in the results. */
  match: FileMatcher;
  /** A job still `running` with `progress: null` this long (ms) engages the fallback (default 60 000). */
  stuckAfterMs?: number;
  /** Treat the job as media from the first poll (default: decided from `match` and the job's files). */
  media?: boolean;
  /** `top_k` (v2) or `limit` (v3) of the query (default 10). */
  topK?: number;
  /** `auto` (default): v3, and v2 where v3 is not served; `v3` or `v2` asks that version only. */
  version?: QueryVersionChoice;
}

export interface PollJobOptions {
  /** Give up after this long, in ms (default 30 minutes). */
  deadlineMs?: number;
  signal?: AbortSignal;
  /** Where time comes from and how to sleep (default: the system clock). */
  clock?: Clock;
  /** Source of jitter, drawn once per status answer (default: `seededRandom(seed)`). */
  random?: RandomSource;
  /** Seed of the default random source (default: a fresh one per run). */
  seed?: number;
  /** Bounds of the spacing between polls, in ms (defaults 1 000 and 30 000). */
  minIntervalMs?: number;
  maxIntervalMs?: number;
  /** Spacing when the server gives no ETA, in ms (default 5 000). */
  defaultIntervalMs?: number;
  /** First wait after a placeholder, doubling while they last, never above the regular spacing (default 2 000). */
  placeholderDelayMs?: number;
  /** Consecutive 5xx, network errors or malformed bodies tolerated before giving up (default 5). */
  maxRetries?: number;
  /** Full-jitter back-off for those retries, in ms (defaults 1 000 and 30 000). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** `files_limit` of each status poll (default: the server's). */
  filesLimit?: number;
  /** Called with each classified answer of the status endpoint, as it arrives. */
  onObservation?: (observation: Observation) => void;
  fallback?: MediaFallbackOptions;
}

/** The media fallback with its defaults filled in. */
export interface FallbackSettings {
  collection: string;
  query: string;
  topK: number;
  match: FileMatcher;
  stuckAfterMs: number;
  /** The job is taken for media from the first poll. */
  media: boolean;
  version: QueryVersionChoice;
}

/** What the poll step decides with: plain numbers, every default applied. */
export interface PollSettings {
  deadlineMs: number;
  minIntervalMs: number;
  maxIntervalMs: number;
  defaultIntervalMs: number;
  placeholderDelayMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  fallback?: FallbackSettings;
}

function fallbackSettingsOf(fallback: MediaFallbackOptions): FallbackSettings {
  return {
    collection: fallback.collection,
    query: fallback.query,
    topK: fallback.topK ?? 10,
    match: fallback.match,
    stuckAfterMs: fallback.stuckAfterMs ?? 60_000,
    media: fallback.media ?? isMediaMatcher(fallback.match),
    version: fallback.version ?? 'auto',
  };
}

export function pollSettingsOf(options: PollJobOptions): PollSettings {
  const minIntervalMs = options.minIntervalMs ?? 1_000;
  return {
    deadlineMs: options.deadlineMs ?? 30 * 60_000,
    minIntervalMs,
    maxIntervalMs: Math.max(minIntervalMs, options.maxIntervalMs ?? 30_000),
    defaultIntervalMs: options.defaultIntervalMs ?? 5_000,
    placeholderDelayMs: options.placeholderDelayMs ?? 2_000,
    maxRetries: options.maxRetries ?? 5,
    retryBaseMs: options.retryBaseMs ?? 1_000,
    retryMaxMs: options.retryMaxMs ?? 30_000,
    ...(options.fallback ? { fallback: fallbackSettingsOf(options.fallback) } : {}),
  };
}
