// reports/conformance/exchanges.har: every exchange of the run with the target, test by test, as HAR 1.2
// (Chromium's devtools and HAR viewers open it; `npm run judge` judges it again). It is written from the
// tests' attachments, so a merged sharded run writes the exchanges of every shard. Bounded: past its byte
// budget an entry keeps everything but its body, and says so.
import { EXCHANGES_HAR_BYTES, UNPACKED_ATTACHMENT_BYTES } from '../contract/limits.js';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { EXCHANGES_ATTACHMENT } from '../evidence/exchanges.js';
import type { HarEntry } from '../har/har-format.js';
import { HarWriter } from '../har/har-file.js';
import { isJsonObject, parseJson } from '../model/json.js';
import { redactDeep } from '../redaction/redact.js';
import type { AttachmentReader, RawAttachment } from './read-evidence.js';

export const EXCHANGES_HAR = 'exchanges.har';

export interface HarSource {
  attachments: readonly RawAttachment[];
}

function withoutBody(entry: HarEntry, reason: string): HarEntry {
  const { text: _text, ...content } = entry.response.content;
  return { ...entry, response: { ...entry.response, content: { ...content, comment: reason } }, _bodyCut: reason };
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

/** Writes the entries the tests attached into `<dir>/exchanges.har`; returns how many, and any problems. */
export function writeExchangesHar(
  dir: string,
  tests: readonly HarSource[],
  read: AttachmentReader,
  secrets: readonly string[],
  maxBytes = EXCHANGES_HAR_BYTES,
): { entries: number; problems: string[]; statuses: Record<string, number> } {
  const writer = new HarWriter(path.join(dir, EXCHANGES_HAR), { name: 'captain-job-status-conformance', version: '1' }, maxBytes);
  const problems: string[] = [];
  // The HTTP status of every answer of the run, for the report's coverage (timelines hold only job polls).
  const statuses: Record<string, number> = {};
  const reason = `exchanges.har is over its ${maxBytes}-byte budget: this body was left out`;
  try {
    for (const test of tests) {
      for (const attachment of test.attachments) {
        if (attachment.name !== EXCHANGES_ATTACHMENT) continue;
        const content = attachment.contentType === 'application/gzip' ? unpacked(attachment) : read(attachment);
        if ('problem' in content) {
          problems.push(`${EXCHANGES_ATTACHMENT}: ${content.problem}`);
          continue;
        }
        const parsed = parseJson(content.text);
        const entries = parsed.ok && isJsonObject(parsed.value) && Array.isArray(parsed.value.entries) ? parsed.value.entries : undefined;
        if (!entries) {
          problems.push(`${EXCHANGES_ATTACHMENT}: not a list of HAR entries`);
          continue;
        }
        for (const raw of entries) {
          if (!isJsonObject(raw)) continue;
          const entry = redactDeep(raw, secrets) as HarEntry;
          const status = entry.response?.status;
          if (typeof status === 'number' && Number.isInteger(status)) statuses[status] = (statuses[status] ?? 0) + 1;
          writer.add(writer.overBudget && entry.response?.content?.text ? withoutBody(entry, reason) : entry);
        }
      }
    }
  } finally {
    writer.close();
  }
  return { entries: writer.entries, problems, statuses };
}
