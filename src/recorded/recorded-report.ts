// The usual report (results.json, index.html) for traffic judged from a recording: the same results model
// and renderer as a suite run, the target kind `recorded`, and what was read, judged and skipped beside it.
import { mkdirSync } from 'node:fs';
import { writeAtomically } from '../report/write-atomically.js';
import path from 'node:path';
import { catalog, levelOf, type Profile } from '../contract/catalog.js';
import type { RecordedRun, RecordedSummary } from './judge-recorded.js';
import { redactDeep } from '../redaction/redact.js';
import { renderHtml } from '../report/html/render-html.js';
import { buildResults, type Results } from '../report/results.js';

export interface RecordedResults extends Results {
  /** What the recording held: files, exchanges judged and skipped (with why), jobs. */
  recorded: RecordedSummary;
}

export interface RecordedMeta {
  startedAt: string;
  profile: Profile;
  secrets: readonly string[];
  requireComplete: boolean;
  /** Where the traffic went (the proxy's target), else the origins the recording names. */
  baseUrl?: string;
}

/** The results of a recorded run; requirements no recorded answer let the oracle judge are `not-covered`. */
export function recordedResults(run: RecordedRun, meta: RecordedMeta): RecordedResults {
  // Findings carry the level of the profile the traffic is judged in.
  for (const record of run.records) for (const f of record.evidence.findings) f.level = levelOf(f.requirement, meta.profile);
  for (const record of run.records) record.status = record.evidence.findings.some((f) => f.level === 'MUST') ? 'failed' : 'passed';
  const results = buildResults(run.records, catalog(), {
    startedAt: meta.startedAt,
    finishedAt: new Date().toISOString(),
    runStatus: run.records.some((r) => r.status === 'failed') ? 'failed' : 'passed',
    secrets: meta.secrets,
    apiKeyConfigured: false,
    profile: meta.profile,
    requireComplete: meta.requireComplete,
  });
  results.target = { baseUrl: meta.baseUrl ?? null, kind: 'recorded', controllable: false, apiKey: 'not set' };
  results.coverage = run.coverage;
  results.problems = [...run.problems, ...results.problems];
  // "No test names it" is a suite run's reason; here the traffic had no answer the requirement's check reads.
  for (const u of results.summary.unexercisedMust)
    if (u.status === 'not-covered') u.reason = 'the recorded traffic holds no answer its check can judge (see docs/recorded-traffic.md)';
  return { ...results, recorded: redactDeep(run.summary, meta.secrets) as RecordedSummary };
}

/** Writes results.json and index.html into `dir`; returns the results written. */
export function writeRecordedReport(run: RecordedRun, dir: string, meta: RecordedMeta): RecordedResults {
  const results = recordedResults(run, meta);
  mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeAtomically(path.join(dir, 'index.html'), renderHtml(results));
  return results;
}
