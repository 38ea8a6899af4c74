// The scenario the simulator's tests start from: one file that completes, a second a stage, no wait, no
// faults; each test overrides what it is about.
import type { Scenario } from '../../../src/model/scenario.js';

export function sampleScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    jobType: 'index_s3',
    collection: 'docs',
    files: [{ uri: 's3://b/a.pdf', media: false, outcome: 'completed' }],
    pendingSeconds: 0,
    stageSeconds: [1, 1, 1, 1, 1, 1],
    end: { kind: 'run' },
    mediaLagSeconds: 0,
    placeholders: {},
    processingType: 'basic',
    ...overrides,
  };
}
