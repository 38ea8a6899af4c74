// Moved to tools/suite-run.ts (shared by scripts, bench and tests); this path stays for a short while so branches in flight keep building.
export * from '../../../tools/suite-run.js';
