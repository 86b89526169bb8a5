import { apiError } from '../api/api-error.js';
import { skipQuotedName } from '../../runtime/protocol/path-segments.js';

/** A lexical token of the query language, with its offset in the expression. */
export interface Token {
  readonly kind: 'word' | 'number' | 'string' | 'symbol' | 'end';
  /** Source text for words, numbers and symbols; the unescaped content for strings. */
  readonly text: string;
  readonly position: number;
}

const SYMBOLS = ['!=', '>=', '<=', '=', '>', '<', '(', ')', ','] as const;
const NUMBER = /^-?\d+(\.\d+)?$/;
const DELIMITERS = new Set([' ', '\t', '\n', '\r', '"', "'", '(', ')', ',', '=', '!', '<', '>']);

/**
 * Splits a query expression into tokens (spec 5.2): quoted strings with backslash escapes,
 * self-delimiting symbols, and maximal runs of other characters (paths, keywords, bare words, numbers);
 * a backtick-quoted attribute name inside such a run may hold any character (see path-segments.ts).
 *
 * @example
 * tokenize('name is "a\\"b"and x=1'); // word name, word is, string a"b, word and, word x, symbol =, number 1
 */
export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const ch = expression[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const start = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= expression.length) throw syntaxError(expression, start, `a closing ${ch} for the string started here`);
        const c = expression[i]!;
        if (c === '\\' && i + 1 < expression.length) {
          text += expression[i + 1];
          i += 2;
        } else if (c === ch) {
          i++;
          break;
        } else {
          text += c;
          i++;
        }
      }
      tokens.push({ kind: 'string', text, position: start });
      continue;
    }
    const symbol = SYMBOLS.find((s) => expression.startsWith(s, i));
    if (symbol !== undefined) {
      tokens.push({ kind: 'symbol', text: symbol, position: i });
      i += symbol.length;
      continue;
    }
    if (ch === '!') throw syntaxError(expression, i, '"!=" (a lone "!" is not an operator)');
    const start = i;
    while (i < expression.length && !DELIMITERS.has(expression[i]!)) {
      if (expression[i] !== '`') i++;
      else if ((i = skipQuotedName(expression, i)) < 0) throw syntaxError(expression, start, 'a closing ` for the attribute name started here');
    }
    const text = expression.slice(start, i);
    tokens.push({ kind: NUMBER.test(text) ? 'number' : 'word', text, position: start });
  }
  tokens.push({ kind: 'end', text: '', position: expression.length });
  return tokens;
}

/** `ParseError` naming the position and what was expected. */
export function syntaxError(expression: string, position: number, expected: string, found?: string): Error {
  const near = expression.slice(position, position + 20);
  const got = found ?? (near === '' ? 'end of query' : JSON.stringify(near));
  return apiError('ParseError', `Syntax error at position ${position}: expected ${expected}, found ${got}.`, 'query_syntax');
}
