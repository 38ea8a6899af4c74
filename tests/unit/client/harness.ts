// The client under test: wired to a virtual clock, recording its exchanges, against a nock target that checks
// the credentials. Job bodies are in sample-jobs.ts, scripted answers in answers.ts.
import { test } from '@playwright/test';
import nock from 'nock';
import { CaptainClient, type CaptainClientOptions } from '../../../src/client/captain-client.js';
import { VirtualClock } from '../../../src/client/clock.js';
import type { Exchange } from '../../../src/oracle/exchange.js';

// Importing nock intercepts every HTTP request of the process, and a Playwright worker runs many spec files in turn:
// left on, it carried every later file's real requests through its interceptors (1,000 concurrent polls of a
// simulator: 3 s alone, 17 s after a nock file). So it is off except in the files that call interceptWithNock.
if (nock.isActive()) nock.restore();

/** nock for this file's tests: on, with real connections refused, before them; off, as if never imported, after. */
export function interceptWithNock(): void {
  // nock's interceptors are process-global: one test at a time in the file.
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  test.afterEach(() => nock.cleanAll());
  test.afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}

export const BASE = 'http://captain.test';
export const KEY = 'cap_dev_Zk3yS3cr3tV4lue0123456789';
export const ORG = '7f0c7a1e-3d5b-4c7a-9d2e-1b2c3d4e5f60';
export const T0 = Date.parse('2026-03-01T10:00:00.000Z');

export interface Harness {
  clock: VirtualClock;
  client: CaptainClient;
  /** Every exchange the client recorded through onExchange. */
  recorded: Exchange[];
}

export function harness(options: Partial<CaptainClientOptions> = {}): Harness {
  const clock = new VirtualClock(T0);
  const recorded: Exchange[] = [];
  const client = new CaptainClient({
    baseUrl: BASE,
    apiKey: KEY,
    organizationId: ORG,
    now: () => clock.now(),
    onExchange: (e) => recorded.push(e),
    ...options,
  });
  return { clock, client, recorded };
}

/** The nock scope of the fake target; every request must carry the real credentials. */
export function target(): nock.Scope {
  return nock(BASE).matchHeader('authorization', `Bearer ${KEY}`).matchHeader('x-organization-id', ORG);
}

/** A random source that always answers the middle of the range: jittered waits become half their ceiling. */
export const half = () => 0.5;
