// Moved to tools/breaks/breaks.ts (shared by the faults bench, scripts and tests); this path stays for a short while so branches in flight keep building.
export * from '../../../tools/breaks/breaks.js';
