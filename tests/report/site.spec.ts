// The history site (npm run report:site), built from a real fixture run and two made-up neighbours, opened
// from file:// in Debian's Chromium: the index lists the runs, each run's page shows what changed since
// the run before, the links reach the copied report, and nothing runs or leaves the page.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectInert, hasChromium, launchChromium, NO_CHROMIUM, openWatched, type Trouble } from './browser.js';
import { runFixtureSuite } from './fixture-run.js';

const chromiumHere = hasChromium('history site browser tests');

test.describe.configure({ mode: 'serial' });
test.skip(!chromiumHere, NO_CHROMIUM);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HOSTILE = '<img src=x onerror="window.__pwned=1;alert(1)"></script><script>window.__pwned=2</script>';

let browser: Browser;
let site: string;
let scratch: string;
let fixtureMust: { passed: number; failed: number };
/** MUST requirements inconclusive in the day-after run. */
let afterInconclusive: number;

interface Requirement {
  id: string;
  level: string;
  status: string;
  title: string;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const run = await runFixtureSuite({ apiKey: 'site-browser-test-key-0002' });
  expect(run.exitCode, run.output).toBe(1);
  scratch = mkdtempSync(path.join(tmpdir(), 'conformance-site-'));
  const runs = path.join(scratch, 'runs');
  const results = JSON.parse(readFileSync(path.join(run.conformanceDir, 'results.json'), 'utf8')) as {
    startedAt: string;
    requirements: Requirement[];
    summary: { verdict: string };
  };
  const must = results.requirements.filter((r) => r.level === 'MUST');
  fixtureMust = { passed: must.filter((r) => r.status === 'passed').length, failed: must.filter((r) => r.status === 'failed').length };

  // The real run, as the workflow stores it: results.json and the report side by side.
  mkdirSync(path.join(runs, '2-fixture'), { recursive: true });
  copyFileSync(path.join(run.conformanceDir, 'results.json'), path.join(runs, '2-fixture', 'results.json'));
  copyFileSync(path.join(run.conformanceDir, 'index.html'), path.join(runs, '2-fixture', 'index.html'));
  // The day before: the same run, but JS-TRANS-001 held; so the fixture run regressed it.
  const before = structuredClone(results);
  const trans = before.requirements.find((r) => r.id === 'JS-TRANS-001');
  if (!trans) throw new Error('the fixture run has no JS-TRANS-001');
  trans.status = 'passed';
  before.startedAt = new Date(Date.parse(results.startedAt) - 86_400_000).toISOString();
  mkdirSync(path.join(runs, '1-before'));
  writeFileSync(path.join(runs, '1-before', 'results.json'), JSON.stringify(before));
  // The day after: a v2 run of a hostile target, strict profile, one requirement inconclusive.
  const after = {
    ...structuredClone(results),
    schemaVersion: 2,
    profile: 'strict',
    startedAt: new Date(Date.parse(results.startedAt) + 86_400_000).toISOString(),
    target: { baseUrl: `https://staging.example.test/${HOSTILE}`, kind: 'external', controllable: false },
    summary: { ...results.summary, verdict: 'incomplete', exitCode: 0, runBroken: false, brokenBecause: [] },
  };
  for (const r of after.requirements) {
    if (r.status === 'failed') r.status = 'passed';
    if (r.id === 'JS-STATE-001')
      Object.assign(r, { status: 'inconclusive', title: `title ${HOSTILE}`, inconclusive: [{ test: 't', cause: 'budget' }] });
  }
  afterInconclusive = after.requirements.filter((r) => r.level === 'MUST' && r.status === 'inconclusive').length;
  mkdirSync(path.join(runs, '3-after'));
  writeFileSync(path.join(runs, '3-after', 'results.json'), JSON.stringify(after));

  site = path.join(scratch, 'site');
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/report-site.ts', runs, site], { cwd: repoRoot, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  rmSync(run.outDir, { recursive: true, force: true });
  browser = await launchChromium();
});

test.afterAll(async ({}, testInfo) => {
  await browser?.close();
  if (scratch && testInfo.status === testInfo.expectedStatus) rmSync(scratch, { recursive: true, force: true });
});

/** Opens a page of the site with every way out watched. */
function open(file: string): Promise<{ page: Page; trouble: Trouble }> {
  return openWatched(browser, pathToFileURL(path.join(site, file)).href);
}

