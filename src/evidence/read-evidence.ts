// The reporter's side of the evidence contract: turn a test's annotations and attachments back into
// findings, timelines, target and seeds. Input is untrusted: anything malformed is dropped and noted.
import { EVIDENCE_TEXT_CHARS, UNPACKED_ATTACHMENT_BYTES } from '../contract/limits.js';
import { clip } from '../contract/clip.js';
import type { RunFinding } from '../oracle/finding.js';
import type { Exchange } from '../oracle/exchange.js';
import type { Observation } from '../oracle/observation.js';
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { isJsonObject, jsonValue } from '../model/json.js';
import {
  FINDINGS_ATTACHMENT,
  JUDGED_ATTACHMENT,
  REQUIREMENT_ANNOTATION,
  REQUIREMENT_ID,
  SEED_ANNOTATION,
  NOTE_ANNOTATION,
  TARGET_ANNOTATION,
  TIMELINE_ATTACHMENT,
  type InconclusiveCause,
  type SeedEvidence,
  type TargetEvidence,
  type TimelineAttachment,
} from './format.js';

export interface RawAnnotation {
  type: string;
  description?: string;
}

export interface RawAttachment {
  name: string;
  contentType: string;
  path?: string;
  body?: Buffer | string;
}

/** Returns an attachment's text, or a reason it cannot be read (the reporter reads files; tests pass bodies). */
export type AttachmentReader = (attachment: RawAttachment) => { text: string } | { problem: string };

export interface TestEvidence {
  requirements: string[];
  target?: TargetEvidence;
  seeds: SeedEvidence[];
  findings: RunFinding[];
  /** Requirements whose checks ran on the target's answers in this test (held or not). */
  exercised: string[];
  inconclusive: InconclusiveCause[];
  timelines: TimelineAttachment[];
  skipReason?: string;
  /** Lines of evidence the test added, e.g. which query version proved JS-MEDIA-002. */
  notes?: string[];
  problems: string[];
}

const TAG_ID = /^@([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)$/;
const OBSERVATION_KINDS = new Set(['snapshot', 'placeholder', 'http-error', 'malformed']);

function str(value: unknown, max = EVIDENCE_TEXT_CHARS): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  return clip(text, max, 'none');
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(value)) return out;
  for (const [k, v] of Object.entries(value)) out[str(k, 200)] = str(v, 4000);
  return out;
}

export function decodeFinding(raw: unknown): RunFinding | undefined {
  if (!isJsonObject(raw) || typeof raw.requirement !== 'string' || raw.requirement === '') return undefined;
  const finding: RunFinding = {
    requirement: str(raw.requirement, 100),
    level: raw.level === 'SHOULD' ? 'SHOULD' : 'MUST',
    message: str(raw.message),
  };
  if (raw.jobId !== undefined && raw.jobId !== null) finding.jobId = str(raw.jobId, 300);
  if (typeof raw.pollIndex === 'number' && Number.isInteger(raw.pollIndex) && raw.pollIndex >= 0) finding.pollIndex = raw.pollIndex;
  if (raw.evidence !== undefined) finding.evidence = raw.evidence;
  return finding;
}

function decodeExchange(raw: unknown): Exchange {
  const r = isJsonObject(raw) ? raw : {};
  const request = isJsonObject(r.request) ? r.request : {};
  const exchange: Exchange = {
    request: { method: str(request.method, 20), url: str(request.url, 4000), headers: stringRecord(request.headers) },
    status: typeof r.status === 'number' && Number.isFinite(r.status) ? r.status : 0,
    headers: stringRecord(r.headers),
    body: str(r.body, 1_000_000),
    receivedAt: str(r.receivedAt, 100),
  };
  if (typeof request.body === 'string') exchange.request.body = str(request.body, 100_000);
  if (r.truncated === true) exchange.truncated = true;
  if (typeof r.durationMs === 'number' && Number.isFinite(r.durationMs)) exchange.durationMs = r.durationMs;
  if (r.error !== undefined && r.error !== null) exchange.error = str(r.error, 2000);
  return exchange;
}

export function decodeObservation(raw: unknown, position: number): Observation | undefined {
  if (!isJsonObject(raw) || typeof raw.kind !== 'string' || !OBSERVATION_KINDS.has(raw.kind)) return undefined;
  const base = {
    index: typeof raw.index === 'number' && Number.isInteger(raw.index) ? raw.index : position,
    at: str(raw.at, 100),
    exchange: decodeExchange(raw.exchange),
  };
  switch (raw.kind) {
    case 'snapshot':
      return isJsonObject(raw.snapshot) ? { ...base, kind: 'snapshot', snapshot: raw.snapshot as never } : undefined;
    case 'placeholder':
      return isJsonObject(raw.placeholder) ? { ...base, kind: 'placeholder', placeholder: raw.placeholder as never } : undefined;
    case 'http-error':
      return { ...base, kind: 'http-error', status: typeof raw.status === 'number' ? raw.status : base.exchange.status };
    default:
      return { ...base, kind: 'malformed', reason: str(raw.reason, 2000) };
  }
}

function decodeTarget(text: string | undefined): TargetEvidence | undefined {
  const raw = jsonValue(text ?? '');
  if (!isJsonObject(raw) || typeof raw.baseUrl !== 'string') return undefined;
  return {
    baseUrl: str(raw.baseUrl, 2000),
    kind: raw.kind === 'simulator' ? 'simulator' : 'external',
    controllable: raw.controllable === true,
  };
}

