// A HAR recorded by Playwright's recordHar in Chromium, while a page polls the simulator until its job
// ends, is judged like the suite's own polls: every status answer of the job in one timeline, no finding,
// the page's own request counted as another API's, and the key the page sent never in the report.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runJudge } from '../../src/cli/judge.js';
import { entryOf } from '../../src/har/har-entry.js';
import { HarWriter } from '../../src/har/har-file.js';
import { exchangeOf } from '../../src/oracle/exchange.js';
import { CaptainClient } from '../../src/client/captain-client.js';
import { SUITE_TIME_SCALE } from '../../src/simulator/clock.js';
import { startSimulator } from '../../src/simulator/server.js';
import { hasChromium, launchChromium, NO_CHROMIUM } from './browser.js';

// The page a team's front end might be: it polls a job's status until it ends, pausing as the seed says.
const POLLING_PAGE = `<!doctype html><title>job</title><pre id="log"></pre><script>
async function follow(jobId, key) {
  for (let i = 0; i < 400; i++) {
    const answer = await fetch('/v2/jobs/' + encodeURIComponent(jobId), { headers: { authorization: 'Bearer ' + key } });
    const body = await answer.json().catch(() => ({}));
    document.getElementById('log').textContent += body.status + '\\n';
    if (['completed', 'failed', 'cancelled', 'completed_with_errors'].includes(body.status) && body.progress !== null) return body.status;
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  return 'gave up';
}
</script>`;

test('a HAR recorded by Playwright in Chromium while a page polls the simulator is judged: one timeline, every answer, no finding', async () => {
  test.skip(!hasChromium('recorded-har.spec.ts'), NO_CHROMIUM);
  const dir = mkdtempSync(path.join(tmpdir(), 'recorded-har-'));
  const key = 'cap_dev_recorded_har_key_00000001';
  const sim = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: SUITE_TIME_SCALE, apiKey: key, orgId: 'org-har' });
  const browser = await launchChromium();
  try {
    const client = new CaptainClient({ baseUrl: sim.baseUrl, apiKey: key, organizationId: 'org-har' });
    await client.putCollection('har');
    const created = await client.indexText('har', { content: 'a document the page waits for' });
    const jobId = created.json!.job_id;

    const har = path.join(dir, 'chromium.har');
    const context = await browser.newContext({ recordHar: { path: har, content: 'embed' } });
    const page = await context.newPage();
    // The page is served at the simulator's origin, so its polls are same-origin requests to the simulator.
    await page.route(`${sim.baseUrl}/app.html`, (route) => route.fulfill({ contentType: 'text/html', body: POLLING_PAGE }));
    await page.goto(`${sim.baseUrl}/app.html`);
    const end = await page.evaluate(`follow(${JSON.stringify(jobId)}, ${JSON.stringify(key)})`);
    expect(end).toBe('completed');
    const polls = (await page.locator('#log').textContent())!.trim().split('\n').length;
    await context.close(); // writes the HAR

    const recorded = JSON.parse(readFileSync(har, 'utf8')) as { log: { version: string; creator: { name: string } } };
    expect(recorded.log).toMatchObject({ version: '1.2', creator: { name: 'Playwright' } });
    let out = '';
    const outcome = runJudge([har, '--reports', path.join(dir, 'reports')], {
      env: {},
      out: (l) => (out += `${l}\n`),
      err: (l) => (out += `${l}\n`),
    });
    expect(outcome.exitCode, out).toBe(0);
    const results = outcome.results!;
    expect(results.recorded.jobs).toEqual([{ jobId, statusAnswers: polls, cancelAnswers: 0, findings: 0 }]);
    expect(results.recorded.otherApis, 'the page itself').toBeGreaterThanOrEqual(1);
    expect(results.recorded.skipped).toEqual([]);
    expect(results.requirements.flatMap((r) => r.findings)).toEqual([]);
    for (const id of ['JS-SHAPE-001', 'JS-SHAPE-002', 'JS-SHAPE-005'])
      expect(results.requirements.find((r) => r.id === id)?.status, id).toBe('passed');
    expect(results.coverage.statuses.find((row) => row.value === 'completed')?.count).toBe(1);
    for (const file of ['results.json', 'index.html'])
      expect(readFileSync(path.join(dir, 'reports', 'conformance', file), 'utf8')).not.toContain(key);
  } finally {
    await browser.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the suite's own HAR is one a HAR consumer reads: Playwright's routeFromHAR in Chromium answers a request from it", async () => {
  test.skip(!hasChromium('recorded-har.spec.ts'), NO_CHROMIUM);
  const dir = mkdtempSync(path.join(tmpdir(), 'suite-har-'));
  const browser = await launchChromium();
  try {
    const har = path.join(dir, 'exchanges.har');
    const writer = new HarWriter(har, { name: 'recorded-har.spec', version: '1' });
    const body = '{"job_id":"j-har","status":"running","progress":null}';
    writer.add(
      entryOf(exchangeOf(body, { url: '/v2/jobs/j-har', receivedAt: '2026-01-01T00:00:00.100Z' }), {
        baseUrl: 'http://captain.invalid',
        test: 't',
      }),
    );
    writer.add(
      entryOf(exchangeOf('<p>app</p>', { url: '/app.html', headers: { 'content-type': 'text/html' } }), {
        baseUrl: 'http://captain.invalid',
      }),
    );
    writer.close();
    const context = await browser.newContext();
    await context.routeFromHAR(har, { notFound: 'abort' });
    const page = await context.newPage();
    await page.goto('http://captain.invalid/app.html');
    expect(await page.evaluate(`fetch('/v2/jobs/j-har').then((r) => r.text())`)).toBe(body);
    await context.close();
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
