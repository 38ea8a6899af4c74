// The one text-shortening module: long text is cut for messages, evidence and display, and says how it was
// cut (its full length, how much was cut, an ellipsis, or nothing where a reader caps what it keeps).
// It lives in the contract, a bottom layer with no imports, so every layer above may use it.

/** How long a quoted value may be in a schema problem or an error message. */
export const CLIP_AT = 200;

/** What a cut text says after it: its full length, how much was cut, an ellipsis alone, or nothing at all. */
export type ClipNote = 'length' | 'cut' | 'ellipsis' | 'none';

/** `as-is` keeps the text's own line breaks and spaces; `one-line` folds every run of white space to one space first. */
export type ClipLines = 'as-is' | 'one-line';

/**
 * `text` when it fits in `max` characters; else its first `max` characters and the note (`length` names
 * the length of `text` as given, before any folding).
 */
export function clip(text: string, max = CLIP_AT, note: ClipNote = 'length', lines: ClipLines = 'as-is'): string {
  const shown = lines === 'one-line' ? text.replace(/\s+/g, ' ') : text;
  if (shown.length <= max) return shown;
  if (note === 'none') return shown.slice(0, max);
  const head = `${shown.slice(0, max)}…`;
  if (note === 'length') return `${head} (${text.length} chars)`;
  if (note === 'cut') return `${head} [${shown.length - max} more characters cut]`;
  return head;
}

/** The first line of `text` that is not blank, cut at `max` with an ellipsis ('' when there is none). */
export function firstLine(text: string | undefined, max: number): string {
  return clip((text ?? '').split('\n').find((l) => l.trim() !== '') ?? '', max, 'ellipsis');
}

/**
 * A deep copy of a value with every string longer than `max` cut (`cut` note) and every array longer than
 * `maxItems` cut too: a target can answer with megabytes, and the evidence and the report must stay small.
 */
export function clipStrings(value: unknown, max: number, maxItems = 1000, depth = 0): unknown {
  if (typeof value === 'string') return clip(value, max, 'cut');
  if (value === null || typeof value !== 'object') return value;
  if (depth > 40) return '[nested too deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, maxItems).map((item) => clipStrings(item, max, maxItems, depth + 1));
    if (value.length > maxItems) items.push(`[${value.length - maxItems} more items cut]`);
    return items;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[clip(key, 200, 'cut')] = clipStrings(item, max, maxItems, depth + 1);
  return copy;
}
