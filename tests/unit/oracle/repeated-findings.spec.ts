import { expect, test } from '@playwright/test';
import { describeRepeats, foldRepeated, MAX_RANGES, pollRanges } from '../../../src/oracle/repeated-findings.js';
import type { Finding } from '../../../src/oracle/finding.js';

const at = (pollIndex: number, message = 'status must be string (got null)', jobId = 'job-1'): Finding => ({
  requirement: 'JS-SHAPE-001',
  message,
  jobId,
  pollIndex,
});

test('the same finding about the same job on many polls folds into its first, with the count and the polls as ranges', () => {
  const folded = foldRepeated([at(0), at(1), at(2), at(5), at(0, 'other words'), at(6), at(3, undefined, 'job-2')]);
  expect(folded).toEqual([
    {
      ...at(0),
      repeats: {
        count: 5,
        polls: [
          [0, 2],
          [5, 6],
        ],
      },
    },
    at(0, 'other words'),
    at(3, undefined, 'job-2'),
  ]);
  expect(describeRepeats(folded[0]!)).toBe('polls 0–2, 5–6 (5 times)');
  expect(describeRepeats(folded[1]!)).toBe('poll 0');
});

test('a finding broken on every other poll keeps its first ranges and counts the rest', () => {
  const everyOther = Array.from({ length: 100 }, (_, i) => 2 * i);
  const ranges = pollRanges(everyOther);
  expect(ranges.polls).toHaveLength(MAX_RANGES);
  expect(ranges.rangesLeftOut).toBe(100 - MAX_RANGES);
  const [folded] = foldRepeated(everyOther.map((i) => at(i)));
  expect(folded?.repeats?.count).toBe(100);
  expect(describeRepeats(folded!)).toMatch(/^polls 0, 2, 4, .* and 80 more ranges \(100 times\)$/);
});
