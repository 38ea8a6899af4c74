import { expect, test } from '@playwright/test';
import { anchorId, escapeHtml, jsonForScript } from '../../../src/report/html/escape.js';
import { HOSTILE } from './sample-run.js';

test('escapeHtml leaves no markup character of a hostile string', () => {
  const out = escapeHtml(HOSTILE);
  expect(out).not.toMatch(/[<>"'`]/);
  expect(out).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
  expect(escapeHtml(undefined)).toBe('');
  expect(escapeHtml(42)).toBe('42');
});

test('jsonForScript cannot close its script block and parses back to the same value', () => {
  const value = { text: HOSTILE, more: ['</SCRIPT>', '<!--', '\u2028\u2029', '&amp;'] };
  const out = jsonForScript(value);
  expect(out).not.toMatch(/[<>&\u2028\u2029]/);
  expect(JSON.parse(out)).toEqual(value);
});

test('anchorId keeps only safe characters', () => {
  expect(anchorId('fail', 'JS-STATE-001')).toBe('fail-JS-STATE-001');
  expect(anchorId('fail', HOSTILE)).toMatch(/^fail-[A-Za-z0-9_-]+$/);
  expect(anchorId('t', '')).toBe('t-_');
});
