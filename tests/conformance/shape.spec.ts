import { requirements } from '../../src/evidence/attach.js';
import { test } from './support/fixtures.js';
import { indexText } from './support/jobs.js';

test.describe('shape: every answer of the job-status endpoint matches the contract', () => {
  test(
    'a text job polled from creation to its end answers schema-valid JSON that names the job',
    requirements('JS-SHAPE-001', 'JS-SHAPE-002', 'JS-SHAPE-003', 'JS-SHAPE-004', 'JS-SHAPE-005', 'JS-SHAPE-006'),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'shape.txt', 'The status endpoint reports progress of indexing jobs.');
      await conformance.waitFor(jobId);
      await conformance.expectConforms();
    },
  );

  test(
    'a paged status answer of a finished job is judged like every other, its content type included (a SHOULD: warned, not failed)',
    requirements('JS-SHAPE-001', 'JS-SHAPE-005'),
    async ({ api, collection, conformance }) => {
      const jobId = await indexText(api, collection, 'shape-2.txt', 'Second document.');
      await conformance.waitFor(jobId);
      // Judged like every poll: the schema (files may be null, docs/ARCHITECTURE.md, "What the oracle judges"), the page size, and the
      // content type, a SHOULD the oracle records (JS-SHAPE-005) instead of failing the test.
      await conformance.poll(jobId, { filesLimit: 10 });
      await conformance.expectConforms();
    },
  );
});
