// Reads a response body up to a cap, so a huge (or endless) body cannot exhaust memory.

export interface CappedBody {
  text: string;
  /** Bytes kept (at most the cap). */
  bytes: number;
  truncated: boolean;
}

export async function readCapped(response: Response, maxBytes: number): Promise<CappedBody> {
  if (!response.body) return { text: '', bytes: 0, truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let truncated = false;
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
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  return { text, bytes, truncated };
}
