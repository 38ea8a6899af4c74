// Judges traffic the suite did not make: the Captain API exchanges of HAR files, each job's status answers
// as one timeline in time order, every cancel and query answer, as the conformance tests judge theirs. What
// it cannot judge it skips with the reason. Memory stays bounded whatever the size of the files: entries are
// found by a scanner, only an index of them is held (bodies up to a budget), and one timeline is judged at a time.
import { getHeapStatistics } from 'node:v8';
import { KEPT_BODY_CHARS, KEPT_TIMELINE_OBSERVATIONS, KEPT_TIMELINES, RECORDED_KEPT_BYTES } from '../contract/limits.js';
import path from 'node:path';
import type { Exchange } from '../oracle/exchange.js';
import type { Finding } from '../oracle/finding.js';
import { levelled } from '../contract/catalog.js';
import type { Observation, Timeline } from '../oracle/observation.js';
import { clip } from '../contract/clip.js';
import { readEntry, type ReadOptions } from '../har/har-entry.js';
import { fileSize, readRange, scanHarFile } from '../har/har-file.js';
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
  /** When its answer was received: the order a timeline is judged in, as the live oracle judges it. */
  receivedMs: number;
  seq: number;
  route: Route;
  test?: string;
  /** The timeline the suite judged the answer in (its own exchanges.har says). */
  timeline?: string;
  exchange?: Exchange;
}

const MAX_EXAMPLES = 3;

