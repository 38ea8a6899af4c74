// The real suite against a hostile target, with a canary API key: the report it writes stays inert in
// Debian's Chromium (no script, no dialog, no console error, no request off the page), and the key's value
// is in no file the run wrote, Playwright's own reports and their embedded zip included.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { artifactsUnder } from '../report/artifacts.js';
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
      expect.arrayContaining(['conformance/index.html', 'conformance/results.json', 'junit.xml', 'playwright/index.html']),
    );
    expect(artifacts.filter((a) => a.name.includes('!')).length).toBeGreaterThan(0);
    const encodings = [canary, Buffer.from(canary).toString('base64'), encodeURIComponent(canary)];
    const leaks = artifacts.filter((a) => encodings.some((e) => a.content.includes(e))).map((a) => path.relative(run.outDir, a.name));
    expect(leaks).toEqual([]);
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
