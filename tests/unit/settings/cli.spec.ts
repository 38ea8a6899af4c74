// The CLIs check the settings when they start: a bad one is a usage error (exit 2) with the settings' message,
// before the watcher sends a request or the simulator opens a port.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runWatch } from '../../../src/cli/watch.js';

const SIMULATOR_CLI = fileURLToPath(new URL('../../../src/cli/simulator.ts', import.meta.url));
const KEY = 'cap_dev_Settings0Cli';

test('npm run watch with a bad setting exits 2 with its message, and never shows the key', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runWatch(['job-1'], {
    env: { CONFORMANCE_BASE_URL: 'localhost:4010', CAPTAIN_API_KEY: `${KEY} ` },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  expect(code).toBe(2);
  expect(out).toEqual([]); // nothing watched
  const message = err.join('\n');
  expect(message).toContain('watch: 2 settings are not valid');
  expect(message).toContain('CONFORMANCE_BASE_URL="localhost:4010": expected an http:// or https:// URL');
  expect(message).toContain('CAPTAIN_API_KEY (value not shown');
  expect(message).not.toContain(KEY);
});

test('npm run simulator with a bad setting exits 2 with its message, before it serves', async () => {
  test.setTimeout(60_000);
  const child = spawn(process.execPath, ['--import', 'tsx', SIMULATOR_CLI, '--port', '0'], {
    env: { ...process.env, CAPTAIN_API_KEY: KEY, CAPTAIN_ORG_ID: 'org 1', CONFORMANCE_MAX_RPS: 'fast' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).toBe(2);
  expect(output).toContain('2 settings are not valid');
  expect(output).toContain('CAPTAIN_ORG_ID="org 1": expected printable characters with no spaces or line breaks');
  expect(output).toContain('CONFORMANCE_MAX_RPS="fast": expected a positive number of requests per second');
  expect(output).not.toContain('Captain simulator on');
  expect(output).not.toContain(KEY);
});
