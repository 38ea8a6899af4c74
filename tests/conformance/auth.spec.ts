import { requirements } from '../../src/evidence/attach.js';
import type { Exchange } from '../../src/oracle/exchange.js';
import type { Conformance } from './support/conformance.js';
import { test } from './support/fixtures.js';
import { indexText } from './support/jobs.js';

// A rejection may be 401 or 403 (422 for a header FastAPI requires): the vendor documents none of them
// (SPEC-009). 401 is the better answer, a SHOULD (JS-AUTH-004).
const REJECTED_WITHOUT_KEY = [401, 403, 422];
const REJECTED_WRONG_KEY = [401, 403];
/** Fields only a job's own answer carries: none may reach a key that has no right to the job. */
const JOB_FIELDS = ['collection_name', 'files', 'progress', 'created_at'];

const revealed = (body: string, jobId: string): string[] => [
  ...JOB_FIELDS.filter((field) => body.includes(`"${field}"`)),
  ...(body.includes(jobId) ? [jobId] : []),
];

/** A request with no right to the job is rejected with one of `statuses`, best 401 (JS-AUTH-004), and shown nothing of the job. */
function judgeRejected(
  conformance: Conformance,
  requirement: string,
  request: string,
  statuses: readonly number[],
  jobId: string,
  exchange: Exchange,
): void {
  conformance.judgeOther(exchange, { jobId });
  conformance.judge(requirement, statuses.includes(exchange.status), `${request} was answered ${exchange.status}`, { jobId, exchange });
  const shown = revealed(exchange.body, jobId);
  conformance.judge(requirement, shown.length === 0, `${request} was shown ${shown.join(', ')}`, { jobId, exchange });
  conformance.judge('JS-AUTH-004', exchange.status === 401, `${request} was answered ${exchange.status}, not 401`, { jobId, exchange });
}

test.describe('auth: keys and organizations', () => {
  let jobId: string;

  test.beforeEach(async ({ api, collection }) => {
    jobId = await indexText(api, collection, 'auth.txt', 'Visible only to its organization.');
  });

  test(
    'a request without a key is rejected and learns nothing of the job',
    requirements('JS-AUTH-001', 'JS-AUTH-004', 'JS-ERR-002'),
    async ({ clientFor, conformance }) => {
      const { exchange } = await clientFor(undefined).getJob(jobId);
      judgeRejected(conformance, 'JS-AUTH-001', 'a request without a key', REJECTED_WITHOUT_KEY, jobId, exchange);
      await conformance.expectConforms();
    },
  );

  test(
    'a request with a key the API never issued is rejected and learns nothing of the job',
    requirements('JS-AUTH-002', 'JS-AUTH-004', 'JS-ERR-002'),
    async ({ clientFor, target, conformance }) => {
      const { exchange } = await clientFor({ apiKey: 'cap_dev_not_a_real_key_0000000000', orgId: target.tenant.orgId }).getJob(jobId);
      judgeRejected(conformance, 'JS-AUTH-002', 'a request with an unknown key', REJECTED_WRONG_KEY, jobId, exchange);
      await conformance.expectConforms();
    },
  );

  test(
    "another organization's key neither reads nor cancels the job",
    requirements('JS-AUTH-003', 'JS-ERR-002'),
    async ({ clientFor, target, conformance }) => {
      test.skip(!target.otherTenant, 'no second organization configured (CAPTAIN_OTHER_API_KEY, CAPTAIN_OTHER_ORG_ID)');
      const other = clientFor(target.otherTenant);
      const before = await conformance.snapshot(jobId);
      for (const { exchange } of [await other.getJob(jobId), await other.getJob(jobId, { filesLimit: 5 }), await other.cancelJob(jobId)]) {
        const what = `${exchange.request.method} ${exchange.request.url.split('?')[0]}`;
        conformance.judgeOther(exchange, { jobId });
        conformance.judge(
          'JS-AUTH-003',
          exchange.status === 403 || exchange.status === 404,
          `another organization's ${what} was answered ${exchange.status}`,
          { jobId, exchange },
        );
        const shown = revealed(exchange.body, jobId).filter((field) => field !== jobId); // a 404 may name the id it was asked for
        conformance.judge('JS-AUTH-003', shown.length === 0, `another organization's ${what} was shown ${shown.join(', ')}`, {
          jobId,
          exchange,
        });
      }
      const after = await conformance.snapshot(jobId);
      if (before && after && before.status !== 'cancelled') {
        conformance.judge('JS-AUTH-003', after.status !== 'cancelled', "another organization's cancel cancelled the job", { jobId });
      }
      await conformance.expectConforms();
    },
  );
});
