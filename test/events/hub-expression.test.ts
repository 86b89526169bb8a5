import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError, matches, parseExpression } from '../../server/events/expression.js';
import { specCandidate, specMatchCases, unparsableExpressions } from './support/expression-cases.js';

// The server-side matcher (spec event-hub.md §5): the PY parser's results of §5.3 plus edge cases.
// The spec's candidate with one more key, `data.m`, for the object-key wildcard.
const candidate = { ...specCandidate, data: { ...specCandidate.data, m: { k: 1 } } };
const match = (expression: string, on: unknown = candidate) => matches(parseExpression(expression), on);

describe('server expression matcher', () => {
  it.each(specMatchCases)('%s → %s', (expression, expected) => {
    expect(match(expression)).toBe(expected);
  });

  it.each([
    ['data.n>3', false],
    ['not data.n>3', false],
    ['data.l=c*', false],
    ['data.m=k*', true],
    ['topic = ftrack.update', true],
    ['topic!=ftrack.update', false],
    ['data.s>=5 and data.s<6 and data.s<=5 and data.s>4', true],
    ['topic=foo and data.n>3 or topic=ftrack.update', true],
    ['NOT topic=foo', true],
    ['notify=1', false],
    ['topic=foo or topic=bar or data.s=5', true],
    ['data.s.deeper=5', false],
    ['data.l.0=a', false],
  ])('%s → %s', (expression, expected) => {
    expect(match(expression)).toBe(expected);
  });

  it.each(unparsableExpressions)('refuses %j', (expression) => {
    expect(() => parseExpression(expression)).toThrow(ExpressionSyntaxError);
  });

  it('keeps backslash escapes of quoted values verbatim and accepts any text inside quotes', () => {
    expect(match('data.q="a\\"b"', { data: { q: 'a\\"b' } })).toBe(true);
    expect(match("data.q='x: é (y)'", { data: { q: 'x: é (y)' } })).toBe(true);
  });

  it('matches targets against subscriber metadata', () => {
    expect(match('id=3f0c', { id: '3f0c' })).toBe(true);
    expect(match('applicationId=maya and id=3f0c', { id: '3f0c', applicationId: 'nuke' })).toBe(false);
  });

  it('parses precedence as not > and > or', () => {
    expect(parseExpression('a=1 and b=2 or c=3')).toMatchObject({ kind: 'any', items: [{ kind: 'all' }, { kind: 'condition' }] });
    expect(parseExpression('not a=1 and b=2')).toMatchObject({ kind: 'all', items: [{ kind: 'not' }, { kind: 'condition' }] });
  });
});
