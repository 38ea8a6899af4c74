import { test, expect } from '@playwright/test';
import { indexedFilesAt, snapshotAt, terminalSecond } from '../../../src/model/progression.js';
import type { Scenario } from '../../../src/model/scenario.js';

const identity = { jobId: 'job_1', createdAtMs: Date.UTC(2026, 10, 28, 12) };
const at = (second: number) => identity.createdAtMs + second * 1000;

const scenario = (overrides: Partial<Scenario> = {}): Scenario => ({
  jobType: 'index_s3',
  collection: 'docs',
  files: [
    { uri: 's3://bucket/a.pdf', media: false, outcome: 'completed' },
    { uri: 's3://bucket/b.pdf', media: false, outcome: 'failed' },
    { uri: 's3://bucket/c.pdf', media: false, outcome: 'skipped' },
  ],
  pendingSeconds: 2,
  stageSeconds: [1, 2, 2, 2, 2, 1],
  end: { kind: 'run' },
  mediaLagSeconds: 0,
  placeholders: {},
  processingType: 'basic',
  ...overrides,
});

test('a job is pending, then runs through the stages, then ends completed_with_failures when a file failed', () => {
  const s = scenario();
  expect(snapshotAt(s, identity, at(1))).toMatchObject({ status: 'pending', started_at: null });
  expect(snapshotAt(s, identity, at(4)).progress?.current_stage).toBe('extracting');
  expect(snapshotAt(s, identity, at(10)).progress?.current_stage).toBe('embedding');
  const end = snapshotAt(s, identity, at(terminalSecond(s)));
  expect(end.status).toBe('completed_with_failures');
  expect(end.files?.map((f) => f.status)).toEqual(['completed', 'failed', 'skipped']);
  expect(end.billing?.pages_processed).toBeGreaterThan(0);
});

test('a media job stays running with progress null during its lag while its content is already indexed', () => {
  const s = scenario({ files: [{ uri: 's3://bucket/talk.mp4', media: true, outcome: 'completed' }], mediaLagSeconds: 30 });
  const during = snapshotAt(s, identity, at(20));
  expect(during).toMatchObject({ status: 'running', progress: null });
  expect(during.created_at).toBeTruthy();
  expect(indexedFilesAt(s, identity, at(20)).map((f) => f.uri)).toEqual(['s3://bucket/talk.mp4']);
  expect(snapshotAt(s, identity, at(45)).status).toBe('completed');
});

test('cancel cuts unfinished files to cancelled and says who cancelled', () => {
  const s = scenario({ end: { kind: 'cancel', atSecond: 5, by: 'ops@example.com' } });
  const end = snapshotAt(s, identity, at(60));
  expect(end).toMatchObject({ status: 'cancelled', cancelled_by: 'ops@example.com' });
  expect(end.files?.some((f) => f.status === 'queued' || f.status === 'processing')).toBe(false);
  expect(end.billing).toBeUndefined();
});

test('cancel of a pending job leaves started_at null', () => {
  const end = snapshotAt(scenario({ end: { kind: 'cancel', atSecond: 1, by: 'u' } }), identity, at(60));
  expect(end).toMatchObject({ status: 'cancelled', started_at: null, progress: null });
});

test('a job failing in embedding carries the error and fails its unfinished files', () => {
  const s = scenario({ end: { kind: 'fail', stage: 'embedding', errorCode: 'embedding_unavailable', errorMessage: 'down' } });
  const end = snapshotAt(s, identity, at(60));
  expect(end).toMatchObject({ status: 'failed', error_code: 'embedding_unavailable', progress: { current_stage: 'embedding' } });
  expect(end.files?.every((f) => ['completed', 'failed', 'skipped'].includes(f.status))).toBe(true);
});

test('a stuck job never ends and its clock stops', () => {
  const s = scenario({ end: { kind: 'stuck', stage: 'tagging' } });
  expect(terminalSecond(s)).toBe(Infinity);
  expect(snapshotAt(s, identity, at(1_000))).toEqual(snapshotAt(s, identity, at(100_000)));
});
