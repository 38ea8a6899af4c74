// The suite's settings: every variable parsed strictly, defaults filled in, and every bad value reported at
// once, naming the variable, its value (never a key's) and what is accepted.
import { test, expect } from '@playwright/test';
import {
  externalTargetFrom,
  reportsDirFrom,
  secretValues,
  settingsFrom,
  SettingsError,
  VARIABLE_LIST,
  type Environment,
  type SettingProblem,
  unknownVariableWarnings,
} from '../../../src/settings/settings.js';

const KEY = 'cap_stage_Zq81mXv0pLr4sTeY';
const OTHER_KEY = 'cap_stage_OtherOrgKey77';

/** The problems settingsFrom reports for `env` (none when it accepts it). */
function problemsOf(env: Environment): readonly SettingProblem[] {
  try {
    settingsFrom(env);
    return [];
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
}

function errorOf(env: Environment): SettingsError {
  try {
    settingsFrom(env);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error(`settingsFrom accepted ${JSON.stringify(env)}`);
}

test.describe('defaults', () => {
  test('an empty environment gives the embedded simulator, its budgets and the documented defaults', () => {
    expect(settingsFrom({})).toEqual({
      baseUrl: undefined,
      apiKey: undefined,
      orgId: undefined,
      otherApiKey: undefined,
      otherOrgId: undefined,
      requestBudget: 400_000,
      maxRps: Infinity,
      jobBudgetSeconds: 600,
      requestTimeoutSeconds: 30,
      mediaUrl: undefined,
      mediaQuery: undefined,
      mediaBudgetSeconds: 1_800,
      queryVersion: 'auto',
      seed: 20261128,
      scenarios: undefined,
      profile: 'default',
      requireComplete: false,
      reportsDir: 'reports',
      runId: undefined,
      embeddedUrl: undefined,
      budgetLedger: undefined,
    });
  });

  test('an external target gets the careful budgets: 5,000 requests at 10 per second', () => {
    const external = settingsFrom({ CONFORMANCE_BASE_URL: 'https://staging.example.com', CAPTAIN_API_KEY: KEY });
    expect([external.requestBudget, external.maxRps]).toEqual([5_000, 10]);
  });

  test('an empty value counts as unset, as CI hands over an absent secret', () => {
    const empty = Object.fromEntries(VARIABLE_LIST.map((v) => [v.name, '']));
    expect(settingsFrom(empty)).toEqual(settingsFrom({}));
  });

  test('the settings are frozen', () => {
    expect(Object.isFrozen(settingsFrom({}))).toBe(true);
  });
});

test.describe('good values', () => {
  test('every variable parses to its typed value', () => {
    const parsed = settingsFrom({
      CONFORMANCE_BASE_URL: 'https://staging.example.com/api/',
      CAPTAIN_API_KEY: KEY,
      CAPTAIN_ORG_ID: '4f9a1c2e-0b7d-4e55-9a43-6c1f2d8e7b10',
      CAPTAIN_OTHER_API_KEY: OTHER_KEY,
      CAPTAIN_OTHER_ORG_ID: 'org-two',
      CONFORMANCE_REQUEST_BUDGET: '250',
      CONFORMANCE_MAX_RPS: '0.5',
      CONFORMANCE_JOB_BUDGET_S: '90.5',
      CONFORMANCE_MEDIA_URL: 'https://example.com/samples/standup.mp3',
      CONFORMANCE_MEDIA_QUERY: 'the release ships on friday',
      CONFORMANCE_MEDIA_BUDGET_S: '3600',
      CONFORMANCE_QUERY_VERSION: 'v2',
      CONFORMANCE_SEED: '-42',
      CONFORMANCE_SCENARIOS: '0',
      CONFORMANCE_PROFILE: 'strict',
      CONFORMANCE_REQUIRE_COMPLETE: '1',
      CONFORMANCE_REPORTS_DIR: '/tmp/run 7/reports',
      CONFORMANCE_RUN_ID: '20260101-a1b2c3',
      CONFORMANCE_EMBEDDED_URL: 'http://127.0.0.1:40123',
      CONFORMANCE_BUDGET_LEDGER: '/tmp/conformance-budget-x',
    });
    expect(parsed).toEqual({
      baseUrl: 'https://staging.example.com/api', // no trailing slash: paths are appended to it
      apiKey: KEY,
      orgId: '4f9a1c2e-0b7d-4e55-9a43-6c1f2d8e7b10',
      otherApiKey: OTHER_KEY,
      otherOrgId: 'org-two',
      requestBudget: 250,
      maxRps: 0.5,
      jobBudgetSeconds: 90.5,
      requestTimeoutSeconds: 30,
      mediaUrl: 'https://example.com/samples/standup.mp3',
      mediaQuery: 'the release ships on friday',
      mediaBudgetSeconds: 3600,
      queryVersion: 'v2',
      seed: -42,
      scenarios: 0,
      profile: 'strict',
      requireComplete: true,
      reportsDir: '/tmp/run 7/reports',
      runId: '20260101-a1b2c3',
      embeddedUrl: 'http://127.0.0.1:40123',
      budgetLedger: '/tmp/conformance-budget-x',
    });
  });

  test('Infinity lifts the rate limit; 0 keeps an incomplete verdict at exit 0; the seed spans 32 bits', () => {
    expect(settingsFrom({ CONFORMANCE_MAX_RPS: 'Infinity' }).maxRps).toBe(Infinity);
    expect(settingsFrom({ CONFORMANCE_REQUIRE_COMPLETE: '0' }).requireComplete).toBe(false);
    expect(settingsFrom({ CONFORMANCE_SEED: '2147483647' }).seed).toBe(2147483647);
    expect(settingsFrom({ CONFORMANCE_SEED: '-2147483648' }).seed).toBe(-2147483648);
  });

  test('is pure: reads only the environment it is given, and leaves it as it was', () => {
    const env = { CONFORMANCE_SEED: '7' };
    expect(settingsFrom(env).embeddedUrl).toBeUndefined(); // this worker's own environment has one
    expect(env).toEqual({ CONFORMANCE_SEED: '7' });
  });
});

test.describe('bad values', () => {
  const BAD: Array<[name: string, value: string, expected: string]> = [
    ['CONFORMANCE_MAX_RPS', 'fast', 'a positive number of requests per second, e.g. 10 or 0.5, or Infinity for no limit'],
    ['CONFORMANCE_MAX_RPS', '0', 'a positive number of requests per second'],
    ['CONFORMANCE_MAX_RPS', '-3', 'a positive number of requests per second'],
    ['CONFORMANCE_SEED', 'abc', 'a whole number from -2147483648 to 2147483647'],
    ['CONFORMANCE_SEED', '1.5', 'a whole number from -2147483648 to 2147483647'],
    ['CONFORMANCE_SEED', '4294967296', 'a whole number from -2147483648 to 2147483647'],
    ['CONFORMANCE_PROFILE', 'lenient', 'default or strict'],
    ['CONFORMANCE_REQUEST_BUDGET', '-5', 'a whole number of 1 or more'],
    ['CONFORMANCE_REQUEST_BUDGET', '0', 'a whole number of 1 or more'],
    ['CONFORMANCE_REQUEST_BUDGET', '1e3', 'a whole number of 1 or more'],
    ['CONFORMANCE_JOB_BUDGET_S', '-600', 'a positive number of seconds'],
    ['CONFORMANCE_JOB_BUDGET_S', '10m', 'a positive number of seconds'],
    ['CONFORMANCE_MEDIA_BUDGET_S', '0', 'a positive number of seconds'],
    ['CONFORMANCE_SCENARIOS', 'many', 'a whole number of 0 or more'],
    ['CONFORMANCE_SCENARIOS', '2.5', 'a whole number of 0 or more'],
    ['CONFORMANCE_REQUIRE_COMPLETE', 'yes', '1 (on) or 0 (off)'],
    ['CONFORMANCE_BASE_URL', 'staging.example.com', 'an http:// or https:// URL'],
    ['CONFORMANCE_BASE_URL', 'ftp://staging.example.com', 'an http:// or https:// URL'],
    [
      'CONFORMANCE_BASE_URL',
      'https://staging.example.com/?region=eu',
      'an http:// or https:// URL, with no user:password@, ?query or #fragment',
    ],
    ['CONFORMANCE_EMBEDDED_URL', 'localhost:4010', 'an http:// or https:// URL'],
    ['CONFORMANCE_RUN_ID', 'run/../../etc', "1 to 40 letters, digits, - or _ (it names the run's scratch collections)"],
    ['CAPTAIN_ORG_ID', 'org one', 'printable characters with no spaces or line breaks'],
  ];
  for (const [name, value, expected] of BAD) {
    test(`${name}=${value} is rejected, naming the variable, the value and what is accepted`, () => {
      const error = errorOf({ [name]: value });
      expect(error.problems).toEqual([{ variable: name, message: expect.stringContaining(`${name}=${JSON.stringify(value)}: expected`) }]);
      expect(error.message).toContain(`${name}=${JSON.stringify(value)}: expected ${expected}`);
      expect(error.message).toContain('docs/configuration.md');
    });
  }

  test('every bad variable is reported at once, not only the first', () => {
    const error = errorOf({
      CONFORMANCE_MAX_RPS: 'fast',
      CONFORMANCE_SEED: 'abc',
      CONFORMANCE_PROFILE: 'lenient',
      CONFORMANCE_REQUEST_BUDGET: '-1',
      CONFORMANCE_BASE_URL: 'gopher://x',
      CONFORMANCE_JOB_BUDGET_S: '600', // good ones are not mentioned
    });
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'CONFORMANCE_BASE_URL',
      'CONFORMANCE_MAX_RPS',
      'CONFORMANCE_PROFILE',
      'CONFORMANCE_REQUEST_BUDGET',
      'CONFORMANCE_SEED',
    ]);
    expect(error.message.split('\n')[0]).toBe('5 settings are not valid (see docs/configuration.md):');
    expect(error.message).not.toContain('CONFORMANCE_JOB_BUDGET_S');
    expect(error.name).toBe('SettingsError');
    expect(error.stack).toBe(`SettingsError: ${error.message}`); // the message is the whole story
  });

  test('variables that belong together are set together', () => {
    expect(problemsOf({ CONFORMANCE_MEDIA_URL: 'https://example.com/a.mp3' })).toEqual([
      {
        variable: 'CONFORMANCE_MEDIA_QUERY',
        message:
          'CONFORMANCE_MEDIA_URL is set but CONFORMANCE_MEDIA_QUERY is not: set both (a media sample and words spoken in it), or neither',
      },
    ]);
    expect(problemsOf({ CONFORMANCE_MEDIA_QUERY: 'words' }).map((p) => p.variable)).toEqual(['CONFORMANCE_MEDIA_URL']);
    expect(problemsOf({ CAPTAIN_OTHER_ORG_ID: 'org-two' }).map((p) => p.message)).toEqual([
      'CAPTAIN_OTHER_ORG_ID is set but CAPTAIN_OTHER_API_KEY is not: the second organization needs its own key',
    ]);
    expect(problemsOf({ CAPTAIN_OTHER_API_KEY: OTHER_KEY })).toEqual([]); // its organization is optional, as the first's is
  });
});

