// Finds the entries of a HAR file in its bytes, chunk by chunk, without parsing the whole file: a 200 MB
// capture is read a few kilobytes at a time and each entry is handed over as its own JSON text, with
// where it sits in the file (to read it again later). Pure: the caller reads the file and feeds chunks.
// Only the structure is followed (objects, arrays, strings); each entry's own JSON is parsed by whoever
// takes it, so one broken entry is one skipped entry, and a file cut short keeps every entry before the cut.
import { HAR_ENTRY_BYTES } from '../contract/limits.js';

/** One value found at a place the scanner was asked to capture. */
export interface ScannedValue {
  /** `entry` for an element of log.entries; `log.<key>` for another small field of log (version, creator...). */
  kind: 'entry' | 'log-field';
  /** For a log field, its key. */
  key?: string;
  /** Byte offset of the value's first byte in the file, and one past its last. */
  start: number;
  end: number;
  /** The value's bytes; absent when it was over the size limit (then only its place is known). */
  bytes?: Buffer;
}

export interface ScanEnd {
  /** The file was one complete JSON object (as far as structure goes). */
  complete: boolean;
  /** Why the file is not a readable HAR, or where it broke off; undefined when it is fine. */
  problem?: string;
  sawLog: boolean;
  sawEntries: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

interface Container {
  array: boolean;
  /** In an object: the key of the value being read (or just read). */
  key?: string;
  /** In an object: the next string is a key. */
  expectKey: boolean;
}

/** Fields of log worth keeping besides entries (pages may be large and are never needed). */
const LOG_FIELDS = new Set(['version', 'creator', 'browser', 'comment']);
const MAX_LOG_FIELD_BYTES = 64 * 1024;
const MAX_KEY_BYTES = 256;

export class HarScanner {
  private readonly stack: Container[] = [];
  private inString = false;
  private escaped = false;
  /** The string being read is a key we keep (its bytes so far). */
  private keyBytes: number[] | undefined;
  private offset = 0;
  private started = false;
  /** The chunk being scanned, and where in it the value being captured started (0 when in an earlier chunk). */
  private chunk: Buffer = Buffer.alloc(0);
  private captureFrom = 0;
  private done = false;
  private problem: string | undefined;
  private sawLog = false;
  private sawEntries = false;
  // The value being captured: where it started, its depth, its parts so far.
  private capture:
    | {
        kind: ScannedValue['kind'];
        key?: string;
        start: number;
        depth: number;
        parts: Buffer[];
        size: number;
        limit: number;
        scalar: boolean;
      }
    | undefined;

  /** @param maxEntryBytes an entry bigger than this is reported by place only, never held in memory. */
  constructor(private readonly maxEntryBytes = HAR_ENTRY_BYTES) {}

  /** Scans the next chunk of the file; returns the values completed in it. */
  feed(chunk: Buffer): ScannedValue[] {
    const out: ScannedValue[] = [];
    if (!this.done) {
      this.chunk = chunk;
      this.captureFrom = 0;
      for (let i = 0; i < chunk.length && !this.done; i++) {
        const byte = chunk[i]!;
        if (this.inString) this.stringByte(byte, i, out);
        else if (isSpace(byte)) this.endScalarAt(byte, i, out);
        else if (!this.started) i += this.start(byte, i);
        else this.structural(byte, i, out);
      }
      if (this.capture) this.keep(chunk.subarray(this.captureFrom));
    }
    this.offset += chunk.length;
    return out;
  }

  /** A byte inside a string: escapes, the closing quote, a kept key's bytes. */
  private stringByte(byte: number, i: number, out: ScannedValue[]): void {
    if (this.escaped) this.escaped = false;
    else if (byte === BACKSLASH) this.escaped = true;
    else if (byte === QUOTE) {
      this.inString = false;
      if (this.keyBytes) this.endKey();
      if (this.capture?.scalar && this.stack.length === this.capture.depth) this.finishCapture(out, i + 1);
    } else if (this.keyBytes && this.keyBytes.length < MAX_KEY_BYTES) this.keyBytes.push(byte);
  }

  /** A scalar being captured (a number, true, false, null) ends at the space or delimiter after it. */
  private endScalarAt(_byte: number, i: number, out: ScannedValue[]): void {
    if (this.capture?.scalar && this.stack.length === this.capture.depth) this.finishCapture(out, i);
  }

  /** The first byte that is not a space: the root object, or a byte-order mark before it; returns bytes to skip. */
  private start(byte: number, i: number): number {
    if (byte === 0xef && this.chunk[i + 1] === 0xbb) return 2; // a UTF-8 byte-order mark (3 bytes) before the object
    this.started = true;
    if (byte !== OPEN_OBJECT) {
      this.stop(`not a HAR file: it does not start with a JSON object (first byte ${JSON.stringify(String.fromCharCode(byte))})`);
      return 0;
    }
    this.enter(false);
    return 0;
  }

