import { test, expect } from '@playwright/test';
import { canObserveFileStatus, FILE_STATUSES } from '../../../src/model/file-status.js';
import { canObserveStage, STAGES } from '../../../src/model/stage.js';
import { canObserveStatus, JOB_STATUSES, TERMINAL_STATUSES, VENDOR_FINAL_STATUSES, isTerminal } from '../../../src/model/status.js';

const KNOWN = [...JOB_STATUSES, ...VENDOR_FINAL_STATUSES];

test.describe('job statuses', () => {
  test('six statuses, four of them terminal', () => {
    expect(JOB_STATUSES).toHaveLength(6);
    expect(JOB_STATUSES.filter(isTerminal)).toEqual(['completed', 'completed_with_failures', 'failed', 'cancelled']);
  });

  test('from pending any status may be observed next (polling skips states)', () => {
    expect(JOB_STATUSES.filter((to) => !canObserveStatus('pending', to))).toEqual([]);
  });

  test('from running only running or a terminal status', () => {
    expect(KNOWN.filter((to) => canObserveStatus('running', to))).toEqual(['running', ...TERMINAL_STATUSES]);
  });

  test('a terminal status never changes', () => {
    for (const from of TERMINAL_STATUSES) expect(KNOWN.filter((to) => canObserveStatus(from, to))).toEqual([from]);
  });

  test("the vendor's other final statuses, completed_with_errors and timed_out, are terminal too", () => {
    expect(VENDOR_FINAL_STATUSES.filter(isTerminal)).toEqual(['completed_with_errors', 'timed_out']);
    expect(TERMINAL_STATUSES).toEqual(expect.arrayContaining([...VENDOR_FINAL_STATUSES]));
  });
});

test.describe('processing stages', () => {
  test('follow the seed order scanning .. finalizing', () => {
    expect(STAGES).toEqual(['scanning', 'extracting', 'chunking', 'tagging', 'embedding', 'finalizing']);
  });

  test('never go back, may skip forward', () => {
    expect(canObserveStage('scanning', 'embedding')).toBe(true);
    expect(canObserveStage('embedding', 'chunking')).toBe(false);
  });

  test('cancelled may follow any stage and is final', () => {
    for (const stage of STAGES) expect(canObserveStage(stage, 'cancelled')).toBe(true);
    expect(canObserveStage('cancelled', 'finalizing')).toBe(false);
  });
});

test.describe('file statuses', () => {
  test('queued may go straight to any terminal status', () => {
    expect(FILE_STATUSES.filter((to) => canObserveFileStatus('queued', to))).toEqual(FILE_STATUSES);
  });

  test('processing never goes back to queued', () => {
    expect(canObserveFileStatus('processing', 'queued')).toBe(false);
  });

  test('terminal file statuses stick', () => {
    for (const from of ['completed', 'failed', 'skipped', 'cancelled'] as const) {
      expect(FILE_STATUSES.filter((to) => canObserveFileStatus(from, to))).toEqual([from]);
    }
  });
});
