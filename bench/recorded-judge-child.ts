// The recorded judge alone in a fresh process, for the bench's figures (time and peak memory of its own):
// judges the HAR files named, as `npm run judge` does, and prints one JSON line of what it measured.
import { getHeapStatistics } from 'node:v8';
import { judgeRecorded } from '../src/recorded/judge-recorded.js';
import { redactor } from '../src/redaction/redact.js';

const files = process.argv.slice(2);
const started = performance.now();
const keepBytes = Math.min(64 * 1024 * 1024, Math.floor(getHeapStatistics().heap_size_limit / 8));
const run = judgeRecorded(files, { read: { redact: redactor([]), keepBodies: true }, keepBytes });
const ms = performance.now() - started;
const findings = run.records.reduce((n, r) => n + r.evidence.findings.length, 0);
process.stdout.write(
  `${JSON.stringify({ ms, judged: run.summary.judged, jobs: run.summary.jobs.length, findings, maxRssKb: process.resourceUsage().maxRSS, heapLimitMb: getHeapStatistics().heap_size_limit / 2 ** 20 })}\n`,
);
