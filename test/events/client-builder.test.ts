import { describe, expect, it } from 'vitest';
import { ArgumentError, on } from 'ftrack-codegen';
import { parseExpression } from '../../runtime/protocol/parse-event-expression.js';
import { matchesExpression } from '../../runtime/protocol/evaluate-event-expression.js';

describe('expression builder: golden strings', () => {
  it.each([
    [on.topic('ftrack.update'), 'topic=ftrack.update'],
    [on.topic('ftrack.update').and((e) => e.source.user.username.eq('jane')), 'topic=ftrack.update and source.user.username=jane'],
    [on.topic('ftrack.action.launch').and((e) => e.data.actionIdentifier.eq('my.action')), 'topic=ftrack.action.launch and data.actionIdentifier=my.action'],
    [on.topic('ftrack.*'), 'topic=ftrack.*'],
    [on.topic('my company.*'), 'topic="my company.*"'],
    [on.topic('a').or(on.topic('b')).and((e) => e.data.key('n').ne('5')), '(topic=a or topic=b) and data.n!=5'],
    [on.topic('a').and(on.topic('b').or((e) => e.source.user.username.contains('doe'))), 'topic=a and (topic=b or source.user.username=doe*)'],
    [on.not(on.topic('a').or(on.topic('b'))), 'not (topic=a or topic=b)'],
    [on.not(on.topic('a')), 'not topic=a'],
    [on.where((e) => e.source.user.username.eq('Jane Doe')), 'source.user.username="Jane Doe"'],
    [on.where((e) => e.data.key('version').ge('v002').and(e.data.key('version').lt('v010'))), 'data.version>=v002 and data.version<v010'],
    [on.where((e) => e.data.key('a').key('b').gt('x').and(e.data.key('c').le('y'))), 'data.a.b>x and data.c<=y'],
    [on.where((e) => e.data.key('name').eq('and')), 'data.name="and"'],
    [on.where((e) => e.data.key('name').contains('a b')), 'data.name="a b*"'],
  ])('%s', (condition, expected) => {
    expect(condition.toString()).toBe(expected);
    expect(() => parseExpression(expected)).not.toThrow();
  });
});

describe('expression builder: values are injection-safe', () => {
  const hostile = [
    'jane or topic=*',
    'x" or topic="*',
    "x' or topic='*",
    'a) or (topic=b',
    'not topic=x',
    'a=b',
    'with space',
    'trailing\\',
    'back\\slash " and quote',
    'é unicode',
    'semi;colon:and more',
  ];

  it.each(hostile)('%j reads back as one condition with exactly that value (or is refused)', (value) => {
    let text: string;
    try {
      text = on.where((e) => e.source.user.username.eq(value)).toString();
    } catch (error) {
      expect(error).toBeInstanceOf(ArgumentError);
      return;
    }
    expect(parseExpression(text)).toEqual({ kind: 'condition', field: 'source.user.username', operator: '=', value });
    // And it matches exactly that user, not everyone.
    expect(matchesExpression(parseExpression(text), { source: { user: { username: value } } })).toBe(true);
    expect(matchesExpression(parseExpression(text), { topic: 'x', source: { user: { username: 'someone else' } } })).toBe(false);
  });

  it('refuses what no quoting can hold instead of writing another expression', () => {
    expect(() => on.where((e) => e.data.key('x').eq(`both " and '`))).toThrow(ArgumentError);
    expect(() => on.where((e) => e.data.key('x').eq('line\nbreak'))).toThrow(ArgumentError);
    // One trailing backslash would escape the closing quote: refused. An even run reads back as written.
    expect(() => on.where((e) => e.data.key('x').eq('odd\\'))).toThrow(ArgumentError);
    const even = on.where((e) => e.data.key('x').eq('even\\\\')).toString();
    expect(even).toBe('data.x="even\\\\"');
    expect(parseExpression(even)).toMatchObject({ value: 'even\\\\' });
  });

  it('eq refuses a trailing * (the wildcard), contains makes it explicit', () => {
    expect(() => on.where((e) => e.source.user.username.eq('ja*'))).toThrow(/contains/);
    expect(on.where((e) => e.source.user.username.contains('ja')).toString()).toBe('source.user.username=ja*');
  });

  it('keys must be plain names: no dots, spaces or operators smuggled in a key', () => {
    expect(() => on.where((e) => e.data.key('a.b').eq('x'))).toThrow(ArgumentError);
    expect(() => on.where((e) => e.data.key('a=b or topic').eq('x'))).toThrow(ArgumentError);
    expect(() => on.where((e) => e.data.key('').eq('x'))).toThrow(ArgumentError);
  });

  it('and/or refuse anything that is not a built condition', () => {
    expect(() => on.topic('a').and('topic=b or topic=*' as never)).toThrow(ArgumentError);
  });
});
