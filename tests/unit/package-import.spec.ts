// Importing the package's client entry (src/index.ts: CaptainClient, waitForJob, iterateFiles...) reads
// no file and writes nothing: a client library may not touch the disk of the program that imports it.
// The import runs in a child process whose temp directory is empty and unwritable, with every node:fs
// call recorded; a control (the catalog, read on first use) shows that the probe does see reads.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROBE = path.join(import.meta.dirname, 'package-import-probe.ts');

interface Probe {
  exports: string[];
  touched: string[];
}

/** Imports `entry` in a child whose TMPDIR is `temp`; what it exported and every fs call it made. */
function probe(entry: string, temp: string, ...then: string[]): Probe {
  const out = execFileSync(process.execPath, ['--import', 'tsx', PROBE, path.join(ROOT, entry), ...then], {
    cwd: ROOT,
    // tsx's own transform cache would land in the temp directory: off, so whatever appears there is ours.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: temp, TMP: temp, TEMP: temp, TSX_DISABLE_CACHE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Probe;
}

test.describe('the package entry', () => {
  let temp: string;
  test.beforeEach(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'package-import-'));
    chmodSync(temp, 0o500); // empty, and no one but root may write it (the emptiness check below holds for root too)
  });
  test.afterEach(() => {
    chmodSync(temp, 0o700);
    rmSync(temp, { recursive: true, force: true });
  });

  test('importing the client entry reads no file and writes nothing, even with an unwritable temp directory', () => {
    const { exports, touched } = probe('src/index.ts', temp);
    expect(exports).toEqual(expect.arrayContaining(['CaptainClient', 'waitForJob', 'pollJob', 'iterateFiles']));
    expect(touched, 'node:fs calls made while importing the client entry').toEqual([]);
    expect(readdirSync(temp)).toEqual([]);
  });

  test('the probe sees a read: the catalog, read on first use (never on import), reads spec/requirements.yaml', () => {
    const { touched } = probe('src/contract/catalog.ts', temp, '--then-read-catalog');
    expect(touched.some((call) => call.startsWith('readFileSync ') && call.endsWith(path.join('spec', 'requirements.yaml')))).toBe(true);
  });
});
