// One place for how properties run: the seed (FC_SEED, or a fresh one, logged either way), the
// path of a counterexample to replay (FC_PATH), and the run count (FC_NUM_RUNS, default 1,000).
// A failure reports fast-check's counterexample plus the command that replays it.
import { relative } from 'node:path';
import { test } from '@playwright/test';
import fc from 'fast-check';

export const DEFAULT_NUM_RUNS = 1000;

function intFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name}=${raw} is not an integer`);
  return value;
}

/** The fc.assert / fc.check parameters of one property, read from the environment. */
export function propertyParameters<Ts>(defaultNumRuns = DEFAULT_NUM_RUNS): fc.Parameters<Ts> {
  // The same recipe fast-check uses for its own default seed; drawn here so it can be logged.
  const seed = intFromEnv('FC_SEED') ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const path = process.env.FC_PATH?.trim();
  const numRuns = intFromEnv('FC_NUM_RUNS') ?? defaultNumRuns;
  return path ? { seed, path, numRuns, endOnFailure: true } : { seed, numRuns };
}

/** The command that replays a property of the running test at `seed` and `path`. */
export function replayCommand(seed: number, path: string | null | undefined): string {
  const info = test.info();
  const file = relative(process.cwd(), info.file);
  const env = `FC_SEED=${seed}${path ? ` FC_PATH=${path}` : ''}`;
  return `${env} npx playwright test --project=unit ${file} -g ${JSON.stringify(info.title)}`;
}

/**
 * Runs `property` with the environment's parameters, logs the seed as a test annotation, and
 * throws fast-check's report (seed, path, shrunk counterexample) with the replay command on failure.
 */
export function checkProperty<Ts>(property: fc.IProperty<Ts>, options: { numRuns?: number } = {}): fc.RunDetails<Ts> {
  const parameters = propertyParameters<Ts>(options.numRuns);
  const info = test.info();
  info.annotations.push({
    type: 'seed',
    description: `FC_SEED=${parameters.seed}${parameters.path ? ` FC_PATH=${parameters.path}` : ''} (${parameters.numRuns} runs)`,
  });
  const details = fc.check(property, parameters);
  if (details.failed) {
    const command = replayCommand(details.seed, details.counterexamplePath);
    info.annotations.push({ type: 'replay', description: command });
    // fast-check 4 keeps the property's own error as a cause; put its message in the report.
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details) ?? 'property failed'}\n\nFailure: ${cause}\n\nReplay with:\n  ${command}`);
  }
  return details;
}
