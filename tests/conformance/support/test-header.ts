// Moved to tools/test-header.ts (the verdicts use it too); this path stays for a short while so branches in flight keep building.
export * from '../../../tools/test-header.js';
