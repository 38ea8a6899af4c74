// The simulator as a real node:http server: route, authenticate, apply request-level faults
// (429 bursts, latency), answer. Every failure path answers JSON; nothing a client sends crashes it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANY_ANSWER, AnyAnswerDealer, type AnyAnswer } from './any-answer.js';
import { authenticate, DEFAULT_API_KEY, DEFAULT_ORG_ID, type Tenant } from './auth.js';
import { readBody } from './body.js';
import { SimulatorClock } from './clock.js';
import { CollectionStore } from './collection-store.js';
import type { AroundRequest, Route, SimulatorState } from './context.js';
import { controlRoutes } from './control.js';
import { CursorCodec } from './cursor.js';
import { dialectNamed, shows, type DialectName } from './dialect.js';
import { noFaults, takeRateLimit } from './faults.js';
import { IdempotencyLedger } from './idempotency.js';
import { DEFAULT_TIMING, type JobTiming } from './job-factory.js';
import { JobStore } from './job-store.js';
import { RateLimiter } from './rate-limiter.js';
import { error, type Reply } from './reply.js';
import type { RequestLog } from './request-log.js';
import { retryAfterValue } from './retry-after.js';
import { Router } from './router.js';
import { collectionRoutes } from './routes/collections.js';
import { indexingRoutes } from './routes/indexing.js';
import { jobRoutes } from './routes/jobs.js';
import { queryRoutes } from './routes/query.js';
import { settings, settingsFrom, type Environment } from '../settings/settings.js';

export const DEFAULT_SEED = 20240601;
export const DEFAULT_OTHER_API_KEY = 'sim-other-key';
export const DEFAULT_OTHER_ORG_ID = 'sim-other-org';

export interface SimulatorOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  host?: string;
  /** Virtual ms per real ms (default 1). */
  timeScale?: number;
  /** Virtual time stands still until advanced through the handle or the control API. */
  manualClock?: boolean;
  /** The virtual instant the clock starts at (default: now). */
  startMs?: number;
  /** Seeds job ids, invented files and placeholder draws (default DEFAULT_SEED). */
  seed?: number;
  /** Serve the /_sim/ control API (default true); false makes the simulator look like staging. */
  control?: boolean;
  /**
   * Serve the control API on a port of its own (0: an ephemeral one) and not on the public port, which then
   * looks like a deployment while the fault hook stays reachable (`controlUrl`).
   */
  controlPort?: number;
  /** A token that opens the control API besides the tenants' keys (the fault hook's CONFORMANCE_CONTROL_TOKEN). */
  controlToken?: string;
  /** Default: CAPTAIN_API_KEY, else `sim-key`. */
  apiKey?: string;
  /** Default: CAPTAIN_ORG_ID, else `sim-org`. */
  orgId?: string;
  /** A second organization (default: CAPTAIN_OTHER_API_KEY / CAPTAIN_OTHER_ORG_ID, else sim-other-key / sim-other-org). */
  otherOrg?: Tenant | null;
  /** Stage timings of jobs created through the public index endpoints. */
  timing?: Partial<JobTiming>;
  /** `plain` (default), or `vendor-variant`: every lawful variation of dialect.ts at once. */
  dialect?: DialectName;
  /** Requests per real second each API key may send to the public API before 429s (default: no limit). */
  rateLimit?: number;
  /** The rate limit's real clock, in ms (default performance.now): a test's own, so its windows need no real waiting. */
  rateLimitNow?: () => number;
  /** Answer documented answers at seeded random requests (any-answer.ts): `true` for the defaults. */
  anyAnswer?: boolean | Partial<AnyAnswer>;
  /** Serve the legacy v2 query (default true); false answers it 404 like any unserved route, v3 only. */
  v2Query?: boolean;
  /** Where CAPTAIN_* come from (default: this process's settings); `{}` gives the built-in tenants. */
  env?: Environment;
  /** Records every request and its answer (npm run client-check judges the client from it). */
  requestLog?: RequestLog;
  /** Wraps every answer (client-check's wire faults: placeholders by time, 5xx and 429 bursts, slow answers). */
  around?: AroundRequest;
}