test.describe("an API key's value never appears in an error", () => {
  test('a key with a pasted line break or a space is rejected without showing it', () => {
    const error = errorOf({ CAPTAIN_API_KEY: `${KEY}\n`, CAPTAIN_OTHER_API_KEY: `Bearer ${OTHER_KEY}` });
    expect(error.message).toContain(
      `CAPTAIN_API_KEY (value not shown, ${KEY.length + 1} characters): expected printable characters with no spaces or line breaks`,
    );
    expect(error.message).toContain('CAPTAIN_OTHER_API_KEY (value not shown');
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain(OTHER_KEY);
  });

  test('the same key for both organizations is rejected without showing it', () => {
    const error = errorOf({ CAPTAIN_API_KEY: KEY, CAPTAIN_OTHER_API_KEY: KEY });
    expect(error.message).toContain('CAPTAIN_OTHER_API_KEY (value not shown) is the same key as CAPTAIN_API_KEY');
    expect(error.message).not.toContain(KEY);
  });

  test('a key pasted into another variable, or a password in a URL, is redacted from the value shown', () => {
    const error = errorOf({
      CAPTAIN_API_KEY: 'k3y-without-a-prefix',
      CONFORMANCE_SEED: 'k3y-without-a-prefix',
      CONFORMANCE_BASE_URL: 'https://admin:hunter22@staging.example.com',
    });
    expect(error.message).toContain('CONFORMANCE_SEED="[redacted]"');
    expect(error.message).toContain('CONFORMANCE_BASE_URL="https://[redacted]@staging.example.com"');
    expect(error.message).not.toContain('k3y-without-a-prefix');
    expect(error.message).not.toContain('hunter22');
  });

  test('every key and token is declared secret, and the secrets are read for redaction even when they are not valid', () => {
    expect(VARIABLE_LIST.filter((v) => v.secret).map((v) => v.name)).toEqual(
      VARIABLE_LIST.filter((v) => /_(KEY|TOKEN)$/.test(v.name)).map((v) => v.name),
    );
    expect(secretValues({ CONFORMANCE_CONTROL_TOKEN: 'ctl-token-1' })).toEqual(['ctl-token-1']);
    expect(secretValues({ CAPTAIN_API_KEY: `${KEY}\n`, CAPTAIN_OTHER_API_KEY: OTHER_KEY, CAPTAIN_ORG_ID: 'org-1' })).toEqual([
      `${KEY}\n`,
      OTHER_KEY,
    ]);
  });
});

