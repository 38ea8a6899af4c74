// Judging a run's exchanges.har must say what the run said, for everything traffic can show: the same status
// for every requirement the recorded judge could judge, and the same findings (requirement, job, poll and
// message). Requirements only a test's intent can judge (an answer to a request made without a key, a job
// that never ends) are not-covered in the recorded report, never passed.
import path from 'node:path';
import { judgeRecorded } from '../../../src/recorded/judge-recorded.js';
import { redactor } from '../../../src/redaction/redact.js';
import { recordedResults, type RecordedResults } from '../../../src/recorded/recorded-report.js';
import type { RunResults } from '../../../tools/suite-run.js';

export interface RecordedComparison {
  recorded: RecordedResults;
  /** Requirements the recorded judge passed or failed whose live status (passed or failed) differs: `id: live -> recorded`. */
  statusDifferences: string[];
  /** Findings of the recorded judge the live run does not have. */
  onlyRecorded: string[];
  /** Findings of the live run, of a requirement the recorded judge judged, that the recorded judge does not have. */
  onlyLive: string[];
  /** Requirements the recorded judge judged (passed or failed). */
  judged: string[];
}

type FindingLike = { requirement: string; jobId?: string; pollIndex?: number; message: string };

const keyOf = (f: FindingLike) => `${f.requirement} job=${f.jobId ?? '-'} poll=${f.pollIndex ?? '-'}: ${f.message}`;

/** Judges `<conformanceDir>/exchanges.har` and compares it with the run's own results. */
export function compareWithRecorded(
  conformanceDir: string,
  live: RunResults,
  profile: RunResults['profile'] = live.profile,
): RecordedComparison {
  const run = judgeRecorded([path.join(conformanceDir, 'exchanges.har')], { read: { redact: redactor([]) } });
  const recorded = recordedResults(run, { startedAt: new Date().toISOString(), profile, secrets: [], requireComplete: false });
  const liveById = new Map(live.requirements.map((r) => [r.id, r]));
  const judged = recorded.requirements.filter((r) => r.status === 'passed' || r.status === 'failed');
  // A requirement the live run could not judge (a test broke first: inconclusive) may still be judged from its
  // traffic; anything the live run passed or failed, and anything the recording fails, must agree.
  const statusDifferences = judged
    .filter((r) => {
      const liveStatus = liveById.get(r.id)?.status;
      return liveStatus !== r.status && (liveStatus === 'passed' || liveStatus === 'failed' || r.status === 'failed');
    })
    .map((r) => `${r.id}: live ${liveById.get(r.id)?.status ?? 'absent'} -> recorded ${r.status}`);
  const liveFindings = new Set(live.requirements.flatMap((r) => r.findings.map(keyOf)));
  const recordedFindings = new Set(recorded.requirements.flatMap((r) => r.findings.map(keyOf)));
  const judgedIds = new Set(judged.map((r) => r.id));
  return {
    recorded,
    statusDifferences,
    onlyRecorded: [...recordedFindings].filter((k) => !liveFindings.has(k)),
    onlyLive: live.requirements
      .filter((r) => judgedIds.has(r.id))
      .flatMap((r) => r.findings.map(keyOf))
      .filter((k) => !recordedFindings.has(k)),
    judged: [...judgedIds],
  };
}
