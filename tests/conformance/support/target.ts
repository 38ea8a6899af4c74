// The target under test, as the suite sees it: where it is, whether it is the embedded simulator, which
// faults its fault hook offers (spec/control.yaml: CONFORMANCE_CONTROL_URL, else the target's own /_sim),
// and how fast its time runs.
import { randomBytes } from 'node:crypto';
import { settings, type Settings, type TargetKind } from '../../../src/settings/settings.js';

export interface Tenant {
  apiKey: string;
  orgId: string | undefined;
}

/** The fault hook as discovered: where, with which token, and what it offers. */
export interface ControlHook {
  url: string;
  /** CONFORMANCE_CONTROL_TOKEN, else the API key (the simulator's /_sim/ takes it). A secret either way. */
  token: string;
  /** The contract's capabilities offered (placeholders, rate-limit, fail, stuck, media-lag, undo). */
  capabilities: readonly string[];
  /** The simulator's own extensions offered (clock, scenarios, ...). */
  extensions: readonly string[];
}

export interface Target {
  baseUrl: string;
  kind: TargetKind;
  /** Whether a fault hook answered with any capability. */
  controllable: boolean;
  control: ControlHook | undefined;
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

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** GET capabilities of the fault hook; undefined when there is none (an ordinary deployment). */
async function discover(url: string, token: string, tenant: Tenant): Promise<ControlHook | undefined> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (tenant.orgId) headers['x-organization-id'] = tenant.orgId;
  try {
    const answer = await fetch(`${url}/capabilities`, { headers, signal: AbortSignal.timeout(5_000), redirect: 'manual' });
    if (answer.status !== 200) return undefined;
    const body = (await answer.json()) as { capabilities?: unknown; extensions?: unknown };
    const hook = { url, token, capabilities: strings(body.capabilities), extensions: strings(body.extensions) };
    return hook.capabilities.length + hook.extensions.length > 0 ? hook : undefined;
  } catch {
    return undefined;
  }
}

async function clockScale(hook: ControlHook, tenant: Tenant): Promise<number> {
  if (!hook.extensions.includes('clock')) return 1;
  const headers: Record<string, string> = { authorization: `Bearer ${hook.token}` };
  if (tenant.orgId) headers['x-organization-id'] = tenant.orgId;
  try {
    const body = (await (await fetch(`${hook.url}/clock`, { headers, signal: AbortSignal.timeout(5_000) })).json()) as { scale?: unknown };
    return typeof body.scale === 'number' && body.scale > 0 ? body.scale : 1;
  } catch {
    return 1;
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
  const control = await discover(config.controlUrl ?? `${baseUrl}/_sim`, config.controlToken ?? tenant.apiKey, tenant);
  return {
    baseUrl,
    kind: external ? 'external' : 'simulator',
    controllable: control !== undefined,
    control,
    tenant,
    otherTenant,
    timeScale: control ? await clockScale(control, tenant) : 1,
    runId: config.runId ?? localRunId,
  };
}

/** The secrets a worker must keep out of everything: the keys and the fault hook's token. */
export function targetSecrets(target: Target): string[] {
  return [
    target.tenant.apiKey,
    ...(target.otherTenant ? [target.otherTenant.apiKey] : []),
    ...(target.control ? [target.control.token] : []),
  ];
}
