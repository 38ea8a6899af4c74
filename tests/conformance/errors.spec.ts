import { requirements } from '../../src/report/evidence.js';
import { test, expect } from './support/fixtures.js';

test.describe('errors: what the API says when it cannot answer', () => {
  for (const jobId of ['job_does_not_exist_0000', '00000000-0000-0000-0000-000000000000', '..%2F..%2Fetc', "<script>alert('x')</script>"]) {
    test(`an unknown job id (${jobId.slice(0, 20)}) is answered 404 with a JSON error`, requirements('JS-ERR-001', 'JS-ERR-002', 'JS-SHAPE-005'), async ({ api, conformance }) => {
      const answer = await api.getJob(jobId);
      conformance.judgeOther(answer.exchange);
      conformance.judge('JS-ERR-001', answer.exchange.status === 404, `an unknown job id was answered ${answer.exchange.status}`);
      await conformance.expectConforms();
    });
  }
});