function decodeSeed(text: string | undefined): SeedEvidence | undefined {
  const raw = jsonValue(text ?? '');
  if (!isJsonObject(raw) || (typeof raw.seed !== 'number' && typeof raw.seed !== 'string')) return undefined;
  const seed: SeedEvidence = { seed: typeof raw.seed === 'string' ? str(raw.seed, 200) : raw.seed, command: str(raw.command, 2000) };
  if (raw.path !== undefined && raw.path !== null) seed.path = str(raw.path, 2000);
  return seed;
}

/** The evidence of a test that carried none, with the problems that kept it from being read. */
export function emptyEvidence(problems: string[] = []): TestEvidence {
  return { requirements: [], seeds: [], findings: [], exercised: [], inconclusive: [], timelines: [], problems };
}

/** Decodes everything a test carried. Requirement ids come from `@ID` tags and `requirement` annotations. */
export function readEvidence(
  tags: readonly string[],
  annotations: readonly RawAnnotation[],
  attachments: readonly RawAttachment[],
  read: AttachmentReader,
): TestEvidence {
  const evidence = emptyEvidence();
  const ids = new Set<string>();
  for (const tag of tags) {
    const match = TAG_ID.exec(String(tag));
    if (match?.[1]) ids.add(match[1]);
  }
  for (const annotation of annotations) {
    if (!isJsonObject(annotation)) continue;
    const description = typeof annotation.description === 'string' ? annotation.description : undefined;
    if (annotation.type === REQUIREMENT_ANNOTATION && description) ids.add(str(description.trim(), 100));
    else if (annotation.type === TARGET_ANNOTATION) evidence.target ??= decodeTarget(description);
    else if (annotation.type === SEED_ANNOTATION) {
      const seed = decodeSeed(description);
      if (seed) evidence.seeds.push(seed);
      else evidence.problems.push('a seed annotation could not be read');
    } else if (annotation.type === NOTE_ANNOTATION && description) {
      (evidence.notes ??= []).push(str(description, 2000));
    } else if ((annotation.type === 'skip' || annotation.type === 'fixme') && evidence.skipReason === undefined) {
      evidence.skipReason = str(description ?? annotation.type, 2000);
    }
  }
  evidence.requirements = [...ids].filter((id) => id !== '');

  for (const attachment of attachments) {
    if (attachment.name !== FINDINGS_ATTACHMENT && attachment.name !== TIMELINE_ATTACHMENT && attachment.name !== JUDGED_ATTACHMENT)
      continue;
    const content = read(attachment);
    if ('problem' in content) {
      evidence.problems.push(`${attachment.name}: ${content.problem}`);
      continue;
    }
    const raw = jsonValue(content.text);
    if (!isJsonObject(raw)) {
      evidence.problems.push(`${attachment.name}: not a JSON object`);
      continue;
    }
    if (attachment.name === JUDGED_ATTACHMENT) {
      const ids = Array.isArray(raw.exercised) ? raw.exercised : [];
      for (const id of ids) if (typeof id === 'string' && REQUIREMENT_ID.test(id)) evidence.exercised.push(id);
      for (const item of Array.isArray(raw.inconclusive) ? raw.inconclusive : []) {
        if (!isJsonObject(item) || typeof item.cause !== 'string') continue;
        const cause: InconclusiveCause = { cause: str(item.cause, 2000), suiteTrouble: item.suiteTrouble === true };
        if (typeof item.requirement === 'string' && REQUIREMENT_ID.test(item.requirement)) cause.requirement = item.requirement;
        evidence.inconclusive.push(cause);
      }
    } else if (attachment.name === FINDINGS_ATTACHMENT) {
      const list = Array.isArray(raw.findings) ? raw.findings : [];
      for (const item of list) {
        const finding = decodeFinding(item);
        if (finding) evidence.findings.push(finding);
        else evidence.problems.push(`${attachment.name}: a finding without a requirement was dropped`);
      }
    } else {
      const list = Array.isArray(raw.timeline) ? raw.timeline : [];
      const timeline: Observation[] = [];
      list.forEach((item, position) => {
        const observation = decodeObservation(item, position);
        if (observation) timeline.push(observation);
      });
      if (timeline.length < list.length)
        evidence.problems.push(`${attachment.name}: ${list.length - timeline.length} unreadable observation(s) dropped`);
      evidence.timelines.push({ jobId: str(raw.jobId, 300), timeline });
    }
  }
  return evidence;
}

/** A gzipped attachment's text, within bounds. */
function unpacked(attachment: RawAttachment): { text: string } | { problem: string } {
  try {
    if (attachment.path === undefined) return { problem: 'a gzipped attachment without a file' };
    if (statSync(attachment.path).size > UNPACKED_ATTACHMENT_BYTES) return { problem: 'attachment file too large' };
    return { text: gunzipSync(readFileSync(attachment.path), { maxOutputLength: UNPACKED_ATTACHMENT_BYTES }).toString('utf8') };
  } catch (error) {
    return { problem: `attachment could not be read (${(error as Error).message})` };
  }
}

/** The HAR entries of a test's exchanges attachment (src/evidence/exchanges.ts writes it, gzipped), not yet checked one by one. */
export function readExchanges(attachment: RawAttachment, read: AttachmentReader): { entries: unknown[] } | { problem: string } {
  const content = attachment.contentType === 'application/gzip' ? unpacked(attachment) : read(attachment);
  if ('problem' in content) return content;
  const value = jsonValue(content.text);
  return isJsonObject(value) && Array.isArray(value.entries) ? { entries: value.entries } : { problem: 'not a list of HAR entries' };
}
