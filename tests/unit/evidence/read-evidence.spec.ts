import { expect, test } from '@playwright/test';
import { requirements } from '../../../src/evidence/attach.js';
import { FINDINGS_ATTACHMENT, TIMELINE_ATTACHMENT } from '../../../src/evidence/format.js';
import { readEvidence, type AttachmentReader } from '../../../src/evidence/read-evidence.js';

const fromBody: AttachmentReader = (a) => (a.body !== undefined ? { text: a.body.toString() } : { problem: 'no body' });
const json = (name: string, value: unknown) => ({ name, contentType: 'application/json', body: Buffer.from(JSON.stringify(value)) });

test('requirement ids come from tags and annotations, as requirements() writes them', () => {
  const details = requirements('JS-STATE-001', 'JS-PH-002');
  expect(details.tag).toEqual(['@JS-STATE-001', '@JS-PH-002']);
  const evidence = readEvidence(
    [...details.tag, '@fixture-fail', '@slow'],
    [...details.annotation, { type: 'requirement', description: 'JS-RATE-001' }],
    [],
    fromBody,
  );
  expect(evidence.requirements.sort()).toEqual(['JS-PH-002', 'JS-RATE-001', 'JS-STATE-001']);
  expect(() => requirements('not an id')).toThrow(/requirement id/);
});

test('skip reasons, targets and seeds are read from annotations; broken ones are noted', () => {
  const evidence = readEvidence(
    [],
    [
      { type: 'skip', description: "needs the simulator's control API" },
      { type: 'conformance-target', description: JSON.stringify({ baseUrl: 'http://x', kind: 'simulator', controllable: true }) },
      { type: 'conformance-seed', description: JSON.stringify({ seed: 7, command: 'npm run conformance' }) },
      { type: 'conformance-seed', description: '{nope' },
    ],
    [],
    fromBody,
  );
  expect(evidence.skipReason).toBe("needs the simulator's control API");
  expect(evidence.target).toEqual({ baseUrl: 'http://x', kind: 'simulator', controllable: true });
  expect(evidence.seeds).toEqual([{ seed: 7, command: 'npm run conformance' }]);
  expect(evidence.problems).toHaveLength(1);
});

test('malformed attachments are dropped with a note, never thrown', () => {
  const evidence = readEvidence(
    [],
    [],
    [
      { name: FINDINGS_ATTACHMENT, contentType: 'application/json', body: Buffer.from('not json') },
      json(FINDINGS_ATTACHMENT, {
        findings: [{ requirement: 'JS-STATE-001', level: 'BOGUS', message: 5, pollIndex: -1 }, null, { level: 'MUST' }],
      }),
      json(TIMELINE_ATTACHMENT, {
        jobId: 9,
        timeline: [{ kind: 'snapshot', snapshot: { status: 'running' } }, { kind: 'alien' }, 'x', { kind: 'snapshot' }],
      }),
      { name: TIMELINE_ATTACHMENT, contentType: 'application/json', path: '/nonexistent' },
      { name: 'screenshot', contentType: 'image/png', body: Buffer.from([0, 1, 2]) },
    ],
    fromBody,
  );
  expect(evidence.findings).toEqual([{ requirement: 'JS-STATE-001', level: 'MUST', message: '5' }]);
  expect(evidence.timelines).toHaveLength(1);
  expect(evidence.timelines[0]?.jobId).toBe('9');
  expect(evidence.timelines[0]?.timeline).toHaveLength(1);
  expect(evidence.timelines[0]?.timeline[0]?.exchange).toMatchObject({ status: 0, body: '', headers: {} });
  expect(evidence.problems.join('\n')).toMatch(/not a JSON object[\s\S]*dropped[\s\S]*unreadable observation[\s\S]*no body/);
});
