// The spec files a hostile run of the real suite plays: enough jobs for every case to get one (2 + 4 + 16
// generated, with CONFORMANCE_SCENARIOS=16, for 18 cases), few enough to keep the run short.
export const HOSTILE_RUN_FILES = [
  'tests/conformance/shape.spec.ts',
  'tests/conformance/state.spec.ts',
  'tests/conformance/generated.spec.ts',
] as const;
