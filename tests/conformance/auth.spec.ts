import { requirements } from '../../src/report/evidence.js';
import { test, expect } from './support/fixtures.js';
import { indexText } from './support/jobs.js';

test.describe('auth: keys and organizations', () => {
  let jobId: string;

  test.beforeEach(async ({ api, collection }) => {
    jobId = await indexText(api, collection, 'auth.txt', 'Visible only to its organization.');
  });

  test('a request without a key is answered 401', requirements('JS-AUTH-001', 'JS-ERR-002'), async ({ clientFor, conformance }) => {
    const answer = await clientFor(undefined).getJob(jobId);
    conformance.judgeOther(answer.exchange, { jobId });
    expect(answer.exchange.status).toBe(401);
    await conformance.expectConforms();
  });

  test('a request with a key the API never issued is answered 401', requirements('JS-AUTH-002', 'JS-ERR-002'), async ({ clientFor, target, conformance }) => {
    const answer = await clientFor({ apiKey: 'cap_dev_not_a_real_key_0000000000', orgId: target.tenant.orgId }).getJob(jobId);
    conformance.judgeOther(answer.exchange, { jobId });
    expect(answer.exchange.status).toBe(401);
    expect(answer.exchange.body).not.toContain(jobId);
    await conformance.expectConforms();
  });

  test("another organization's key never reads the job", requirements('JS-AUTH-003', 'JS-ERR-002'), async ({ clientFor, target, conformance }) => {
    test.skip(!target.otherTenant, 'no second organization configured (CAPTAIN_OTHER_API_KEY, CAPTAIN_OTHER_ORG_ID)');
    const other = clientFor(target.otherTenant);
    for (const answer of [await other.getJob(jobId), await other.getJob(jobId, { filesLimit: 5 })]) {
      conformance.judgeOther(answer.exchange, { jobId });
      expect([403, 404]).toContain(answer.exchange.status);
      for (const field of ['collection_name', 'files', 'progress', 'created_at']) expect(answer.exchange.body).not.toContain(`"${field}"`);
    }
    await conformance.expectConforms();
  });
});
