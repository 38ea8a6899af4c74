// The scenarios a client is checked against: every terminal status (the vendor's too), placeholders
// before, during and after the end, a placeholder storm, 429 bursts (seconds and HTTP date), 5xx bursts,
// slow answers, a lagging media job (v2 and v3 query, and v3 only), several file pages, an unknown job id, the lawful dialect; then
// scenarios drawn from a seed. Jobs are short (about seven seconds) because they run at real time.
import type { FileScenario, ScenarioEnd, Scenario } from '../model/scenario.js';
import { terminalSecond } from '../model/progression.js';
import type { WireFault } from '../model/wire-fault.js';
import { seededRandom } from '../model/random.js';
import type { ClientScenario } from './scenario.js';

export const COLLECTION = 'client-check';
export const MEDIA_URI = 's3://course-videos/orientation-keynote.mp4';
export const MEDIA_QUERY = 'orientation keynote';
/**
 * A media job is concluded within this many seconds of its content becoming searchable. Between what a client that
 * asks the query (every 5 s, the examples) and one that waits for the status (24 s, the lag) take: at 12 s the Python
 * example, sound, was judged late on a loaded 2-core machine (13.5 s, in 2 of 5 `npm test` runs).
 */
export const MEDIA_BUDGET_S = 18;

const docs = (n: number, failed = -1): FileScenario[] =>
  Array.from({ length: n }, (_, i) => ({
    uri: `s3://handbook/chapter-${String(i + 1).padStart(3, '0')}.pdf`,
    media: false,
    outcome: i === failed ? 'failed' : 'completed',
  }));

function job(files: FileScenario[], end: ScenarioEnd = { kind: 'run' }, extra: Partial<Scenario> = {}): Scenario {
  return {
    jobType: 'index_s3',
    collection: COLLECTION,
    files,
    pendingSeconds: 1,
    stageSeconds: [1, 1, 1, 1, 1, 1],
    end,
    mediaLagSeconds: 0,
    placeholders: {},
    processingType: 'basic',
    ...extra,
  };
}

const plainJob = () => job(docs(2));
const failing = (): ScenarioEnd => ({
  kind: 'fail',
  stage: 'chunking',
  errorCode: 'chunking_failed',
  errorMessage: 'The job failed while chunking',
});

function named(
  name: string,
  title: string,
  scenarioJob: Scenario | null,
  faults: WireFault[] = [],
  extra: Partial<ClientScenario> = {},
): ClientScenario {
  return { name, title, dialect: 'plain', job: scenarioJob, faults, ...extra };
}

