// The report of a run that broke before any test (the preflight): results.json and index.html say "broke",
// with the cause and its fix, and judge nothing, so that no one reads the suite's trouble as the API's
// (the history site shows such a run as broke, never as regressions).
import { mkdirSync } from 'node:fs';
import { writeAtomically } from './write-atomically.js';
import path from 'node:path';
import { catalog } from '../contract/catalog.js';
import type { Profile } from '../contract/profile.js';
import type { TrafficOrigin } from '../evidence/format.js';
import { renderHtml } from './html/render-html.js';
import { buildResults, type Results } from './results.js';

export interface BrokeRun {
  /** The cause and its fix, one sentence each. */
  cause: string;
  fix: string;
  baseUrl: string;
  kind: TrafficOrigin;
  profile: Profile;
  startedAt: Date;
  secrets: readonly string[];
  apiKeyConfigured: boolean;
}

export function brokeResults(run: BrokeRun): Results {
  return buildResults([], catalog(), {
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    runStatus: 'failed',
    secrets: run.secrets,
    apiKeyConfigured: run.apiKeyConfigured,
    fallbackBaseUrl: run.baseUrl,
    fallbackKind: run.kind,
    profile: run.profile,
    requireComplete: false,
    brokeBefore: `${run.cause}. Fix: ${run.fix}`,
  });
}

/** Writes results.json and index.html of a broken run into `dir`; returns the path of index.html. */
export function writeBrokeReport(dir: string, results: Results): string {
  mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const html = path.join(dir, 'index.html');
  writeAtomically(html, renderHtml(results));
  return html;
}
