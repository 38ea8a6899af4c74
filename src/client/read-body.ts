// Reads a response body up to a cap, so a huge (or endless) body cannot exhaust memory, and never
// throws: a body that breaks off (reset, timeout) comes back with what arrived and why it stopped.

export interface CappedBody {
  /** The bytes kept, decoded as UTF-8 (invalid bytes become U+FFFD; a byte-order mark is kept as U+FEFF). */
  text: string;
  /** Bytes kept (at most the cap). */
  bytes: number;
  /** The body was cut at the cap: the target sent more than `maxBytes`. */
  truncated: boolean;
  /** The body broke off before its end (the read failed with this error); what arrived is in `text`. */
  failure?: unknown;
  /** The body starts with a UTF-8 byte-order mark (RFC 8259 section 8.1: a JSON sender must not add one). */
  bom: boolean;
  /** Some bytes are not UTF-8 (replaced by U+FFFD in `text`). */
  invalidUtf8: boolean;
}

const BOM = [0xef, 0xbb, 0xbf];

function decode(bytes: Buffer, cut: boolean): { text: string; invalid: boolean } {
  // A cut body may end inside a character: `stream` leaves that tail undecoded instead of calling it invalid.
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: cut }), invalid: false };
  } catch {
    return { text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes, { stream: cut }), invalid: true };
  }
}

export async function readCapped(response: Response, maxBytes: number): Promise<CappedBody> {
  if (!response.body) return { text: '', bytes: 0, truncated: false, bom: false, invalidUtf8: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let truncated = false;
  let failure: unknown;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = maxBytes - bytes;
      if (value.byteLength > room) {
        chunks.push(value.subarray(0, room));
        bytes += room;
        truncated = true;
        // Stop the transfer: the rest is never read.
        await reader.cancel().catch(() => undefined);
        break;
      }
      chunks.push(value);
      bytes += value.byteLength;
    }
  } catch (error) {
    failure = error;
    await reader.cancel().catch(() => undefined);
  }
  const all = Buffer.concat(chunks);
  const { text, invalid } = decode(all, truncated || failure !== undefined);
  const bom = all.length >= 3 && BOM.every((b, i) => all[i] === b);
  return { text, bytes, truncated, ...(failure !== undefined ? { failure } : {}), bom, invalidUtf8: invalid };
}

/** `8 MiB`, `512 KiB`, `100 bytes`: the cap as a person reads it. */
export function describeBytes(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
