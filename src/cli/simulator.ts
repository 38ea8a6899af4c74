// `npm run simulator -- --port 4010 [--time-scale N] [--seed N] [--manual-clock] [--no-control]
// [--dialect plain|vendor-variant] [--rate-limit N] [--no-v2-query]`: the reference simulator for a person or a script, until Ctrl-C.
import { parseArgs } from 'node:util';
import { settings, SettingsError, type Settings } from '../settings/settings.js';
import { DEFAULT_SEED, startSimulator } from '../simulator/server.js';
import { DIALECT_NAMES, isDialectName } from '../simulator/dialect.js';

const USAGE = `usage: npm run simulator -- [--port 4010] [--host 127.0.0.1] [--time-scale N] [--seed N] [--manual-clock] [--no-control]
                             [--dialect ${DIALECT_NAMES.join('|')}] [--rate-limit N] [--no-v2-query]
                             [--any-answer] [--control-port N]
  --dialect vendor-variant shows every lawful variation of the vendor's API at once (src/simulator/dialect.ts);
  --no-v2-query retires the legacy POST /v2/collections/{name}/query (404, as an unserved route); v3 stays;
  --rate-limit N answers 429 with Retry-After beyond N requests per real second per API key (/_sim/ is exempt);
  --control-port N serves the control API (the fault hook, spec/control.yaml) on port N only: the public port
    then answers no /_sim/ and looks like a deployment; CONFORMANCE_CONTROL_TOKEN opens it besides the keys;
  --any-answer answers documented answers at seeded random requests: placeholders on some polls, a 429 with
    Retry-After: 1 on some status reads, an empty last page of files (src/simulator/any-answer.ts);
  key from CAPTAIN_API_KEY (default sim-key), organization from CAPTAIN_ORG_ID (default sim-org);
  a second organization from CAPTAIN_OTHER_API_KEY / CAPTAIN_OTHER_ORG_ID (default sim-other-key / sim-other-org)`;

function number(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    console.error(`--${name} must be a number, got ${raw}\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'time-scale': { type: 'string' },
      seed: { type: 'string' },
      'manual-clock': { type: 'boolean' },
      'no-control': { type: 'boolean' },
      dialect: { type: 'string' },
      'rate-limit': { type: 'string' },
      'any-answer': { type: 'boolean' },
      'control-port': { type: 'string' },
      'no-v2-query': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

// The settings first (the tenants come from CAPTAIN_*): a bad one is a usage error, with its message alone.
let config: Settings;
try {
  config = settings();
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const dialect = args.dialect ?? 'plain';
if (!isDialectName(dialect)) usageError(`--dialect must be one of ${DIALECT_NAMES.join(', ')}, got ${dialect}`);
const rateLimit = args['rate-limit'] === undefined ? undefined : number('rate-limit', args['rate-limit'], 0);
if (rateLimit !== undefined && !(Number.isInteger(rateLimit) && rateLimit >= 1))
  usageError(`--rate-limit must be a positive integer, got ${args['rate-limit']}`);

const port = number('port', args.port, 4010);
const host = args.host ?? '127.0.0.1';
const sim = await startSimulator({
  port,
  host,
  timeScale: number('time-scale', args['time-scale'], 1),
  seed: number('seed', args.seed, DEFAULT_SEED),
  manualClock: args['manual-clock'] ?? false,
  control: !args['no-control'],
  dialect,
  ...(rateLimit !== undefined ? { rateLimit } : {}),
  v2Query: !args['no-v2-query'],
  anyAnswer: args['any-answer'] ?? false,
  ...(args['control-port'] !== undefined ? { controlPort: number('control-port', args['control-port'], 0) } : {}),
  ...(config.controlToken ? { controlToken: config.controlToken } : {}),
}).catch((error: NodeJS.ErrnoException) => {
  // A busy or forbidden port is the caller's to fix: say which, in a line, not with a stack.
  if (error.code === 'EADDRINUSE')
    usageError(`port ${port} on ${host} is already taken (another simulator?): pick another with --port N, or --port 0 for any free one`);
  if (error.code === 'EACCES')
    usageError(`port ${port} on ${host} needs privileges this process lacks: pick a port above 1023 with --port N`);
  if (error.code === 'EADDRNOTAVAIL') usageError(`${host} is not an address of this machine: use --host 127.0.0.1`);
  throw error;
});
const keySource = config.apiKey ? 'from CAPTAIN_API_KEY' : `default; set CAPTAIN_API_KEY to change`;
console.log(`Captain simulator on ${sim.baseUrl}`);
console.log(`  organization ${sim.orgId}, API key ${keySource}${config.apiKey ? '' : `: ${sim.apiKey}`}`);
console.log(`  time scale ${sim.clock.scale}${sim.clock.manual ? ' (manual clock)' : ''}, seed ${sim.seed}`);
console.log(`  dialect ${sim.dialect}, rate limit ${sim.rateLimit === null ? 'none' : `${sim.rateLimit} requests/s per key`}`);
console.log(`  query v3${args['no-v2-query'] ? ' only (--no-v2-query)' : ' and v2'}`);
if (sim.anyAnswer) console.log('  any documented answer at random requests: placeholders, 429 with Retry-After: 1, an empty last page');
console.log(
  `  control API ${sim.controlUrl ? `${sim.controlUrl} (CONFORMANCE_CONTROL_URL=${sim.controlUrl}; capabilities at ${sim.controlUrl}/capabilities)` : 'off (--no-control)'}`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