test.describe('the declaration', () => {
  test('names each variable once, all CONFORMANCE_* or CAPTAIN_*', () => {
    const names = VARIABLE_LIST.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => !/^(CONFORMANCE|CAPTAIN)_[A-Z0-9_]+$/.test(n))).toEqual([]);
  });

  test('marks as internal exactly what global setup hands to its workers', () => {
    expect(VARIABLE_LIST.filter((v) => v.internal).map((v) => v.name)).toEqual([
      'CONFORMANCE_RUN_ID',
      'CONFORMANCE_EMBEDDED_URL',
      'CONFORMANCE_BUDGET_LEDGER',
      'CONFORMANCE_RATE_COORDINATOR',
    ]);
  });

  test('playwright.config.ts tells an external target from the embedded simulator without judging the URL', () => {
    expect(externalTargetFrom({})).toBe(false);
    expect(externalTargetFrom({ CONFORMANCE_BASE_URL: '' })).toBe(false);
    expect(externalTargetFrom({ CONFORMANCE_BASE_URL: 'not a url' })).toBe(true);
  });

  test('the reports folder is read for playwright.config.ts without judging the rest, which global setup does', () => {
    expect(reportsDirFrom({})).toBe('reports');
    expect(reportsDirFrom({ CONFORMANCE_REPORTS_DIR: '' })).toBe('reports');
    expect(reportsDirFrom({ CONFORMANCE_REPORTS_DIR: '/tmp/out', CONFORMANCE_MAX_RPS: 'fast' })).toBe('/tmp/out');
  });
});

test('a CONFORMANCE_* or CAPTAIN_* variable the suite does not know is warned about, with the one it probably meant', () => {
  const warnings = unknownVariableWarnings({
    CONFORMANCE_BASEURL: 'https://staging.example.com',
    captain_api_key: 'k',
    CONFORMANCE_BASE_URL: 'https://staging.example.com',
    CONFORMANCE_WHATEVER_ELSE_ENTIRELY: '1',
    HOME: '/root',
  });
  expect(warnings).toEqual([
    'CONFORMANCE_BASEURL is not a setting of the suite and is ignored; did you mean CONFORMANCE_BASE_URL?',
    'CONFORMANCE_WHATEVER_ELSE_ENTIRELY is not a setting of the suite and is ignored',
    'captain_api_key is not a setting of the suite and is ignored; did you mean CAPTAIN_API_KEY?',
  ]);
});
