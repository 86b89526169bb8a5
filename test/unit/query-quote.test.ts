import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QueryError, quoteValue } from 'ftrack-codegen';
import { q } from '../types/support/mini-client.js';

/** A token of an ftrack expression (spec section 5.2), with strings unescaped. */
type Token = { type: 'string'; value: string } | { type: 'word' | 'symbol'; value: string };

/** Test-side tokenizer: whitespace separates; quotes start strings where `\` escapes the next char. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '"' || char === "'") {
      let value = '';
      i += 1;
      while (i < text.length && text[i] !== char) {
        if (text[i] === '\\') i += 1;
        value += text[i] ?? '';
        i += 1;
      }
      if (i >= text.length) throw new Error(`unterminated string in ${text}`);
      i += 1;
      tokens.push({ type: 'string', value });
    } else if ('(),'.includes(char)) {
      tokens.push({ type: 'symbol', value: char });
      i += 1;
    } else {
      const match = /^[^\s"'(),]+/.exec(text.slice(i))!;
      tokens.push({ type: 'word', value: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

const nasty = fc.constantFrom('"', '\\', "'", '%', '_', '\n', '\r\n', '\t', '" or name like "%', '\\"', ') or (', 'é', '😀', '\u0000', ' ');
const hostileString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fc.oneof(nasty, fc.string()), { maxLength: 12 }).map((parts) => parts.join('')),
);

describe('quoting', () => {
  it('renders each literal kind as the server reads it', () => {
    expect(quoteValue('plain')).toBe('"plain"');
    expect(quoteValue('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(quoteValue(true)).toBe('true');
    expect(quoteValue(false)).toBe('false');
    expect(quoteValue(null)).toBe('None');
    expect(quoteValue({ kind: 'datetime', utc: '2024-01-31T09:30:00' })).toBe('"2024-01-31T09:30:00"');
  });

  it('writes numbers without exponents and rejects non-finite ones', () => {
    expect(quoteValue(10)).toBe('10');
    expect(quoteValue(-0)).toBe('0');
    expect(quoteValue(1e21)).toBe('1000000000000000000000');
    expect(quoteValue(1.5e-7)).toBe('0.00000015');
    expect(quoteValue(-2.5e-10)).toBe('-0.00000000025');
    expect(quoteValue(1.25e22 + 0.5)).toBe('12500000000000000000000');
    for (const bad of [Number.NaN, Infinity, -Infinity]) expect(() => quoteValue(bad)).toThrow(QueryError);
    expect(() => quoteValue(undefined as never)).toThrow(QueryError);
  });

  it('round-trips every finite double through the number form of the grammar', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = quoteValue(value);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps any user string inside exactly one string token (injection property)', () => {
    const prefix = tokenize('select context_type, id, name from Project where name is');
    fc.assert(
      fc.property(hostileString, (name) => {
        const tokens = tokenize(q.Project.where((x) => x.name.eq(name)).toString());
        expect(tokens.slice(0, -1)).toEqual(prefix);
        expect(tokens.filter((t) => t.type === 'string')).toEqual([{ type: 'string', value: name }]);
        expect(tokens.at(-1)).toEqual({ type: 'string', value: name });
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps strings in like patterns and in-lists inside their tokens too', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        const tokens = tokenize(q.Project.where((x) => x.name.like(a).or(x.full_name.in([a, b]))).toString());
        expect(tokens.filter((t) => t.type === 'string').map((t) => t.value)).toEqual([a, a, b]);
      }),
      { numRuns: 1000 },
    );
  });
});
