// The generated report, opened from file:// in Debian's Chromium: it must read right, filter and search,
// draw the timeline, and stay inert: no console error, no request off the page, no injected script.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { catalog } from '../../src/contract/catalog.js';
import type { Results } from '../../src/report/results.js';
import { expectInert, hasChromium, launchChromium, NO_CHROMIUM, openWatched, type Trouble } from './browser.js';
import { runFixtureSuite, type FixtureRun } from './fixture-run.js';

const chromiumHere = hasChromium('report browser tests');

test.describe.configure({ mode: 'serial' });
test.skip(!chromiumHere, NO_CHROMIUM);

let run: FixtureRun;
let browser: Browser;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  run = await runFixtureSuite({ apiKey: 'report-browser-test-key-0001' });
  expect(run.exitCode, run.output).toBe(1);
  browser = await launchChromium();
});

test.afterAll(async () => {
  await browser?.close();
});

/** Opens the fixture run's report with every way out of the page watched. */
function openReport(): Promise<{ page: Page; trouble: Trouble }> {
  return openWatched(browser, pathToFileURL(path.join(run.conformanceDir, 'index.html')).href);
}

function row(page: Page, id: string) {
  return page.locator('tr.req').filter({ has: page.locator('td.id', { hasText: new RegExp(`^${id}$`) }) });
}

test('the banner gives the verdict and the MUST and SHOULD counts', async ({}, testInfo) => {
  const { page, trouble } = await openReport();
  const banner = page.locator('#verdict');
  await expect(banner).toHaveClass(/verdict-not-conformant/);
  await expect(banner.locator('h1')).toHaveText('Not conformant');
  // fixture: JS-STATE-001 and JS-TRANS-002 pass; JS-TRANS-001 fails on a finding; JS-STATE-002, JS-PAGE-001 (a failure
  // without findings), JS-TRANS-003 and JS-CANCEL-001 are inconclusive; JS-PH-001 is skipped; JS-SHAPE-005 and an uncatalogued id warn
  await expect(banner.locator('tbody tr').nth(0).locator('td')).toHaveText([
    '2',
    '1',
    '4',
    '1',
    String(catalog().requirements.filter((r) => r.level === 'MUST').length - 8),
  ]);
  await expect(banner.locator('tbody tr').nth(1).locator('td').nth(1)).toHaveText('2');
  await expect(page.locator('#target')).toContainText('[redacted]');
  await testInfo.attach('report', { body: await page.screenshot(), contentType: 'image/png' });
  await expectInert(page, trouble);
});

test('the matrix lists every catalogued requirement by area with its status and tests', async () => {
  const { page, trouble } = await openReport();
  await expect(page.locator('tr.req')).toHaveCount(catalog().requirements.length + 1);
  await expect(page.locator('section.area')).toHaveCount(catalog().areas.length + 1);
  await expect(row(page, 'JS-STATE-001').locator('.badge').first()).toHaveText('passed');
  await expect(row(page, 'JS-TRANS-001').locator('.badge').first()).toHaveText('failed');
  await expect(row(page, 'JS-PAGE-001').locator('.badge').first()).toHaveText('inconclusive');
  await expect(row(page, 'JS-PAGE-001')).toContainText('cursor walk broke');
  await expect(row(page, 'JS-SHAPE-005').locator('.badge').first()).toHaveText('warned');
  await expect(row(page, 'JS-PH-001').locator('.badge').first()).toHaveText('skipped');
  await expect(row(page, 'JS-PH-001')).toContainText("needs the simulator's control API");
  await expect(row(page, 'JS-RATE-001').locator('.badge').first()).toHaveText('not-covered');
  await expect(row(page, 'JS-TRANS-001')).toContainText('status never goes back to pending');
  await expectInert(page, trouble);
});

