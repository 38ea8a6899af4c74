// The one truncation helper: long text is cut for messages, evidence and display, and says it was cut.
// It lives in the contract, a bottom layer with no imports, so every layer above may use it.
// (The oracle's `preview` and its value rendering are left as they are while the oracle is reworked.)

/** How long a quoted value may be in a schema problem or an error message. */
export const CLIP_AT = 200;

/** What a cut text says after the ellipsis: its full length, how much was cut, or nothing. */
export type ClipNote = 'length' | 'cut' | 'ellipsis';

/** `text` when it fits in `max` characters; else its first `max` characters, an ellipsis and the note. */
export function clip(text: string, max = CLIP_AT, note: ClipNote = 'length'): string {
  if (text.length <= max) return text;
  const head = `${text.slice(0, max)}…`;
  if (note === 'length') return `${head} (${text.length} chars)`;
  if (note === 'cut') return `${head} [${text.length - max} more characters cut]`;
  return head;
}
