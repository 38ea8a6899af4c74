import { requirements } from '../../src/evidence/attach.js';
import { test } from './support/fixtures.js';
import { indexText, lookalikeId } from './support/jobs.js';

// Not an id at all: a WAF or a typed path parameter may answer 400 or 422 (docs/ARCHITECTURE.md, "What the oracle judges").
const NOT_IDS = ['..%2F..%2Fetc', "<script>alert('x')</script>"];

test.describe('errors: what the API says when it cannot answer', () => {
  test(
    'a well-formed job id the API never issued is answered 404 with a JSON error',
    requirements('JS-ERR-001', 'JS-ERR-002', 'JS-SHAPE-005'),
    async ({ api, collection, conformance }) => {
      const real = await indexText(api, collection, 'errors.txt', 'A job whose id shape the unknown id copies.');
      const unknown = lookalikeId(real);
      const { exchange } = await api.getJob(unknown);
      conformance.judgeOther(exchange);
      conformance.judge(
        'JS-ERR-001',
        exchange.status === 404,
        `the unknown job id ${unknown} (shaped like ${real}) was answered ${exchange.status}`,
        { exchange },
      );
      await conformance.expectConforms();
    },
  );

  for (const jobId of NOT_IDS) {
    test(
      `a job id that is not an id (${jobId.slice(0, 20)}) is answered 400, 404 or 422`,
      requirements('JS-ERR-001', 'JS-ERR-002', 'JS-SHAPE-005'),
      async ({ api, conformance }) => {
        const { exchange } = await api.getJob(jobId);
        conformance.judgeOther(exchange);
        conformance.judge(
          'JS-ERR-001',
          [400, 404, 422].includes(exchange.status),
          `the job id ${JSON.stringify(jobId)} was answered ${exchange.status}`,
          { exchange },
        );
        await conformance.expectConforms();
      },
    );
  }
});
