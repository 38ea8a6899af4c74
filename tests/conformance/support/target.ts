// The target under test, as the suite sees it: where it is, whether it is the embedded simulator,
// whether it serves the /_sim/ control API, and how fast its time runs.
import { randomBytes } from 'node:crypto';
import { settings, type Settings } from '../../../src/settings/settings.js';

export interface Tenant {
  apiKey: string;
  orgId: string | undefined;
}

export interface Target {
  baseUrl: string;
  kind: 'simulator' | 'external';
  controllable: boolean;
  tenant: Tenant;
  /** A second organization, when its credentials are known (CAPTAIN_OTHER_API_KEY, CAPTAIN_OTHER_ORG_ID). */
  otherTenant: Tenant | undefined;
  /** Virtual ms per real ms on a simulator (1 on a real deployment): poll spacing is divided by it. */
  timeScale: number;
  /** Names what this run creates, so that it deletes only that. */
  runId: string;
}

/** The run's id from global setup; a process outside `playwright test` makes up its own. */
const localRunId = `local-${randomBytes(3).toString('hex')}`;

async function controlClock(baseUrl: string, tenant: Tenant): Promise<number | undefined> {
  try {
    const health = await fetch(`${baseUrl}/_sim/health`, { signal: AbortSignal.timeout(5_000) });
    if (health.status !== 200) return undefined;
    const headers: Record<string, string> = { authorization: `Bearer ${tenant.apiKey}` };
    if (tenant.orgId) headers['x-organization-id'] = tenant.orgId;
    const clock = await fetch(`${baseUrl}/_sim/clock`, { headers, signal: AbortSignal.timeout(5_000) });
    const body = (await clock.json()) as { scale?: unknown };
    return typeof body.scale === 'number' && body.scale > 0 ? body.scale : 1;
  } catch {
    return undefined; // no control API: an ordinary deployment
  }
}

export async function resolveTarget(config: Settings = settings()): Promise<Target> {
  const external = config.baseUrl;
  const baseUrl = external ?? config.embeddedUrl;
  if (!baseUrl)
    throw new Error('no target: set CONFORMANCE_BASE_URL, or run through playwright.config.ts, whose global setup starts the simulator');
  if (!config.apiKey) throw new Error('CAPTAIN_API_KEY is not set: the suite needs a key for the target');
  const tenant = { apiKey: config.apiKey, orgId: config.orgId };
  const otherTenant = config.otherApiKey ? { apiKey: config.otherApiKey, orgId: config.otherOrgId } : undefined;
  const scale = await controlClock(baseUrl, tenant);
  return {
    baseUrl,
    kind: external ? 'external' : 'simulator',
    controllable: scale !== undefined,
    tenant,
    otherTenant,
    timeScale: scale ?? 1,
    runId: config.runId ?? localRunId,
  };
}
