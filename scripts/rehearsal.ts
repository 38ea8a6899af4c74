// `npm run rehearsal`: the full staging rehearsal (docs/ARCHITECTURE.md, "Staging runs"). The simulator at real time with no
// control API, the vendor-variant dialect and a rate limit; the whole conformance suite against it in
// external mode with its defaults. Prints the verdict, the time, the request count and every MUST left
// unexercised with its reason. Exit code: the suite's (0 for conformant or incomplete), 1 if the run broke.
// Option: --rate-limit N (default 15 requests/s per key). The run's reports are kept, and their folder printed.
import { parseArgs } from 'node:util';
import { rehearse, REHEARSAL_RATE_LIMIT } from '../tools/rehearsal.js';
import { SuiteRunner } from '../tools/suite-run.js';

const { values } = parseArgs({ options: { 'rate-limit': { type: 'string' } } });
const rateLimit = values['rate-limit'] === undefined ? REHEARSAL_RATE_LIMIT : Number(values['rate-limit']);
const TIMEOUT_MS = 15 * 60_000; // the rehearsal must end within 10 minutes; past 15 it is killed and says so

const runner = new SuiteRunner();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (runner.stopAll(), process.exit(130)));
console.log(
  `staging rehearsal: simulator at time scale 1, --no-control, --dialect vendor-variant, --rate-limit ${rateLimit}; the suite with its defaults`,
);
const { run, requests, rateLimited, elapsedMs, simulator } = await rehearse(runner, { rateLimit, timeoutMs: TIMEOUT_MS, keepOutput: true });
const summary = run.results.summary;
const minutes = (elapsedMs / 60_000).toFixed(1);
console.log(
  run.output
    .split('\n')
    // Playwright's totals and the verdict line; the run's own list of unexercised MUSTs is printed once, below.
    .filter((line) => /passed|failed|skipped|flaky|Conformance \(/.test(line) && !line.includes('›') && !/^\s+MUST JS-/.test(line))
    .join('\n'),
);
console.log(
  `\ntarget      ${simulator.baseUrl} (dialect ${simulator.dialect}, rate limit ${simulator.rateLimit}/s, control ${simulator.control ? 'on' : 'off'})`,
);
console.log(
  `verdict     ${summary.verdict} (exit code ${run.exitCode}${summary.runBroken ? `; the run broke: ${summary.brokenBecause.join('; ')}` : ''})`,
);
console.log(`time        ${Math.round(elapsedMs / 1000)} s (${minutes} min)`);
console.log(`requests    ${requests} sent to the target, ${rateLimited} answered 429`);
const failedMust = run.results.requirements.filter((r) => r.level === 'MUST' && r.status === 'failed');
console.log(`MUST failed ${failedMust.length === 0 ? 'none' : failedMust.map((r) => r.id).join(', ')}`);
console.log(`unexercised MUSTs (${summary.unexercisedMust.length}):`);
for (const m of summary.unexercisedMust) console.log(`  ${m.id.padEnd(14)} ${m.status.padEnd(12)} ${m.reason}`);
console.log(`\nreport      ${run.conformanceDir}/index.html (remove ${run.outDir} when read)`);
process.exit(run.exitCode ?? 1);
