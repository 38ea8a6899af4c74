// The fault-hook contract (spec/control.yaml) and its reference implementation: the simulator serves every
// operation of the contract, on a port of its own when asked (the public port then answers no /_sim/), opened
// by the hook's own token, and its capabilities say what it offers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { CONTROL_CAPABILITIES, controlRoutes } from '../../../src/simulator/control.js';
import { startSimulator } from '../../../src/simulator/server.js';
import { indexText } from './harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const contract = parse(readFileSync(path.join(root, 'spec/control.yaml'), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: { Capabilities: { properties: { capabilities: { items: { enum: string[] } } } } } };
};

test('every operation of spec/control.yaml is a route of the simulator under /_sim/, and the capabilities agree', () => {
  expect(contract.openapi).toMatch(/^3\.1\./);
  const operations = Object.entries(contract.paths).flatMap(([p, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} /_sim${p}`),
  );
  const served = controlRoutes.map((r) => `${r.method} ${r.path}`);
  expect(operations.filter((o) => !served.includes(o))).toEqual([]);
  expect([...CONTROL_CAPABILITIES].sort()).toEqual([...contract.components.schemas.Capabilities.properties.capabilities.items.enum].sort());
});

test('with a control port the public port answers no /_sim/, and the hook opens to its token only', async () => {
  const sim = await startSimulator({ port: 0, host: '127.0.0.1', controlPort: 0, controlToken: 'ctl-token-x', env: {}, manualClock: true });
  try {
    expect(sim.controlUrl).not.toContain(`:${sim.port}/`);
    expect((await fetch(`${sim.baseUrl}/_sim/health`)).status).toBe(404);
    const asked = (token: string) => fetch(`${sim.controlUrl}/capabilities`, { headers: { authorization: `Bearer ${token}` } });
    expect((await asked('not-the-token')).status).toBe(401);
    const answer = await asked('ctl-token-x');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ capabilities: [...CONTROL_CAPABILITIES] });
    // The contract's placeholders: the job's next `count` polls, counted from now.
    const headers = { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' };
    const created = { job_id: await indexText(sim, 'contract-collection', 'A document.') };
    await fetch(`${sim.baseUrl}/v2/jobs/${created.job_id}`, { headers });
    const hook = { authorization: 'Bearer ctl-token-x', 'content-type': 'application/json' };
    const set = await fetch(`${sim.controlUrl}/faults/placeholders`, {
      method: 'POST',
      headers: hook,
      body: JSON.stringify({ job_id: created.job_id, count: 2 }),
    });
    expect(set.status, await set.clone().text()).toBe(200);
    const kinds = [];
    for (let i = 0; i < 3; i++) {
      const body = (await (await fetch(`${sim.baseUrl}/v2/jobs/${created.job_id}`, { headers })).json()) as {
        progress_message?: string;
        created_at?: string;
      };
      kinds.push(body.created_at === undefined ? 'placeholder' : 'snapshot');
    }
    expect(kinds).toEqual(['placeholder', 'placeholder', 'snapshot']);
  } finally {
    await sim.close();
  }
});
