// The package a client author installs: `npm pack` (which builds dist/), the tarball installed offline into a
// scratch project, and the example of docs/package.md run there, as written, against the simulator.
import { execFile, type ExecFileOptions } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test, expect } from '@playwright/test';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';

const execFileAsync = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NAME = 'captain-job-status-conformance';

/** The environment without what this test runner passes down: npm's `npm_*` settings and the worker's NODE_OPTIONS loader. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE_OPTIONS');
  return { ...Object.fromEntries(inherited), ...extra };
}

/** execFile that fails with the child's stderr, not just its command line. */
async function run(command: string, args: string[], options: ExecFileOptions): Promise<{ stdout: string }> {
  try {
    const { stdout } = await execFileAsync(command, args, { maxBuffer: 16 << 20, env: cleanEnv(), ...options });
    return { stdout: String(stdout) };
  } catch (error) {
    const { stderr, stdout, code, message } = error as { stderr?: string; stdout?: string; code?: unknown; message?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed (${String(code)}: ${String(message).slice(0, 300)}):\n${String(stderr ?? '').slice(-4000)}\n${String(stdout ?? '').slice(-2000)}`,
    );
  }
}

/** The first ```js block of docs/package.md's "Polling this endpoint correctly" section. */
function readmeExample(readme: string): string {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Polling this endpoint correctly'));
  const block = section?.match(/```js\n([\s\S]*?)```/);
  if (!block) throw new Error('docs/package.md: no ```js block under "Polling this endpoint correctly"');
  return block[1]!;
}

/** Bare specifiers of every import and re-export in the built JavaScript (comments are not statements). */
async function importsOf(dir: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const source = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^'.][^']*)'|\bimport\(\s*'([^'.][^']*)'\s*\)/gm))
      found.add((m[1] ?? m[2])!);
  }
  return found;
}

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

test.describe('the installable package', () => {
  test.describe.configure({ timeout: 90_000 });
  let scratch: string;
  let sim: SimulatorHandle;

  test.beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'captain-package-'));
    sim = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: 60, env: {} });
  });

  test.afterAll(async () => {
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  test("npm pack builds a tarball that installs from npm's cache (offline, or cache first when a registry document is not cached yet), imports by name, and runs the example of docs/package.md to a completed job", async () => {
    const packed = path.join(scratch, 'packed');
    await mkdir(packed);
    await run('npm', ['pack', '--pack-destination', packed, '--loglevel=error'], { cwd: root });
    const tarballs = (await readdir(packed)).filter((name) => name.endsWith('.tgz'));
    expect(tarballs).toHaveLength(1);

    const project = path.join(scratch, 'project');
    await mkdir(project);
    await writeFile(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }),
    );
    // Dependencies' tarballs are in npm's cache since `npm ci`; their registry documents may not be, the first time.
    const install = (mode: string) =>
      run('npm', ['install', path.join(packed, tarballs[0]!), mode, '--no-audit', '--no-fund'], { cwd: project });
    // The mode that installed is said in the test's annotations: offline is what a warm cache allows.
    const mode = await install('--offline').then(
      () => '--offline',
      async (error: Error) => {
        if (!/ENOTCACHED/.test(error.message)) throw error;
        await install('--prefer-offline');
        return '--prefer-offline';
      },
    );
    test.info().annotations.push({ type: 'installed with', description: mode });

    // Only the build and the spec ship, and every package the built code imports is a declared dependency.
    const installed = path.join(project, 'node_modules', NAME);
    const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    expect((await readdir(installed)).sort()).toEqual(['README.md', 'dist', 'package.json', 'spec']);
    const allowed = new Set([...Object.keys(manifest.dependencies ?? {}), ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const undeclared = [...(await importsOf(path.join(installed, 'dist')))].map(packageOf).filter((name) => !allowed.has(name));
    expect(undeclared, 'imports of dist/ missing from dependencies').toEqual([]);

    // The types resolve by the package's name, NodeNext-style, as a TypeScript client author compiles.
    await writeFile(
      path.join(project, 'typed.ts'),
      "import { CaptainClient, waitForJob, type WaitForJobResult } from 'captain-job-status-conformance';\n" +
        "export const done: Promise<WaitForJobResult> = waitForJob(new CaptainClient({ baseUrl: 'http://127.0.0.1' }), 'job');\n",
    );
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--skipLibCheck',
        'typed.ts',
      ],
      { cwd: project },
    );

    // A job created through the public API, then waited for by docs/package.md's example, run as written.
    const headers = { authorization: `Bearer ${sim.apiKey}`, 'x-organization-id': sim.orgId, 'content-type': 'application/json' };
    expect((await fetch(`${sim.baseUrl}/v2/collections/handbook`, { method: 'PUT', headers })).status).toBe(201);
    const created = await fetch(`${sim.baseUrl}/v2/collections/handbook/index/text`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ content: 'Welcome to the course', filename: 'welcome.txt' }),
    });
    expect(created.status).toBe(200);
    const { job_id: jobId } = (await created.json()) as { job_id: string };

    await writeFile(path.join(project, 'wait-for-job.mjs'), readmeExample(await readFile(path.join(root, 'docs', 'package.md'), 'utf8')));
    const env = cleanEnv({ CAPTAIN_BASE_URL: sim.baseUrl, CAPTAIN_API_KEY: sim.apiKey, CAPTAIN_ORG_ID: sim.orgId });
    const example = await run(process.execPath, ['wait-for-job.mjs', jobId], { cwd: project, env, timeout: 45_000 });
    // The example prints done.status only when done.outcome is 'terminal'.
    expect(example.stdout).toBe('completed\n');
  });
});
