// The real suite against a hostile target, with a canary API key: the report it writes stays inert in
// Debian's Chromium (no script, no dialog, no console error, no request off the page), and the key's value
// is in no file the run wrote, Playwright's own reports and their embedded zip included.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { artifactsUnder } from '../report/artifacts.js';
import { har12Problems } from '../report/har-required.js';
import { expectInert, hasChromium, launchChromium, NO_CHROMIUM, openWatched } from '../report/browser.js';
import { expect, test } from './support/fixtures.js';
import { ECHO_MARKER, hostileTarget, PAYLOAD_IMG, PAYLOADS, REOPENED_REQUIREMENT } from './support/hostile-target.js';
import { targetOf, type SuiteRun } from '../../tools/suite-run.js';

const chromiumHere = hasChromium('hostile-target report test');

test.describe('a hostile target, run with a canary key', () => {
  test.describe.configure({ mode: 'serial' });

  const canary = `canary-${randomBytes(12).toString('hex')}`;
  let run: SuiteRun;

  test.afterAll(() => {
    if (run) rmSync(run.outDir, { recursive: true, force: true });
  });

  test('the suite runs to its end against the hostile target and its evidence carries the payloads', async ({
    simulator,
    rewritingProxy,
    suite,
  }) => {
    const sim = await simulator({ apiKey: canary });
    const front = await rewritingProxy(
      sim.baseUrl,
      hostileTarget({ main: { apiKey: sim.apiKey, orgId: sim.orgId }, other: sim.otherOrg! }),
    );
    // The areas whose answers carry free text and whose tests end quickly against a target that reopens jobs.
    const files = ['shape', 'state', 'transitions', 'auth', 'errors'].map((area) => `tests/conformance/${area}.spec.ts`);
    run = await suite.run({ ...targetOf(sim, front.baseUrl), files, timeoutMs: 240_000, keepOutput: true });
    expect(run.results.target.baseUrl).toBe(front.baseUrl);
    expect(run.results.requirements.find((r) => r.id === REOPENED_REQUIREMENT)?.status, run.output).toBe('failed');
    expect(run.exitCode).not.toBe(0);
    // The payloads reached the evidence the report renders: escaping them is then the report's job.
    const results = readFileSync(path.join(run.conformanceDir, 'results.json'), 'utf8');
    for (const payload of PAYLOADS) expect(results, `results.json carries ${payload}`).toContain(JSON.stringify(payload).slice(1, -1));
    // ...and so did the key the target echoed back: finding no canary below means redaction removed it.
    expect(results).toContain(`${ECHO_MARKER} Bearer `);
    expect(run.output).not.toContain(canary);
  });

  test('the canary key appears in no file the run wrote', async () => {
    test.skip(!run, 'the hostile run did not complete');
    const artifacts = artifactsUnder(run.outDir);
    const names = artifacts.map((a) => path.relative(run.outDir, a.name));
    // The scan reached every output, the members of Playwright's embedded zip among them.
    expect(names).toEqual(
      expect.arrayContaining([
        'conformance/index.html',
        'conformance/results.json',
        'conformance/exchanges.har',
        'junit.xml',
        'playwright/index.html',
      ]),
    );
    expect(artifacts.filter((a) => a.name.includes('!')).length).toBeGreaterThan(0);
    const encodings = [canary, Buffer.from(canary).toString('base64'), encodeURIComponent(canary)];
    const leaks = artifacts.filter((a) => encodings.some((e) => a.content.includes(e))).map((a) => path.relative(run.outDir, a.name));
    expect(leaks).toEqual([]);
  });

  test("the run's exchanges.har is HAR 1.2, names each exchange's test, holds no key, and a HAR reader in Chromium serves its answers", async () => {
    test.skip(!run, 'the hostile run did not complete');
    const file = path.join(run.conformanceDir, 'exchanges.har');
    const text = readFileSync(file, 'utf8');
    const har = JSON.parse(text) as {
      log: {
        entries: Array<{
          request: { method: string; url: string };
          response: { status: number; content: { text?: string } };
          _test?: string;
        }>;
      };
    };
    expect(har12Problems(har).slice(0, 20)).toEqual([]);
    const { entries } = har.log;
    expect(entries.length, 'every exchange of the run').toBeGreaterThan(50);
    expect(entries.filter((e) => !e.request.url.startsWith(`${run.results.target.baseUrl}/`)).map((e) => e.request.url)).toEqual([]);
    expect(entries.filter((e) => typeof e._test !== 'string').length, 'each entry names its test').toBe(0);
    // The target echoed the key into its bodies, and the HAR kept those bodies: it holds them redacted.
    expect(text).toContain(`${ECHO_MARKER} Bearer `);
    for (const encoding of [canary, Buffer.from(canary).toString('base64'), encodeURIComponent(canary)])
      expect(text).not.toContain(encoding);
    test.skip(!chromiumHere, NO_CHROMIUM);
    // Playwright's HAR router answers a page's request from the file alone (the target is gone; nothing else is reached).
    const poll = entries.find(
      (e) =>
        e.request.method === 'GET' && e.response.status === 200 && e.response.content.text && /\/v2\/jobs\/[^/?]+$/.test(e.request.url),
    )!;
    const recorded = entries
      .filter((e) => e.request.method === 'GET' && e.request.url === poll.request.url)
      .map((e) => e.response.content.text);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      await context.routeFromHAR(file, { notFound: 'abort' });
      const page = await context.newPage();
      const origin = new URL(poll.request.url).origin;
      await page.route(`${origin}/blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>har</title>' }));
      await page.goto(`${origin}/blank.html`);
      const served = await page.evaluate((url) => fetch(url).then((r) => r.text()), poll.request.url);
      expect(recorded).toContain(served);
      await context.close();
    } finally {
      await browser.close();
    }
  });

  test('the report opened in Chromium runs no injected script and makes no request', async () => {
    test.skip(!chromiumHere, NO_CHROMIUM);
    test.skip(!run, 'the hostile run did not complete');
    const browser = await launchChromium();
    try {
      const { page, trouble } = await openWatched(browser, pathToFileURL(path.join(run.conformanceDir, 'index.html')).href);
      // Everything folded away is opened, and the search is given a payload, so no lazy path stays unrendered.
      await page.locator('details').evaluateAll((nodes) => nodes.forEach((node) => node.setAttribute('open', '')));
      const search = page.locator('input[type="search"]');
      if ((await search.count()) > 0) await search.first().fill(PAYLOAD_IMG);
      await expect(page.locator('body')).toContainText(PAYLOAD_IMG);
      const injected = {
        images: await page.locator('img[src="x"]').count(),
        javascriptUrls: await page.locator('[href*="javascript:" i], [src*="javascript:" i], [action*="javascript:" i]').count(),
      };
      expect(injected, 'no element of the payloads made it into the DOM').toEqual({ images: 0, javascriptUrls: 0 });
      await expectInert(page, trouble);
    } finally {
      await browser.close();
    }
  });
});
