// Moved to tools/rehearsal.ts (shared by scripts, bench and tests); this path stays for a short while so branches in flight keep building.
export * from '../../../tools/rehearsal.js';