  /** A byte outside strings: it opens or closes a value, separates values, or starts a scalar. */
  private structural(byte: number, i: number, out: ScannedValue[]): void {
    const top = this.stack[this.stack.length - 1];
    if (byte === COMMA || byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) this.endScalarAt(byte, i, out);
    if (byte === QUOTE) {
      this.inString = true;
      if (top && !top.array && top.expectKey) {
        this.keyBytes = this.stack.length <= 2 ? [] : undefined;
        if (!this.keyBytes) this.skipKey(top);
      } else this.maybeCapture(i, true);
    } else if (byte === COMMA) {
      if (top && !top.array) top.expectKey = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      this.maybeCapture(i, false);
      this.enter(byte === OPEN_ARRAY);
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) this.close(byte, i, out);
    else if (byte !== COLON) this.maybeCapture(i, true); // a number, true, false or null
  }

  private maybeCapture(i: number, scalar: boolean): void {
    if (!this.startsCapture()) return;
    this.captureFrom = i;
    this.beginCapture(i, scalar);
  }

  private close(byte: number, i: number, out: ScannedValue[]): void {
    const closed = this.stack.pop();
    if (!closed || closed.array !== (byte === CLOSE_ARRAY)) {
      this.stop(`not a HAR file: its JSON is broken at byte ${this.offset + i} (an unmatched ${String.fromCharCode(byte)})`);
      return;
    }
    if (this.capture && !this.capture.scalar && this.stack.length === this.capture.depth) this.finishCapture(out, i + 1);
    if (this.stack.length === 0) this.done = true;
  }

  /** The file ended: whether it was whole, and what was wrong with it. */
  end(): ScanEnd {
    let problem = this.problem;
    if (problem === undefined) {
      if (!this.started) problem = 'not a HAR file: it is empty';
      else if (!this.done)
        problem = `the file is cut short after ${this.offset} bytes (${this.stack.length} JSON value(s) left open): the entries read whole before the cut are judged`;
      else if (!this.sawLog) problem = 'not a HAR file: its JSON object has no "log"';
      else if (!this.sawEntries) problem = 'not a HAR file: its "log" has no "entries" array';
    }
    return { complete: this.done, ...(problem !== undefined ? { problem } : {}), sawLog: this.sawLog, sawEntries: this.sawEntries };
  }

  private stop(problem: string): void {
    this.problem = problem;
    this.done = true;
    this.capture = undefined;
  }

  private enter(array: boolean): void {
    const depth = this.stack.length;
    const parent = this.stack[depth - 1];
    if (depth === 1 && parent?.key === 'log' && !array) this.sawLog = true;
    if (depth === 2 && parent?.key === 'entries' && array && this.inLog()) this.sawEntries = true;
    this.stack.push({ array, expectKey: !array });
  }

  private inLog(): boolean {
    return this.stack[0]?.key === 'log';
  }

  /** Whether the value starting here is one to hand over: an element of log.entries, or a small field of log. */
  private startsCapture(): boolean {
    if (this.capture) return false;
    const depth = this.stack.length;
    if (depth === 3) return this.inLog() && this.stack[1]!.key === 'entries' && this.stack[2]!.array && !this.stack[1]!.array;
    if (depth === 2) return this.inLog() && !this.stack[1]!.array && LOG_FIELDS.has(this.stack[1]!.key ?? '');
    return false;
  }

  private beginCapture(i: number, scalar: boolean): void {
    const depth = this.stack.length;
    const entry = depth === 3;
    this.capture = {
      kind: entry ? 'entry' : 'log-field',
      ...(entry ? {} : { key: this.stack[1]!.key! }),
      start: this.offset + i,
      depth,
      parts: [],
      size: 0,
      limit: entry ? this.maxEntryBytes : MAX_LOG_FIELD_BYTES,
      scalar,
    };
  }

  private keep(part: Buffer): void {
    const capture = this.capture!;
    capture.size += part.length;
    if (capture.size <= capture.limit) capture.parts.push(Buffer.from(part));
    else capture.parts = [];
  }

  private finishCapture(out: ScannedValue[], to: number): void {
    const capture = this.capture!;
    this.capture = undefined;
    const part = this.chunk.subarray(this.captureFrom, to);
    const size = capture.size + part.length;
    const value: ScannedValue = { kind: capture.kind, start: capture.start, end: capture.start + size };
    if (capture.key !== undefined) value.key = capture.key;
    if (size <= capture.limit) value.bytes = capture.parts.length === 0 ? Buffer.from(part) : Buffer.concat([...capture.parts, part]);
    out.push(value);
  }

  private endKey(): void {
    const top = this.stack[this.stack.length - 1]!;
    top.key = Buffer.from(this.keyBytes!).toString('utf8');
    top.expectKey = false;
    this.keyBytes = undefined;
  }

  private skipKey(top: Container): void {
    top.key = undefined;
    top.expectKey = false;
  }
}
