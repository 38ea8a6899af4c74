// `npm run client-check -- [--scenarios N] [--seed S] [--only NAME] [--deadline S] -- <command> [args...]`:
// checks a user's own polling client, in any language, against the simulator's fault scenarios
// (docs/client-check.md). Exit 0: conformant (or incomplete); 1: the client failed a MUST; 2: the check
// itself could not run or its settings are bad (never the client's fault).
import { reportsDirFrom, settings } from '../settings/settings.js';
import { clientResultsOf, brokeResults, type ResultsMeta } from '../client-check/results.js';
import { selectScenarios } from '../client-check/scenarios.js';
import { closingLines, exitCodeOf, writeClientReport } from '../report/client-report.js';
import { CheckBroke, runScenarios, stopAllClients } from './client-check-run.js';
import { DEFAULT_SEED } from '../simulator/server.js';

const USAGE =
  'usage: npm run client-check -- [--scenarios N] [--seed S] [--only NAME[,NAME]] [--deadline S] [--concurrency N] -- <command> [args...]';

export interface CheckArguments {
  generated: number;
  seed: number;
  only: string[];
  deadlineS: number;
  concurrency: number | undefined;
  command: string[];
}

export function parseArguments(argv: readonly string[]): CheckArguments | string {
  const parsed: CheckArguments = { generated: 4, seed: DEFAULT_SEED, only: [], deadlineS: 60, concurrency: undefined, command: [] };
  const number = (name: string, value: string | undefined, min: number): number | string => {
    const n = Number(value);
    return value !== undefined && Number.isFinite(n) && n >= min
      ? n
      : `${name} needs a number of at least ${min}, got ${JSON.stringify(value)}`;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.command = argv.slice(i + 1);
      break;
    }
    if (!arg.startsWith('--')) {
      parsed.command = argv.slice(i);
      break;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = inline ?? argv[++i];
    switch (name) {
      case '--scenarios': {
        const n = number(name, value, 0);
        if (typeof n === 'string') return n;
        parsed.generated = Math.floor(n);
        break;
      }
      case '--seed': {
        const n = number(name, value, 0);
        if (typeof n === 'string') return n;
        parsed.seed = Math.floor(n) >>> 0;
        break;
      }
      case '--deadline': {
        const n = number(name, value, 1);
        if (typeof n === 'string') return n;
        parsed.deadlineS = n;
        break;
      }
      case '--concurrency': {
        const n = number(name, value, 1);
        if (typeof n === 'string') return n;
        parsed.concurrency = Math.floor(n);
        break;
      }
      case '--only':
        if (!value) return '--only needs a scenario name';
        parsed.only.push(...value.split(',').filter(Boolean));
        break;
      default:
        return `unknown option ${arg}`;
    }
  }
  if (parsed.command.length === 0) return 'no client command given';
  return parsed;
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`client-check: ${args}\n${USAGE}`);
    return 2;
  }
  const { scenarios, unknown } = selectScenarios({ generated: args.generated, seed: args.seed, only: args.only });
  if (unknown.length > 0 || scenarios.length === 0) {
    const names = selectScenarios({ generated: args.generated, seed: args.seed, only: [] }).scenarios.map((s) => s.name);
    console.error(
      `client-check: no scenario named ${unknown.join(', ') || '(none selected)'}; the scenarios: ${names.join(', ')}, generated`,
    );
    return 2;
  }
  let config;
  try {
    config = settings();
  } catch (error) {
    console.error(`client-check: ${(error as Error).message}`);
    return 2;
  }
  const reportsDir = reportsDirFrom(process.env);
  const started = new Date();
  const meta = (): ResultsMeta => ({
    command: args.command,
    profile: config.profile,
    seed: args.seed,
    deadlineS: args.deadlineS,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
  });
  console.log(`client-check: ${scenarios.length} scenarios side by side, deadline ${args.deadlineS} s each: ${args.command.join(' ')}`);
  let results;
  try {
    const outcomes = await runScenarios(scenarios, {
      command: args.command[0]!,
      args: args.command.slice(1),
      deadlineS: args.deadlineS,
      profile: config.profile,
      ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
      onScenario: (j) => {
        const failed = j.requirements.filter((r) => r.status === 'failed').map((r) => r.id);
        console.log(
          `  ${failed.length ? '✗' : '✓'} ${j.scenario}: ${j.requests} requests (reference ${j.referenceRequests ?? '–'}) in ${(j.durationMs / 1000).toFixed(1)} s${failed.length ? ` — ${failed.join(', ')}` : ''}`,
        );
      },
    });
    results = clientResultsOf(outcomes, meta());
  } catch (error) {
    const cause = error instanceof CheckBroke ? error.message : `the check crashed: ${(error as Error)?.stack ?? String(error)}`;
    results = brokeResults(cause, meta());
  }
  let dir: string | null = null;
  try {
    dir = writeClientReport(results, reportsDir);
  } catch (error) {
    console.error(`client-check: could not write the report under ${reportsDir}: ${(error as Error).message}`);
    for (const line of closingLines(results, null)) console.log(line);
    return 2;
  }
  for (const line of closingLines(results, dir)) console.log(line);
  return exitCodeOf(results);
}

// The clients run in process groups of their own: an interrupted check takes them down with it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAllClients();
    console.error(`client-check: interrupted (${signal}); every client stopped, no report written`);
    process.exit(2);
  });
}

process.exitCode = await main();
