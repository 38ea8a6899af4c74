// HAR files on disk: read one a chunk at a time through the scanner (so a 200 MB capture never sits in
// memory whole), read one entry again by its place, and write one entry by entry, within a byte budget.
import { closeSync, openSync, readSync, renameSync, writeSync, statSync } from 'node:fs';
import { HAR_VERSION, type HarCreator, type HarEntry } from './har-format.js';
import { HarScanner, type ScanEnd, type ScannedValue } from './har-scanner.js';

const CHUNK_BYTES = 1024 * 1024;

/** Calls `onValue` with each entry (and small log field) of the file, in file order; says how the file ended. */
export function scanHarFile(file: string, onValue: (value: ScannedValue) => void, maxEntryBytes?: number): ScanEnd {
  const scanner = new HarScanner(maxEntryBytes);
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      for (const value of scanner.feed(chunk.subarray(0, read))) onValue(value);
    }
  } finally {
    closeSync(fd);
  }
  return scanner.end();
}

/** The bytes [start, end) of a file, e.g. one entry found by the scanner. */
export function readRange(file: string, start: number, end: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const out = Buffer.allocUnsafe(end - start);
    let done = 0;
    while (done < out.length) {
      const read = readSync(fd, out, done, out.length - done, start + done);
      if (read === 0) break;
      done += read;
    }
    return out.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

export function fileSize(file: string): number {
  return statSync(file).size;
}

/**
 * Writes a HAR 1.2 file entry by entry, to a temporary name renamed into place on close (a reader never
 * sees half a file). Past `maxBytes`, entries are still written but without their bodies, and say so.
 */
export class HarWriter {
  private readonly temporary: string;
  private fd: number | undefined;
  private count = 0;
  private bytes = 0;

  constructor(
    private readonly file: string,
    creator: HarCreator,
    readonly maxBytes = Infinity,
  ) {
    this.temporary = `${file}.${process.pid}.tmp`;
    this.fd = openSync(this.temporary, 'w');
    this.write(`{"log":{"version":${JSON.stringify(HAR_VERSION)},"creator":${JSON.stringify(creator)},"pages":[],"entries":[\n`);
  }

  /** Whether the next entries must leave their bodies out to stay within the budget. */
  get overBudget(): boolean {
    return this.bytes >= this.maxBytes;
  }

  get entries(): number {
    return this.count;
  }

  get bytesWritten(): number {
    return this.bytes;
  }

  add(entry: HarEntry): void {
    this.write(`${this.count === 0 ? '' : ',\n'}${JSON.stringify(entry)}`);
    this.count += 1;
  }

  close(): void {
    if (this.fd === undefined) return;
    this.write('\n]}}\n');
    closeSync(this.fd);
    this.fd = undefined;
    renameSync(this.temporary, this.file);
  }

  private write(text: string): void {
    const buffer = Buffer.from(text);
    writeSync(this.fd!, buffer);
    this.bytes += buffer.length;
  }
}
