import { QueryError } from '../errors.js';
import { skipQuotedName } from '../protocol/path-segments.js';

/** A lexical token of a raw ftrack expression, with its offset in the expression. */
export interface QueryToken {
  readonly kind: 'word' | 'number' | 'string' | 'symbol' | 'end';
  /** Source text for words, numbers and symbols; the unescaped content for strings. */
  readonly text: string;
  readonly position: number;
}

const SYMBOLS = ['!=', '>=', '<=', '=', '>', '<', '(', ')', ','] as const;
const NUMBER = /^-?\d+(\.\d+)?$/;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const DELIMITERS = new Set([...WHITESPACE, '"', "'", '(', ')', ',', '=', '!', '<', '>']);

/**
 * Splits a raw expression into tokens (ftrack's lexical rules): quoted strings (`"…"` or `'…'`,
 * `\` escapes the next character), self-delimiting symbols, and maximal runs of other characters
 * (paths, keywords, bare words, numbers); a backtick-quoted attribute name inside a run may hold
 * any character. `QueryError` with the position for an unterminated quote or a lone `!`.
 *
 * @example tokenizeQuery('key=fps') // word key, symbol =, word fps, end
 */
export function tokenizeQuery(expression: string): QueryToken[] {
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
        if (i >= expression.length) throw querySyntaxError(expression, start, `a closing ${char} for the string started here`);
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
      if (char === '!') throw querySyntaxError(expression, i, '"!=" (a lone "!" is not an operator)');
      const start = i;
      while (i < expression.length && !DELIMITERS.has(expression[i]!)) {
        if (expression[i] !== '`') i++;
        else if ((i = skipQuotedName(expression, i)) < 0) throw querySyntaxError(expression, start, 'a closing ` for the attribute name started here');
      }
      const text = expression.slice(start, i);
      tokens.push({ kind: NUMBER.test(text) ? 'number' : 'word', text, position: start });
    }
  }
  tokens.push({ kind: 'end', text: '', position: expression.length });
  return tokens;
}

/**
 * The `QueryError` of a raw expression that is not valid ftrack syntax; the message names the
 * position, and `cause` holds `{ expression, position, expected }`.
 */
export function querySyntaxError(expression: string, position: number, expected: string, found?: string): QueryError {
  const near = expression.slice(position, position + 20);
  const got = found ?? (near === '' ? 'end of query' : JSON.stringify(near));
  return new QueryError(`Syntax error at position ${position} of the query ${JSON.stringify(excerpt(expression))}: expected ${expected}, found ${got}.`, {
    cause: { expression, position, expected },
  });
}

function excerpt(expression: string): string {
  return expression.length <= 200 ? expression : `${expression.slice(0, 200)}…`;
}
