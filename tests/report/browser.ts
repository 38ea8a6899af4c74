// Debian's Chromium for the tests that open what the suite writes (the report, the history site): one
// place that finds it, launches it offline, and opens a page with every way out of it watched.
import { existsSync } from 'node:fs';
import { expect, type Browser, type Page } from '@playwright/test';
import { CHROMIUM, launchChromium } from '../../tools/chromium.js';

export { launchChromium };

/** Whether the browser is here; when not, the caller skips loudly with `NO_CHROMIUM`. */
export function hasChromium(what: string): boolean {
  const found = existsSync(CHROMIUM);
  if (!found) process.stderr.write(`\n*** ${what} SKIPPED: Chromium not found at ${CHROMIUM} (apt-get install chromium) ***\n\n`);
  return found;
}

export const NO_CHROMIUM = `Chromium not found at ${CHROMIUM}: apt-get install chromium`;

/** Everything a page tried that an inert page never does. */
export interface Trouble {
  consoleErrors: string[];
  requests: string[];
  dialogs: string[];
}

/** Opens `url` with every way out of the page watched: any request that is not file: is blocked and noted. */
export async function openWatched(browser: Browser, url: string): Promise<{ page: Page; trouble: Trouble }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const trouble: Trouble = { consoleErrors: [], requests: [], dialogs: [] };
  await context.route('**/*', async (route) => {
    const requested = route.request().url();
    if (requested.startsWith('file:')) return route.continue();
    trouble.requests.push(requested);
    return route.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => trouble.consoleErrors.push(`page error: ${error.message}`));
  page.on('dialog', async (dialog) => {
    trouble.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(url);
  return { page, trouble };
}

/** The page ran nothing a payload could have put there, asked nothing, fetched nothing; then it is closed. */
export async function expectInert(page: Page, trouble: Trouble): Promise<void> {
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(trouble.dialogs).toEqual([]);
  expect(trouble.requests).toEqual([]);
  expect(trouble.consoleErrors).toEqual([]);
  await page.context().close();
}