/** Bodies kept between reading and judging: RECORDED_KEPT_BYTES, or an eighth of this process's heap when that is less (the rest is read again from the file). */
export function keptBytesForHeap(): number {
  return Math.min(RECORDED_KEPT_BYTES, Math.floor(getHeapStatistics().heap_size_limit / 8));
}

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
    timeline.length <= KEPT_TIMELINE_OBSERVATIONS ||
    position < KEPT_TIMELINE_OBSERVATIONS / 2 ||
    position >= timeline.length - KEPT_TIMELINE_OBSERVATIONS / 2 ||
    highlight.has(o.index);
  return timeline.filter(keep).map((o) => {
    if (o.exchange.body.length <= KEPT_BODY_CHARS) return o;
    return { ...o, exchange: { ...o.exchange, body: clip(o.exchange.body, KEPT_BODY_CHARS, 'cut'), truncated: true } };
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

/** A file being read: what the report says of it, how its attached bodies are found, its version so far. */
interface FileReading {
  index: number;
  record: RecordedFile;
  read: ReadOptions;
  version?: string;
  lastStarted: number;
}

/** Reads files into an index of the Captain API's exchanges; what cannot be read is skipped and said. */
class Indexer {
  readonly index: Indexed[] = [];
  private kept = 0;

  constructor(
    private readonly options: JudgeRecordedOptions,
    private readonly skips: Skips,
    private readonly summary: RecordedSummary,
  ) {}

  file(file: string, fileIndex: number): void {
    const record: RecordedFile = { file, entries: 0, unreadable: false, outOfOrder: 0 };
    this.summary.files.push(record);
    const reading: FileReading = {
      index: fileIndex,
      record,
      read: { ...this.options.read, attached: besideOf(file) },
      lastStarted: -Infinity,
    };
    let end;
    try {
      end = scanHarFile(file, (value) => this.value(value, reading));
    } catch (error) {
      record.unreadable = true;
      record.problem = `cannot be read: ${(error as Error).message}`;
      return;
    }
    const version = reading.version;
    if (version !== undefined && !READABLE_VERSIONS.has(version)) {
      record.unreadable = true;
      record.problem = `is HAR version ${JSON.stringify(version)}, not 1.2: none of its ${record.entries} entries was judged`;
    } else if (end.problem !== undefined) {
      record.problem = end.problem;
      record.unreadable = !end.sawEntries;
    } else if (version === undefined) record.problem = 'has no log.version: read as HAR 1.2';
  }

  private value(value: ScannedValue, reading: FileReading): void {
    if (value.kind === 'log-field') {
      if (value.key === 'version') {
        const v = parsed(value.bytes);
        reading.version = typeof v === 'string' ? v : String(v);
      }
      return;
    }
    reading.record.entries += 1;
    this.summary.entries += 1;
    if (reading.version !== undefined && !READABLE_VERSIONS.has(reading.version)) return;
    const raw = value.bytes ? parsed(value.bytes) : undefined;
    if (raw === undefined) return this.skips.add(value.bytes ? 'the entry is not valid JSON' : 'the entry is over the size limit');
    const entry = readEntry(raw, reading.read);
    const method = entry.ok ? entry.exchange.request.method : entry.method;
    const url = entry.url;
    const route = url !== undefined && method !== undefined ? routeOf(method, url) : ({ kind: 'other' } as Route);
    if (route.kind === 'other') {
      if (url !== undefined) this.summary.otherApis += 1;
      else this.skips.add(entry.ok ? 'the entry has no request URL' : entry.reason);
      return;
    }
    if (!entry.ok) return this.skips.add(entry.reason, method, url);
    if (entry.startedMs < reading.lastStarted) reading.record.outOfOrder += 1;
    reading.lastStarted = Math.max(reading.lastStarted, entry.startedMs);
    if (route.kind === 'captain') {
      this.summary.otherCaptain += 1;
      return;
    }
    const origin = originOf(entry.url);
    if (origin && this.summary.origins.length < 20 && !this.summary.origins.includes(origin)) this.summary.origins.push(origin);
    entry.exchange.request.url = route.relative;
    const item: Indexed = {
      file: reading.index,
      start: value.start,
      end: value.end,
      startedMs: entry.startedMs,
      receivedMs: Date.parse(entry.exchange.receivedAt),
      seq: this.index.length,
      route,
    };
    if (entry.test !== undefined) item.test = entry.test;
    if (entry.timeline !== undefined) item.timeline = entry.timeline;
    const size = entry.exchange.body.length;
    if (this.kept + size <= (this.options.keepBytes ?? RECORDED_KEPT_BYTES)) {
      item.exchange = entry.exchange;
      this.kept += size;
    }
    this.index.push(item);
  }
}

/** Finds a body Playwright stored beside the HAR (content `attach`), never outside its folder. */
function besideOf(file: string): (name: string) => Buffer | undefined {
  const dir = path.resolve(path.dirname(file));
  return (name) => {
    try {
      const resolved = path.resolve(dir, name);
      if (!resolved.startsWith(dir + path.sep)) return undefined;
      return readRange(resolved, 0, fileSize(resolved));
    } catch {
      return undefined;
    }
  };
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

/** One group's answers judged: a job's status answers as one timeline, any other answer by its own route. */
function judgeGroup(exchanges: readonly Exchange[], routes: readonly Route[], asTimeline: boolean): RecordedJudgement {
  const route = routes[0]!;
  if (asTimeline && route.kind === 'status') return judgeStatusTimeline(route.jobId, exchanges);
  // Each answer by its own route: one collection's queries may mix v2 and v3.
  const judgements = exchanges.map((exchange, i) => {
    const own = routes[i]!;
    if (own.kind === 'cancel') return judgeCancelAnswer(exchange, own.jobId);
    if (own.kind === 'query') return judgeQueryAnswer(exchange, own.version);
    return judgeLoneAnswer(exchange, own.kind === 'status' ? own.jobId : undefined);
  });
  return { findings: judgements.flatMap((j) => j.findings), exercised: [...new Set(judgements.flatMap((j) => j.exercised))] };
}

interface Pool {
  file: string;
  kind: Route['kind'];
  count: number;
  answers: number;
  findings: Finding[];
  exercised: Set<string>;
  withFindings: boolean;
}

const POOLED: Record<Route['kind'], string> = {
  status: 'timelines of status answers',
  cancel: "jobs' cancel answers",
  query: "collections' query answers",
  captain: 'answers',
  other: 'answers',
};

/** The run's records, jobs, coverage and problems, built one judged group at a time. */
class RunBuilder {
  readonly records: TestRecord[] = [];
  readonly problems: string[] = [];
  private readonly jobs = new Map<string, RecordedJob>();
  private readonly pooled = new Map<string, Pool>();
  private coverage: Coverage | undefined;
  private evidenceTimelines = 0;

  constructor(
    private readonly summary: RecordedSummary,
    private readonly maxFindings: number,
  ) {}

  add(group: readonly Indexed[], file: string, exchanges: number, judgement: RecordedJudgement): void {
    const first = group[0]!;
    const route = first.route;
    this.summary.judged += exchanges;
    let findings: Finding[] = judgement.findings;
    if (findings.length > this.maxFindings) {
      this.problems.push(`${describe(route, exchanges, first.test)}: ${findings.length - this.maxFindings} more findings not listed`);
      findings = findings.slice(0, this.maxFindings);
    }
    const jobId = route.kind === 'status' || route.kind === 'cancel' ? route.jobId : undefined;
    if (jobId !== undefined) this.countJob(jobId, route.kind === 'cancel', exchanges, judgement.findings.length);
    const timelines = [];
    if (judgement.timeline) {
      this.summary.timelines += 1;
      this.coverage = mergeCoverage(this.coverage, coverageOf([judgement.timeline]));
      if (findings.length > 0 && this.evidenceTimelines < KEPT_TIMELINES) {
        this.evidenceTimelines += 1;
        const highlight = new Set(findings.flatMap((f) => (f.pollIndex === undefined ? [] : [f.pollIndex])));
        timelines.push({ jobId: jobId!, timeline: clippedTimeline(judgement.timeline, highlight) });
      }
    }
    if (findings.length > 0 && this.records.length < MAX_RECORDS) {
      const title = describe(route, exchanges, first.test);
      this.records.push(recordOf(this.records.length, title, file, findings, judgement.exercised, timelines));
    } else this.pool(file, route.kind, exchanges, findings, judgement.exercised);
  }

  /** Answers that held (and, past the first MAX_RECORDS, the rest) are one record per file and endpoint. */
  private pool(file: string, kind: Route['kind'], answers: number, findings: readonly Finding[], exercised: readonly string[]): void {
    const key = `${file}\u0000${kind}\u0000${findings.length > 0 ? 'findings' : 'held'}`;
    const pool = this.pooled.get(key) ?? {
      file,
      kind,
      count: 0,
      answers: 0,
      findings: [],
      exercised: new Set<string>(),
      withFindings: findings.length > 0,
    };
    pool.count += 1;
    pool.answers += answers;
    for (const id of exercised) pool.exercised.add(id);
    for (const f of findings) if (pool.findings.length < MAX_POOLED_FINDINGS) pool.findings.push(f);
    this.pooled.set(key, pool);
  }

  private countJob(jobId: string, cancel: boolean, answers: number, findings: number): void {
    const job = this.jobs.get(jobId) ?? { jobId, statusAnswers: 0, cancelAnswers: 0, findings: 0 };
    if (cancel) job.cancelAnswers += answers;
    else job.statusAnswers += answers;
    job.findings += findings;
    this.jobs.set(jobId, job);
  }

  finish(skips: Skips): RecordedRun {
    for (const p of this.pooled.values()) {
      const title = `${p.count} ${POOLED[p.kind]} (${p.answers} answers) ${p.withFindings ? 'with findings, past the first ones listed alone' : 'that held'}`;
      this.records.push(recordOf(this.records.length, title, p.file, p.findings, [...p.exercised], []));
    }
    const summary = this.summary;
    summary.skipped = skips.list();
    summary.jobs = [...this.jobs.values()];
    for (const f of summary.files) if (f.problem) this.problems.push(`${f.file} ${f.problem}`);
    for (const f of summary.files)
      if (f.outOfOrder > 0)
        this.problems.push(`${f.file}: ${f.outOfOrder} entries were out of time order; every timeline was judged in time order`);
    for (const k of summary.skipped)
      this.problems.push(
        `${k.count} exchange(s) of the Captain API skipped: ${k.reason}${k.examples.length ? ` (e.g. ${k.examples[0]})` : ''}`,
      );
    return { records: this.records, coverage: this.coverage ?? coverageOf([]), summary, problems: this.problems };
  }
}

/** Judges the HAR files and returns one test record per timeline with findings (the rest pooled per file and endpoint). */
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
  const indexer = new Indexer(options, skips, summary);
  files.forEach((file, i) => indexer.file(file, i));
  const groups = new Map<string, Indexed[]>();
  for (const item of indexer.index) {
    const key = groupOf(item, item.timeline);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const run = new RunBuilder(summary, options.maxFindingsPerTimeline ?? 500);
  for (const group of groups.values()) {
    // By the answer's arrival, not the request's start: a slow request sent before a quick one may carry the
    // later state (two polls of a job in flight at once), and the live run judged them as they arrived.
    group.sort((a, b) => a.receivedMs - b.receivedMs || a.startedMs - b.startedMs || a.seq - b.seq);
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
    // A status answer the suite recorded outside any timeline was a one-off probe, judged alone.
    const asTimeline = group[0]!.test === undefined || group[0]!.timeline !== undefined;
    run.add(group, path.basename(files[group[0]!.file]!), exchanges.length, judgeGroup(exchanges, routes, asTimeline));
  }
  return run.finish(skips);
}
