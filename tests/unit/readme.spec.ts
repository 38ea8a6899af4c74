// The README is a newcomer's five minutes: short, every command in it real, every page it links there, and
// its walk-through run as written against the simulator (on a free port instead of 4010).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: object }).scripts);

/** The ```sh blocks under a `## heading`. */
function shellBlocks(heading: string): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(heading)) ?? '';
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('the README fits on a few screens: at most 250 lines', () => {
  expect(readme.split('\n').length).toBeLessThanOrEqual(250);
});

test('the quick start is the two commands, and every npm script the README names exists', () => {
  expect(shellBlocks('Quick start')).toEqual(['npm ci && npm run conformance\nnpm ci && npm test\n']);
  const named = [...readme.matchAll(/npm run ([a-z][a-z0-9:-]*)/g)].map((m) => m[1]!);
  expect(named.length).toBeGreaterThan(5);
  expect([...new Set(named)].filter((name) => !scripts.includes(name))).toEqual([]);
});

test('every page and picture the README links to is in the repository', () => {
  const targets = [...readme.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)].map((m) => m[1]!);
  expect(targets.length).toBeGreaterThan(5);
  expect(targets.filter((target) => !existsSync(path.join(root, target)))).toEqual([]);
});

test('every page and picture the docs pages link to is in the repository', () => {
  const broken = readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .flatMap((name) => {
      const page = readFileSync(path.join(root, 'docs', name), 'utf8');
      return [...page.matchAll(/\]\(((?!https?:|#)[^)#\s]+)[^)]*\)/g)]
        .map((m) => m[1]!)
        .filter((target) => !existsSync(path.join(root, 'docs', target)))
        .map((target) => `docs/${name}: ${target}`);
    });
  expect(broken).toEqual([]);
});

test('the curl walk-through runs as written against the simulator and ends with the job completed and found', async () => {
  test.setTimeout(60_000);
  const blocks = shellBlocks('Try the API by hand');
  expect(blocks, 'two ```sh blocks under "Try the API by hand": the simulator, then the walk-through').toHaveLength(2);
  const port = String(await freePort());
  const [server, walk] = blocks.map((b) => b.replaceAll('4010', port));
  // Its own process group, so that npm, tsx and the simulator go together at the end.
  const simulator = spawn('bash', ['-c', server!], { cwd: root, detached: true, stdio: 'ignore' });
  try {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', walk!], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    clearTimeout(timer);
    expect(code, out).toBe(0);
    const answers = out.split('\n').filter((line) => line.startsWith('{'));
    const job = answers.map((line) => JSON.parse(line) as Record<string, unknown>).find((a) => 'progress' in a);
    expect(job?.status, out).toBe('completed');
    expect(out).toContain('q1-summary.txt');
  } finally {
    try {
      process.kill(-simulator.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});
