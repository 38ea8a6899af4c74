// The one reader of the suite's environment: every CONFORMANCE_* and CAPTAIN_* variable is parsed and
// checked here, against its declaration (variables.ts), and everything else imports the result. A bad value
// is one SettingsError naming every bad variable, raised before any request (the run's global setup, the CLIs).
import { clip } from '../contract/clip.js';
import { redactor, secretsFrom } from '../redaction/redact.js';
import { defaultFor, VARIABLE_LIST, VARIABLES, type AnyVariable, type Settings, type TargetKind } from './variables.js';

export type { Settings, TargetKind } from './variables.js';
export { VARIABLES, VARIABLE_LIST, describeDefault } from './variables.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** One bad variable (or pair of variables): which, and the line that says what is wrong and what is accepted. */
export interface SettingProblem {
  readonly variable: string;
  readonly message: string;
}

export class SettingsError extends Error {
  constructor(readonly problems: readonly SettingProblem[]) {
    const count = problems.length === 1 ? '1 setting is' : `${problems.length} settings are`;
    super(`${count} not valid (see docs/configuration.md):\n${problems.map((p) => `  ${p.message}`).join('\n')}`);
    this.name = 'SettingsError';
    // A mistake in the environment, not in the code: the message is the whole story, a stack would bury it.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** The raw values of the secret variables, for redaction: even a key that is not valid is never shown. */
export function secretValues(env: Environment): string[] {
  return secretsFrom(VARIABLE_LIST.filter((v) => v.secret).map((v) => env[v.name]));
}

/** An empty value counts as unset: CI systems hand an absent secret over as ''. */
function rawValue(env: Environment, variable: AnyVariable): string | undefined {
  const raw = env[variable.name];
  return raw === undefined || raw === '' ? undefined : raw;
}

function rejected(variable: AnyVariable, raw: string, redact: (text: string) => string): SettingProblem {
  const shown = variable.secret ? ` (value not shown, ${raw.length} characters)` : `=${JSON.stringify(clip(redact(raw), 80, 'ellipsis'))}`;
  return { variable: variable.name, message: `${variable.name}${shown}: expected ${variable.kind.accepts}` };
}

const nameOf = (setting: keyof Settings): string => VARIABLES[setting].name;

/** Variables that only make sense together, or apart. */
function combinationProblems(values: Partial<Record<keyof Settings, unknown>>): SettingProblem[] {
  const problems: SettingProblem[] = [];
  if ((values.mediaUrl === undefined) !== (values.mediaQuery === undefined)) {
    const [set, unset] = values.mediaUrl === undefined ? (['mediaQuery', 'mediaUrl'] as const) : (['mediaUrl', 'mediaQuery'] as const);
    problems.push({
      variable: nameOf(unset),
      message: `${nameOf(set)} is set but ${nameOf(unset)} is not: set both (a media sample and words spoken in it), or neither`,
    });
  }
  if (values.otherOrgId !== undefined && values.otherApiKey === undefined) {
    problems.push({
      variable: nameOf('otherApiKey'),
      message: `${nameOf('otherOrgId')} is set but ${nameOf('otherApiKey')} is not: the second organization needs its own key`,
    });
  }
  if (values.otherApiKey !== undefined && values.otherApiKey === values.apiKey) {
    problems.push({
      variable: nameOf('otherApiKey'),
      message: `${nameOf('otherApiKey')} (value not shown) is the same key as ${nameOf('apiKey')}: the second organization needs its own`,
    });
  }
  return problems;
}

/**
 * The suite's settings from an environment: every variable parsed, defaults filled in, frozen. Pure; a
 * SettingsError lists every bad variable at once, so that one attempt fixes them all.
 */
export function settingsFrom(env: Environment): Settings {
  const redact = redactor(secretValues(env));
  const problems: SettingProblem[] = [];
  const values: Partial<Record<keyof Settings, unknown>> = {};
  for (const variable of VARIABLE_LIST) {
    const raw = rawValue(env, variable);
    if (raw === undefined) continue;
    const value = variable.kind.parse(raw);
    if (value === undefined) problems.push(rejected(variable, raw, redact));
    else values[variable.setting] = value;
  }
  problems.push(...combinationProblems(values));
  if (problems.length > 0) throw new SettingsError(problems);
  const target: TargetKind = values.baseUrl === undefined ? 'simulator' : 'external';
  for (const variable of VARIABLE_LIST) values[variable.setting] ??= defaultFor(variable, target);
  return Object.freeze(values) as Settings;
}

let current: Settings | undefined;

/** This process's settings (process.env), read once; global setup's hand-over reads them again. */
export function settings(): Settings {
  return (current ??= settingsFrom(process.env));
}

/** What global setup decides for the run, which its workers inherit through the environment. */
export type HandedDown = Partial<
  Pick<Settings, 'runId' | 'budgetLedger' | 'rateCoordinator' | 'embeddedUrl' | 'apiKey' | 'orgId' | 'otherApiKey' | 'otherOrgId'>
>;

/** Writes what global setup decided into this process's environment, for the workers it starts, and reads it back. */
export function handToWorkers(values: HandedDown): Settings {
  for (const [setting, value] of Object.entries(values)) {
    if (value !== undefined) process.env[VARIABLES[setting as keyof HandedDown].name] = value;
  }
  current = undefined;
  return settings();
}

/**
 * Where the run's outputs go, for playwright.config.ts, which loads before global setup checks the rest: it
 * never throws (any non-empty text names a folder), so a bad setting is reported by global setup alone.
 */
export function reportsDirFrom(env: Environment): string {
  const variable = VARIABLE_LIST.find((v) => v.setting === 'reportsDir')!;
  return rawValue(env, variable) ?? String(defaultFor(variable, 'simulator'));
}

/**
 * Whether the run is against an external target (CONFORMANCE_BASE_URL set), for playwright.config.ts, which
 * picks its workers before global setup checks the value: it never throws (global setup reports a bad URL).
 */
export function externalTargetFrom(env: Environment): boolean {
  const baseUrl = VARIABLE_LIST.find((v) => v.setting === 'baseUrl')!;
  return rawValue(env, baseUrl) !== undefined;
}

/** A name as a person may mistype it: case, underscores and dashes left out. */
const loose = (name: string): string => name.toUpperCase().replace(/[_-]/g, '');

/** Edit distance, for "did you mean": names are short, so the plain table is cheap. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * A warning for each CONFORMANCE_* or CAPTAIN_* variable the suite does not know, with the one it probably
 * meant: a mistyped CONFORMANCE_BASEURL would otherwise test the embedded simulator and say nothing.
 */
export function unknownVariableWarnings(env: Environment): string[] {
  const known = VARIABLE_LIST.map((v) => v.name);
  const warnings: string[] = [];
  for (const name of Object.keys(env).sort()) {
    if (!/^(CONFORMANCE|CAPTAIN)_/i.test(name) || known.includes(name as (typeof known)[number])) continue;
    const near = known.map((k) => ({ k, d: loose(k) === loose(name) ? 0 : distance(loose(k), loose(name)) })).sort((a, b) => a.d - b.d)[0];
    const guess = near && near.d <= 3 ? `; did you mean ${near.k}?` : '';
    warnings.push(`${name} is not a setting of the suite and is ignored${guess}`);
  }
  return warnings;
}
