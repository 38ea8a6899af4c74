// Processing stages, in the order the seed numbers them; a job never goes back a stage.

export const STAGES = ['scanning', 'extracting', 'chunking', 'tagging', 'embedding', 'finalizing'] as const;
export type Stage = (typeof STAGES)[number];
/** The SDK's JobProgress enum adds `cancelled` (SPEC-006): accepted, but outside the order. */
export const STAGE_VALUES = [...STAGES, 'cancelled'] as const;
export type StageValue = (typeof STAGE_VALUES)[number];

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** Whether `to` may be observed after `from`; `cancelled` may follow any stage and is final. */
export function canObserveStage(from: StageValue, to: StageValue): boolean {
  if (from === 'cancelled') return to === 'cancelled';
  if (to === 'cancelled') return true;
  return stageRank(to) >= stageRank(from);
}
