import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError, matches, parseExpression } from '../../server/events/expression.js';

// The server-side matcher (spec event-hub.md §5): the PY parser's results of §5.3 plus edge cases.
const candidate = { topic: 'ftrack.update', data: { n: 5, s: '5', l: ['a', 'b'], m: { k: 1 } }, source: { user: { username: 'john.doe' } } };
const match = (expression: string, on: unknown = candidate) => matches(parseExpression(expression), on);

describe('server expression matcher', () => {
  it.each([
    ['topic=ftrack.update', true],
    ['topic=ftrack.*', true],
    ['topic=update*', true],
    ['topic=*', true],
    ['topic=ftrack.update and source.user.username="john.doe"', true],
    ["topic=ftrack.update AND source.user.username='john.doe'", true],
    ['(topic=foo or topic=ftrack.update) and not data.s=6', true],
    ['data.n=5', false],
    ['data.s=5', true],
    ['data.n>3', false],
    ['not data.n>3', false],
    ['data.l=a*', true],
    ['data.l=c*', false],
    ['data.m=k*', true],
    ['not data.missing=x', true],
    ['data.missing!=x', false],
    ['topic="ftrack update"', false],
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

  it.each(['topic=a:b', 'topic=a b', 'topic=x=y', 'topic=é', 'topic=foo and', 'topic=foo topic=bar', 'invalid', 'key=value nor other=value', '', '(topic=a', 'topic="open'])(
    'refuses %j',
    (expression) => {
      expect(() => parseExpression(expression)).toThrow(ExpressionSyntaxError);
    },
  );

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
