// Child runs made once and read by every test that names the same key: the tests of one describe, run in
// order in one worker. A failing test restarts its worker (Playwright's rule), so each run is also noted
// on disk, under the runner's run id and pid: the next test in the group reads it instead of making it again, and a
// run that could not be made fails the rest of its group at once instead of timing out once per test. The notes
// live in the run's notes folder (run-notes.ts), which the run's global teardown removes even when they were kept.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { settings } from '../../../src/settings/settings.js';
import { runNotesDir } from '../../../tools/run-notes.js';
import { SuiteRunner, type SuiteRun, type SuiteRunOptions } from '../../../tools/suite-run.js';

type Note = { run: SuiteRun } | { error: string };

export class SharedRuns {
  private readonly runner = new SuiteRunner();
  private readonly runs = new Map<string, Promise<SuiteRun>>();
  private readonly notes: string[] = [];
  private keep = false;
  // The Playwright runner is every worker's parent, restarted workers included; its run id (a fresh one per
  // run, from global setup) keeps a later runner that happens to get the same pid away from these notes.
  private readonly noteDir = path.join(runNotesDir(settings().runId ?? 'local', process.ppid), 'shared-runs');

  run(key: string, options: () => Promise<SuiteRunOptions>): Promise<SuiteRun> {
    let run = this.runs.get(key);
    if (!run) {
      run = this.readOrMake(key, options);
      this.runs.set(key, run);
    }
    return run;
  }

  private async readOrMake(key: string, options: () => Promise<SuiteRunOptions>): Promise<SuiteRun> {
    const noteFile = path.join(this.noteDir, `${createHash('sha256').update(key).digest('hex').slice(0, 24)}.json`);
    if (existsSync(noteFile)) {
      const note = JSON.parse(readFileSync(noteFile, 'utf8')) as Note;
      if ('error' in note) throw new Error(`the shared run "${key}" failed in an earlier test of its group: ${note.error}`);
      if (existsSync(note.run.outDir)) return note.run;
    }
    this.notes.push(noteFile);
    try {
      const run = await this.runner.run(await options());
      this.writeNote(noteFile, { run });
      return run;
    } catch (error) {
      this.writeNote(noteFile, { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  // Made just before writing: another worker's close() removes the folder while it is empty, which it is
  // for as long as this worker's run is still going.
  private writeNote(noteFile: string, note: Note): void {
    mkdirSync(this.noteDir, { recursive: true });
    writeFileSync(noteFile, JSON.stringify(note));
  }

  /** A test that read these runs failed: their outputs and notes stay, to be read (and reused by its group). */
  keepOutputs(): void {
    this.keep = true;
  }

  close(): void {
    this.runner.stopAll();
    if (this.keep) return;
    this.runner.removeOutputs();
    for (const note of this.notes.splice(0)) rmSync(note, { force: true });
    try {
      rmdirSync(this.noteDir); // the last worker out removes the folder; one still in use keeps it
    } catch {
      // not empty, or already gone
    }
  }
}
