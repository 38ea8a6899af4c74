// `npm run judge -- <file.har | folder> [--profile P] [--reports DIR]`: judges recorded traffic (HAR 1.2 from
// a browser's devtools, Playwright's recordHar, mitmproxy, or a suite run's exchanges.har) with the suite's
// oracle and writes the usual report with the target kind `recorded` (docs/recorded-traffic.md).
// Exit codes as the suite's: 0 conformant or incomplete, 1 not conformant, 2 our own trouble (usage, a file
// that cannot be read as HAR, nothing of the Captain API in it).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROFILES, type Profile } from '../contract/catalog.js';
import { judgeRecorded, keptBytesForHeap } from '../recorded/judge-recorded.js';
import { redactor } from '../redaction/redact.js';
import { writeRecordedReport, type RecordedResults } from '../recorded/recorded-report.js';
import { verdictLines } from '../report/reporter.js';
import { reportsDirFrom, secretValues, SettingsError, settingsFrom, type Settings } from '../settings/settings.js';

const USAGE = `usage: npm run judge -- <file.har | folder> [more...] [--profile default|strict] [--reports DIR]

Judges the Captain API exchanges of HAR 1.2 files (a folder: every *.har in it, and below) and writes
<reports>/conformance/{results.json,index.html} (reports: --reports, else $CONFORMANCE_REPORTS_DIR, else reports).
Exit codes: 0 conformant or incomplete, 1 not conformant, 2 the files could not be judged.`;

export interface JudgeIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}

class UsageError extends Error {}

interface JudgeArgs {
  inputs: string[];
  profile?: Profile;
  reports?: string;
}

function parse(argv: readonly string[]): JudgeArgs {
  const args: JudgeArgs = { inputs: [] };
  const list = argv.filter((a) => a !== '--');
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    if (arg === '-h' || arg === '--help') throw new UsageError('');
    if (arg === '--profile' || arg === '--reports') {
      const value = list[++i];
      if (value === undefined || value === '') throw new UsageError(`${arg} needs a value`);
      if (arg === '--reports') args.reports = value;
      else if ((PROFILES as readonly string[]).includes(value)) args.profile = value as Profile;
      else throw new UsageError(`--profile ${JSON.stringify(value)}: expected one of ${PROFILES.join(', ')}`);
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else args.inputs.push(arg);
  }
  if (args.inputs.length === 0) throw new UsageError('name a HAR file or a folder of them');
  return args;
}

/** The HAR files an input names: itself, or every *.har under a folder, sorted. */
function harFiles(input: string): string[] {
  const stat = statSync(input); // throws for a missing path: said by the caller
  if (!stat.isDirectory()) return [input];
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < 8) walk(full, depth + 1);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.har')) out.push(full);
    }
  };
  walk(input, 0);
  return out;
}

export interface JudgeOutcome {
  exitCode: number;
  results?: RecordedResults;
}

/** Runs the judge as the command line does; returns the exit code (and the results, for tests). */
export function runJudge(argv: readonly string[], io: JudgeIo): JudgeOutcome {
  let args: JudgeArgs;
  try {
    args = parse(argv);
  } catch (error) {
    const message = (error as Error).message;
    io.err(message ? `judge: ${message}\n${USAGE}` : USAGE);
    return { exitCode: 2 };
  }
  let configured: Settings;
  try {
    configured = settingsFrom(io.env); // the profile and CONFORMANCE_REQUIRE_COMPLETE, read as the suite reads them
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    io.err(`judge: ${error.message}`);
    return { exitCode: 2 };
  }
  const files: string[] = [];
  const trouble: string[] = [];
  for (const input of args.inputs) {
    try {
      const found = harFiles(input);
      if (found.length === 0) trouble.push(`${input}: a folder with no .har file in it`);
      files.push(...found);
    } catch (error) {
      trouble.push(`${input}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  const secrets = secretValues(io.env);
  const profile: Profile = args.profile ?? configured.profile;
  const startedAt = new Date().toISOString();
  const keepBytes = keptBytesForHeap();
  // Headers and URLs are redacted as read; bodies only with the whole report, before it is written.
  const run = judgeRecorded(files, { read: { redact: redactor(secrets), keepBodies: true }, keepBytes });
  for (const file of run.summary.files) if (file.unreadable) trouble.push(`${file.file} ${file.problem ?? 'cannot be read'}`);
  if (files.length > 0 && run.summary.judged === 0 && trouble.length === 0)
    trouble.push(
      `no answer of the Captain API's job-status, cancel or query endpoints in ${files.length === 1 ? files[0] : `${files.length} files`} (${run.summary.entries} entries, ${run.summary.otherApis} of other APIs): nothing to judge`,
    );
  const dir = path.join(args.reports ?? reportsDirFrom(io.env), 'conformance');
  const results = writeRecordedReport(run, dir, {
    startedAt,
    profile,
    secrets,
    requireComplete: configured.requireComplete,
    ...(run.summary.origins.length > 0 ? { baseUrl: run.summary.origins.join(' ') } : {}),
  });
  const s = run.summary;
  io.out(
    `Judged ${s.judged} exchange(s) of the Captain API from ${s.files.length} file(s) (${s.entries} entries): ${s.jobs.length} job(s), ${s.timelines} timeline(s); ${s.otherCaptain} of its other endpoints and ${s.otherApis} of other APIs not judged; ${s.skipped.reduce((n, k) => n + k.count, 0)} skipped.`,
  );
  for (const skip of s.skipped.slice(0, 10)) io.out(`  skipped ${skip.count}: ${skip.reason}`);
  for (const problem of run.problems.filter((p) => !p.includes('skipped:')).slice(0, 10)) io.out(`  note: ${problem}`);
  io.out(verdictLines(results).trimEnd());
  io.out(`  ${path.relative(process.cwd(), path.join(dir, 'index.html')) || 'index.html'}`);
  if (trouble.length > 0) {
    for (const line of trouble) io.err(`judge: ${line}`);
    return { exitCode: 2, results };
  }
  return { exitCode: results.summary.exitCode, results };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outcome = runJudge(process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exitCode = outcome.exitCode;
}
