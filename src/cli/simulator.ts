// `npm run simulator -- --port 4010 [--time-scale N] [--seed N] [--manual-clock] [--no-control]`:
// the reference simulator for a person or a script, until Ctrl-C.
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, startSimulator } from '../simulator/index.js';

const USAGE = `usage: npm run simulator -- [--port 4010] [--host 127.0.0.1] [--time-scale N] [--seed N] [--manual-clock] [--no-control]
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

const sim = await startSimulator({
  port: number('port', args.port, 4010),
  host: args.host ?? '127.0.0.1',
  timeScale: number('time-scale', args['time-scale'], 1),
  seed: number('seed', args.seed, DEFAULT_SEED),
  manualClock: args['manual-clock'] ?? false,
  control: !args['no-control'],
});
const keySource = process.env.CAPTAIN_API_KEY ? 'from CAPTAIN_API_KEY' : `default; set CAPTAIN_API_KEY to change`;
console.log(`Captain simulator on ${sim.baseUrl}`);
console.log(`  organization ${sim.orgId}, API key ${keySource}${process.env.CAPTAIN_API_KEY ? '' : `: ${sim.apiKey}`}`);
console.log(`  time scale ${sim.clock.scale}${sim.clock.manual ? ' (manual clock)' : ''}, seed ${sim.seed}`);
console.log(`  control API ${sim.control ? `${sim.baseUrl}/_sim/health` : 'off (--no-control)'}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
