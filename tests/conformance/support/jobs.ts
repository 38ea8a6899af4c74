// Creating jobs through the public index endpoints, the way a client does, with names that say
// which run made them.
import type { CaptainClient } from '../../../src/client/captain-client.js';
import { expect } from './fixtures.js';

export async function indexText(api: CaptainClient, collection: string, filename: string, content: string): Promise<string> {
  const created = await api.indexText(collection, { content, filename });
  expect(created.ok, `index/text answered HTTP ${created.exchange.status}: ${created.exchange.body.slice(0, 200)}`).toBe(true);
  const jobId = created.json?.job_id;
  expect(typeof jobId, 'index/text returns a job_id').toBe('string');
  return jobId as string;
}
