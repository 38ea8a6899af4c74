import { test, expect } from '@playwright/test';
import { classify, duplicateKey } from '../../../src/oracle/classify.js';
import { exchangeOf } from '../../../src/oracle/exchange.js';
import { job, laggingMediaJob, placeholder, poll } from './sample-jobs.js';

test.describe('classify tells the four kinds of answer apart', () => {
  test('a body with timestamps is a snapshot', () => {
    expect(classify(poll(job('running'))).kind).toBe('snapshot');
  });

  test('the seed placeholder is a placeholder', () => {
    expect(classify(poll(placeholder())).kind).toBe('placeholder');
  });

  test('a media job at running with progress null is a snapshot, not a placeholder: it carries timestamps', () => {
    const observation = classify(poll(laggingMediaJob()));
    expect(observation.kind).toBe('snapshot');
  });

  test('a placeholder with an extra key is still classified a placeholder (its shape is judged by JS-PH-002)', () => {
    expect(classify(poll(placeholder({ retry_hint: 'soon' }))).kind).toBe('placeholder');
  });

  test('a running body with progress null that carries files is a snapshot: state is never waved through as a placeholder', () => {
    expect(classify(poll(placeholder({ files: [{ uri: 's3://bucket/a.pdf', status: 'completed' }] }))).kind).toBe('snapshot');
  });

  test('a non-2xx answer is an http-error, with its status', () => {
    const observation = classify(poll({ detail: 'Job not found' }, { status: 404 }));
    expect(observation).toMatchObject({ kind: 'http-error', status: 404 });
  });

  test('no answer at all (status 0) is an http-error', () => {
    expect(classify({ ...exchangeOf(''), status: 0, error: 'ECONNRESET' }).kind).toBe('http-error');
  });

  test('a truncated body is malformed and says it was cut', () => {
    const cut = { ...exchangeOf(JSON.stringify(job('running')).slice(0, 40)), truncated: true };
    const observation = classify(cut);
    expect(observation.kind).toBe('malformed');
    expect(observation.kind === 'malformed' && observation.reason).toContain('truncated');
  });

  test('the observation keeps its index, its time and the exchange as evidence', () => {
    const exchange = exchangeOf(job('pending'), { receivedAt: '2026-11-28T12:00:00.000Z' });
    expect(classify(exchange, 7)).toMatchObject({ index: 7, at: '2026-11-28T12:00:00.000Z', exchange });
  });
});

test.describe('a repeated key is found wherever it is, however the text is written', () => {
  test('at the top, inside a file, after a value that re-serialises longer, and in pretty-printed text', () => {
    expect(duplicateKey('{"status":"pending","status":"running"}', { status: 'running' })).toBe('status');
    expect(duplicateKey('{"files":[{"uri":"a","uri":"b"}]}', { files: [{ uri: 'b' }] })).toBe('uri');
    // 1e8 re-serialises as 100000000: a length comparison alone would cancel out the dropped pair.
    expect(duplicateKey('{"a":1,"a":1e8}', { a: 1e8 })).toBe('a');
    expect(duplicateKey('{\n  "a": 1,\n  "a": 2\n}', { a: 2 })).toBe('a');
  });

  test('keys in strings, escaped quotes and sibling objects are not repeats', () => {
    const text = '{"a":"\\"a\\":1","b":{"a":1},"c":[{"a":1},{"a":2}]}';
    expect(duplicateKey(text, JSON.parse(text))).toBeUndefined();
    expect(duplicateKey(JSON.stringify(job('completed')), job('completed'))).toBeUndefined();
  });
});
