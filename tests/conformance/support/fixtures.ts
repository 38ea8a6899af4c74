// The conformance suite's fixtures: the target, a client held to the run's request budget, a scratch
// collection per worker (created and deleted by the run), the control API when there is one, and
// `conformance`, which judges what the test saw and keeps the evidence for the report.
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { CaptainClient } from '../../../src/client/captain-client.js';
import { budgetedFetch, type BudgetedFetch } from '../../../src/client/request-budget.js';
import { settings } from '../../../src/settings/settings.js';
import { fileLedger } from '../../../tools/budget-ledger.js';
import { coordinatedTurns } from '../../../tools/rate-coordinator.js';
import { runNotesDir } from '../../../tools/run-notes.js';
import { stallLedger, type StallLedger } from '../../../tools/stall-ledger.js';
import { annotateTarget, attachFindings, attachJudged } from '../../../src/evidence/attach.js';
import { attachExchanges, ExchangeRecorder } from '../../../src/evidence/exchanges.js';
import { Conformance } from './conformance.js';
import { Pace, REQUEST_TIMEOUT_MS, requestLimits, SHARED_JOB_TIMEOUT_MS } from './pace.js';
import { files, scenario } from './scenarios.js';
import { SimControl } from './sim.js';
import { resolveTarget, targetSecrets, type Target, type Tenant } from './target.js';
import { TEST_HEADER, testHeaderValue } from '../../../tools/test-header.js';

type TestFixtures = {
  api: CaptainClient;
  /** A client for another tenant, or with no key at all (`undefined`). */
  clientFor: (tenant: Tenant | undefined) => CaptainClient;
  sim: SimControl;
  conformance: Conformance;
  /** Every exchange of the test with the target, for exchanges.har (attached when the test ends). */
  recorder: ExchangeRecorder;
};
type WorkerFixtures = {
  target: Target;
  /** The run's requests, held to its budget and rate, and stopped once the target stalls (stall-ledger.ts). */
  budget: BudgetedFetch;
  stalls: StallLedger;
  /** How long things take on this target (time scale, request rate, job budget). */
  pace: Pace;
  collection: string;
  /** A job of a dozen uploaded text files, created once per worker through the public API and shared by the pagination tests. */
  pagedJob: PagedJob;
  /** A job of MANY_FILES files played through /_sim/, shared likewise; undefined on a target without the control API. */
  manyFilesJob: string | undefined;
  /** Exchanges of the worker's own fixtures (its collection, the shared jobs), attached by the next test to end. */
  workerExchanges: ExchangeRecorder;
};

/** A shared job, and what creating it answered (the tests judge that answer, not the fixture). */
export interface PagedJob {
  jobId: string | undefined;
  files: number;
  /** Why there is no job: the create answer, for a test to report. */
  problem?: string;
}

export const PAGED_FILES = 12; // a modest upload: the vendor's file upload takes 1 to 20 files
export const MANY_FILES = 520; // more than the largest page, so that even files_limit=500 takes two pages

/** What a worker fixture's requests say in X-Conformance-Test: the fixture, as a test's say its spec file and line. */
export const FIXTURE_HEADER = (fixture: 'collection' | 'pagedJob'): string => `tests/conformance/support/fixtures.ts#${fixture}`;

