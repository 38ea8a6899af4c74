// Moved to tools/run-notes.ts (every suite uses it); this path stays for a short while so branches in flight keep building.
export * from '../../../tools/run-notes.js';
