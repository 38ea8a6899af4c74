import { test, expect } from '@playwright/test';
import type { JobSnapshot } from '../../../src/model/job.js';
import { CursorCodec } from '../../../src/simulator/cursor.js';
import { pageOf } from '../../../src/model/pagination.js';
import { parseFilesCursor, parseFilesLimit } from '../../../src/simulator/files-page.js';

const codec = new CursorCodec(Buffer.alloc(32, 7));

function snapshotWith(count: number): JobSnapshot {
  return {
    job_id: 'job-1',
    status: 'running',
    files: Array.from({ length: count }, (_, i) => ({ uri: `s3://b/f${i}.pdf`, status: 'queued' as const })),
  };
}

test.describe('files cursors', () => {
  test('a cursor decodes to the position it encodes, for its own job only', () => {
    const cursor = codec.encode({ jobId: 'job-1', offset: 50 });
    expect(codec.decode(cursor, 'job-1')).toEqual({ jobId: 'job-1', offset: 50 });
    expect(codec.decode(cursor, 'job-2')).toBeNull();
  });

  test('an edited, truncated or foreign cursor is refused', () => {
    const cursor = codec.encode({ jobId: 'job-1', offset: 50 });
    const [payload, signature] = cursor.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ j: 'job-1', o: 0 })).toString('base64url');
    expect(codec.decode(`${forged}.${signature}`, 'job-1')).toBeNull();
    expect(codec.decode(`${payload}.${signature.slice(1)}`, 'job-1')).toBeNull();
    expect(codec.decode(payload, 'job-1')).toBeNull();
    expect(codec.decode('not a cursor', 'job-1')).toBeNull();
    expect(new CursorCodec(Buffer.alloc(32, 8)).decode(cursor, 'job-1')).toBeNull();
  });

  test('files_limit accepts 1..500, defaults to 50, and rejects the rest with a ValidationError', () => {
    expect(parseFilesLimit(null)).toBe(50);
    expect(parseFilesLimit('1')).toBe(1);
    expect(parseFilesLimit('500')).toBe(500);
    for (const raw of ['0', '501', '-3', 'ten', '2.5', '']) {
      const reply = parseFilesLimit(raw);
      expect(typeof reply, raw).toBe('object');
      expect(reply).toMatchObject({ status: 422, body: { detail: [{ loc: ['query', 'files_limit'] }] } });
    }
  });

  test('a bad files_cursor is a 422 naming the parameter', () => {
    expect(parseFilesCursor(null, 'job-1', codec)).toBe(0);
    expect(parseFilesCursor('junk', 'job-1', codec)).toMatchObject({ status: 422, body: { detail: [{ loc: ['query', 'files_cursor'] }] } });
  });

  test('following next_cursor visits every file once and ends', () => {
    const snapshot = snapshotWith(7);
    const seen: string[] = [];
    let offset = 0;
    for (let guard = 0; guard < 10; guard++) {
      const page = pageOf(snapshot, { limit: 3, offset, cursorAt: (at) => codec.encode({ jobId: snapshot.job_id, offset: at }) });
      expect(page.files_page).toMatchObject({ limit: 3, total_estimated: 7 });
      seen.push(...(page.files ?? []).map((f) => f.uri));
      const next = page.files_page?.next_cursor;
      if (!next) break;
      offset = codec.decode(next, 'job-1')!.offset;
    }
    expect(seen).toEqual(snapshot.files!.map((f) => f.uri));
  });

  test('a job without files has one empty page and no cursor', () => {
    const page = pageOf(snapshotWith(0), { limit: 50, offset: 0, cursorAt: () => 'unused' });
    expect(page.files).toEqual([]);
    expect(page.files_page).toEqual({ limit: 50, next_cursor: null, total_estimated: 0 });
  });
});
