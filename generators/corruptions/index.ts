// Every corruption operator, by what it takes: timelines (one job's polls) or files walks.
import { STATELESS_CORRUPTIONS } from './stateless.js';
import type { TimelineCorruption } from './corruption.js';
import { PAGE_CORRUPTIONS } from './pages.js';
import { SHAPE_CORRUPTIONS } from './shape.js';
import { STATE_CORRUPTIONS } from './state.js';
import { TRANSITION_CORRUPTIONS } from './transitions.js';

export * from './corruption.js';
export * from './stateless.js';
export * from './pages.js';
export * from './shape.js';
export * from './state.js';
export * from './transitions.js';

export const TIMELINE_CORRUPTIONS: readonly TimelineCorruption[] = [
  ...SHAPE_CORRUPTIONS,
  ...STATE_CORRUPTIONS,
  ...TRANSITION_CORRUPTIONS,
  ...PAGE_CORRUPTIONS,
  ...STATELESS_CORRUPTIONS,
];
