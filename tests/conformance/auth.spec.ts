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
    conformance.judge('JS-AUTH-001', answer.exchange.status === 401, `a request without a key was answered ${answer.exchange.status}`, { jobId });
    await conformance.expectConforms();
  });

  test('a request with a key the API never issued is answered 401', requirements('JS-AUTH-002', 'JS-ERR-002'), async ({ clientFor, target, conformance }) => {
    const answer = await clientFor({ apiKey: 'cap_dev_not_a_real_key_0000000000', orgId: target.tenant.orgId }).getJob(jobId);
    conformance.judgeOther(answer.exchange, { jobId });
    const status = answer.exchange.status;
    conformance.judge('JS-AUTH-002', status === 401, `a request with an unknown key was answered ${status}`, { jobId });
    conformance.judge('JS-AUTH-002', !answer.exchange.body.includes(jobId), 'the answer to an unknown key names the job', { jobId });
    await conformance.expectConforms();
  });

  test("another organization's key never reads the job", requirements('JS-AUTH-003', 'JS-ERR-002'), async ({ clientFor, target, conformance }) => {
    test.skip(!target.otherTenant, 'no second organization configured (CAPTAIN_OTHER_API_KEY, CAPTAIN_OTHER_ORG_ID)');
    const other = clientFor(target.otherTenant);
    for (const answer of [await other.getJob(jobId), await other.getJob(jobId, { filesLimit: 5 })]) {
      conformance.judgeOther(answer.exchange, { jobId });
      const status = answer.exchange.status;
      conformance.judge('JS-AUTH-003', status === 403 || status === 404, `another organization's key was answered ${status}`, { jobId });
      const revealed = ['collection_name', 'files', 'progress', 'created_at'].filter((field) => answer.exchange.body.includes(`"${field}"`));
      conformance.judge('JS-AUTH-003', revealed.length === 0, `another organization's key was shown ${revealed.join(', ')}`, { jobId });
    }
    await conformance.expectConforms();
  });
});
