// Every environment variable of the suite, described once: its name, what it accepts, its default and its
// meaning. The reader (settings.ts) parses exactly these, and docs/configuration.md's table is checked against them
// (tests/unit/readme-env.spec.ts). Non-suite variables (CI, the tests' FC_SEED) are not settings of the suite.
import { PROFILES, type Profile } from '../contract/profile.js';
import { QUERY_VERSION_CHOICES, type QueryVersionChoice } from '../model/query-version.js';
import * as kinds from './kinds.js';
import type { Kind } from './kinds.js';

/** What the suite runs against: CONFORMANCE_BASE_URL, or the embedded simulator when it is unset. */
export type TargetKind = 'external' | 'simulator';

/** The suite's settings, parsed and checked: each field is one variable of VARIABLES below. */
export interface Settings {
  readonly baseUrl: string | undefined;
  readonly apiKey: string | undefined;
  readonly orgId: string | undefined;
  readonly otherApiKey: string | undefined;
  readonly otherOrgId: string | undefined;
  readonly controlUrl: string | undefined;
  readonly controlToken: string | undefined;
  readonly waivers: string | undefined;
  readonly requestBudget: number;
  readonly maxRps: number;
  readonly jobBudgetSeconds: number;
  readonly requestTimeoutSeconds: number;
  readonly mediaUrl: string | undefined;
  readonly mediaQuery: string | undefined;
  readonly mediaBudgetSeconds: number;
  readonly queryVersion: QueryVersionChoice;
  readonly seed: number;
  readonly scenarios: number | undefined;
  readonly profile: Profile;
  readonly requireComplete: boolean;
  readonly reportsDir: string;
  readonly runId: string | undefined;
  readonly embeddedUrl: string | undefined;
  readonly budgetLedger: string | undefined;
  readonly rateCoordinator: string | undefined;
}

/** A default that depends on the target: a real deployment deserves more care than the local simulator. */
export type ByTarget<T> = Readonly<Record<TargetKind, T>>;

interface Described<T> {
  readonly name: `CONFORMANCE_${string}` | `CAPTAIN_${string}`;
  readonly kind: Kind<T>;
  /** What it does, in the words of docs/configuration.md. */
  readonly meaning: string;
  /** Set by the run itself (global setup) for its workers; a person need not set it. */
  readonly internal?: true;
  /** Its value never appears in a message, a log or a report. */
  readonly secret?: true;
}

/** An optional setting has no default (undefined when unset); every other one has one. */
export type Variable<T> = undefined extends T
  ? Described<NonNullable<T>> & { readonly default?: undefined }
  : Described<T> & { readonly default: T | ByTarget<T> };

