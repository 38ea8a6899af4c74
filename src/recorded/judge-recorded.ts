// Judges traffic the suite did not make: the Captain API exchanges of HAR files, each job's status answers
// as one timeline in time order, every cancel and query answer, as the conformance tests judge theirs. What
// it cannot judge it skips with the reason. Memory stays bounded whatever the size of the files: entries are
// found by a scanner, only an index of them is held (bodies up to a budget), and one timeline is judged at a time.
import path from 'node:path';
import type { Exchange } from '../oracle/exchange.js';
import type { Finding } from '../oracle/finding.js';
import { levelled } from '../contract/catalog.js';
import type { Observation, Timeline } from '../oracle/observation.js';
import { clip } from '../contract/clip.js';
import { readEntry, type ReadOptions } from '../har/har-entry.js';
import { readRange, scanHarFile } from '../har/har-file.js';
import type { ScannedValue } from '../har/har-scanner.js';
import { coverageOf, type Coverage } from '../report/coverage.js';
import type { TestRecord } from '../report/test-record.js';
import { judgeCancelAnswer, judgeLoneAnswer, judgeQueryAnswer, judgeStatusTimeline, type RecordedJudgement } from './oracle-adapter.js';
import { routeOf, type Route } from './routes.js';

/** What was read, file by file. */
export interface RecordedFile {
  file: string;
  entries: number;
  /** Why the file could not be judged at all, or was judged only in part (cut short). */
  problem?: string;
  /** The file could not be read as HAR 1.2 at all. */
  unreadable: boolean;
  /** Entries that came earlier in time than the one before them in the file (they are judged in time order). */
  outOfOrder: number;
}

export interface SkipReason {
  reason: string;
  count: number;
  /** A few of the requests skipped for it (method and URL, redacted). */
  examples: string[];
}

export interface RecordedJob {
  jobId: string;
  /** Status answers judged in the job's timelines. */
  statusAnswers: number;
  cancelAnswers: number;
  findings: number;
}

export interface RecordedSummary {
  files: RecordedFile[];
  entries: number;
  /** Exchanges of the Captain API judged (status, cancel and query answers). */
  judged: number;
  /** Exchanges of the Captain API's other endpoints: counted, not judged. */
  otherCaptain: number;
  /** Exchanges of other hosts or paths. */
  otherApis: number;
  skipped: SkipReason[];
  jobs: RecordedJob[];
  timelines: number;
  /** The origins (scheme, host, port) the Captain API exchanges went to. */
  origins: string[];
}

export interface RecordedRun {
  records: TestRecord[];
  coverage: Coverage;
  summary: RecordedSummary;
  /** One line each, for the report's problems. */
  problems: string[];
}

export interface JudgeRecordedOptions {
  read: Omit<ReadOptions, 'attached'>;
  /** Decoded bodies kept in memory between reading and judging; past it entries are read again (default 64 MiB). */
  keepBytes?: number;
  /** Findings listed per timeline (the rest are counted in a problem line). */
  maxFindingsPerTimeline?: number;
}

interface Indexed {
  file: number;
  start: number;
  end: number;
  startedMs: number;
  seq: number;
  route: Route;
  test?: string;
  /** The timeline the suite judged the answer in (its own exchanges.har says). */
  timeline?: string;
  exchange?: Exchange;
}

const MAX_EXAMPLES = 3;
const MAX_KEPT_OBSERVATIONS = 400;
const MAX_KEPT_BODY = 8 * 1024;
const MAX_EVIDENCE_TIMELINES = 200;

class Skips {
  private readonly byReason = new Map<string, SkipReason>();
  add(reason: string, method?: string, url?: string): void {
    const skip = this.byReason.get(reason) ?? { reason, count: 0, examples: [] };
    skip.count += 1;
    if (skip.examples.length < MAX_EXAMPLES && url) skip.examples.push(clip(`${method ?? '?'} ${url}`, 300, 'ellipsis'));
    this.byReason.set(reason, skip);
  }
  list(): SkipReason[] {
    return [...this.byReason.values()].sort((a, b) => b.count - a.count);
  }
}

function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** The versions of HAR whose entries read as 1.2's (1.1 is a subset). */
const READABLE_VERSIONS = new Set(['1.2', '1.1']);

