// The notes a test leaves for its group are this run's only: a note of another run id or runner, planted
// where this run's would be, is not read, and global teardown's clean-up takes the whole folder.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { settings } from '../../../src/settings/settings.js';
import { readNote, removeNote, removeRunNotes, runNotesDir, writeNote } from '../../../tools/run-notes.js';

const name = (what: string) => `run-notes-spec-${what}-${process.pid}`;

test('a note written in this run is read back, and removed with removeNote', () => {
  writeNote(name('own'), { outDir: '/tmp/x', exitCode: 1 });
  expect(readNote(name('own'))).toEqual({ outDir: '/tmp/x', exitCode: 1 });
  removeNote(name('own'));
  expect(readNote(name('own'))).toBeUndefined();
});

test("a note of another run or another runner, in this run's folder, is not read", () => {
  const dir = runNotesDir(settings().runId!, process.ppid);
  mkdirSync(dir, { recursive: true });
  for (const [what, note] of [
    ['other-run', { runId: 'an-earlier-run', runnerPid: process.ppid, value: { stale: true } }],
    ['other-runner', { runId: settings().runId, runnerPid: process.ppid + 1, value: { stale: true } }],
  ] as const) {
    writeFileSync(path.join(dir, `${name(what)}.json`), JSON.stringify(note));
    expect(readNote(name(what)), what).toBeUndefined();
    removeNote(name(what));
  }
});

test("removeRunNotes takes the run's whole notes folder", () => {
  const runId = `spec-${process.pid}`;
  const dir = runNotesDir(runId, process.pid);
  mkdirSync(path.join(dir, 'shared-runs'), { recursive: true });
  writeFileSync(path.join(dir, 'shared-runs', 'a.json'), '{}');
  removeRunNotes(runId, process.pid);
  expect(existsSync(dir)).toBe(false);
});
