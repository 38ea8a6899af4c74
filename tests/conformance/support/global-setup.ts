// With no CONFORMANCE_BASE_URL the suite runs against the embedded simulator, started here in the
// runner process on an ephemeral loopback port; workers inherit what this sets in process.env.
import { randomBytes } from 'node:crypto';
import { startSimulator } from '../../../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../../../src/simulator/clock.js';
import { createLedgerFile, removeLedgerFile } from './budget-ledger.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  // One run id for every worker, so the run's scratch collections say they belong together.
  process.env.CONFORMANCE_RUN_ID ??= `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
  // The request budget is the run's, whichever worker spends it (a restarted worker included).
  const ledger = createLedgerFile(process.env.CONFORMANCE_RUN_ID);
  process.env.CONFORMANCE_BUDGET_LEDGER = ledger;
  if (process.env.CONFORMANCE_BASE_URL) return async () => removeLedgerFile(ledger);
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: SUITE_TIME_SCALE });
  process.env.CONFORMANCE_EMBEDDED_URL = simulator.baseUrl;
  process.env.CAPTAIN_API_KEY ??= simulator.apiKey;
  process.env.CAPTAIN_ORG_ID ??= simulator.orgId;
  if (simulator.otherOrg) {
    process.env.CAPTAIN_OTHER_API_KEY ??= simulator.otherOrg.apiKey;
    process.env.CAPTAIN_OTHER_ORG_ID ??= simulator.otherOrg.orgId;
  }
  return async () => {
    removeLedgerFile(ledger);
    await simulator.close();
  };
}
