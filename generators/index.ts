// Pure fast-check arbitraries of how jobs unfold and what a conforming server answers, plus the
// corruption operators that break exactly one requirement each. No I/O, no clock, no Math.random.
export * from './scenario.js';
