// What the simulator "hears" in a media file, deterministically: uploaded bytes that are UTF-8 text
// (after an `ID3` tag marker) are the transcript; real audio or video falls back to the file's name.
import { fileNameWords } from './tokenize.js';

// Text, not binary: no control characters other than tab, line feed and carriage return.
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The bytes as text when they are valid UTF-8 text, else null. */
export function textOf(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return BINARY.test(text) ? null : text;
}

export function transcriptOf(bytes: Uint8Array | undefined, fileName: string): string {
  const text = bytes ? textOf(bytes) : null;
  const spoken = text?.replace(/^ID3/, '').trim();
  return spoken ? spoken : fileNameWords(fileName);
}
