// Safe readers for untrusted JSON: the oracle judges whatever came back, so it never assumes a type.
import { clip } from '../contract/clip.js';
import { isJsonObject, type JsonObject } from '../model/json.js';

export function objectAt(value: unknown): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

export function stringAt(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function numberAt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A short, safe rendering of a value for a finding's message. */
export function show(value: unknown): string {
  if (value === undefined) return 'absent';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return clip(text, 80, 'ellipsis');
}
