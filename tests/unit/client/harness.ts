// Shared pieces of the client tests: a virtual clock, a client wired to it, and job bodies.
import nock from 'nock';
import { CaptainClient, type CaptainClientOptions } from '../../../src/client/captain-client.js';
import { VirtualClock } from '../../../src/client/clock.js';
import type { Exchange } from '../../../src/oracle/exchange.js';
import type { JobSnapshot, Placeholder } from '../../../src/model/job.js';

export const BASE = 'http://captain.test';
export const KEY = 'cap_dev_Zk3yS3cr3tV4lue0123456789';
export const ORG = '7f0c7a1e-3d5b-4c7a-9d2e-1b2c3d4e5f60';
export const T0 = Date.parse('2026-03-01T10:00:00.000Z');

export interface Harness {
  clock: VirtualClock;
  client: CaptainClient;
  /** Every exchange the client recorded through onExchange. */
  recorded: Exchange[];
}

export function harness(options: Partial<CaptainClientOptions> = {}): Harness {
  const clock = new VirtualClock(T0);
  const recorded: Exchange[] = [];
  const client = new CaptainClient({
    baseUrl: BASE,
    apiKey: KEY,
    organizationId: ORG,
    now: () => clock.now(),
    onExchange: (e) => recorded.push(e),
    ...options,
  });
  return { clock, client, recorded };
}

/** The nock scope of the fake target; every request must carry the real credentials. */
export function target(): nock.Scope {
  return nock(BASE).matchHeader('authorization', `Bearer ${KEY}`).matchHeader('x-organization-id', ORG);
}

const iso = (offsetMs = 0) => new Date(T0 + offsetMs).toISOString();

export function pending(jobId: string, overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    job_id: jobId,
    status: 'pending',
    collection_name: 'docs',
    progress: null,
    created_at: iso(-1000),
    updated_at: iso(-1000),
    started_at: null,
    completed_at: null,
    estimated_time_remaining_seconds: 60,
    ...overrides,
  };
}

export function running(jobId: string, overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    ...pending(jobId),
    status: 'running',
    started_at: iso(),
    updated_at: iso(),
    progress: { current_stage: 'embedding', files_total: 2, files_processed: 1, files_failed: 0, files_skipped: 0, elapsed_seconds: 5 },
    progress_message: 'Generating vector embeddings',
    estimated_time_remaining_seconds: 3,
    ...overrides,
  };
}

/** A media job on the media path: running, progress null, no ETA, but real timestamps. */
export function mediaLagging(jobId: string, uri = 's3://media-bucket/videos/intro.mp4'): JobSnapshot {
  return running(jobId, {
    progress: null,
    progress_message: 'Processing media',
    estimated_time_remaining_seconds: null,
    files: [{ uri, status: 'processing' }],
  });
}

export function completed(jobId: string, overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    ...running(jobId),
    status: 'completed',
    progress: { current_stage: 'finalizing', files_total: 2, files_processed: 2, files_failed: 0, files_skipped: 0, elapsed_seconds: 9 },
    completed_at: iso(9000),
    updated_at: iso(9000),
    estimated_time_remaining_seconds: 0,
    result: { files_indexed: 2, files_failed: 0, files_skipped: 0, duration_seconds: 9, warnings: [] },
    billing: {
      cost: { amount: 0.06, currency: 'USD' },
      credits: { used: 6, remaining: 99_994 },
      rate: { per_credit: 0.01, currency: 'USD' },
      processing_type: 'basic',
      pages_processed: 6,
    },
    ...overrides,
  };
}

export function placeholder(jobId: string): Placeholder {
  return {
    job_id: jobId,
    status: 'running',
    progress: null,
    progress_message: 'Fetching job status — please retry in a few seconds',
    estimated_time_remaining_seconds: 30,
  };
}

/** A random source that always answers the middle of the range: jittered waits become half their ceiling. */
export const half = () => 0.5;