/** The named scenarios, in the order the report lists them. */
export function namedScenarios(): ClientScenario[] {
  const end = terminalSecond(plainJob());
  return [
    named('completed', 'a job that completes', plainJob()),
    named('completed-with-failures', 'a job that ends completed_with_failures (one file fails)', job(docs(2, 1))),
    named('failed', 'a job that fails while chunking', job(docs(2), failing())),
    named('cancelled', 'a job cancelled three seconds in', job(docs(2), { kind: 'cancel', atSecond: 3, by: 'api_key' })),
    named('vendor-completed-with-errors', "a job that ends with the vendor's completed_with_errors", job(docs(2, 0)), [
      { kind: 'status-as', status: 'completed_with_failures', as: 'completed_with_errors' },
    ]),
    named('vendor-timed-out', "a job that ends with the vendor's timed_out", job(docs(2), failing()), [
      { kind: 'status-as', status: 'failed', as: 'timed_out' },
    ]),
    named('vendor-processing', "a job that says the vendor's processing while it runs, then completes", plainJob(), [
      { kind: 'status-as', status: 'running', as: 'processing' },
    ]),
    named('placeholders-before', 'placeholders answer the first 2.5 seconds of polls', plainJob(), [
      { kind: 'placeholder', fromS: 0, untilS: 2.5 },
    ]),
    named('placeholders-during', 'placeholders answer polls from second 3 to 6, while the job runs', plainJob(), [
      { kind: 'placeholder', fromS: 3, untilS: 6 },
    ]),
    named('placeholders-after-end', 'placeholders answer polls for 4 seconds after the job ended', plainJob(), [
      { kind: 'placeholder', fromS: end, untilS: end + 4 },
    ]),
    named('placeholder-storm', 'every poll from second 1.5 to 11 is a placeholder', plainJob(), [
      { kind: 'placeholder', fromS: 1.5, untilS: 11 },
    ]),
    named('rate-limit-seconds', 'the first two requests are 429 with Retry-After: 3', plainJob(), [
      { kind: 'rate-limit', fromS: 0, count: 2, retryAfterSeconds: 3, asDate: false },
    ]),
    named('rate-limit-http-date', 'the first two requests are 429 with Retry-After as an HTTP date 3 seconds on', plainJob(), [
      { kind: 'rate-limit', fromS: 0, count: 2, retryAfterSeconds: 3, asDate: true },
    ]),
    named('server-errors', 'three polls from second 2 on are 503', plainJob(), [{ kind: 'server-error', fromS: 2, count: 3, status: 503 }]),
    named('slow-answers', 'every answer takes 1.5 seconds', plainJob(), [{ kind: 'latency', fromS: 0, untilS: 120, ms: 1500 }]),
    named(
      'media-lag',
      `a video whose status stays running (progress null) 24 seconds after its content is searchable`,
      job([{ uri: MEDIA_URI, media: true, outcome: 'completed' }], { kind: 'run' }, { jobType: 'index_s3', mediaLagSeconds: 24 }),
      [],
      { mediaQuery: MEDIA_QUERY, mediaBudgetS: MEDIA_BUDGET_S },
    ),
    named(
      'media-lag-v3-only',
      'the lagging video on a deployment that serves only the v3 query (v2 retired, as the vendor announced)',
      job([{ uri: MEDIA_URI, media: true, outcome: 'completed' }], { kind: 'run' }, { jobType: 'index_s3', mediaLagSeconds: 24 }),
      [],
      { mediaQuery: MEDIA_QUERY, mediaBudgetS: MEDIA_BUDGET_S, v2Query: false },
    ),
    named('many-file-pages', 'a job with 120 files: three pages of files at the default files_limit', job(docs(120))),
    named('unknown-job', 'a well-formed job id the server never issued (404 Job not found)', null),
    named(
      'lawful-dialect',
      'every lawful variation at once (offset timestamps, null files while pending, extra fields...)',
      plainJob(),
      [{ kind: 'placeholder', fromS: 0, untilS: 1.5 }],
      { dialect: 'vendor-variant' },
    ),
  ];
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

/** Generated scenario `index` of `seed`: the same seed gives the same scenarios. */
export function generatedScenario(seed: number, index: number): ClientScenario {
  const random = seededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const files = docs(1 + Math.floor(random() * 4), random() < 0.3 ? 0 : -1);
  const end = pick<ScenarioEnd>(random, [
    { kind: 'run' },
    { kind: 'run' },
    failing(),
    { kind: 'cancel', atSecond: 2 + Math.round(random() * 3), by: 'api_key' },
  ]);
  const stageSeconds = Array.from({ length: 6 }, () => Math.round((0.4 + random() * 1.2) * 10) / 10) as Scenario['stageSeconds'];
  const scenarioJob = job(files, end, { stageSeconds, pendingSeconds: Math.round(random() * 20) / 10 });
  const endS = terminalSecond(scenarioJob);
  const from = Math.round(random() * endS * 10) / 10;
  const faults: WireFault[] = [{ kind: 'placeholder', fromS: from, untilS: from + 1 + Math.round(random() * 30) / 10 }];
  const extra = pick<WireFault | null>(random, [
    null,
    {
      kind: 'rate-limit',
      fromS: Math.round(random() * endS),
      count: 1 + Math.floor(random() * 2),
      retryAfterSeconds: 1 + Math.floor(random() * 2),
      asDate: random() < 0.5,
    },
    {
      kind: 'server-error',
      fromS: Math.round(random() * endS),
      count: 1 + Math.floor(random() * 3),
      status: pick(random, [500, 502, 503] as const),
    },
    { kind: 'latency', fromS: 0, untilS: endS, ms: 200 + Math.round(random() * 800) },
  ]);
  if (extra) faults.push(extra);
  const shown = faults.map((f) => f.kind).join(', ');
  return {
    name: `generated-${index + 1}`,
    title: `drawn from seed ${seed}: ${files.length} file(s), ends ${end.kind}, meets ${shown}`,
    dialect: random() < 0.25 ? 'vendor-variant' : 'plain',
    job: scenarioJob,
    faults,
    seed,
  };
}

export interface ScenarioSelection {
  /** Generated scenarios after the named ones (default 4). */
  generated: number;
  seed: number;
  /** Names (or `generated`) to keep; empty keeps all. */
  only: readonly string[];
}

/** The scenarios a run plays, or the names in `only` that match none. */
export function selectScenarios(selection: ScenarioSelection): { scenarios: ClientScenario[]; unknown: string[] } {
  const all = [...namedScenarios(), ...Array.from({ length: selection.generated }, (_, i) => generatedScenario(selection.seed, i))];
  if (selection.only.length === 0) return { scenarios: all, unknown: [] };
  const wanted = (s: ClientScenario, name: string) => s.name === name || (name === 'generated' && s.name.startsWith('generated-'));
  const unknown = selection.only.filter((name) => !all.some((s) => wanted(s, name)));
  return { scenarios: all.filter((s) => selection.only.some((name) => wanted(s, name))), unknown };
}
