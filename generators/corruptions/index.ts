// Every corruption operator, by what it takes: timelines (one job's polls) or files walks.
import { ANSWER_CORRUPTIONS } from './answers.js';
import type { TimelineCorruption } from './corruption.js';
import { PAGE_CORRUPTIONS } from './pages.js';
import { SHAPE_CORRUPTIONS } from './shape.js';
import { STATE_CORRUPTIONS } from './state.js';
import { TRANSITION_CORRUPTIONS } from './transitions.js';

export * from './corruption.js';
export * from './answers.js';
export * from './pages.js';
export * from './shape.js';
export * from './state.js';
export * from './transitions.js';

export const TIMELINE_CORRUPTIONS: readonly TimelineCorruption[] = [
  ...SHAPE_CORRUPTIONS,
  ...STATE_CORRUPTIONS,
  ...TRANSITION_CORRUPTIONS,
  ...PAGE_CORRUPTIONS,
  ...ANSWER_CORRUPTIONS,
];
