// Hand-made scenarios for the controlled tests: each names the one thing it is about.
import type { FileScenario, Scenario } from '../../../src/model/scenario.js';

export function files(count: number, make: (i: number) => Partial<FileScenario> = () => ({})): FileScenario[] {
  return Array.from({ length: count }, (_, i) => ({
    uri: `s3://conformance/doc-${i}.pdf`,
    media: false,
    outcome: 'completed',
    ...make(i),
  }));
}

export function scenario(collection: string, overrides: Partial<Scenario> = {}): Scenario {
  return {
    jobType: 'index_s3',
    collection,
    files: files(3),
    pendingSeconds: 1,
    stageSeconds: [2, 2, 2, 2, 2, 1],
    end: { kind: 'run' },
    mediaLagSeconds: 0,
    placeholders: {},
    processingType: 'basic',
    ...overrides,
  };
}
