// Runs in the runner process, beside the reporter (not in a test worker): it may load src/report to write a broke run's report.
// Checks every setting before anything else, so that a bad one ends the run with one message and no request
// (exit 2: the suite's configuration, never the API). With no CONFORMANCE_BASE_URL the suite runs against the
// embedded simulator, started here in the runner process on an ephemeral loopback port; workers inherit what
// this hands them through the environment. Then the preflight (src/client/preflight.ts): a target that does
// not answer, is not the API, or rejects the key ends the run as broke, exit 2, before any test.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { preflight } from '../src/client/preflight.js';
import { secretsFrom } from '../src/redaction/redact.js';
import { brokeResults, writeBrokeReport } from '../src/report/broke-report.js';
import { verdictLines } from '../src/report/reporter.js';
import { selectionOf } from '../src/report/selection.js';
import { readWaiverFile, WaiverFileError } from '../src/report/waivers.js';
import { handToWorkers, settings, SettingsError, unknownVariableWarnings, type Settings } from '../src/settings/settings.js';
import { startSimulator } from '../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../src/simulator/clock.js';
import { createLedgerFile, fileLedger, removeLedgerFile } from '../tools/budget-ledger.js';
import { startRateCoordinator } from '../tools/rate-coordinator.js';
import { removeRunNotes } from '../tools/run-notes.js';
import { budgetedFetch } from '../src/client/request-budget.js';

/** Ends the runner now with exit code 2: nothing of the run happened, so nothing else needs to end. */
function breakRun(lines: string): never {
  process.stdout.write(lines);
  process.exit(2);
}

function checkedSettings(): Settings {
  try {
    return settings();
  } catch (error) {
    if (error instanceof SettingsError) breakRun(`\n${error.message}\nThe run broke before any request (exit code 2).\n`);
    throw error;
  }
}

/** A waiver file that cannot be read or names no id, reason, owner or expiry is a settings error: exit 2. */
function checkedWaivers(file: string): void {
  try {
    readWaiverFile(file);
  } catch (error) {
    if (error instanceof WaiverFileError) breakRun(`\n${error.message}\nThe run broke before any request (exit code 2).\n`);
    throw error;
  }
}

export default async function globalSetup(playwright: FullConfig): Promise<() => Promise<void>> {
  const startedAt = new Date();
  const config = checkedSettings();
  for (const warning of unknownVariableWarnings(process.env)) process.stdout.write(`warning: ${warning}\n`);
  if (config.waivers) checkedWaivers(config.waivers);
  // One run id for every worker, so the run's scratch collections say they belong together.
  const runId = config.runId ?? `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
  // The request budget is the run's, whichever worker spends it (a restarted worker included).
  const ledger = createLedgerFile(runId);
  // So is the rate: one coordinator here hands every worker its turns, so that the target sees at most
  // CONFORMANCE_MAX_RPS however many workers run (none is needed without a limit).
  const coordinator = Number.isFinite(config.maxRps) ? await startRateCoordinator(config.maxRps) : undefined;
  handToWorkers({ runId, budgetLedger: ledger, ...(coordinator ? { rateCoordinator: coordinator.address } : {}) });
  // The simulator takes the run's tenants (CAPTAIN_*, or its own defaults); the workers get the same ones.
  const simulator = config.baseUrl ? undefined : await startSimulator({ port: 0, host: '127.0.0.1', timeScale: SUITE_TIME_SCALE });
  // What the run leaves in the temporary folder goes with it: the ledger, and the notes its tests shared.
  const teardown = async () => {
    removeLedgerFile(ledger);
    removeRunNotes(runId, process.pid);
    await coordinator?.close();
    await simulator?.close();
  };
  const run = simulator
    ? handToWorkers({
        embeddedUrl: simulator.baseUrl,
        apiKey: simulator.apiKey,
        orgId: simulator.orgId,
        ...(simulator.otherOrg ? { otherApiKey: simulator.otherOrg.apiKey, otherOrgId: simulator.otherOrg.orgId } : {}),
      })
    : settings();
  const baseUrl = (run.baseUrl ?? run.embeddedUrl)!;
  const kind = run.baseUrl ? 'external' : 'simulator';
  process.stdout.write(
    `conformance: target ${baseUrl} (${kind === 'external' ? 'external deployment' : 'embedded simulator'}), ${run.profile} profile\n`,
  );
  // `--list` runs no test: no request either.
  if (selectionOf(process.argv).list) return teardown;
  const problem = run.apiKey
    ? await preflight(
        {
          baseUrl,
          apiKey: run.apiKey,
          orgId: run.orgId,
          otherApiKey: run.otherApiKey,
          otherOrgId: run.otherOrgId,
          collection: `conformance-${runId}-preflight`,
        },
        {
          fetch: budgetedFetch(
            { maxRequests: run.requestBudget, perSecond: run.maxRps },
            fetch,
            fileLedger(ledger, run.requestBudget),
            coordinator?.turn,
          ).fetch,
        },
      )
    : {
        ok: false as const,
        cause: 'CAPTAIN_API_KEY is not set',
        fix: "set CAPTAIN_API_KEY to a key of the target's deployment",
        requests: 0,
      };
  if (problem.ok) return teardown;
  await teardown();
  const results = brokeResults({
    cause: problem.cause,
    fix: problem.fix,
    baseUrl,
    kind,
    profile: run.profile,
    startedAt,
    secrets: secretsFrom([run.apiKey, run.otherApiKey, run.controlToken]),
    apiKeyConfigured: run.apiKey !== undefined,
  });
  const dir = path.resolve(playwright.configFile ? path.dirname(playwright.configFile) : process.cwd(), run.reportsDir, 'conformance');
  const html = writeBrokeReport(dir, results);
  breakRun(`${verdictLines(results)}  report: ${path.relative(process.cwd(), html)}\n`);
}
