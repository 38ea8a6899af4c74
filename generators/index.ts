// Pure fast-check arbitraries of how jobs unfold and what a conforming server answers, plus the
// corruption operators that break exactly one requirement each. No I/O, no clock, no Math.random.
export * from './scenario.js';
export * from './page.js';
export * from './placeholder.js';
export * from './timeline.js';
export * from './files-walk.js';
export * from './corruptions/index.js';
