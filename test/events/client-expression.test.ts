import { describe, expect, it } from 'vitest';
import { ArgumentError } from 'ftrack-codegen';
import { parseExpression } from '../../runtime/protocol/parse-event-expression.js';
import { matchesExpression } from '../../runtime/protocol/evaluate-event-expression.js';
import { specCandidate, specMatchCases, unparsableExpressions } from './support/expression-cases.js';

// The spec's examples (event-hub.md 5.3) run against the client parser, then its own edge cases.
const matches = (expression: string, event: unknown = specCandidate) => matchesExpression(parseExpression(expression), event);

describe('event expressions: the spec examples', () => {
  it.each(specMatchCases)('%s → %s', (expression, expected) => {
    expect(matches(expression)).toBe(expected);
  });

  it('data.n>3 is a comparison Python refuses (TypeError): no match', () => {
    expect(matches('data.n>3')).toBe(false);
    expect(matches('not data.n>3')).toBe(false);
  });

  it.each(unparsableExpressions)('%j does not parse', (expression) => {
    expect(() => parseExpression(expression)).toThrow(ArgumentError);
  });
});

describe('event expressions: more cases', () => {
  it('precedence: not > and > or; chains flatten', () => {
    expect(parseExpression('a=1 and b=2 or c=3')).toEqual({
      kind: 'any',
      items: [
        { kind: 'all', items: [{ kind: 'condition', field: 'a', operator: '=', value: '1' }, { kind: 'condition', field: 'b', operator: '=', value: '2' }] },
        { kind: 'condition', field: 'c', operator: '=', value: '3' },
      ],
    });
    expect(parseExpression('a=1 and b=2 and c=3')).toMatchObject({ kind: 'all', items: [{}, {}, {}] });
    expect(parseExpression('not a=1 and b=2')).toMatchObject({ kind: 'all', items: [{ kind: 'not' }, { kind: 'condition', field: 'b' }] });
    expect(matches('topic=nope and topic=nope or data.s=5')).toBe(true);
    expect(matches('topic=nope and (topic=nope or data.s=5)')).toBe(false);
  });

  it('whitespace is free around operators, keywords and parentheses; keywords any case', () => {
    expect(matches('  topic = ftrack.update  ')).toBe(true);
    expect(matches('NOT(topic=foo)And(data.s=5)')).toBe(true);
    expect(matches('topic=foo Or data.s >= 5')).toBe(true);
  });

  it('quoted values keep spaces, colons and backslash escapes verbatim', () => {
    expect(parseExpression('data.x="a b:c"')).toMatchObject({ value: 'a b:c' });
    expect(parseExpression(String.raw`data.x="a\"b"`)).toMatchObject({ value: String.raw`a\"b` });
    expect(parseExpression("data.x='say \"hi\"'")).toMatchObject({ value: 'say "hi"' });
    expect(matches(String.raw`data.x="a\"b"`, { data: { x: 'a"b' } })).toBe(false);
    expect(matches(String.raw`data.x="a\"b"`, { data: { x: String.raw`a\"b` } })).toBe(true);
  });

  it('a field named like a keyword is a field; a keyword glued to a field is not a keyword', () => {
    expect(matches('not=1', { not: '1' })).toBe(true);
    expect(matches('notes=1', { notes: '1' })).toBe(true);
    expect(matches('android=1', { android: '1' })).toBe(true);
  });

  it('missing keys and non-objects on the way are false whatever the operator', () => {
    expect(matches('data.l.0=a')).toBe(false);
    expect(matches('data.s.x!=1')).toBe(false);
    expect(matches('source.user.username<z')).toBe(true);
    expect(matches('source.nobody<z')).toBe(false);
  });

  it('= and != are plain string equality: numbers, booleans and null never equal', () => {
    expect(matches('data.b=true', { data: { b: true } })).toBe(false);
    expect(matches('data.b!=true', { data: { b: true } })).toBe(true);
    expect(matches('data.z=None', { data: { z: null } })).toBe(false);
  });

  it('wildcards test containment: substring, list membership, object key; numbers and null refuse', () => {
    expect(matches('source.user.username=doe*')).toBe(true);
    expect(matches('data.l=c*')).toBe(false);
    expect(matches('data.o=k*', { data: { o: { k: 1 } } })).toBe(true);
    expect(matches('data.n=5*')).toBe(false);
    expect(matches('data.z=*', { data: { z: null } })).toBe(false);
    expect(matches('data.s!=5*')).toBe(true); // no wildcard with !=
  });

  it('ordering compares strings by code point', () => {
    expect(matches('data.s>4')).toBe(true);
    expect(matches('data.s<=5')).toBe(true);
    expect(matches('data.s<5')).toBe(false);
    expect(matches('data.t>"\uffff"', { data: { t: '\u{1F600}' } })).toBe(true); // UTF-16 order would say less
  });

  it('keys of the prototype are not fields', () => {
    expect(matches('constructor=x', {})).toBe(false);
    expect(matches('data.toString!=x', { data: {} })).toBe(false);
  });
});
