// A large HAR is judged without holding it in memory: a 16 MB recording of about 1,000 jobs is judged whole by the
// judge in a process whose heap is capped at 40 MB, where reading the same file as one JSON value runs out
// of memory. (npm run bench judges a 200 MB file the same way and reports its peak memory.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { recordedTraffic } from '../../../generators/recorded-traffic.js';
import { entryOf } from '../../../src/har/har-entry.js';
import { HarWriter } from '../../../src/har/har-file.js';

const HEAP_MB = 40;
const FILE_MB = 16;

test('a 16 MB HAR is judged whole in a 40 MB heap, in which reading it as one JSON value runs out of memory', () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'judge-large-'));
  try {
    const file = path.join(dir, 'large.har');
    const writer = new HarWriter(file, { name: 'large.spec', version: '1' });
    const traffic = recordedTraffic(424242, 50);
    let jobs = 0;
    let entries = 0;
    while (statSizeOf(writer) < FILE_MB * 1024 * 1024) {
      for (const exchange of traffic.copy(jobs++).exchanges) {
        writer.add(entryOf(exchange, { baseUrl: 'https://api.runcaptain.com' }));
        entries += 1;
      }
    }
    writer.close();
    expect(statSync(file).size).toBeGreaterThan(FILE_MB * 1024 * 1024);

    const node = (args: string[]) =>
      spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, ...args], {
        encoding: 'utf8',
        cwd: path.resolve('.'),
        timeout: 110_000,
      });
    const whole = node(['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]);
    expect(whole.status, 'the file read as one JSON value does not fit the heap').not.toBe(0);
    expect(whole.stderr).toMatch(/heap out of memory|Allocation failed/);

    const judged = node(['--import', 'tsx', 'src/cli/judge.ts', file, '--reports', path.join(dir, 'reports')]);
    expect(judged.stderr).toBe('');
    expect(judged.status, judged.stdout).toBe(0);
    expect(judged.stdout).toContain(`Judged ${entries} exchange(s) of the Captain API from 1 file(s) (${entries} entries): ${jobs} job(s)`);
    expect(judged.stdout).toContain('MUST failed 0, SHOULD warned 0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function statSizeOf(writer: HarWriter): number {
  return writer.bytesWritten;
}
