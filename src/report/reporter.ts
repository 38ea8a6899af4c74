// The conformance reporter: one more listener on Playwright's run events. It reads the evidence tests
// carried (annotations, attachments), so it works the same live, sharded, or replayed by merge-reports.
import { ATTACHMENT_BYTES } from '../contract/limits.js';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { writeAtomically } from './write-atomically.js';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase } from '@playwright/test/reporter';
import { catalog } from '../contract/catalog.js';
import { emptyEvidence, readEvidence, type AttachmentReader, type TestEvidence } from '../evidence/read-evidence.js';
import { secretsFrom } from '../redaction/redact.js';
import { settings } from '../settings/settings.js';
import { renderHtml } from './html/render-html.js';
import { buildResults, type Results, type TestRecord, type TestStatus, type Verdict } from './results.js';
import { clip } from '../contract/clip.js';
import { selectionOf } from './selection.js';
import { readWaiverFile } from './waivers.js';
import { writeExchangesHar } from './exchanges-har.js';

export interface ConformanceReporterOptions {
  /** Where index.html and results.json go; relative to the config file's folder. */
  outputDir?: string;
  /** Write even when no test of the run names a requirement (by default such runs leave the last report alone). */
  always?: boolean;
  /** The command line that says which tests run (default: this process's); for tests that drive the reporter. */
  argv?: readonly string[];
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export const readAttachment: AttachmentReader = (attachment) => {
  try {
    if (attachment.body !== undefined) {
      const size = typeof attachment.body === 'string' ? attachment.body.length : attachment.body.byteLength;
      if (size > ATTACHMENT_BYTES) return { problem: `attachment of ${size} bytes is over the ${ATTACHMENT_BYTES}-byte limit` };
      return { text: attachment.body.toString() };
    }
    if (attachment.path !== undefined) {
      const size = statSync(attachment.path).size;
      if (size > ATTACHMENT_BYTES) return { problem: `attachment file of ${size} bytes is over the ${ATTACHMENT_BYTES}-byte limit` };
      return { text: readFileSync(attachment.path, 'utf8') };
    }
    return { problem: 'attachment has neither body nor path' };
  } catch (error) {
    return { problem: `attachment could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
};

function statusOf(test: TestCase): TestStatus {
  const last = test.results[test.results.length - 1];
  return last === undefined ? 'not-run' : last.status;
}

export function recordOf(test: TestCase, rootDir: string): TestRecord {
  const last = test.results[test.results.length - 1];
  let evidence: TestEvidence;
  try {
    // Playwright may list a runtime annotation on the test and on its result alike: count each once.
    const annotations = [...(test.annotations ?? []), ...(last?.annotations ?? [])];
    const unique = annotations.filter((a, i) => annotations.findIndex((b) => b.type === a.type && b.description === a.description) === i);
    evidence = readEvidence(test.tags ?? [], unique, last?.attachments ?? [], readAttachment);
  } catch (error) {
    evidence = emptyEvidence([`evidence unreadable: ${String(error)}`]);
  }
  const titles = test.titlePath().filter((t) => t !== '');
  const record: TestRecord = {
    id: test.id,
    title: titles.slice(2).join(' › ') || test.title,
    file: path.relative(rootDir, test.location.file),
    line: test.location.line,
    project: test.parent.project()?.name ?? '',
    status: statusOf(test),
    durationMs: last?.duration ?? 0,
    evidence,
  };
  const message = last?.error?.message ?? last?.error?.value;
  if (message !== undefined) record.error = message.replace(ANSI, '');
  return record;
}

const VERDICT_LINE: Record<Verdict, string> = {
  conformant: 'CONFORMANT',
  'not-conformant': 'NOT CONFORMANT',
  incomplete: 'INCOMPLETE',
  broke: 'THE RUN BROKE, no verdict against the target',
};

const TARGET_KIND: Record<Results['target']['kind'], string> = {
  external: 'external deployment',
  simulator: 'embedded simulator',
  recorded: 'recorded traffic',
  unknown: 'target not reached',
};

/** At most `max` lines of a list, then one that says how many more the report has. */
function capped(lines: readonly string[], max: number, what: string): string[] {
  return lines.length <= max ? [...lines] : [...lines.slice(0, max), `  ... and ${lines.length - max} more ${what} (see the report)`];
}

const oneLine = (text: string, max = 240): string => clip(text.replace(/\s+/g, ' ').trim(), max, 'ellipsis');

/**
 * The console's last lines: the target (URL and kind), the profile, the verdict with its exit code, every
 * failed MUST with its first finding, every SHOULD warning, every unexercised MUST with why. A run that broke
 * says its cause once and lists nothing against the target. The report's path follows (the reporter adds it).
 */
export function verdictLines(results: Results): string {
  const s = results.summary;
  const target = `${results.target.baseUrl ?? '(no target)'} (${TARGET_KIND[results.target.kind]})`;
  const lines = ['', `Conformance of ${target}, ${results.profile} profile: ${VERDICT_LINE[s.verdict]} (exit code ${s.exitCode})`];
  if (s.verdict === 'broke') {
    lines.push(
      ...capped(
        s.brokenBecause.map((b) => `  cause: ${oneLine(b, 800)}`),
        3,
        'causes',
      ),
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `  MUST failed ${s.failed}, SHOULD warned ${s.warned}, passed ${s.passed}, inconclusive ${s.inconclusive}, skipped ${s.skipped}, not covered ${s.notCovered}${s.waived ? `, waived ${s.waived}` : ''}${s.partial ? `, not selected ${s.notSelected}` : ''}`,
  );
  if (s.partial)
    lines.push(
      `  partial run (${s.selection.join(' ')}): the verdict speaks of the selected tests only; ${s.notSelected} requirements not selected`,
    );
  lines.push(...s.warnings.map((w) => `  warning: ${oneLine(w)}`));
  if (s.runBroken)
    lines.push(
      ...capped(
        s.brokenBecause.map((b) => `  the run also broke: ${oneLine(b)}`),
        3,
        'causes',
      ),
    );
  const first = (r: Results['requirements'][number]) => oneLine(r.findings[0]?.message ?? '');
  const failed = results.requirements.filter((r) => r.status === 'failed');
  lines.push(
    ...capped(
      failed.filter((r) => r.level === 'MUST').map((r) => `  MUST ${r.id} failed: ${first(r)}`),
      20,
      'failed MUST',
    ),
  );
  lines.push(
    ...capped(
      failed.filter((r) => r.level === 'SHOULD').map((r) => `  SHOULD ${r.id} warned: ${first(r)}`),
      20,
      'SHOULD warnings',
    ),
  );
  lines.push(
    ...capped(
      s.unexercisedMust.map((u) => `  MUST ${u.id} ${u.status}: ${oneLine(u.reason)}`),
      20,
      'MUST not exercised',
    ),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Playwright exits 0 or 1 (130 when interrupted) and offers reporters no other code; a run that broke exits 2,
 * so the code is set as the process exits (an 'exit' listener may change it; Playwright calls process.exit).
 */
export function exitWith(code: 2): void {
  process.once('exit', () => {
    process.exitCode = code;
  });
}

export default class ConformanceReporter implements Reporter {
  private readonly options: ConformanceReporterOptions;
  private config?: FullConfig;
  private root?: Suite;
  private startedAt = new Date();

  constructor(options: ConformanceReporterOptions = {}) {
    this.options = options;
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    this.root = suite;
    this.startedAt = new Date();
  }

  outputDir(): string {
    const base = this.config?.configFile ? path.dirname(this.config.configFile) : process.cwd();
    return path.resolve(base, this.options.outputDir ?? 'reports/conformance');
  }

  /** Whether the run is one to report: some test names a requirement or a finding (or `always`). */
  private reports(records: ReadonlyArray<Pick<TestRecord, 'evidence'>>): boolean {
    return this.options.always === true || records.some((r) => r.evidence.requirements.length > 0 || r.evidence.findings.length > 0);
  }

  private records(): TestRecord[] {
    const rootDir = this.config?.rootDir ?? process.cwd();
    return (this.root?.allTests() ?? []).map((test) => recordOf(test, rootDir));
  }

  /** Builds the results of the run; exposed for tests that drive the reporter with fake events. */
  results(result: Pick<FullResult, 'status'> & { startTime?: Date }): Results | undefined {
    const records = this.records();
    return this.reports(records) ? this.resultsOf(records, result) : undefined;
  }

  /** `httpStatuses`: of every exchange of the run (from exchanges.har), for the coverage table. */
  private resultsOf(
    records: readonly TestRecord[],
    result: Pick<FullResult, 'status'> & { startTime?: Date },
    httpStatuses?: Record<string, number>,
  ): Results {
    const run = settings();
    const selection = selectionOf(this.options.argv ?? process.argv);
    const meta = {
      selection: selection.narrowedBy,
      startedAt: (result.startTime ?? this.startedAt).toISOString(),
      finishedAt: new Date().toISOString(),
      runStatus: result.status,
      secrets: secretsFrom([run.apiKey, run.otherApiKey, run.controlToken]),
      apiKeyConfigured: run.apiKey !== undefined,
      ...(run.baseUrl || run.embeddedUrl
        ? { fallbackBaseUrl: (run.baseUrl ?? run.embeddedUrl)!, fallbackKind: run.baseUrl ? ('external' as const) : ('simulator' as const) }
        : {}),
      profile: run.profile,
      requireComplete: run.requireComplete,
      ...(run.waivers ? { waivers: readWaiverFile(run.waivers) } : {}),
      ...(httpStatuses ? { httpStatuses } : {}),
    };
    return buildResults(records, catalog(), meta);
  }

  /** exchanges.har beside the report: its own trouble is said, never the run's. */
  private writeExchanges(dir: string): Record<string, number> | undefined {
    try {
      const run = settings();
      const tests = (this.root?.allTests() ?? []).map((test) => ({
        attachments: test.results[test.results.length - 1]?.attachments ?? [],
      }));
      return writeExchangesHar(dir, tests, readAttachment, secretsFrom([run.apiKey, run.otherApiKey, run.controlToken])).statuses;
    } catch (error) {
      process.stderr.write(
        `conformance reporter: could not write exchanges.har: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return undefined;
    }
  }

  /**
   * Writes the report and makes the exit code agree with it: a run Playwright calls passed still exits 1
   * when it is not conformant, broke, or is incomplete under CONFORMANCE_REQUIRE_COMPLETE=1. A failed run
   * is never turned into a passing one.
   */
  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | void> {
    // A reporter that throws would hide the run's own outcome: report the problem and carry on.
    try {
      // `--list` runs no test: the last report stays as it was.
      if (selectionOf(this.options.argv ?? process.argv).list) return;
      const records = this.records();
      if (!this.reports(records)) return;
      const dir = this.outputDir();
      mkdirSync(dir, { recursive: true });
      // exchanges.har first: the report's coverage counts the HTTP status of every exchange it holds.
      const results = this.resultsOf(records, result, this.writeExchanges(dir));
      writeAtomically(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
      writeAtomically(path.join(dir, 'index.html'), renderHtml(results));
      process.stdout.write(
        `${verdictLines(results)}  report: ${path.relative(process.cwd(), path.join(dir, 'index.html')) || 'index.html'}\n`,
      );
      if (results.summary.exitCode === 2) exitWith(2);
      if (results.summary.exitCode !== 0 && result.status === 'passed') return { status: 'failed' };
    } catch (error) {
      process.stderr.write(`conformance reporter: could not write the report: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}