export interface SimulatorHandle {
  baseUrl: string;
  host: string;
  port: number;
  clock: SimulatorClock;
  state: SimulatorState;
  tenants: readonly Tenant[];
  apiKey: string;
  orgId: string;
  otherOrg: Tenant | null;
  seed: number;
  control: boolean;
  /** Where the fault hook is (spec/control.yaml): `<control base>/_sim`, null without control. */
  controlUrl: string | null;
  dialect: DialectName;
  rateLimit: number | null;
  anyAnswer: AnyAnswer | null;
  close(): Promise<void>;
}

export function tenantsFrom(options: SimulatorOptions): { main: Tenant; other: Tenant | null } {
  const config = options.env ? settingsFrom(options.env) : settings();
  const main = {
    apiKey: options.apiKey ?? config.apiKey ?? DEFAULT_API_KEY,
    orgId: options.orgId ?? config.orgId ?? DEFAULT_ORG_ID,
  };
  const other =
    options.otherOrg === undefined
      ? { apiKey: config.otherApiKey ?? DEFAULT_OTHER_API_KEY, orgId: config.otherOrgId ?? DEFAULT_OTHER_ORG_ID }
      : options.otherOrg;
  if (other && (other.apiKey === main.apiKey || other.orgId === main.orgId)) {
    throw new Error('the second organization needs its own API key and organization id');
  }
  return { main, other };
}

