// Size limits for evidence: a target can answer with megabytes, the report must stay readable and small.
// Tests clip what they attach, the reporter what it keeps.
import { clip } from '../contract/clip.js';

/** Deep copy with every string longer than `max` cut; arrays longer than `maxItems` are cut too. */
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