function parsed(bytes: Buffer | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Where a status answer is judged: its test's timeline when the suite recorded it, else its job's. */
function groupOf(item: Indexed, timeline: string | undefined): string {
  const route = item.route;
  if (route.kind === 'status') {
    if (item.test !== undefined) return timeline === undefined ? `lone\u0000${item.seq}` : `status\u0000${item.test}\u0000${timeline}`;
    return `status\u0000\u0000${route.jobId}`;
  }
  if (route.kind === 'cancel') return `cancel\u0000${item.test ?? ''}\u0000${route.jobId}`;
  if (route.kind === 'query') return `query\u0000${item.test ?? ''}\u0000${route.collection}`;
  return `other\u0000${item.seq}`;
}

function clippedTimeline(timeline: Timeline, highlight: ReadonlySet<number>): Timeline {
  const keep = (o: Observation, position: number) =>
    timeline.length <= MAX_KEPT_OBSERVATIONS ||
    position < MAX_KEPT_OBSERVATIONS / 2 ||
    position >= timeline.length - MAX_KEPT_OBSERVATIONS / 2 ||
    highlight.has(o.index);
  return timeline.filter(keep).map((o) => {
    if (o.exchange.body.length <= MAX_KEPT_BODY) return o;
    return { ...o, exchange: { ...o.exchange, body: clip(o.exchange.body, MAX_KEPT_BODY, 'cut'), truncated: true } };
  });
}

function mergeCoverage(total: Coverage | undefined, next: Coverage): Coverage {
  if (!total) return next;
  const rows = (a: Coverage['statuses'], b: Coverage['statuses']) => {
    const out = a.map((row) => ({ ...row }));
    for (const row of b) {
      const same = out.find((r) => r.value === row.value);
      if (same) same.count += row.count;
      else out.push({ ...row });
    }
    return out;
  };
  return {
    timelines: total.timelines + next.timelines,
    polls: total.polls + next.polls,
    observationKinds: rows(total.observationKinds, next.observationKinds),
    statuses: rows(total.statuses, next.statuses),
    stages: rows(total.stages, next.stages),
    fileStatuses: rows(total.fileStatuses, next.fileStatuses),
    transitions: rows(total.transitions, next.transitions),
    httpStatuses: rows(total.httpStatuses, next.httpStatuses),
  };
}

/** Reads every file into an index of the Captain API's exchanges; what cannot be read is skipped and said. */
function indexFiles(files: readonly string[], options: JudgeRecordedOptions, skips: Skips, summary: RecordedSummary): Indexed[] {
  const index: Indexed[] = [];
  let kept = 0;
  const keepBytes = options.keepBytes ?? 64 * 1024 * 1024;
  files.forEach((file, fileIndex) => {
    const record: RecordedFile = { file, entries: 0, unreadable: false, outOfOrder: 0 };
    summary.files.push(record);
    const dir = path.dirname(file);
    const read: ReadOptions = {
      ...options.read,
      attached: (name) => {
        try {
          const resolved = path.resolve(dir, name);
          if (!resolved.startsWith(path.resolve(dir) + path.sep)) return undefined; // stays beside the HAR
          return readRange(resolved, 0, Number.MAX_SAFE_INTEGER);
        } catch {
          return undefined;
        }
      },
    };
    let version: string | undefined;
    let lastStarted = -Infinity;
    let end;
    try {
      end = scanHarFile(file, (value: ScannedValue) => {
        if (value.kind === 'log-field') {
          if (value.key === 'version') {
            const v = parsed(value.bytes);
            version = typeof v === 'string' ? v : String(v);
          }
          return;
        }
        record.entries += 1;
        summary.entries += 1;
        if (version !== undefined && !READABLE_VERSIONS.has(version)) return;
        const raw = value.bytes ? parsed(value.bytes) : undefined;
        if (raw === undefined) {
          skips.add(value.bytes ? 'the entry is not valid JSON' : 'the entry is over the size limit');
          return;
        }
        const entry = readEntry(raw, read);
        const method = entry.ok ? entry.exchange.request.method : entry.method;
        const url = entry.url;
        const route = url !== undefined && method !== undefined ? routeOf(method, url) : ({ kind: 'other' } as Route);
        if (route.kind === 'other') {
          if (url !== undefined) summary.otherApis += 1;
          else skips.add(entry.ok ? 'the entry has no request URL' : entry.reason);
          return;
        }
        if (!entry.ok) {
          skips.add(`${entry.reason}`, method, url);
          return;
        }
        if (entry.startedMs < lastStarted) record.outOfOrder += 1;
        lastStarted = Math.max(lastStarted, entry.startedMs);
        if (route.kind === 'captain') {
          summary.otherCaptain += 1;
          return;
        }
        const origin = originOf(entry.url);
        if (origin && summary.origins.length < 20 && !summary.origins.includes(origin)) summary.origins.push(origin);
        entry.exchange.request.url = route.relative;
        const item: Indexed = { file: fileIndex, start: value.start, end: value.end, startedMs: entry.startedMs, seq: index.length, route };
        if (entry.test !== undefined) item.test = entry.test;
        if (entry.timeline !== undefined) item.timeline = entry.timeline;
        const size = entry.exchange.body.length;
        if (kept + size <= keepBytes) {
          item.exchange = entry.exchange;
          kept += size;
        }
        index.push(item);
      });
    } catch (error) {
      record.unreadable = true;
      record.problem = `cannot be read: ${(error as Error).message}`;
      return;
    }
    if (version !== undefined && !READABLE_VERSIONS.has(version)) {
      record.unreadable = true;
      record.problem = `is HAR version ${JSON.stringify(version)}, not 1.2: none of its ${record.entries} entries was judged`;
      return;
    }
    if (end.problem !== undefined) {
      record.problem = end.problem;
      record.unreadable = !end.sawEntries;
    } else if (version === undefined) {
      record.problem = 'has no log.version: read as HAR 1.2';
    }
  });
  return index;
}

/** The exchange of an indexed entry: kept in memory, or read again from its file. */
function exchangeOf(item: Indexed, files: readonly string[], options: JudgeRecordedOptions): Exchange | undefined {
  if (item.exchange) return item.exchange;
  const entry = readEntry(parsed(readRange(files[item.file]!, item.start, item.end)), { ...options.read });
  if (!entry.ok) return undefined;
  if (item.route.kind !== 'other') entry.exchange.request.url = item.route.relative;
  return entry.exchange;
}

function describe(route: Route, count: number, test: string | undefined): string {
  const where = test ? ` (recorded by ${test})` : '';
  switch (route.kind) {
    case 'status':
      return `job ${route.jobId}: ${count} status answer${count === 1 ? '' : 's'}${where}`;
    case 'cancel':
      return `job ${route.jobId}: ${count} cancel answer${count === 1 ? '' : 's'}${where}`;
    case 'query':
      return `collection ${route.collection}: ${count} query answer${count === 1 ? '' : 's'}${where}`;
    default:
      return `${count} answers`;
  }
}

/** Records listed alone (each with its timeline); the rest are pooled, so the report stays small whatever the traffic. */
const MAX_RECORDS = 200;
const MAX_POOLED_FINDINGS = 5_000;

function recordOf(
  n: number,
  title: string,
  file: string,
  findings: Finding[],
  exercised: string[],
  timelines: Array<{ jobId: string; timeline: Timeline }>,
): TestRecord {
  return {
    id: `recorded-${n + 1}`,
    title,
    file,
    line: 0,
    project: 'recorded',
    // Levelled in the default profile for now; recordedResults levels them again in the run's profile.
    status: levelled(findings, 'default').some((f) => f.level === 'MUST') ? 'failed' : 'passed',
    durationMs: 0,
    evidence: {
      requirements: [],
      seeds: [],
      findings: levelled(findings, 'default'),
      exercised,
      inconclusive: [],
      timelines,
      problems: [],
    },
  };
}

/** Judges the HAR files and returns one test record per timeline (and per job's cancels, per collection's queries). */
export function judgeRecorded(files: readonly string[], options: JudgeRecordedOptions): RecordedRun {
  const skips = new Skips();
  const summary: RecordedSummary = {
    files: [],
    entries: 0,
    judged: 0,
    otherCaptain: 0,
    otherApis: 0,
    skipped: [],
    jobs: [],
    timelines: 0,
    origins: [],
  };
  const index = indexFiles(files, options, skips, summary);
  const groups = new Map<string, Indexed[]>();
  for (const item of index) {
    const key = groupOf(item, item.timeline);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const records: TestRecord[] = [];
  const problems: string[] = [];
  const jobs = new Map<string, RecordedJob>();
  let coverage: Coverage | undefined;
  let evidenceTimelines = 0;
  const pooled = new Map<
    string,
    {
      file: string;
      kind: Route['kind'];
      count: number;
      answers: number;
      findings: Finding[];
      exercised: Set<string>;
      withFindings: boolean;
    }
  >();
  const maxFindings = options.maxFindingsPerTimeline ?? 500;
  for (const group of groups.values()) {
    group.sort((a, b) => a.startedMs - b.startedMs || a.seq - b.seq);
    const route = group[0]!.route;
    const exchanges: Exchange[] = [];
    const routes: Route[] = [];
    for (const item of group) {
      const exchange = exchangeOf(item, files, options);
      if (exchange) {
        exchanges.push(exchange);
        routes.push(item.route);
      } else skips.add('the entry could not be read again');
      item.exchange = undefined; // judged now: its body may go
    }
    if (exchanges.length === 0) continue;
    const lone = route.kind === 'status' && group[0]!.test !== undefined && group[0]!.timeline === undefined;
    let judgement: RecordedJudgement;
    const judgements: RecordedJudgement[] = [];
    if (route.kind === 'status' && !lone) judgement = judgeStatusTimeline(route.jobId, exchanges);
    else {
      // Each answer by its own route: one collection's queries may mix v2 and v3.
      exchanges.forEach((exchange, i) => {
        const own = routes[i]!;
        if (own.kind === 'cancel') judgements.push(judgeCancelAnswer(exchange, own.jobId));
        else if (own.kind === 'query') judgements.push(judgeQueryAnswer(exchange, own.version));
        else judgements.push(judgeLoneAnswer(exchange, own.kind === 'status' ? own.jobId : undefined));
      });
      judgement = {
        findings: judgements.flatMap((j) => j.findings),
        exercised: [...new Set(judgements.flatMap((j) => j.exercised))],
      };
    }
    summary.judged += exchanges.length;
    let findings: Finding[] = judgement.findings;
    if (findings.length > maxFindings) {
      problems.push(`${describe(route, exchanges.length, group[0]!.test)}: ${findings.length - maxFindings} more findings not listed`);
      findings = findings.slice(0, maxFindings);
    }
    const jobId = route.kind === 'status' || route.kind === 'cancel' ? route.jobId : undefined;
    if (jobId !== undefined) {
      const job = jobs.get(jobId) ?? { jobId, statusAnswers: 0, cancelAnswers: 0, findings: 0 };
      if (route.kind === 'cancel') job.cancelAnswers += exchanges.length;
      else job.statusAnswers += exchanges.length;
      job.findings += judgement.findings.length;
      jobs.set(jobId, job);
    }
    const timelines = [];
    if (judgement.timeline) {
      summary.timelines += 1;
      coverage = mergeCoverage(coverage, coverageOf([judgement.timeline]));
      if (findings.length > 0 && evidenceTimelines < MAX_EVIDENCE_TIMELINES) {
        evidenceTimelines += 1;
        const highlight = new Set(findings.flatMap((f) => (f.pollIndex === undefined ? [] : [f.pollIndex])));
        timelines.push({ jobId: jobId!, timeline: clippedTimeline(judgement.timeline, highlight) });
      }
    }
    const first = group[0]!;
    const file = path.basename(files[first.file]!);
    const own = findings.length > 0 && records.length < MAX_RECORDS;
    if (own)
      records.push(recordOf(records.length, describe(route, exchanges.length, first.test), file, findings, judgement.exercised, timelines));
    else {
      // Answers that held (and, past the first MAX_RECORDS, the rest) are one record per file and endpoint.
      const key = `${file}\u0000${route.kind}\u0000${findings.length > 0 ? 'findings' : 'held'}`;
      const together = pooled.get(key) ?? {
        file,
        kind: route.kind,
        count: 0,
        answers: 0,
        findings: [],
        exercised: new Set<string>(),
        withFindings: findings.length > 0,
      };
      together.count += 1;
      together.answers += exchanges.length;
      for (const id of judgement.exercised) together.exercised.add(id);
      for (const f of findings) if (together.findings.length < MAX_POOLED_FINDINGS) together.findings.push(f);
      pooled.set(key, together);
    }
  }
  for (const p of pooled.values()) {
    const what =
      p.kind === 'status'
        ? 'timelines of status answers'
        : p.kind === 'cancel'
          ? "jobs' cancel answers"
          : p.kind === 'query'
            ? "collections' query answers"
            : 'lone status answers';
    const title = `${p.count} ${what} (${p.answers} answers) ${p.withFindings ? 'with findings, past the first ones listed alone' : 'that held'}`;
    records.push(recordOf(records.length, title, p.file, p.findings, [...p.exercised], []));
  }
  summary.skipped = skips.list();
  summary.jobs = [...jobs.values()];
  for (const f of summary.files) if (f.problem) problems.push(`${f.file} ${f.problem}`);
  for (const f of summary.files)
    if (f.outOfOrder > 0)
      problems.push(`${f.file}: ${f.outOfOrder} entries were out of time order; every timeline was judged in time order`);
  for (const s of summary.skipped)
    problems.push(`${s.count} exchange(s) of the Captain API skipped: ${s.reason}${s.examples.length ? ` (e.g. ${s.examples[0]})` : ''}`);
  return { records, coverage: coverage ?? coverageOf([]), summary, problems };
}
