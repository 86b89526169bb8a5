import { skipQuotedName } from './path-segments.js';

/** A lexical token of an ftrack query expression, with its offset in the expression. */
export interface QueryToken {
  readonly kind: 'word' | 'number' | 'string' | 'symbol' | 'end';
  /** Source text for words, numbers and symbols; the unescaped content for strings. */
  readonly text: string;
  readonly position: number;
}

/** Builds the error for a lexical problem at `position` (`expected` says what should be there). */
export type LexicalErrorFactory = (position: number, expected: string) => Error;

const SYMBOLS = ['!=', '>=', '<=', '=', '>', '<', '(', ')', ','] as const;
const NUMBER = /^-?\d+(\.\d+)?$/;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const DELIMITERS = new Set([...WHITESPACE, '"', "'", '(', ')', ',', '=', '!', '<', '>']);

/**
 * Splits an expression into tokens (spec 5.2; shared by the session's query parser and the local
 * server's): quoted strings (`"…"` or `'…'`, `\` escapes the next character), self-delimiting
 * symbols, and maximal runs of other characters (paths, keywords, bare words, numbers); a
 * backtick-quoted attribute name inside a run may hold any character. An unterminated quote or a
 * lone `!` is thrown as `fail` builds it.
 *
 * @example lexQuery('name is "a\\"b"and x=1', fail) // word name, word is, string a"b, word and, word x, symbol =, number 1, end
 */
export function lexQuery(expression: string, fail: LexicalErrorFactory): QueryToken[] {
  const tokens: QueryToken[] = [];
  let i = 0;
  while (i < expression.length) {
    const char = expression[i]!;
    if (WHITESPACE.has(char)) {
      i++;
    } else if (char === '"' || char === "'") {
      const start = i;
      let text = '';
      for (i++; ; ) {
        if (i >= expression.length) throw fail(start, `a closing ${char} for the string started here`);
        const c = expression[i]!;
        if (c === char) break;
        if (c === '\\' && i + 1 < expression.length) i++;
        text += expression[i];
        i++;
      }
      i++;
      tokens.push({ kind: 'string', text, position: start });
    } else {
      const symbol = SYMBOLS.find((s) => expression.startsWith(s, i));
      if (symbol !== undefined) {
        tokens.push({ kind: 'symbol', text: symbol, position: i });
        i += symbol.length;
        continue;
      }
      if (char === '!') throw fail(i, '"!=" (a lone "!" is not an operator)');
      const start = i;
      while (i < expression.length && !DELIMITERS.has(expression[i]!)) {
        if (expression[i] !== '`') i++;
        else if ((i = skipQuotedName(expression, i)) < 0) throw fail(start, 'a closing ` for the attribute name started here');
      }
      const text = expression.slice(start, i);
      tokens.push({ kind: NUMBER.test(text) ? 'number' : 'word', text, position: start });
    }
  }
  tokens.push({ kind: 'end', text: '', position: expression.length });
  return tokens;
}
