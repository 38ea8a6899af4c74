// Every operator that breaks a timeline (one job's polls), area by area; the files-walk operators are pages.ts's WALK_CORRUPTIONS.
import type { TimelineCorruption } from './corruption.js';
import { PAGE_CORRUPTIONS } from './pages.js';
import { SHAPE_CORRUPTIONS } from './shape.js';
import { STATE_CORRUPTIONS } from './state.js';
import { STATELESS_CORRUPTIONS } from './stateless.js';
import { TRANSITION_CORRUPTIONS } from './transitions.js';

export const TIMELINE_CORRUPTIONS: readonly TimelineCorruption[] = [
  ...SHAPE_CORRUPTIONS,
  ...STATE_CORRUPTIONS,
  ...TRANSITION_CORRUPTIONS,
  ...PAGE_CORRUPTIONS,
  ...STATELESS_CORRUPTIONS,
];
