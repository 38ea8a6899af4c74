// The one text-shortening module: each note says how a text was cut, and a text that fits is left whole.
import { expect, test } from '@playwright/test';
import { clip, clipStrings } from '../../../src/contract/clip.js';

test('a text that fits is returned whole; a longer one is cut at max and says so as its note asks', () => {
  expect(clip('abc', 3)).toBe('abc');
  expect(clip('abcdef', 3)).toBe('abc… (6 chars)');
  expect(clip('abcdef', 3, 'cut')).toBe('abc… [3 more characters cut]');
  expect(clip('abcdef', 3, 'ellipsis')).toBe('abc…');
  expect(clip('abcdef', 3, 'none')).toBe('abc');
});

test('one-line folds white space first, and the length it notes is the text as given', () => {
  expect(clip('a\n\n b', 10, 'length', 'one-line')).toBe('a b');
  expect(clip('a \n b \t c d e', 5, 'length', 'one-line')).toBe('a b c… (13 chars)');
  expect(clip('a \n b \t c d e', 5, 'none', 'one-line')).toBe('a b c');
});

test('clipStrings cuts every long string and long array of a value, keys too, and leaves the rest as it was', () => {
  const long = 'x'.repeat(10);
  const clipped = clipStrings({ [long.repeat(30)]: 1, list: [long, 2, null, true], nested: { deep: long } }, 4, 2);
  expect(clipped).toEqual({
    [`${'x'.repeat(200)}… [100 more characters cut]`]: 1,
    list: ['xxxx… [6 more characters cut]', 2, '[2 more items cut]'],
    nested: { deep: 'xxxx… [6 more characters cut]' },
  });
});
