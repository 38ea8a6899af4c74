// The test side of the evidence contract: tests call these helpers while they run, and everything the
// reporter needs travels in Playwright annotations and attachments (format.ts), so shards and merge-reports keep it.
import { ATTACHED_STRING_CHARS } from '../contract/limits.js';
import type { TestInfo } from '@playwright/test';
import {
  FINDINGS_ATTACHMENT,
  JUDGED_ATTACHMENT,
  REQUIREMENT_ANNOTATION,
  REQUIREMENT_ID,
  SEED_ANNOTATION,
  TARGET_ANNOTATION,
  TIMELINE_ATTACHMENT,
  type FindingsAttachment,
  type JudgedAttachment,
  type SeedEvidence,
  type TargetEvidence,
  type TimelineAttachment,
} from './format.js';
import type { RunFinding } from '../oracle/finding.js';
import type { Observation } from '../oracle/observation.js';
import { clipStrings } from '../contract/clip.js';
import { redactDeep, secretsFrom } from '../redaction/redact.js';
import { settings } from '../settings/settings.js';

/**
 * Test details naming the requirements a test judges: `test(title, requirements('JS-STATE-001'), body)`.
 * Each id becomes a tag (`@JS-STATE-001`, for `--grep`) and a `requirement` annotation.
 */
export function requirements(...ids: string[]): { tag: string[]; annotation: Array<{ type: string; description: string }> } {
  for (const id of ids) {
    if (!REQUIREMENT_ID.test(id)) throw new Error(`requirements(): "${id}" is not a requirement id like JS-STATE-001`);
  }
  return {
    tag: ids.map((id) => `@${id}`),
    annotation: ids.map((id) => ({ type: REQUIREMENT_ANNOTATION, description: id })),
  };
}

function secrets(): string[] {
  const { apiKey, otherApiKey } = settings();
  return secretsFrom([apiKey, otherApiKey]);
}

/** Attaches the findings of a test (all of them, SHOULD included); the reporter fails each requirement named. */
export async function attachFindings(testInfo: TestInfo, findings: RunFinding[]): Promise<void> {
  if (findings.length === 0) return;
  const payload: FindingsAttachment = {
    findings: redactDeep(clipStrings(findings, ATTACHED_STRING_CHARS, 10_000), secrets()) as RunFinding[],
  };
  await testInfo.attach(FINDINGS_ATTACHMENT, { body: JSON.stringify(payload), contentType: 'application/json' });
}

/** Attaches which requirements the test's checks ran on, and why others could not be judged. */
export async function attachJudged(testInfo: TestInfo, judged: JudgedAttachment): Promise<void> {
  if (judged.exercised.length === 0 && judged.inconclusive.length === 0) return;
  const payload = redactDeep(
    clipStrings({ exercised: [...new Set(judged.exercised)].sort(), inconclusive: judged.inconclusive.slice(0, 200) }, 4000, 1000),
    secrets(),
  );
  await testInfo.attach(JUDGED_ATTACHMENT, { body: JSON.stringify(payload), contentType: 'application/json' });
}

/** Attaches one job's poll timeline as evidence (redacted again here, in case a caller forgot). */
export async function attachTimeline(testInfo: TestInfo, jobId: string, timeline: Observation[]): Promise<void> {
  const payload: TimelineAttachment = {
    jobId,
    timeline: redactDeep(clipStrings(timeline, ATTACHED_STRING_CHARS, 10_000), secrets()) as Observation[],
  };
  await testInfo.attach(TIMELINE_ATTACHMENT, { body: JSON.stringify(payload), contentType: 'application/json' });
}

/** Records which target the test ran against; the report shows the first one it meets. */
export function annotateTarget(testInfo: TestInfo, target: TargetEvidence): void {
  const safe = redactDeep(target, secrets()) as TargetEvidence;
  testInfo.annotations.push({ type: TARGET_ANNOTATION, description: JSON.stringify(safe) });
}

/** Records a generator seed and the command that replays it. */
export function annotateSeed(testInfo: TestInfo, seed: SeedEvidence): void {
  const safe = redactDeep(seed, secrets()) as SeedEvidence;
  testInfo.annotations.push({ type: SEED_ANNOTATION, description: JSON.stringify(safe) });
}
