// Every exchange a test makes with the target, as HAR entries, carried to the reporter in one attachment
// per test (so shards and merge-reports keep them); the reporter writes them all as exchanges.har. The
// entry names its test, and the timeline the test judged it in, so judging the file repeats the run's judgement.
import { HAR_BODY_CHARS, TEST_BODY_CHARS } from '../contract/limits.js';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { TestInfo } from '@playwright/test';
import type { Exchange } from '../oracle/exchange.js';
import { entryOf } from '../har/har-entry.js';
import type { HarEntry } from '../har/har-format.js';
import { redactDeep, secretsFrom } from '../redaction/redact.js';
import { settings } from '../settings/settings.js';
import { EXCHANGES_ATTACHMENT, type ExchangesAttachment } from './format.js';

/** Exchanges recorded as they complete, with the timeline each was judged in once a test says. */
export class ExchangeRecorder {
  private readonly exchanges: Array<{ exchange: Exchange; test: string }> = [];
  private readonly timelines = new Map<Exchange, string>();

  constructor(private readonly baseUrl: string) {}

  /** Records an exchange of `test` (pass as a client's onExchange). */
  record(exchange: Exchange, test: string): void {
    this.exchanges.push({ exchange, test });
  }

  /** The timeline (`<job_id>`, `<job_id> walk <n>`) a test judged these exchanges in. */
  judgedIn(exchanges: readonly Exchange[], timeline: string): void {
    for (const exchange of exchanges) this.timelines.set(exchange, timeline);
  }

  /** Everything recorded so far, as HAR entries; the recorder starts empty again. */
  drain(): HarEntry[] {
    let left = TEST_BODY_CHARS;
    const omitted = `the test's exchanges are over their ${TEST_BODY_CHARS}-character budget for bodies: this body was left out`;
    const entries = this.exchanges.map(({ exchange, test }) => {
      const timeline = this.timelines.get(exchange);
      const room = left > 0;
      left -= Math.min(exchange.body.length, HAR_BODY_CHARS);
      return entryOf(exchange, {
        baseUrl: this.baseUrl,
        test,
        ...(timeline !== undefined ? { timeline } : {}),
        ...(room ? { maxBodyChars: HAR_BODY_CHARS } : { omitBody: omitted }),
      });
    });
    this.exchanges.length = 0;
    this.timelines.clear();
    return entries;
  }
}

/** Attaches a test's exchanges as a gzipped file beside its results (redacted again, in case a caller forgot). */
export async function attachExchanges(testInfo: TestInfo, entries: readonly HarEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const { apiKey, otherApiKey } = settings();
  const payload: ExchangesAttachment = { entries: redactDeep(entries, secretsFrom([apiKey, otherApiKey])) as HarEntry[] };
  const file = testInfo.outputPath('exchanges.json.gz');
  writeFileSync(file, gzipSync(JSON.stringify(payload)));
  await testInfo.attach(EXCHANGES_ATTACHMENT, { path: file, contentType: 'application/gzip' });
}