test('the index lists every run newest first with its target, profile, verdict and MUST counts', async ({}, testInfo) => {
  const { page, trouble } = await open('index.html');
  const rows = page.locator('#runs tr.run');
  await expect(rows).toHaveCount(3);
  await expect(rows.locator('td.verdict .badge:first-child')).toHaveText(['incomplete', 'not-conformant', 'not-conformant']);
  // The fixture run broke (a test failed with no finding to explain it): its row says so.
  await expect(rows.nth(1).locator('td.verdict .badge.broke')).toHaveText('run broke');
  await expect(rows.nth(0).locator('td.verdict .badge.broke')).toHaveCount(0);
  // A target cell breaks only inside the URL, never inside a word like "external".
  const kind = rows.nth(0).locator('td.target .kind');
  await expect(kind).toHaveText('external');
  expect((await kind.boundingBox())?.height ?? 99).toBeLessThan(24);
  await expect(rows.locator('td.profile')).toHaveText(['strict', 'default', 'default']);
  const fixture = rows.nth(1);
  await expect(fixture.locator('td.target')).toContainText('127.0.0.1');
  await expect(fixture.locator('td.must-passed')).toHaveText(String(fixtureMust.passed));
  await expect(fixture.locator('td.must-failed')).toHaveText(String(fixtureMust.failed));
  await expect(rows.nth(0).locator('td.must-inconclusive')).toHaveText(String(afterInconclusive));
  await expect(rows.nth(2).locator('td.changes')).toHaveText('first run');
  await expect(rows.nth(2).locator('a.report')).toHaveCount(0);
  await testInfo.attach('history index', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  await expectInert(page, trouble);
});

test('a run page lists the requirements whose status changed since the run before, regressions first', async ({}, testInfo) => {
  const { page, trouble } = await open('index.html');
  await page.locator('#runs tr.run').nth(1).locator('td.changes a').click();
  await expect(page.locator('#compared')).toContainText('not-conformant → not-conformant');
  const first = page.locator('#changes tr.change').first();
  await expect(first).toHaveAttribute('data-id', 'JS-TRANS-001');
  await expect(first.locator('td').first()).toHaveText('regression');
  await expect(first.locator('td.before')).toHaveText('passed');
  await expect(first.locator('td.after')).toHaveText('failed');
  await expect(page.locator('#change-count')).toHaveText('1 requirement changed status, 1 regression.');
  // Every badge stands out from its row, whatever colour the row has.
  const clash = await page.locator('#changes tr.change .badge').evaluateAll((badges) =>
    badges
      .filter((b) => {
        type El = typeof b;
        const style = (el: El) => (globalThis as unknown as { getComputedStyle(e: El): { backgroundColor: string } }).getComputedStyle(el);
        return (
          style(b).backgroundColor === style(b.closest('tr')!).backgroundColor ||
          style(b).backgroundColor === style(b.closest('td')!).backgroundColor
        );
      })
      .map((b) => b.textContent),
  );
  expect(clash).toEqual([]);
  await testInfo.attach('changes', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  await page.locator('a', { hasText: 'all runs' }).click();
  await expect(page.locator('#runs tr.run')).toHaveCount(3);
  await expectInert(page, trouble);
});

test("a run's report link opens the copied conformance report from disk", async () => {
  const { page, trouble } = await open('index.html');
  await page.locator('#runs tr.run').nth(1).locator('a.report').click();
  await expect(page.locator('#verdict h1')).toHaveText('Not conformant');
  await expect(page.locator('tr.req').first()).toBeVisible();
  await expectInert(page, trouble);
});

test('the first run says there is nothing to compare it with', async () => {
  const { page, trouble } = await open('index.html');
  await page.locator('#runs tr.run').nth(2).locator('td.changes a').click();
  await expect(page.locator('#first-run')).toBeVisible();
  await expectInert(page, trouble);
});

test('hostile strings of a run show as text on the index and its run page, and run nothing', async () => {
  for (const file of ['index.html', path.join('runs', '3-after', 'changes.html')]) {
    const { page, trouble } = await open(file);
    expect(await page.locator('body').innerText()).toContain(HOSTILE);
    await expect(page.locator('img')).toHaveCount(0);
    await expect(page.locator('script')).toHaveCount(0);
    await expectInert(page, trouble);
  }
});
