// The conformance suite's fixtures: the target, a client held to the run's request budget, a scratch
// collection per worker (created and deleted by the run), the control API when there is one, and
// `conformance`, which judges what the test saw and keeps the evidence for the report.
import { test as base, expect } from '@playwright/test';
import { CaptainClient } from '../../../src/client/captain-client.js';
import { budgetedFetch, type BudgetedFetch } from '../../../src/client/request-budget.js';
import { annotateTarget, attachFindings, attachJudged } from '../../../src/report/evidence.js';
import { Conformance } from './conformance.js';
import { SimControl } from './sim.js';
import { resolveTarget, type Target, type Tenant } from './target.js';

type TestFixtures = {
  api: CaptainClient;
  /** A client for another tenant, or with no key at all (`undefined`). */
  clientFor: (tenant: Tenant | undefined) => CaptainClient;
  sim: SimControl;
  conformance: Conformance;
};
type WorkerFixtures = { target: Target; budget: BudgetedFetch; collection: string };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  target: [
    async ({}, use) => {
      await use(await resolveTarget());
    },
    { scope: 'worker' },
  ],
  budget: [
    async ({ target }, use, workerInfo) => {
      // The budget and the rate are the run's: each worker keeps its share of them.
      const external = target.kind === 'external';
      const workers = Math.max(1, workerInfo.config.workers);
      const maxRequests = Number(process.env.CONFORMANCE_REQUEST_BUDGET ?? (external ? 5_000 : 400_000)) / workers;
      const perSecond = Number(process.env.CONFORMANCE_MAX_RPS ?? (external ? 10 : Infinity)) / workers;
      await use(budgetedFetch({ maxRequests: Math.floor(maxRequests), perSecond }));
    },
    { scope: 'worker' },
  ],
  clientFor: async ({ target, budget }, use) => {
    const secrets = [target.tenant.apiKey, ...(target.otherTenant ? [target.otherTenant.apiKey] : [])];
    await use(
      (tenant) =>
        new CaptainClient({
          baseUrl: target.baseUrl,
          ...(tenant ? { apiKey: tenant.apiKey, ...(tenant.orgId ? { organizationId: tenant.orgId } : {}) } : {}),
          secrets,
          fetch: budget.fetch,
        }),
    );
  },
  api: async ({ clientFor, target }, use) => {
    await use(clientFor(target.tenant));
  },
  collection: [
    async ({ target, budget }, use, workerInfo) => {
      // Staging safety: one scratch collection per worker, named with the run id, deleted at the end.
      const name = `conformance-${target.runId}-w${workerInfo.workerIndex}`;
      const client = new CaptainClient({
        baseUrl: target.baseUrl,
        apiKey: target.tenant.apiKey,
        ...(target.tenant.orgId ? { organizationId: target.tenant.orgId } : {}),
        fetch: budget.fetch,
      });
      const created = await client.putCollection(name, { description: 'Scratch collection of a conformance run; safe to delete' });
      if (created.exchange.status === 0) throw new Error(`the target is unreachable: ${created.exchange.error ?? 'no answer'} (PUT /v2/collections/${name})`);
      if (!created.ok) throw new Error(`could not create the scratch collection ${name}: HTTP ${created.exchange.status} ${created.exchange.body.slice(0, 200)}`);
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
  sim: async ({ target }, use) => {
    test.skip(!target.controllable, `needs the simulator's /_sim/ control API, which ${target.baseUrl} does not serve`);
    await use(new SimControl(target));
  },
  conformance: async ({ target, api }, use, testInfo) => {
    annotateTarget(testInfo, { baseUrl: target.baseUrl, kind: target.kind, controllable: target.controllable });
    const conformance = new Conformance(target, api, testInfo);
    await use(conformance);
    await conformance.flush();
    await attachFindings(testInfo, conformance.findings);
    await attachJudged(testInfo, { exercised: [...conformance.exercised], inconclusive: conformance.inconclusive });
  },
});

export { expect };