test('the filter narrows the matrix by status and by area', async () => {
  const { page, trouble } = await openReport();
  const visibleIds = () => page.locator('tr.req:visible td.id').allTextContents();
  await page.selectOption('#filter-status', 'failed');
  expect((await visibleIds()).sort()).toEqual(['JS-TRANS-001']);
  await expect(page.locator('#shown-count')).toHaveText(`1 of ${catalog().requirements.length + 1} requirements shown`);
  await page.selectOption('#filter-status', 'inconclusive');
  expect((await visibleIds()).sort()).toEqual(['JS-CANCEL-001', 'JS-PAGE-001', 'JS-STATE-002', 'JS-TRANS-003']);
  await page.selectOption('#filter-status', 'warned');
  expect((await visibleIds()).sort()).toEqual(['JS-NOT-IN-CATALOG', 'JS-SHAPE-005']);
  await page.selectOption('#filter-status', 'all');
  await page.selectOption('#filter-area', 'pagination');
  const pagination = catalog()
    .requirements.filter((r) => r.area === 'pagination')
    .map((r) => r.id);
  expect((await visibleIds()).sort()).toEqual([...pagination].sort());
  await expect(page.locator('section.area:visible')).toHaveCount(1);
  await expectInert(page, trouble);
});

test('the search box finds requirements by id, words and finding text', async () => {
  const { page, trouble } = await openReport();
  const visibleIds = () => page.locator('tr.req:visible td.id').allTextContents();
  await page.fill('#search', 'js-ph-001');
  expect(await visibleIds()).toEqual(['JS-PH-001']);
  await page.fill('#search', 'went back from running');
  expect(await visibleIds()).toEqual(['JS-TRANS-001']);
  await page.fill('#search', 'no requirement says this 1f3c');
  expect(await visibleIds()).toEqual([]);
  await expect(page.locator('#shown-count')).toHaveText(`0 of ${catalog().requirements.length + 1} requirements shown`);
  await page.fill('#search', '');
  await expect(page.locator('tr.req:visible')).toHaveCount(catalog().requirements.length + 1);
  await expectInert(page, trouble);
});

test('a failure shows its findings, the timeline SVG with the offending poll, and the raw exchanges', async ({}, testInfo) => {
  const { page, trouble } = await openReport();
  const failure = page.locator('article.failure#fail-JS-TRANS-001');
  await expect(failure.locator('li.finding')).toContainText('status went back from running to pending');
  const svg = failure.locator('svg.timeline');
  await expect(svg).toBeVisible();
  await expect(svg.locator('g.poll')).toHaveCount(7);
  await expect(svg.locator('g.poll.placeholder')).toHaveCount(1);
  await expect(svg.locator('g.poll.highlight')).toHaveCount(1);
  await expect(svg.locator('g.poll.highlight')).toHaveAttribute('data-poll', '2');
  await expect(svg.locator('rect.highlight-band')).toHaveCount(1);
  const exchanges = failure.locator('details.exchanges');
  await expect(exchanges.locator('li.exchange').first()).toBeHidden();
  await exchanges.locator(':scope > summary').click();
  await expect(exchanges.locator('li.exchange')).toHaveCount(7);
  await expect(exchanges.locator('li.exchange.highlight')).toHaveAttribute('data-poll', '2');
  await expect(exchanges.locator('li.exchange').first()).toContainText('authorization: [redacted]');
  await expect(page.locator('article.failure#fail-JS-PAGE-001'), 'a test that broke is no failure of the target').toHaveCount(0);
  await svg.scrollIntoViewIfNeeded();
  await testInfo.attach('timeline', { body: await failure.screenshot(), contentType: 'image/png' });
  await expectInert(page, trouble);
});

test('hostile strings from the target show as text and run nothing', async () => {
  const { page, trouble } = await openReport();
  await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
  const text = await page.locator('body').innerText();
  expect(text).toContain('<img src=x onerror="window.__pwned=1;alert(1)">');
  expect(text).toContain('</script><script>window.__pwned=2</script>');
  expect(text).toContain('javascript:window.__pwned=3');
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('script')).toHaveCount(2);
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  // Off the page, only the catalog's links to the vendor's sources: nothing the target sent becomes a link.
  const catalogued = new Set(Object.values(catalog().sources ?? {}).map((s) => s.url));
  expect(hrefs.filter((href) => !href.startsWith('#') && !catalogued.has(href))).toEqual([]);
  await expectInert(page, trouble);
});

