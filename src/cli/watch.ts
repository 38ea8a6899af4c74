// `npm run watch -- <job_id>`: follows a live job on CONFORMANCE_BASE_URL with the reference
// poller, judges each answer as it arrives and the whole timeline at the end.
// Exit codes: 0 the timeline conforms, 1 it does not (or the job could not be followed), 2 usage, or a job
// that could not be read at all (unknown id: 404; wrong key: 401/403), which says nothing of the API.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { CaptainClient } from '../client/captain-client.js';
import { hitLabel } from '../client/file-match.js';
import type { Clock } from '../client/clock.js';
import { pollJob, type PollJobResult } from '../client/poll-job.js';
import type { MediaFallbackOptions, PollJobOptions } from '../client/poll-settings.js';
import { redactor } from '../redaction/redact.js';
import { secretValues, settingsFrom, SettingsError } from '../settings/settings.js';
import type { Profile } from '../contract/profile.js';
import { levelled } from '../contract/catalog.js';
import type { RunFinding } from '../oracle/finding.js';
import { startJudging, type TimelineJudge } from '../oracle/judge.js';
import type { Observation } from '../oracle/observation.js';

const USAGE = `usage: npm run watch -- <job_id> [options]

Follows GET /v2/jobs/<job_id> on $CONFORMANCE_BASE_URL (key $CAPTAIN_API_KEY, org $CAPTAIN_ORG_ID)
until the job ends, printing one line per answer, then judges the whole timeline.

options:
  --deadline <seconds>     give up after this long (default 1800)
  --files-limit <n>        files_limit of each poll (1-500)
  --min-interval <seconds> --max-interval <seconds>   bounds of the spacing between polls
  --collection <name> --query <text> --match <uri|filename>
                           media fallback: also query the collection until a result names the file
  --fail-on-should         SHOULD findings fail the run too (--strict is its old name; the
                           profile, CONFORMANCE_PROFILE, decides which requirements are SHOULD)
  -h, --help`;

export interface WatchIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Injected by tests; the system clock otherwise. */
  clock?: Clock;
  signal?: AbortSignal;
}

class UsageError extends Error {}

