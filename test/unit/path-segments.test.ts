import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathSegment, QueryError } from 'ftrack-codegen';
import { formatPath, splitPath } from '../../runtime/query/quote.js';
import { readPathSegments } from '../../runtime/protocol/path-segments.js';
import { tokenize } from '../../server/query/tokenizer.js';

// Attribute names in query paths: identifiers bare, anything else in backticks (issue 9, item 4).
describe('path segments', () => {
  it('writes identifiers bare and everything else in backticks', () => {
    expect(pathSegment('status')).toBe('status');
    expect(pathSegment('_old')).toBe('_old');
    expect(pathSegment('my-attr')).toBe('`my-attr`');
    expect(pathSegment('$type')).toBe('`$type`');
    expect(pathSegment('a.b')).toBe('`a.b`');
    expect(pathSegment('back`tick\\')).toBe('`back\\`tick\\\\`');
    expect(formatPath(['parent', 'a b'])).toBe('parent.`a b`');
  });

  it('client and server read back exactly the names written, for any names', () => {
    const name = fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('then', '__proto__', '`', '\\', '.', ' x ', 'a.b', '"q"', "it's", '(', ')'));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), (names) => {
        const path = formatPath(names);
        expect(splitPath(path)).toEqual(names);
        const tokens = tokenize(`select ${path} from Thing`);
        expect(tokens.map((t) => t.kind)).toEqual(['word', 'word', 'word', 'word', 'end']);
        expect(readPathSegments(tokens[1]!.text)).toEqual(names);
      }),
      { numRuns: 500 },
    );
  });

  it('bare segments are trimmed; an unterminated backtick is a QueryError', () => {
    expect(splitPath(' status . name ')).toEqual(['status', 'name']);
    expect(() => splitPath('`open')).toThrow(QueryError);
    expect(readPathSegments('``')).toBeUndefined();
    expect(readPathSegments('a-b')).toBeUndefined();
    expect(readPathSegments('`a`b')).toBeUndefined();
  });
});
