import { describe, expect, it } from 'vitest';
import { likePattern } from '../../server/query/compare.js';

describe('like matcher', () => {
  it.each([
    ['%ing', 'Modeling', true],
    ['SH0_0', 'sh010', true],
    ['sh0_0', 'sh0100', false],
    ['%', '', true],
    ['_', '', false],
    ['a%b%c', 'aXXbYYc', true],
    ['a%b%c', 'aXXbYY', false],
    ['😀_', '😀x', true],
    ['%"\\%', 'say "\\x', true],
  ] as const)('%s ~ %s → %s', (pattern, text, expected) => {
    expect(likePattern(pattern).test(text)).toBe(expected);
  });

  it('answers patterns that would make a backtracking regular expression hang (the test timeout guards it)', () => {
    expect(likePattern('%a%a%a%a%a%a%a%a%a%a%b').test('a'.repeat(20_000))).toBe(false);
    expect(likePattern('%a%a%a%a%a%a%a%a%a%a%b').test(`${'a'.repeat(20_000)}b`)).toBe(true);
  });
});