export const VARIABLES: { readonly [K in keyof Settings]: Variable<Settings[K]> } = {
  baseUrl: { name: 'CONFORMANCE_BASE_URL', kind: kinds.baseUrl, meaning: 'the target; unset means the embedded simulator' },
  apiKey: {
    name: 'CAPTAIN_API_KEY',
    kind: kinds.credential,
    secret: true,
    meaning: 'the key the suite uses (the simulator accepts it too; default `sim-key`)',
  },
  orgId: {
    name: 'CAPTAIN_ORG_ID',
    kind: kinds.credential,
    meaning: 'the organization the suite uses (the simulator accepts it too; default `sim-org`)',
  },
  otherApiKey: {
    name: 'CAPTAIN_OTHER_API_KEY',
    kind: kinds.credential,
    secret: true,
    meaning: 'the key of a second organization, for the cross-tenant tests (skipped when unset)',
  },
  otherOrgId: { name: 'CAPTAIN_OTHER_ORG_ID', kind: kinds.credential, meaning: 'the second organization, with CAPTAIN_OTHER_API_KEY' },
  controlUrl: {
    name: 'CONFORMANCE_CONTROL_URL',
    kind: kinds.baseUrl,
    meaning: "the target's fault hook (spec/control.yaml; docs/staging.md); unset means the target's own `/_sim`",
  },
  controlToken: {
    name: 'CONFORMANCE_CONTROL_TOKEN',
    kind: kinds.credential,
    secret: true,
    meaning: "the fault hook's own token (unset: the API key is sent); redacted like the key",
  },
  waivers: {
    name: 'CONFORMANCE_WAIVERS',
    kind: kinds.text('a YAML file path'),
    meaning: 'a waiver file: MUSTs this target cannot exercise, accepted in writing and for a time (docs/staging.md)',
  },
  requestBudget: {
    name: 'CONFORMANCE_REQUEST_BUDGET',
    kind: kinds.wholeNumber(1),
    default: { external: 5_000, simulator: 400_000 },
    meaning: 'the most requests the run sends, shared among its workers',
  },
  maxRps: {
    name: 'CONFORMANCE_MAX_RPS',
    kind: kinds.requestRate,
    default: { external: 10, simulator: Infinity },
    meaning: 'the most requests per second of the run, shared among its workers',
  },
  jobBudgetSeconds: {
    name: 'CONFORMANCE_JOB_BUDGET_S',
    kind: kinds.seconds,
    default: 600,
    meaning: "liveness budget of a small job, in the target's seconds",
  },
  requestTimeoutSeconds: {
    name: 'CONFORMANCE_REQUEST_TIMEOUT_S',
    kind: kinds.seconds,
    default: 30,
    meaning:
      'how long one request may take, headers and body, in real seconds; after 3 timed-out requests in a row the run takes the target to stall and sends no more',
  },
  mediaUrl: {
    name: 'CONFORMANCE_MEDIA_URL',
    kind: kinds.baseUrl,
    meaning: "an audio or video file the deployment can fetch; without it a real target's media test is skipped",
  },
  mediaQuery: {
    name: 'CONFORMANCE_MEDIA_QUERY',
    kind: kinds.text('words spoken in the media sample'),
    meaning: 'words spoken in the media sample',
  },
  mediaBudgetSeconds: {
    name: 'CONFORMANCE_MEDIA_BUDGET_S',
    kind: kinds.seconds,
    default: 1_800,
    meaning: 'how long that sample may take to become searchable, in seconds',
  },
  queryVersion: {
    name: 'CONFORMANCE_QUERY_VERSION',
    kind: kinds.oneOf(QUERY_VERSION_CHOICES),
    default: 'auto',
    meaning: 'which query endpoint proves media searchable: `auto` (v3, and v2 where v3 is not served), `v3` or `v2`',
  },
  seed: { name: 'CONFORMANCE_SEED', kind: kinds.seed, default: 20261128, meaning: 'seed of the generated scenarios' },
  scenarios: {
    name: 'CONFORMANCE_SCENARIOS',
    kind: kinds.wholeNumber(0),
    meaning: "how many generated scenarios (unset: up to 100, fewer when the target's time scale, the rate or the budget leave less time)",
  },
  profile: {
    name: 'CONFORMANCE_PROFILE',
    kind: kinds.oneOf(PROFILES),
    default: 'default',
    meaning: "`default` (what the vendor documents) or `strict` (our readings too, for the vendor's own team)",
  },
  requireComplete: {
    name: 'CONFORMANCE_REQUIRE_COMPLETE',
    kind: kinds.flag,
    default: false,
    meaning: '`1`: an `incomplete` verdict exits 1 (for release gates)',
  },
  reportsDir: {
    name: 'CONFORMANCE_REPORTS_DIR',
    kind: kinds.text('a folder path'),
    default: 'reports',
    meaning: 'where the run writes its outputs',
  },
  runId: {
    name: 'CONFORMANCE_RUN_ID',
    kind: kinds.runId,
    internal: true,
    meaning: "names the run's scratch collections (set by the run when unset: date and random)",
  },
  embeddedUrl: {
    name: 'CONFORMANCE_EMBEDDED_URL',
    kind: kinds.baseUrl,
    internal: true,
    meaning: "the embedded simulator's address, for the run's workers",
  },
  budgetLedger: {
    name: 'CONFORMANCE_BUDGET_LEDGER',
    kind: kinds.text('a file path'),
    internal: true,
    meaning: "the file in which every worker counts the run's requests against the budget",
  },
  rateCoordinator: {
    name: 'CONFORMANCE_RATE_COORDINATOR',
    kind: kinds.text('a host:port'),
    internal: true,
    meaning: 'the loopback address at which every worker asks for its turn to send, within `CONFORMANCE_MAX_RPS`',
  },
};

/** A declaration seen without its type: what the reader, the docs table check and the messages need. */
export type AnyVariable = Described<unknown> & { readonly setting: keyof Settings; readonly default?: unknown };

/** The declarations as a list, in the table's order. */
export const VARIABLE_LIST: readonly AnyVariable[] = Object.entries(VARIABLES).map(([setting, variable]) => ({
  ...(variable as Omit<AnyVariable, 'setting'>),
  setting: setting as keyof Settings,
}));

function isByTarget(value: unknown): value is ByTarget<unknown> {
  return typeof value === 'object' && value !== null && 'external' in value && 'simulator' in value;
}

/** The value of a variable that is unset or empty, for this kind of target. */
export function defaultFor(variable: AnyVariable, target: TargetKind): unknown {
  return isByTarget(variable.default) ? variable.default[target] : variable.default;
}

/** The default of a variable in words (both of them when it depends on the target), or undefined. */
export function describeDefault(variable: AnyVariable): string | undefined {
  const value = variable.default;
  if (value === undefined) return undefined;
  const show = variable.kind.show;
  if (isByTarget(value))
    return `${show(value.external)} against an external target, ${show(value.simulator)} against the embedded simulator`;
  return show(value);
}
