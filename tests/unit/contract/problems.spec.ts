// A schema's problems as src/contract/problems.ts words them: a JSON pointer, the ajv keyword and its params,
// every problem of a body, and no megabyte value or key carried into a message.
import { test, expect } from '@playwright/test';
import { validate } from '../../../src/contract/schemas.js';
import { keywordsAt, placeholder, runningSnapshot } from './bodies.js';

test.describe('problems', () => {
  test('returns problems with a JSON pointer, the ajv keyword and its params', () => {
    const [problem] = validate('FileStatus', { uri: 's3://b/a.pdf', status: 'done' });
    expect(problem).toEqual({
      schema: 'FileStatus',
      path: '/status',
      keyword: 'enum',
      message: '/status must be equal to one of the allowed values: queued, processing, completed, failed, skipped, cancelled (got "done")',
      params: { allowedValues: ['queued', 'processing', 'completed', 'failed', 'skipped', 'cancelled'] },
    });
  });

  test('returns every problem, not only the first', () => {
    const body = { ...runningSnapshot(), status: 'done', created_at: 'x', estimated_time_remaining_seconds: -1 };
    expect(keywordsAt(validate('JobStatus', body)).sort()).toEqual([
      '/created_at format',
      '/estimated_time_remaining_seconds minimum',
      '/status enum',
    ]);
  });

  test('clips a megabyte value and a megabyte key out of its messages and params', () => {
    const huge = 'x'.repeat(1_000_000);
    const problems = [
      ...validate('JobStatus', { ...runningSnapshot(), status: huge }),
      ...validate('Placeholder', { ...placeholder(), [huge]: 1 }),
    ];
    expect(problems.map((p) => p.keyword)).toEqual(['enum', 'additionalProperties']);
    for (const problem of problems) {
      expect(problem.message.length).toBeLessThan(600);
      expect(JSON.stringify(problem.params).length).toBeLessThan(600);
    }
    expect(problems[0]?.message).toContain('(1000000 chars)');
  });
});
