// Checking a Scenario posted to /_sim/scenarios: it is plain JSON from outside, so its shape is
// verified before the engine plays it (a bad one is a 422 naming each problem, not a crash later).
import type { Scenario } from '../model/scenario.js';
import { isJsonObject } from '../model/json.js';
import { isStage } from '../model/stage.js';
import { issue, type ValidationIssue } from './reply.js';

const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export function scenarioProblems(value: unknown): ValidationIssue[] {
  const at = (...path: (string | number)[]) => ['body', 'scenario', ...path];
  if (!isJsonObject(value)) return [issue(at(), 'Input should be a Scenario object', 'dict_type')];
  const problems: ValidationIssue[] = [];
  const need = (ok: boolean, path: (string | number)[], msg: string) => {
    if (!ok) problems.push(issue(at(...path), msg, 'value_error'));
  };
  need(typeof value.jobType === 'string', ['jobType'], 'jobType must be a string');
  need(typeof value.collection === 'string' && value.collection !== '', ['collection'], 'collection must be a non-empty string');
  need(isSeconds(value.pendingSeconds), ['pendingSeconds'], 'pendingSeconds must be a non-negative number');
  need(isSeconds(value.mediaLagSeconds), ['mediaLagSeconds'], 'mediaLagSeconds must be a non-negative number');
  need(
    value.processingType === 'basic' || value.processingType === 'advanced',
    ['processingType'],
    "processingType must be 'basic' or 'advanced'",
  );
  const stages = value.stageSeconds;
  need(
    Array.isArray(stages) && stages.length === 6 && stages.every(isSeconds),
    ['stageSeconds'],
    'stageSeconds must be six non-negative numbers',
  );
  const files = value.files;
  if (!Array.isArray(files)) need(false, ['files'], 'files must be an array');
  else {
    const uris = new Set<string>();
    files.forEach((file: unknown, i) => {
      const ok =
        isJsonObject(file) &&
        typeof file.uri === 'string' &&
        typeof file.media === 'boolean' &&
        ['completed', 'failed', 'skipped'].includes(file.outcome as string);
      need(ok, ['files', i], 'a file is {uri: string, media: boolean, outcome: completed|failed|skipped}');
      if (ok) {
        need(!uris.has(file.uri as string), ['files', i, 'uri'], 'file uris must be unique within a job');
        uris.add(file.uri as string);
      }
    });
  }
  const end = value.end;
  const endOk =
    isJsonObject(end) &&
    (end.kind === 'run' ||
      (end.kind === 'cancel' && isSeconds(end.atSecond) && typeof end.by === 'string') ||
      (end.kind === 'fail' && isStage(end.stage) && typeof end.errorCode === 'string' && typeof end.errorMessage === 'string') ||
      (end.kind === 'stuck' && isStage(end.stage)));
  need(
    endOk,
    ['end'],
    'end must be {kind: run} | {kind: cancel, atSecond, by} | {kind: fail, stage, errorCode, errorMessage} | {kind: stuck, stage}',
  );
  const ph = value.placeholders;
  const phOk =
    ph === undefined ||
    (isJsonObject(ph) &&
      (ph.polls === undefined || (Array.isArray(ph.polls) && ph.polls.every((n) => Number.isInteger(n) && (n as number) >= 0))) &&
      (ph.probability === undefined || (typeof ph.probability === 'number' && ph.probability >= 0 && ph.probability <= 1)));
  need(phOk, ['placeholders'], 'placeholders must be {polls?: non-negative integers, probability?: 0..1}');
  return problems;
}

/** The scenario with optional parts filled in; call after `scenarioProblems` found none. */
export function normalizeScenario(value: Record<string, unknown>): Scenario {
  const scenario = structuredClone(value) as unknown as Scenario;
  scenario.placeholders ??= {};
  return scenario;
}
