// Tells the four kinds of answer apart. The placeholder is told by its shape, not its status:
// it says `running` with `progress: null`, exactly as a lagging media job does, but a real
// snapshot carries timestamps and the placeholder never does (SPEC-008).
import { clip } from '../contract/clip.js';
import type { JobSnapshot, Placeholder } from '../model/job.js';
import type { Exchange } from './exchange.js';
import type { Observation } from './observation.js';
import { isJsonObject, parseJson, type JsonObject } from '../model/json.js';

/** Index of the quote that closes the JSON string opening at `open`, -1 when none does. */
function closingQuote(text: string, open: number): number {
  let end = open + 1;
  for (;;) {
    end = text.indexOf('"', end);
    if (end === -1) return -1;
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === 92 /* \ */) slashes += 1;
    if (slashes % 2 === 0) return end;
    end += 1;
  }
}

/**
 * Colons right after an unescaped quote (whitespace between allowed): every key of a JSON text has one, so
 * this is at least the number of key-value pairs written; a string value may only add some (":x", " :").
 */
function keyColons(text: string): number {
  let colons = 0;
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    let before = colon - 1;
    let c = text.charCodeAt(before);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(--before);
    if (c !== 34 /* " */) continue; // a colon inside a value, such as a timestamp's
    let slashes = 0;
    while (text.charCodeAt(before - 1 - slashes) === 92 /* \ */) slashes += 1;
    if (slashes % 2 === 0) colons += 1;
  }
  return colons;
}

/** Whether some code made keys of Object.prototype enumerable: then `for...in` would count them too. */
function prototypeEnumerates(): boolean {
  for (const _ in Object.prototype) return true;
  return false;
}

/** Keys a parsed JSON value holds, all objects included; a repeated key is held once. Iterative: any depth. */
function keysHeld(value: unknown): number {
  let keys = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== 'object' || item === null) continue;
    if (Array.isArray(item)) {
      for (const element of item) if (typeof element === 'object' && element !== null) pending.push(element);
      continue;
    }
    // JSON.parse makes plain objects: for...in sees their own keys only, faster than Object.keys' array.
    for (const name in item) {
      keys += 1;
      const member = (item as JsonObject)[name];
      if (typeof member === 'object' && member !== null) pending.push(member);
    }
  }
  return keys;
}

/**
 * The first key an object of this JSON text repeats, if any (JSON.parse keeps the last silently, so a
 * client may read another value than the server meant). `parsed` is the text's value: it holds at most
 * the keys the text writes, and those at most its key colons, so when it holds as many keys as there are
 * key colons no key was dropped and the key-by-key scan is skipped.
 */
export function duplicateKey(text: string, parsed?: unknown): string | undefined {
  if (parsed !== undefined && !prototypeEnumerates() && keysHeld(parsed) === keyColons(text)) return undefined;
  const objects: Array<Set<string> | undefined> = []; // one entry per open bracket: a key set for objects
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = closingQuote(text, i);
      if (end === -1) return undefined;
      const top = objects[objects.length - 1];
      if (expectKey && top) {
        const key = text.slice(i + 1, end);
        if (top.has(key)) return key;
        top.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 123 /* { */) {
      objects.push(new Set());
      expectKey = true;
    } else if (c === 91 /* [ */) {
      objects.push(undefined);
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      objects.pop();
    } else if (c === 44 /* , */) {
      expectKey = objects[objects.length - 1] !== undefined;
    }
  }
  return undefined;
}

/** Keys only a real snapshot fills: a body carrying any of them is judged as state, never waved through as a placeholder. */
const STATE_KEYS = [
  'created_at',
  'updated_at',
  'started_at',
  'completed_at',
  'files',
  'files_page',
  'result',
  'billing',
  'error_code',
  'cancelled_at',
];

/** Whether a JSON object is the placeholder rather than a snapshot (its exact shape is judged by JS-PH-002). */
export function looksLikePlaceholder(body: JsonObject): boolean {
  return body.status === 'running' && body.progress === null && STATE_KEYS.every((key) => body[key] == null);
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `a ${typeof value}`;
}

/** The body each JSON object classify parsed came from, so the judge can tell its own values from hand-built ones. */
const parsedFrom = new WeakMap<object, string>();

/** Whether `value` is the JSON value classify parsed from exactly `body`, not one built by hand. */
export function isParsedFrom(value: object, body: string): boolean {
  return parsedFrom.get(value) === body;
}

export function classify(exchange: Exchange, index = 0): Observation {
  const base = { index, at: exchange.receivedAt, exchange };
  if (exchange.status < 200 || exchange.status > 299) return { ...base, kind: 'http-error', status: exchange.status };
  const parsed = parseJson(exchange.body);
  if (!parsed.ok) {
    // What the client saw go wrong (cut at the cap, broken off) says more than the parser's complaint.
    const why =
      exchange.error ??
      (exchange.truncated
        ? 'body truncated by the client cap'
        : exchange.body.trim() === ''
          ? 'body is empty'
          : `body is not JSON (${parsed.reason})`);
    return { ...base, kind: 'malformed', reason: `${why}: ${clip(exchange.body, 120, 'length', 'one-line')}` };
  }
  if (!isJsonObject(parsed.value)) {
    return { ...base, kind: 'malformed', reason: `body is ${describeValue(parsed.value)}, not a JSON object` };
  }
  parsedFrom.set(parsed.value, exchange.body);
  if (looksLikePlaceholder(parsed.value)) {
    return { ...base, kind: 'placeholder', placeholder: parsed.value as unknown as Placeholder };
  }
  return { ...base, kind: 'snapshot', snapshot: parsed.value as unknown as JobSnapshot };
}
