// `npm run proxy -- --target <url> [--port N] [--duration S] [--reports DIR] [--profile P]`: a recording
// reverse proxy on 127.0.0.1. Point a client or a test suite at it; on SIGINT, SIGTERM or after the duration
// it writes exchanges.har and the usual report of that traffic (docs/recorded-traffic.md). Exit codes as
// the suite's: 0 conformant or incomplete, 1 not conformant, 2 usage, a port in use, or no traffic to judge.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROFILES, type Profile } from '../contract/catalog.js';
import { startRecordingProxy } from '../proxy/recording-proxy.js';
import { verdictLines } from '../report/reporter.js';
import { reportsDirFrom, secretValues, SettingsError, settingsFrom, type Settings } from '../settings/settings.js';

const USAGE = `usage: npm run proxy -- --target <url> [--port N] [--duration S] [--reports DIR] [--profile default|strict] [--max-body-kb N]

Forwards every request on http://127.0.0.1:<port> to <url> unchanged and records each exchange (keys redacted).
On Ctrl-C, SIGTERM or after --duration seconds it writes <reports>/conformance/{exchanges.har,results.json,index.html}.`;

class UsageError extends Error {}

interface ProxyArgs {
  target: string;
  port: number;
  duration?: number;
  reports?: string;
  profile?: Profile;
  maxBodyBytes?: number;
}

function number(flag: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`${flag} expects a number from ${min} to ${max}`);
  return n;
}

function parse(argv: readonly string[]): ProxyArgs {
  const list = argv.filter((a) => a !== '--');
  const args: Partial<ProxyArgs> = { port: 0 };
  for (let i = 0; i < list.length; i++) {
    const flag = list[i]!;
    const value = list[i + 1];
    if (flag === '-h' || flag === '--help') throw new UsageError('');
    i += 1;
    if (flag === '--target') {
      try {
        const url = new URL(value ?? '');
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
        args.target = url.href.replace(/\/+$/, '');
      } catch {
        throw new UsageError(`--target expects an http(s) URL, e.g. https://api.runcaptain.com`);
      }
    } else if (flag === '--port') args.port = number(flag, value, 0, 65535);
    else if (flag === '--duration') args.duration = number(flag, value, 0.001, 7 * 24 * 3600);
    else if (flag === '--max-body-kb') args.maxBodyBytes = number(flag, value, 1, 1024 * 1024) * 1024;
    else if (flag === '--reports') {
      if (!value) throw new UsageError('--reports needs a folder');
      args.reports = value;
    } else if (flag === '--profile') {
      if (!(PROFILES as readonly string[]).includes(value ?? '')) throw new UsageError(`--profile expects one of ${PROFILES.join(', ')}`);
      args.profile = value as Profile;
    } else throw new UsageError(`unknown option ${flag}`);
  }
  if (!args.target) throw new UsageError('--target <url> is required');
  return args as ProxyArgs;
}

async function main(argv: readonly string[]): Promise<number> {
  let args: ProxyArgs;
  try {
    args = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message ? `proxy: ${(error as Error).message}\n` : ''}${USAGE}\n`);
    return 2;
  }
  let configured: Settings;
  try {
    configured = settingsFrom(process.env); // the profile and CONFORMANCE_REQUIRE_COMPLETE, read as the suite reads them
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    process.stderr.write(`proxy: ${error.message}\n`);
    return 2;
  }
  const outputDir = path.join(args.reports ?? reportsDirFrom(process.env), 'conformance');
  let proxy;
  try {
    proxy = await startRecordingProxy({
      target: args.target,
      port: args.port,
      outputDir,
      secrets: secretValues(process.env),
      profile: args.profile ?? configured.profile,
      requireComplete: configured.requireComplete,
      ...(args.maxBodyBytes ? { maxBodyBytes: args.maxBodyBytes } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(
      code === 'EADDRINUSE'
        ? `proxy: port ${args.port} is taken: choose another with --port (0 picks a free one)\n`
        : `proxy: ${(error as Error).message}\n`,
    );
    return 2;
  }
  process.stdout.write(
    `recording proxy on ${proxy.baseUrl} -> ${args.target}${args.duration ? ` for ${args.duration} s` : ''}; stop with Ctrl-C\n`,
  );
  const why = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
    if (args.duration) setTimeout(() => resolve(`${args.duration} s`), args.duration * 1000).unref();
  });
  const { results, har, exchanges, unjudged } = await proxy.stop();
  process.stdout.write(`stopped (${why}): ${exchanges} exchange(s) recorded in ${path.relative(process.cwd(), har) || har}\n`);
  process.stdout.write(
    `${verdictLines(results).trimEnd()}\n  report: ${path.relative(process.cwd(), path.join(outputDir, 'index.html'))}\n`,
  );
  if (unjudged) {
    process.stderr.write('proxy: no answer of the job-status, cancel or query endpoints passed through: nothing to judge\n');
    return 2;
  }
  return results.summary.exitCode;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
