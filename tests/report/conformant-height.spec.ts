// A conformant report is read, not scrolled: the real suite against the embedded simulator, its report
// opened in Chromium at 1,280 px wide, is at most 15,000 px tall, and still shows what the run observed.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { expectInert, hasChromium, launchChromium, NO_CHROMIUM, openWatched } from './browser.js';
import { SuiteRunner } from '../../tools/suite-run.js';

const MAX_HEIGHT = 15_000;
const runner = new SuiteRunner();

test.skip(!hasChromium('the conformant report height test'), NO_CHROMIUM);
test.afterAll(() => runner.removeOutputs());

test(`a conformant run's report is at most ${MAX_HEIGHT} px tall at 1,280 px wide, with a passing timeline per area`, async () => {
  test.setTimeout(240_000);
  const run = await runner.run({ timeoutMs: 200_000, workers: 2 });
  expect(run.results.summary.verdict, run.output.slice(-2000)).toBe('conformant');
  const browser = await launchChromium();
  try {
    const { page, trouble } = await openWatched(browser, pathToFileURL(path.join(run.conformanceDir, 'index.html')).href);
    await page.setViewportSize({ width: 1280, height: 900 });
    const height = await page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight,
    );
    test.info().annotations.push({ type: 'report height', description: `${height} px at 1280 px wide` });
    expect(height).toBeLessThanOrEqual(MAX_HEIGHT);
    await expect(page.locator('#at-a-glance .failed-must')).toHaveCount(0);
    await expect(page.locator('#observed svg.timeline').first()).toBeAttached();
    expect(await page.locator('#observed details.area-evidence').count()).toBeGreaterThanOrEqual(5);
    await expectInert(page, trouble);
  } finally {
    await browser.close();
  }
});
