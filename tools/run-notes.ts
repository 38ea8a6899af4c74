// Notes a test leaves for the later tests of its group, which a failing test's restarted worker must find:
// one folder per Playwright run, named by the run id global setup hands out and the runner's pid (every
// worker's parent). Each note repeats both, and is read only when they are this run's, so a later run, or a
// runner that happens to get the same pid, never reads a stale note; global teardown removes the folder.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { settings } from '../src/settings/settings.js';

interface Note<T> {
  runId: string;
  runnerPid: number;
  value: T;
}

/** The run's notes folder; `runnerPid` is the Playwright runner's (a worker's parent, global setup's own). */
export function runNotesDir(runId: string, runnerPid: number): string {
  return path.join(tmpdir(), `conformance-notes-${runId}-${runnerPid}`);
}

function here(): { runId: string; runnerPid: number } {
  const { runId } = settings();
  if (runId === undefined) throw new Error('run notes need the run id global setup hands to the workers (CONFORMANCE_RUN_ID)');
  return { runId, runnerPid: process.ppid };
}

function noteFile(name: string): string {
  const { runId, runnerPid } = here();
  return path.join(runNotesDir(runId, runnerPid), `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}

/** This run's note `name`, or undefined when there is none (or it is not this run's). */
export function readNote<T>(name: string): T | undefined {
  const file = noteFile(name);
  if (!existsSync(file)) return undefined;
  const note = JSON.parse(readFileSync(file, 'utf8')) as Note<T>;
  const { runId, runnerPid } = here();
  return note.runId === runId && note.runnerPid === runnerPid ? note.value : undefined;
}

export function writeNote<T>(name: string, value: T): void {
  const file = noteFile(name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...here(), value } satisfies Note<T>));
}

export function removeNote(name: string): void {
  rmSync(noteFile(name), { force: true });
}

/** Global teardown: the run's notes go with it, whatever its tests did. */
export function removeRunNotes(runId: string, runnerPid: number): void {
  rmSync(runNotesDir(runId, runnerPid), { recursive: true, force: true });
}
