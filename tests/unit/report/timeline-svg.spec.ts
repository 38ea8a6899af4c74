import { expect, test } from '@playwright/test';
import type { Observation } from '../../../src/oracle/observation.js';
import { timelineSvg } from '../../../src/report/html/timeline-svg.js';
import { HOSTILE, errorPoll, placeholderPoll, snapshotPoll } from './sample-run.js';

const timeline = [
  snapshotPoll(0, 'pending'),
  placeholderPoll(1),
  snapshotPoll(2, 'running', 'chunking'),
  errorPoll(3),
  snapshotPoll(4, 'completed', 'finalizing'),
];

test('every poll is drawn, placeholders and errors marked as such', () => {
  const svg = timelineSvg(timeline);
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg.endsWith('</svg>')).toBe(true);
  expect(svg.match(/<g class="poll /g)).toHaveLength(5);
  expect(svg.match(/<g class="poll placeholder"/g)).toHaveLength(1);
  expect(svg.match(/<g class="poll http-error"/g)).toHaveLength(1);
  expect(svg).toContain('stroke-dasharray'); // the placeholder's dashed outline
  expect(svg).toContain('>chunking<');
});

test('the highlighted poll gets a band and the highlight class, and only it', () => {
  const svg = timelineSvg(timeline, { highlight: [2] });
  expect(svg.match(/class="highlight-band"/g)).toHaveLength(1);
  expect(svg).toMatch(/<g class="poll snapshot highlight" data-poll="2">/);
  expect(svg.match(/ highlight"/g)).toHaveLength(1);
  expect(timelineSvg(timeline)).not.toContain('highlight-band');
});

test('time is the x axis when timestamps are usable, poll order otherwise', () => {
  expect(timelineSvg(timeline)).toContain('time since first poll');
  const untimed = timeline.map((o) => ({ ...o, at: 'garbage' })) as Observation[];
  expect(timelineSvg(untimed)).toContain('poll order (no usable timestamps)');
  expect(timelineSvg([])).toContain('</svg>');
});

test('hostile values from the target are escaped, unknown statuses get an (other) lane', () => {
  const svg = timelineSvg([snapshotPoll(0, HOSTILE, HOSTILE), { ...placeholderPoll(1), at: HOSTILE }], { title: `job ${HOSTILE}` });
  expect(svg).not.toContain('<img');
  expect(svg).not.toContain('<script');
  expect(svg).not.toContain('"window');
  expect(svg).toContain('&lt;img');
  expect(svg).toContain('>(other)<');
});
