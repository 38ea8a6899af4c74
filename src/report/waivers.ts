// Waivers (CONFORMANCE_WAIVERS, docs/staging.md): a team accepts, in writing and for a time, that a MUST
// cannot be exercised on its target. A waived MUST that was not exercised is `waived` (shown with its reason,
// owner and expiry, never hidden) and does not make the run incomplete; one that failed still fails; an expired
// waiver no longer counts, with a warning. Parsing and applying are pure; reading the file is the one I/O.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isJsonObject } from '../model/json.js';
import type { RequirementStatus } from './verdict.js';

export interface Waiver {
  id: string;
  reason: string;
  owner: string;
  /** YYYY-MM-DD, the last day it counts. */
  expires: string;
}

export class WaiverFileError extends Error {
  constructor(file: string, problems: readonly string[]) {
    super(`CONFORMANCE_WAIVERS=${file} is not a valid waiver file:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'WaiverFileError';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The waivers of a file's text, or the problems with it (every one at once). */
export function parseWaivers(text: string): { waivers: Waiver[]; problems: string[] } {
  let doc: unknown;
  try {
    doc = parse(text) as unknown;
  } catch (error) {
    return { waivers: [], problems: [`not YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`] };
  }
  const list = Array.isArray(doc) ? doc : isJsonObject(doc) && Array.isArray(doc.waivers) ? doc.waivers : undefined;
  if (!list)
    return { waivers: [], problems: ['expected a list of waivers (or `waivers:` with one), each with id, reason, owner and expires'] };
  const waivers: Waiver[] = [];
  const problems: string[] = [];
  list.forEach((entry: unknown, i: number) => {
    const e = isJsonObject(entry) ? entry : {};
    // YAML reads an unquoted 2027-01-31 as a date.
    const expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : e.expires;
    const missing = (['id', 'reason', 'owner'] as const).filter((k) => typeof e[k] !== 'string' || (e[k] as string).trim() === '');
    if (typeof expires !== 'string' || !DATE.test(expires)) missing.push('expires' as never);
    if (missing.length > 0)
      problems.push(`waiver ${i + 1}${typeof e.id === 'string' ? ` (${e.id})` : ''}: needs ${missing.join(', ')} (expires as YYYY-MM-DD)`);
    else waivers.push({ id: e.id as string, reason: e.reason as string, owner: e.owner as string, expires: expires as string });
  });
  return { waivers, problems };
}

/** Reads CONFORMANCE_WAIVERS; throws WaiverFileError naming every problem (the run then breaks: exit 2). */
export function readWaiverFile(file: string): Waiver[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new WaiverFileError(file, [`cannot be read: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const { waivers, problems } = parseWaivers(text);
  if (problems.length > 0) throw new WaiverFileError(file, problems);
  return waivers;
}

const UNEXERCISED: readonly RequirementStatus[] = ['skipped', 'not-covered', 'inconclusive'];

/** A waiver counts through its expiry day, on the run's date. */
export function inForce(waiver: Waiver, runDate: string): boolean {
  return waiver.expires >= runDate.slice(0, 10);
}

/** The status a waiver gives: `waived` for an unexercised requirement under a waiver in force, else unchanged. */
export function waivedStatus(status: RequirementStatus, waiver: Waiver | undefined, runDate: string): RequirementStatus {
  return waiver && inForce(waiver, runDate) && UNEXERCISED.includes(status) ? 'waived' : status;
}

/** Warnings for waivers that no longer count, or name no requirement of the catalog. */
export function waiverWarnings(waivers: readonly Waiver[], known: ReadonlySet<string>, runDate: string): string[] {
  return waivers.flatMap((w) => [
    ...(inForce(w, runDate) ? [] : [`the waiver of ${w.id} (owner ${w.owner}) expired on ${w.expires}: it no longer counts`]),
    ...(known.has(w.id) ? [] : [`the waiver of ${w.id} names no requirement of the catalog`]),
  ]);
}
