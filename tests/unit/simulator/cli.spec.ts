import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../src/cli/simulator.ts', import.meta.url));

/** Starts `npm run simulator` with `args` and a configured key; `baseUrl` resolves once it has printed its address. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, CAPTAIN_API_KEY: 'cap_dev_cli', CAPTAIN_ORG_ID: 'org-cli' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const baseUrl = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('control API')) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
  return { child, baseUrl, out: () => out };
}

/** Runs the CLI with `args`, which it must refuse: exit code 2 and its usage on stderr. */
async function expectUsageFor(args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).toBe(2);
  expect(err).toContain('usage: npm run simulator');
}

test('npm run simulator starts a server that prints its address and serves the API', async () => {
  test.setTimeout(60_000);
  const cli = startCli(['--port', '0', '--time-scale', '50', '--seed', '3', '--no-control']);
  try {
    const baseUrl = await cli.baseUrl;
    const out = cli.out();
    expect(out).toContain('organization org-cli');
    expect(out).toContain('time scale 50');
    expect(out).toContain('control API off');
    expect(out).not.toContain('cap_dev_cli'); // a configured key is never printed
    const headers = { authorization: 'Bearer cap_dev_cli' };
    expect((await fetch(`${baseUrl}/v2/collections/docs`, { method: 'PUT', headers })).status).toBe(201);
    expect((await fetch(`${baseUrl}/_sim/health`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/v2/jobs/x`)).status).toBe(401);
  } finally {
    cli.child.kill('SIGTERM');
  }
});

test('the CLI rejects a bad option with its usage', async () => {
  await expectUsageFor(['--time-scale', 'fast']);
});

test('a port already taken is said in a line, with what to do, not with a stack', async () => {
  test.setTimeout(60_000);
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as AddressInfo).port;
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain(`port ${port} on 127.0.0.1 is already taken`);
    expect(err).not.toContain('EADDRINUSE');
    expect(err).not.toMatch(/\n\s+at /);
  } finally {
    taken.close();
  }
});

test('--dialect vendor-variant and --rate-limit N reach the server', async () => {
  test.setTimeout(60_000);
  const cli = startCli(['--port', '0', '--dialect', 'vendor-variant', '--rate-limit', '2', '--no-control']);
  try {
    const baseUrl = await cli.baseUrl;
    expect(cli.out()).toContain('dialect vendor-variant, rate limit 2 requests/s per key');
    expect((await fetch(`${baseUrl}/v2/jobs/x`)).status).toBe(403); // auth-403
    const headers = { authorization: 'Bearer cap_dev_cli' };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${baseUrl}/v2/jobs/job-x`, { headers })).status);
    expect(statuses.slice(0, 2)).toEqual([404, 404]);
    expect(statuses).toContain(429);
  } finally {
    cli.child.kill('SIGTERM');
  }
});

for (const bad of [
  ['--dialect', 'staging'],
  ['--rate-limit', '0'],
  ['--rate-limit', '1.5'],
]) {
  test(`the CLI rejects ${bad.join(' ')} with its usage`, async () => {
    await expectUsageFor(bad);
  });
}