function seconds(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number of seconds, got ${JSON.stringify(value)}`);
  return n * 1000;
}

function describe(observation: Observation): string {
  switch (observation.kind) {
    case 'snapshot': {
      const s = observation.snapshot;
      const p = s.progress;
      const parts = [String(s.status)];
      if (p === null) parts.push('progress=null');
      if (p?.current_stage) parts.push(`stage=${p.current_stage}`);
      if (p && p.files_total != null) {
        parts.push(`files=${p.files_processed ?? '?'}/${p.files_total} failed=${p.files_failed ?? 0} skipped=${p.files_skipped ?? 0}`);
      }
      if (s.estimated_time_remaining_seconds != null) parts.push(`eta=${s.estimated_time_remaining_seconds}s`);
      return parts.join(' ');
    }
    case 'placeholder':
      return 'placeholder (unknown, retry shortly)';
    case 'http-error':
      return observation.status === 0 ? `no answer: ${observation.exchange.error ?? 'network error'}` : `HTTP ${observation.status}`;
    case 'malformed':
      return `malformed: ${observation.reason}`;
  }
}

function findingLine(f: RunFinding): string {
  return `${f.level} ${f.requirement}${f.pollIndex !== undefined ? ` @${f.pollIndex}` : ''}: ${f.message}`;
}

function requests(n: number): string {
  return `${n} request${n === 1 ? '' : 's'}`;
}

/** A job the watcher could not even read says nothing of the API: a wrong id, key or organization is the caller's to fix. */
function cannotJudge(result: PollJobResult, jobId: string): string | undefined {
  if (result.outcome === 'terminal' || result.outcome === 'indexed-via-query') return undefined;
  if (result.timeline.some((o) => o.kind === 'snapshot' || o.kind === 'placeholder')) return undefined;
  const last = result.timeline[result.timeline.length - 1];
  const status = last?.exchange.status;
  if (status === 401 || status === 403)
    return `the key was rejected (HTTP ${status}): check CAPTAIN_API_KEY (and CAPTAIN_ORG_ID) for ${last!.exchange.request.url}`;
  if (status === 404)
    return `job ${jobId} was not found (HTTP 404): check the job id, the organization (CAPTAIN_ORG_ID) and CONFORMANCE_BASE_URL (without /v2)`;
  return undefined;
}

function outcomeLine(result: PollJobResult): string {
  switch (result.outcome) {
    case 'terminal':
      return `job ended: ${result.status} after ${requests(result.requests)}`;
    case 'indexed-via-query':
      return `file found through the query endpoint (${hitLabel(result.match)}, ${result.via} query) while the status says ${result.status ?? 'nothing yet'} after ${requests(result.requests)}`;
    default:
      return `could not follow the job: ${result.message}`;
  }
}

/** What the command line asks for: the job, how to poll it, the profile that levels findings, and whether SHOULD findings fail. */
interface WatchCommand {
  jobId: string;
  client: CaptainClient;
  options: PollJobOptions;
  profile: Profile;
  failOnShould: boolean;
}

function readArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      deadline: { type: 'string' },
      'files-limit': { type: 'string' },
      'min-interval': { type: 'string' },
      'max-interval': { type: 'string' },
      collection: { type: 'string' },
      query: { type: 'string' },
      match: { type: 'string' },
      'fail-on-should': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

type WatchArgs = ReturnType<typeof readArgs>['values'];

function filesLimitOf(values: WatchArgs): number | undefined {
  const filesLimit = values['files-limit'] === undefined ? undefined : Number(values['files-limit']);
  if (filesLimit !== undefined && !(Number.isInteger(filesLimit) && filesLimit >= 1 && filesLimit <= 500)) {
    throw new UsageError(`--files-limit must be an integer in 1..500, got ${JSON.stringify(values['files-limit'])}`);
  }
  return filesLimit;
}

function fallbackOf(values: WatchArgs): MediaFallbackOptions | undefined {
  const { collection, query, match } = values;
  if (collection !== undefined && query !== undefined && match !== undefined) return { collection, query, match };
  if (collection !== undefined || query !== undefined || match !== undefined) {
    throw new UsageError('the media fallback needs --collection, --query and --match together');
  }
  return undefined;
}

function pollOptionsOf(values: WatchArgs, io: WatchIo): PollJobOptions {
  const filesLimit = filesLimitOf(values);
  const fallback = fallbackOf(values);
  const deadlineMs = seconds(values.deadline, 'deadline');
  const minIntervalMs = seconds(values['min-interval'], 'min-interval');
  const maxIntervalMs = seconds(values['max-interval'], 'max-interval');
  return {
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    ...(minIntervalMs !== undefined ? { minIntervalMs } : {}),
    ...(maxIntervalMs !== undefined ? { maxIntervalMs } : {}),
    ...(filesLimit !== undefined ? { filesLimit } : {}),
    ...(io.clock ? { clock: io.clock } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    ...(fallback ? { fallback } : {}),
  };
}

/** Reads the command line and the environment; undefined when only help was asked for. Throws UsageError. */
function parseCommand(argv: string[], io: WatchIo): WatchCommand | undefined {
  const { values, positionals } = readArgs(argv);
  if (values.help) return undefined;
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError('expected exactly one job id');
  const { baseUrl, apiKey, orgId, profile } = settingsFrom(io.env);
  if (!baseUrl) throw new UsageError('CONFORMANCE_BASE_URL is not set (the target to watch, e.g. http://127.0.0.1:4010)');
  const options = pollOptionsOf(values, io);
  const client = new CaptainClient({
    baseUrl,
    ...(apiKey ? { apiKey } : {}),
    ...(orgId ? { organizationId: orgId } : {}),
    ...(io.clock ? { now: () => io.clock!.now() } : {}),
  });
  return { jobId: positionals[0], client, options, profile, failOnShould: values['fail-on-should'] || values.strict };
}

/** How following a job ended: the poller's result, the timeline's judge, and how many findings were printed with their answers. */
interface Followed {
  result: PollJobResult;
  judge: TimelineJudge;
  printed: number;
}

/** Polls the job, printing and judging each answer as it arrives; returns how it ended and the timeline's judge. */
async function follow(command: WatchCommand, say: (line: string) => void): Promise<Followed> {
  const { jobId, options } = command;
  const judge = startJudging({ jobId, ...(options.filesLimit !== undefined ? { filesLimit: options.filesLimit } : {}) });
  let startMs: number | undefined;
  let printed = 0;
  const onObservation = (observation: Observation) => {
    const at = Date.parse(observation.at);
    startMs ??= at;
    const own = levelled(judge.observe(observation), command.profile);
    printed += own.length;
    const elapsed = `+${((at - startMs) / 1000).toFixed(1)}s`;
    const flagged = own.length ? `  findings: ${own.map((f) => f.requirement).join(', ')}` : '';
    say(`#${observation.index} ${elapsed.padStart(8)}  ${describe(observation)}${flagged}`);
    for (const f of own) say(`    ${findingLine(f)}`);
  };
  const result = await pollJob(command.client, jobId, { ...options, onObservation });
  say(outcomeLine(result));
  return { result, judge, printed };
}

/** What the judge says of the whole timeline, the verdict printed; returns the exit code. */
function verdict(command: WatchCommand, followed: Followed, say: (line: string) => void): number {
  const { result, judge, printed } = followed;
  const trouble = cannotJudge(result, command.jobId);
  if (trouble) {
    say(`verdict: cannot judge: ${trouble}`);
    return 2;
  }
  const all = levelled(judge.assessment().findings, command.profile);
  // The lifecycle's findings come after every answer's own, which were printed as they arrived.
  for (const f of all.slice(printed)) say(`  ${findingLine(f)}`);
  const failing = all.filter((f) => command.failOnShould || f.level === 'MUST');
  const musts = all.filter((f) => f.level === 'MUST').length;
  say(`timeline of ${result.timeline.length} answers: ${musts} MUST and ${all.length - musts} SHOULD findings`);
  const ended = result.outcome === 'terminal' || result.outcome === 'indexed-via-query';
  const conforms = failing.length === 0 && ended;
  say(conforms ? 'verdict: conforms' : 'verdict: does not conform');
  return conforms ? 0 : 1;
}

/** Runs the watch command; returns its exit code. */
export async function runWatch(argv: string[], io: WatchIo): Promise<number> {
  let command: WatchCommand | undefined;
  try {
    command = parseCommand(argv, io);
  } catch (error) {
    if (error instanceof SettingsError) {
      io.err(`watch: ${error.message}`);
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`watch: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (!command) {
    io.out(USAGE);
    return 0;
  }
  const client = command.client;
  const say = (line: string) => io.out(client.redact(line));
  say(`watching job ${command.jobId} on ${client.baseUrl}`);
  return verdict(command, await follow(command, say), say);
}

// Run only when executed as a script, not when imported by the tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('interrupted')));
  runWatch(process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    signal: controller.signal,
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`watch: ${redactor(secretValues(process.env))(message)}\n`); // never the key, even in a crash
      process.exit(1);
    },
  );
}