/** A client of the run's own tenant, for worker-scoped fixtures (tests use `api`). */
function workerClient(
  target: Target,
  budget: BudgetedFetch,
  stalls: StallLedger,
  fixture: 'collection' | 'pagedJob',
  recorder?: ExchangeRecorder,
): CaptainClient {
  return new CaptainClient({
    headers: { [TEST_HEADER]: FIXTURE_HEADER(fixture) },
    onExchange: (exchange) => {
      stalls.record(exchange);
      recorder?.record(exchange, 'worker fixtures (scratch collection, shared jobs)');
    },
    baseUrl: target.baseUrl,
    apiKey: target.tenant.apiKey,
    ...(target.tenant.orgId ? { organizationId: target.tenant.orgId } : {}),
    secrets: targetSecrets(target),
    fetch: budget.fetch,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  target: [
    async ({}, use) => {
      await use(await resolveTarget());
    },
    { scope: 'worker' },
  ],
  workerExchanges: [
    async ({ target }, use) => {
      await use(new ExchangeRecorder(target.baseUrl));
    },
    { scope: 'worker' },
  ],
  stalls: [
    async ({ target }, use) => {
      await use(stallLedger(path.join(runNotesDir(target.runId, process.ppid), 'stalls')));
    },
    { scope: 'worker' },
  ],
  budget: [
    async ({ target, stalls }, use, workerInfo) => {
      // The budget and the rate are the run's: every worker counts in one ledger and takes its turns from one
      // coordinator (rate-coordinator.ts). Outside `playwright test`, with neither, each worker keeps a share.
      const workers = Math.max(1, workerInfo.config.workers);
      const share = requestLimits(workers);
      const { budgetLedger, rateCoordinator } = settings();
      const total = requestLimits(1);
      // A target that stalls gets no more requests: each fails at once, saying so (TargetStalls).
      const unlessStalled: typeof fetch = (input, init) => {
        stalls.check();
        return fetch(input, init);
      };
      await use(
        budgetLedger
          ? budgetedFetch(
              { maxRequests: total.maxRequests, perSecond: rateCoordinator ? total.perSecond : share.perSecond },
              unlessStalled,
              fileLedger(budgetLedger, total.maxRequests),
              rateCoordinator ? coordinatedTurns(rateCoordinator) : undefined,
            )
          : budgetedFetch(share, unlessStalled),
      );
    },
    { scope: 'worker' },
  ],
  pace: [
    async ({ target }, use, workerInfo) => {
      const workers = Math.max(1, workerInfo.config.workers);
      await use(new Pace({ timeScale: target.timeScale, workers, ...requestLimits(workers) }));
    },
    { scope: 'worker' },
  ],
  recorder: async ({ target, workerExchanges }, use, testInfo) => {
    const recorder = new ExchangeRecorder(target.baseUrl);
    await use(recorder);
    await attachExchanges(testInfo, [...workerExchanges.drain(), ...recorder.drain()]);
  },
  clientFor: async ({ target, budget, stalls, recorder }, use, testInfo) => {
    const secrets = targetSecrets(target);
    // Names the test behind every request, so the API team can find it in their logs (and a verdict
    // test's proxy can break one area's requests only).
    const headers = { [TEST_HEADER]: testHeaderValue(testInfo.file, testInfo.line) };
    const test = `${headers[TEST_HEADER]} ${testInfo.titlePath.slice(1).join(' › ')}`;
    await use(
      (tenant) =>
        new CaptainClient({
          baseUrl: target.baseUrl,
          ...(tenant ? { apiKey: tenant.apiKey, ...(tenant.orgId ? { organizationId: tenant.orgId } : {}) } : {}),
          secrets,
          fetch: budget.fetch,
          timeoutMs: REQUEST_TIMEOUT_MS,
          headers,
          onExchange: (exchange) => {
            stalls.record(exchange);
            recorder.record(exchange, test);
          },
        }),
    );
  },
  api: async ({ clientFor, target }, use) => {
    await use(clientFor(target.tenant));
  },
  collection: [
    async ({ target, budget, stalls, workerExchanges }, use, workerInfo) => {
      // Staging safety: one scratch collection per worker, named with the run id, deleted at the end.
      const name = `conformance-${target.runId}-w${workerInfo.workerIndex}`;
      const client = workerClient(target, budget, stalls, 'collection', workerExchanges);
      const created = await client.putCollection(name, { description: 'Scratch collection of a conformance run; safe to delete' });
      if (created.exchange.status === 0)
        throw new Error(`the target is unreachable: ${created.exchange.error ?? 'no answer'} (PUT /v2/collections/${name})`);
      if (!created.ok)
        throw new Error(
          `could not create the scratch collection ${name}: HTTP ${created.exchange.status} ${created.exchange.body.slice(0, 200)}`,
        );
      await use(name);
      try {
        await client.deleteCollection(name);
      } catch (error) {
        // An exhausted budget must not turn the clean-up into a failure of the run: say what was left behind.
        console.warn(`could not delete the scratch collection ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    { scope: 'worker' },
  ],
  pagedJob: [
    async ({ target, budget, stalls, collection, workerExchanges }, use) => {
      const uploads = Array.from({ length: PAGED_FILES }, (_, i) => ({
        name: `paged-${target.runId}-${String(i).padStart(2, '0')}.txt`,
        content: `Page test document ${i} of ${PAGED_FILES}: files are listed a few at a time.`,
        type: 'text/plain',
      }));
      const created = await workerClient(target, budget, stalls, 'pagedJob', workerExchanges).indexFile(collection, uploads);
      const jobId = created.ok ? created.json?.job_id : undefined;
      await use({
        jobId,
        files: PAGED_FILES,
        ...(jobId ? {} : { problem: `index/file answered HTTP ${created.exchange.status}: ${created.exchange.body.slice(0, 200)}` }),
      });
    },
    { scope: 'worker', timeout: SHARED_JOB_TIMEOUT_MS },
  ],
  manyFilesJob: [
    // The pagination tests' two shared jobs start together (pagedJob too): on a real-time target each takes a
    // while to end, and the tests that walk them come one after the other.
    async ({ target, collection, pagedJob: _startedAlongside }, use) => {
      if (!target.control?.extensions.includes('scenarios')) return use(undefined);
      const sim = new SimControl(target);
      await use(
        await sim.play(
          scenario(collection, {
            files: files(MANY_FILES, (i) => (i % 50 === 7 ? { outcome: 'skipped' } : {})),
            stageSeconds: [1, 1, 1, 1, 1, 1],
          }),
        ),
      );
    },
    { scope: 'worker', timeout: SHARED_JOB_TIMEOUT_MS },
  ],
  sim: async ({ target }, use) => {
    // Each call names the capability it needs; a target with no fault hook at all is skipped here, saying so.
    test.skip(
      !target.controllable,
      `needs a fault hook (spec/control.yaml), and none answered at ${target.baseUrl}/_sim: set CONFORMANCE_CONTROL_URL, or see docs/staging.md`,
    );
    await use(new SimControl(target));
  },
  conformance: async ({ target, api, pace, recorder }, use, testInfo) => {
    // The test's time follows the target: a start for its own requests, extended by each wait it makes.
    testInfo.setTimeout(pace.baseTimeoutMs());
    annotateTarget(testInfo, { baseUrl: target.baseUrl, kind: target.kind, controllable: target.controllable });
    const conformance = new Conformance(pace, api, testInfo, settings().profile, recorder);
    await use(conformance);
    await conformance.flush();
    await attachFindings(testInfo, conformance.levelledFindings());
    await attachJudged(testInfo, { exercised: [...conformance.exercised], inconclusive: conformance.inconclusive });
  },
});

export { expect };
