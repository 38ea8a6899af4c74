// Who is asking: a Bearer key maps to one organization; jobs and collections are scoped to it.
import type { IncomingHttpHeaders } from 'node:http';
import { error, type Reply } from './reply.js';

export const DEFAULT_API_KEY = 'sim-key';
export const DEFAULT_ORG_ID = 'sim-org';

export interface Tenant {
  apiKey: string;
  orgId: string;
}

export type AuthResult = { ok: true; orgId: string; apiKey: string } | { ok: false; reply: Reply };

const UNAUTHORIZED = { 'www-authenticate': 'Bearer' };

/**
 * 401 without a known Bearer key (403 when `forbidUnknown`, as FastAPI's HTTPBearer answered);
 * 403 when X-Organization-ID names another organization than the key's.
 */
export function authenticate(headers: IncomingHttpHeaders, tenants: readonly Tenant[], forbidUnknown = false): AuthResult {
  const reject = (detail: string): AuthResult => ({
    ok: false,
    reply: forbidUnknown ? error(403, detail) : error(401, detail, UNAUTHORIZED),
  });
  const header = headers.authorization;
  if (!header) return reject('Not authenticated');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const tenant = match ? tenants.find((t) => t.apiKey === match[1]) : undefined;
  if (!tenant) return reject('Invalid API key');
  const org = headers['x-organization-id'];
  const claimed = Array.isArray(org) ? org[0] : org;
  if (claimed !== undefined && claimed !== tenant.orgId) {
    return { ok: false, reply: error(403, 'API key does not belong to this organization') };
  }
  return { ok: true, orgId: tenant.orgId, apiKey: tenant.apiKey };
}
