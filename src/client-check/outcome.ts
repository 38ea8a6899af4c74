// One scenario as run: what was recorded (the judge's input) and how it was judged.
import type { ScenarioJudgement, ScenarioRun } from './judge.js';

export interface ScenarioOutcome {
  judgement: ScenarioJudgement;
  run: ScenarioRun;
}
