// Checks every setting before anything else, so that a bad one ends the run with one message and no request.
// With no CONFORMANCE_BASE_URL the suite runs against the embedded simulator, started here in the runner
// process on an ephemeral loopback port; workers inherit what this hands them through the environment.
import { randomBytes } from 'node:crypto';
import { handToWorkers, settings } from '../../../src/settings/settings.js';
import { startSimulator } from '../../../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../../../src/simulator/clock.js';
import { createLedgerFile, removeLedgerFile } from './budget-ledger.js';
import { removeRunNotes } from './run-notes.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const config = settings(); // throws SettingsError, naming every bad variable, before any request
  // One run id for every worker, so the run's scratch collections say they belong together.
  const runId = config.runId ?? `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
  // The request budget is the run's, whichever worker spends it (a restarted worker included).
  const ledger = createLedgerFile(runId);
  handToWorkers({ runId, budgetLedger: ledger });
  // What the run leaves in the temporary folder goes with it: the ledger, and the notes its tests shared.
  const tidy = (): void => {
    removeLedgerFile(ledger);
    removeRunNotes(runId, process.pid);
  };
  if (config.baseUrl) return async () => tidy();
  // The simulator takes the run's tenants (CAPTAIN_*, or its own defaults); the workers get the same ones.
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: SUITE_TIME_SCALE });
  handToWorkers({
    embeddedUrl: simulator.baseUrl,
    apiKey: simulator.apiKey,
    orgId: simulator.orgId,
    ...(simulator.otherOrg ? { otherApiKey: simulator.otherOrg.apiKey, otherOrgId: simulator.otherOrg.orgId } : {}),
  });
  return async () => {
    tidy();
    await simulator.close();
  };
}
