// The API key never reaches a file under the report folders: a run with a canary key, whose tests put
// it in headers, URLs, bodies and finding evidence, leaves no trace of it in any artifact, Playwright's included.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { artifactsUnder } from './artifacts.js';
import { runFixtureSuite } from './fixture-run.js';

test('a canary API key appears in no report, JUnit, Playwright HTML or test-results file', async () => {
  test.setTimeout(120_000);
  const canary = `canary-${randomBytes(12).toString('hex')}`;
  const run = await runFixtureSuite({ apiKey: canary });
  expect(run.exitCode, run.output).toBe(1);
  const artifacts = artifactsUnder(run.outDir);
  const names = artifacts.map((a) => path.relative(run.outDir, a.name));
  // The scan must have reached every output, the members of Playwright's embedded zip among them.
  expect(names).toEqual(
    expect.arrayContaining(['conformance/index.html', 'conformance/results.json', 'junit.xml', 'playwright/index.html']),
  );
  const zipped = artifacts.filter((a) => a.name.includes('!'));
  expect(zipped.length).toBeGreaterThan(0);
  expect(zipped.some((a) => a.content.includes('status never goes back to pending'))).toBe(true);
  // ...and the canary was really in the evidence, so finding nothing means it was removed.
  const results = readFileSync(path.join(run.conformanceDir, 'results.json'), 'utf8');
  expect(results).toContain('"authorization": "[redacted]"');
  expect(run.output).not.toContain(canary);
  const leaks = artifacts
    .filter((a) => a.content.includes(canary) || a.content.includes(Buffer.from(canary).toString('base64')))
    .map((a) => a.name);
  expect(leaks).toEqual([]);
});

test('a passing run writes both outputs too and exits 0: SHOULD warnings fail nothing, and a few MUSTs exercised make it incomplete', async () => {
  test.setTimeout(120_000);
  const run = await runFixtureSuite({ apiKey: `canary-${randomBytes(8).toString('hex')}`, passingOnly: true });
  expect(run.exitCode, run.output).toBe(0);
  expect(existsSync(path.join(run.conformanceDir, 'index.html'))).toBe(true);
  const results = JSON.parse(readFileSync(path.join(run.conformanceDir, 'results.json'), 'utf8')) as {
    schemaVersion: number;
    summary: { verdict: string; failed: number; warned: number };
  };
  expect(results.schemaVersion).toBe(2);
  expect(results.summary).toMatchObject({ verdict: 'incomplete', failed: 0, warned: 2, exitCode: 0, runBroken: false });
});
