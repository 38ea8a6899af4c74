// `npx tsx scripts/report-screenshots.ts [out-dir]`: the README's pictures of the report, made the way a
// reader meets them. Three real runs of the suite (a conformant one, one against a target with two
// defects, one against a deployment without the control API), the history site of the three, each opened
// in Chromium at 1,280 px wide; prints each page's height. Default out-dir: docs/.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator } from '../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../src/simulator/clock.js';
import { BREAKS } from '../tools/breaks/breaks.js';
import { aimedByArea } from '../tools/breaks/break-runs.js';
import { startRewritingProxy } from '../tools/rewriting-proxy.js';
import { SuiteRunner, type SuiteRunOptions } from '../tools/suite-run.js';
import { launchChromium } from '../tools/chromium.js';

const outDir = path.resolve(process.argv[2] ?? 'docs');
const TIMEOUT_MS = 5 * 60_000;
const runner = new SuiteRunner();

async function simulated(control: boolean, breaks: string[]): Promise<{ options: SuiteRunOptions; close: () => Promise<void> }> {
  const sim = await startSimulator({
    port: 0,
    timeScale: SUITE_TIME_SCALE,
    control,
    apiKey: 'screenshot-key',
    orgId: 'screenshot-org',
    otherOrg: { apiKey: 'screenshot-other-key', orgId: 'screenshot-other-org' },
  });
  const chosen = BREAKS.filter((b) => breaks.includes(b.requirement));
  const tenants = { main: { apiKey: sim.apiKey, orgId: sim.orgId }, other: sim.otherOrg! };
  const proxy = await startRewritingProxy(sim.baseUrl, aimedByArea(chosen, tenants));
  const options: SuiteRunOptions = {
    baseUrl: proxy.baseUrl,
    apiKey: sim.apiKey,
    orgId: sim.orgId,
    otherApiKey: 'screenshot-other-key',
    otherOrgId: 'screenshot-other-org',
    env: { CONFORMANCE_MAX_RPS: 'Infinity' },
    timeoutMs: TIMEOUT_MS,
    keepOutput: true,
    workers: 2,
  };
  return { options, close: async () => (await proxy.close(), await sim.close()) };
}

async function run(name: string, control: boolean, breaks: string[]): Promise<string> {
  const target = await simulated(control, breaks);
  try {
    const result = await runner.run(target.options);
    console.log(`${name}: ${result.results.summary.verdict} (exit ${result.exitCode}) in ${result.conformanceDir}`);
    return result.conformanceDir;
  } finally {
    await target.close();
  }
}

const runs = mkdtempSync(path.join(tmpdir(), 'report-screenshots-'));
const made = {
  'conformant-run': await run('conformant', true, []),
  'failing-run': await run('failing', true, ['JS-TRANS-001', 'JS-STATE-005']),
  'incomplete-run': await run('incomplete', false, []),
};
for (const [name, dir] of Object.entries(made)) cpSync(dir, path.join(runs, name, 'conformance'), { recursive: true });
const site = path.join(runs, 'site');
execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/report-site.ts', runs, site], { stdio: 'inherit' });

mkdirSync(outDir, { recursive: true });
const browser = await launchChromium();
const shots: Array<[string, string, number]> = [
  ['report-conformant.png', path.join(made['conformant-run'], 'index.html'), 1100],
  ['report-failure.png', path.join(made['failing-run'], 'index.html'), 1100],
  ['report-incomplete.png', path.join(made['incomplete-run'], 'index.html'), 1100],
  ['report-site.png', path.join(site, 'index.html'), 560],
];
for (const [file, page, height] of shots) {
  const tab = await browser.newPage({ viewport: { width: 1280, height } });
  await tab.goto(`file://${page}`);
  const full = (await tab.evaluate('document.documentElement.scrollHeight')) as number;
  await tab.screenshot({ path: path.join(outDir, file) });
  console.log(`${file}: ${page} is ${full} px tall at 1280 px wide`);
  await tab.close();
}
await browser.close();
console.log(`runs and site kept in ${runs}`);
