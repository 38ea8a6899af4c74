// reports/conformance/exchanges.har: every exchange of the run with the target, test by test, as HAR 1.2
// (Chromium's devtools and HAR viewers open it; `npm run judge` judges it again). It is written from the
// tests' attachments, so a merged sharded run writes the exchanges of every shard. Bounded: past its byte
// budget an entry keeps everything but its body, and says so.
import { EXCHANGES_HAR_BYTES } from '../contract/limits.js';
import path from 'node:path';
import { EXCHANGES_ATTACHMENT } from '../evidence/format.js';
import type { HarEntry } from '../har/har-format.js';
import { HarWriter } from '../har/har-file.js';
import { isJsonObject } from '../model/json.js';
import { redactDeep } from '../redaction/redact.js';
import { readExchanges, type AttachmentReader, type RawAttachment } from '../evidence/read-evidence.js';

export const EXCHANGES_HAR = 'exchanges.har';

export interface HarSource {
  attachments: readonly RawAttachment[];
}

function withoutBody(entry: HarEntry, reason: string): HarEntry {
  const { text: _text, ...content } = entry.response.content;
  return { ...entry, response: { ...entry.response, content: { ...content, comment: reason } }, _bodyCut: reason };
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
        const decoded = readExchanges(attachment, read);
        if ('problem' in decoded) {
          problems.push(`${EXCHANGES_ATTACHMENT}: ${decoded.problem}`);
          continue;
        }
        for (const raw of decoded.entries) {
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
