// With no CONFORMANCE_BASE_URL the suite runs against the embedded simulator, started here in the
// runner process on an ephemeral loopback port; workers inherit what this sets in process.env.
import { randomBytes } from 'node:crypto';
import { startSimulator, SUITE_TIME_SCALE } from '../../../src/simulator/index.js';

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  // One run id for every worker, so the run's scratch collections say they belong together.
  process.env.CONFORMANCE_RUN_ID ??= `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
  if (process.env.CONFORMANCE_BASE_URL) return undefined;
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: SUITE_TIME_SCALE });
  process.env.CONFORMANCE_EMBEDDED_URL = simulator.baseUrl;
  process.env.CAPTAIN_API_KEY ??= simulator.apiKey;
  process.env.CAPTAIN_ORG_ID ??= simulator.orgId;
  if (simulator.otherOrg) {
    process.env.CAPTAIN_OTHER_API_KEY ??= simulator.otherOrg.apiKey;
    process.env.CAPTAIN_OTHER_ORG_ID ??= simulator.otherOrg.orgId;
  }
  return () => simulator.close();
}
