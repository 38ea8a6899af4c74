// Every report file is written whole or not at all: a reader (a CI step, the history site, a second run)
// never sees half a results.json, even when the run is killed while writing it.
import { renameSync, writeFileSync } from 'node:fs';

export function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, 'utf8');
  renameSync(temporary, file);
}