function write(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...reply.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The fault hook's own token (CONFORMANCE_CONTROL_TOKEN) opens the control routes for the organization named
 * in X-Organization-Id (else the first tenant's): undefined when no token is set or another was sent.
 */
function controlTokenOrg(headers: IncomingMessage['headers'], state: SimulatorState): string | undefined {
  if (!state.controlToken) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (match?.[1] !== state.controlToken) return undefined;
  const claimed = headers['x-organization-id'];
  const org = Array.isArray(claimed) ? claimed[0] : claimed;
  return state.tenants.find((t) => t.orgId === org)?.orgId ?? state.tenants[0]!.orgId;
}

export function requestHandler(state: SimulatorState, routes: readonly Route[]) {
  const router = new Router(routes);
  const answer = async (req: IncomingMessage): Promise<Reply> => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const read = await readBody(req);
    if (!read.ok) return read.reply;
    const match = router.match(req.method ?? 'GET', url.pathname);
    if (!match.ok) return match.reply;
    const { route, params } = match;
    let orgId = '';
    let apiKey = '';
    const byControlToken = route.path.startsWith('/_sim/') ? controlTokenOrg(req.headers, state) : undefined;
    if (byControlToken !== undefined) orgId = byControlToken;
    else if (route.auth) {
      const auth = authenticate(req.headers, state.tenants, shows(state.dialect, 'auth-403'));
      if (!auth.ok) return auth.reply;
      orgId = auth.orgId;
      apiKey = auth.apiKey;
    }
    const request = { method: route.method, url, headers: req.headers, body: read.bytes, params, orgId };
    if (route.path.startsWith('/_sim/')) return route.handler(state, request);
    const tooMany = (seconds: number, headers: Record<string, string> = {}) =>
      error(429, 'Rate limit exceeded; retry later', {
        ...headers,
        'retry-after': retryAfterValue(seconds, shows(state.dialect, 'retry-after-date')),
      });
    const limited = state.rateLimiter?.take(apiKey);
    if (limited && !limited.ok) return tooMany(limited.retryAfterSeconds);
    const latencyMs = state.faults.latencyMs;
    if (latencyMs > 0) await delay(latencyMs); // real time on purpose: latency is about the wire, not the job
    const extra: Record<string, string> = latencyMs > 0 ? { 'x-sim-latency-ms': String(latencyMs) } : {};
    const burst = takeRateLimit(state.faults, route.jobParam ? params[route.jobParam] : undefined);
    if (burst) return tooMany(burst.retryAfterSeconds, extra);
    // A status read (a poll or a files page) may be answered 429 at any time: the documentation allows it.
    if (state.anyAnswer && route.method === 'GET' && route.jobParam && state.anyAnswer.rateLimitDue(params[route.jobParam]!))
      return tooMany(state.anyAnswer.answers.retryAfterSeconds, extra);
    const idempotencyKey = route.idempotent ? req.headers['idempotency-key'] : undefined;
    const key = typeof idempotencyKey === 'string' && idempotencyKey !== '' ? idempotencyKey : undefined;
    const replayed = key === undefined ? undefined : state.idempotency.lookup(orgId, key, url.pathname);
    const reply = replayed ?? (await route.handler(state, request));
    if (key !== undefined && !replayed) state.idempotency.remember(orgId, key, url.pathname, reply);
    return { ...reply, headers: { ...reply.headers, ...extra } };
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    const receivedAtMs = Date.now();
    const method = req.method ?? 'GET';
    const next = () => answer(req);
    const around = state.around;
    const answered = around
      ? Promise.resolve().then(() =>
          around({ method, url: new URL(req.url ?? '/', 'http://simulator.invalid'), headers: req.headers }, next),
        )
      : next();
    answered.then(
      (reply) => {
        state.requestLog?.record({ method, url: req.url ?? '/', headers: req.headers }, reply, receivedAtMs, Date.now());
        write(res, reply);
      },
      (e: unknown) => {
        console.error('simulator: unexpected error', e);
        write(res, error(500, 'Internal simulator error'));
      },
    );
  };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? DEFAULT_SEED;
  const control = options.control ?? true;
  const { main, other } = tenantsFrom(options);
  const dialect = dialectNamed(options.dialect ?? 'plain');
  const rateLimiter = options.rateLimit === undefined ? null : new RateLimiter(options.rateLimit, options.rateLimitNow);
  const clock = new SimulatorClock({
    scale: options.timeScale ?? 1,
    manual: options.manualClock ?? false,
    ...(options.startMs !== undefined ? { startMs: options.startMs } : {}),
  });
  const state: SimulatorState = {
    clock,
    jobs: new JobStore(seed),
    collections: new CollectionStore(seed),
    cursors: new CursorCodec(),
    faults: noFaults(),
    idempotency: new IdempotencyLedger(),
    seed,
    timing: { ...DEFAULT_TIMING, ...options.timing },
    tenants: other ? [main, other] : [main],
    dialect,
    rateLimiter,
    controlToken: options.controlToken ?? null,
    anyAnswer: options.anyAnswer
      ? new AnyAnswerDealer({ ...ANY_ANSWER, ...(options.anyAnswer === true ? {} : options.anyAnswer) }, seed)
      : null,
    ...(options.requestLog ? { requestLog: options.requestLog } : {}),
    ...(options.around ? { around: options.around } : {}),
  };
  const routes = [
    ...collectionRoutes,
    ...indexingRoutes,
    ...queryRoutes(options.v2Query ?? true),
    ...jobRoutes,
    ...(control && options.controlPort === undefined ? controlRoutes : []),
  ];
  const server = await listen(requestHandler(state, routes), host, options.port ?? 0);
  const controlServer =
    control && options.controlPort !== undefined
      ? await listen(requestHandler(state, controlRoutes), host, options.controlPort)
      : undefined;
  const port = (server.address() as AddressInfo).port;
  const controlBase = controlServer ? `http://${host}:${(controlServer.address() as AddressInfo).port}` : `http://${host}:${port}`;
  return {
    baseUrl: `http://${host}:${port}`,
    host,
    port,
    clock,
    state,
    tenants: state.tenants,
    apiKey: main.apiKey,
    orgId: main.orgId,
    otherOrg: other,
    seed,
    control,
    controlUrl: control ? `${controlBase}/_sim` : null,
    dialect: dialect.name,
    rateLimit: rateLimiter?.perSecond ?? null,
    anyAnswer: state.anyAnswer?.answers ?? null,
    close: async () => {
      await Promise.all([server, ...(controlServer ? [controlServer] : [])].map(closeServer));
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function listen(handler: ReturnType<typeof requestHandler>, host: string, port: number): Promise<Server> {
  const server: Server = createServer({ keepAlive: true }, handler);
  server.keepAliveTimeout = 30_000;
  server.on('clientError', (_err, socket) => {
    const body = '{"detail":"Bad request"}';
    if (socket.writable)
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, backlog: 2048 }, () => resolve());
  });
  return server;
}