test('the top of a failing report names each failed MUST with its first finding, linked to its details, before any table', async () => {
  const { page, trouble } = await openReport();
  const failed = page.locator('#at-a-glance .failed-must li');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('JS-TRANS-001');
  await expect(failed).toContainText('status went back from running to pending');
  await expect(page.locator('#at-a-glance .warned-should')).toContainText('JS-SHAPE-005');
  await expect(page.locator('#at-a-glance .unexercised')).toContainText('JS-PH-001');
  const top = async (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => el.getBoundingClientRect().top + (globalThis as unknown as { scrollY: number }).scrollY);
  expect(await top('#at-a-glance .failed-must')).toBeLessThan(await top('#failures'));
  expect(await top('#failures')).toBeLessThan(await top('#matrix'));
  await failed.locator('a').click();
  await expect(page.locator('article#fail-JS-TRANS-001')).toBeInViewport();
  await expectInert(page, trouble);
});

test('every finding about a job carries a curl command with the base URL and $CAPTAIN_API_KEY, and never the key', async () => {
  const { page, trouble } = await openReport();
  const findings = page.locator('#failures li.finding');
  expect(await findings.count()).toBeGreaterThan(0);
  const baseUrl = (JSON.parse(readFileSync(path.join(run.conformanceDir, 'results.json'), 'utf8')) as Results).target.baseUrl ?? '?';
  for (const finding of await findings.all()) {
    if ((await finding.locator('pre.rerun-command').count()) > 0) {
      // A finding that names no job (JS-NOT-IN-CATALOG here) gives the command that reruns its test.
      await expect(finding.locator('pre.rerun-command')).toContainText('npx playwright test');
      await expect(finding.locator('.meta')).not.toContainText('job ');
      continue;
    }
    const command = await finding.locator('pre.curl-command').first().textContent();
    expect(command).toContain('curl ');
    expect(command).toContain(`'${baseUrl}/v2/jobs/`);
    expect(command).toContain('$CAPTAIN_API_KEY');
    expect(command).not.toContain('report-browser-test-key-0001');
  }
  expect(await page.content()).not.toContain('report-browser-test-key-0001');
  // The field the finding is about is marked in the answer and repeated above it.
  const first = page.locator('article#fail-JS-TRANS-001 li.finding').first();
  await expect(first.locator('.named code').first()).toContainText('"status"');
  await expect(first.locator('details.raw mark').first()).toContainText('"status"');
  await expectInert(page, trouble);
});

test('no table is wider than its column: every cell fits inside the page at 1,280 px', async () => {
  const { page, trouble } = await openReport();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
  const pageWidth = await page.evaluate(() => (globalThis as unknown as { innerWidth: number }).innerWidth);
  const overflowing = await page.locator('table').evaluateAll(
    (tables, width) =>
      tables
        .filter((t) => {
          const parent = t.parentElement!;
          return t.scrollWidth > parent.clientWidth + 1 || t.getBoundingClientRect().right > width;
        })
        .map((t) => `${t.closest('section')?.id ?? '?'}: ${t.scrollWidth} > ${t.parentElement!.clientWidth}`),
    pageWidth,
  );
  expect(overflowing).toEqual([]);
  await expectInert(page, trouble);
});

test('coverage, seeds and spec issues are listed', async () => {
  const { page, trouble } = await openReport();
  const coverage = page.locator('#coverage');
  await expect(coverage).toContainText('running → pending');
  await expect(coverage.locator('table').first()).toContainText('completed');
  await expect(page.locator('#seeds')).toContainText('424242');
  await expect(page.locator('#seeds')).toContainText('CONFORMANCE_SEED=424242');
  await expect(page.locator('#spec-issues tbody tr')).toHaveCount(catalog().spec_issues.length);
  await expectInert(page, trouble);
});
