// The recording proxy: forwards every exchange to the target unchanged, records each into exchanges.har as
// it completes (redacted at capture, bodies bounded), and on stop judges the recording and writes the
// usual report beside it, as `npm run judge` would (docs/recorded-traffic.md).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { RECORDING_HAR_BYTES } from '../contract/limits.js';
import type { Profile } from '../contract/catalog.js';
import { HarWriter } from '../har/har-file.js';
import { judgeRecorded, keptBytesForHeap } from '../recorded/judge-recorded.js';
import { redactor } from '../redaction/redact.js';
import { writeRecordedReport, type RecordedResults } from '../recorded/recorded-report.js';
import { EXCHANGES_HAR } from '../report/exchanges-har.js';
import { startForwardingProxy } from './forward.js';
import { recordingTap } from './recording.js';

export interface RecordingProxyOptions {
  target: string;
  port?: number;
  /** Where exchanges.har, results.json and index.html go. */
  outputDir: string;
  secrets: readonly string[];
  profile: Profile;
  requireComplete?: boolean;
  /** Bodies kept up to this many bytes each (default 1 MiB). */
  maxBodyBytes?: number;
  /** The recording's byte budget (default 200 MiB): past it, entries keep everything but their bodies. */
  maxHarBytes?: number;
}

export interface RecordingProxy {
  baseUrl: string;
  /** Exchanges recorded so far. */
  recorded(): number;
  /** Stops forwarding, writes exchanges.har and the report; the results, with the file's path. */
  stop(): Promise<{ results: RecordedResults; har: string; exchanges: number; unjudged: boolean }>;
}

export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  mkdirSync(options.outputDir, { recursive: true });
  const har = path.join(options.outputDir, EXCHANGES_HAR);
  const startedAt = new Date().toISOString();
  const redact = redactor(options.secrets);
  const writer = new HarWriter(
    har,
    { name: 'captain-job-status-conformance recording proxy', version: '1' },
    options.maxHarBytes ?? RECORDING_HAR_BYTES,
  );
  const recording = recordingTap({
    target: options.target,
    writer,
    redact,
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  const proxy = await startForwardingProxy({
    target: options.target,
    ...(options.port !== undefined ? { port: options.port } : {}),
    tap: recording.tap,
  });
  let stopping: ReturnType<RecordingProxy['stop']> | undefined;
  const stop = async () => {
    await proxy.close();
    writer.close();
    const keepBytes = keptBytesForHeap();
    const run = judgeRecorded([har], { read: { redact, keepBodies: true }, keepBytes });
    const results = writeRecordedReport(run, options.outputDir, {
      startedAt,
      profile: options.profile,
      secrets: options.secrets,
      requireComplete: options.requireComplete ?? false,
      baseUrl: options.target,
    });
    return { results, har, exchanges: writer.entries, unjudged: run.summary.judged === 0 };
  };
  return {
    baseUrl: proxy.baseUrl,
    recorded: recording.recorded,
    stop: () => (stopping ??= stop()),
  };
}
