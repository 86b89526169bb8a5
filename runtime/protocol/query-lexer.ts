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

const NUMBER = /^-?\d+(\.\d+)?$/;
const SPACE = 32;
const TAB = 9;
const NEWLINE = 10;
const RETURN = 13;
const BACKSLASH = 92;
const BACKTICK = 96;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BANG = 33;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const COMMA = 44;
const LESS = 60;
const EQUALS = 61;
const GREATER = 62;
/** Character codes that end a run of other characters: whitespace, quotes and the symbols' characters. */
const DELIMITER = new Uint8Array(128);
for (const char of ' \t\n\r"\'(),=!<>') DELIMITER[char.charCodeAt(0)] = 1;

/** The symbol at `i` (two-character operators first), or undefined. */
function symbolAt(expression: string, i: number, code: number): string | undefined {
  switch (code) {
    case OPEN_PAREN:
      return '(';
    case CLOSE_PAREN:
      return ')';
    case COMMA:
      return ',';
    case EQUALS:
      return '=';
    case BANG:
      return expression.charCodeAt(i + 1) === EQUALS ? '!=' : undefined;
    case GREATER:
      return expression.charCodeAt(i + 1) === EQUALS ? '>=' : '>';
    case LESS:
      return expression.charCodeAt(i + 1) === EQUALS ? '<=' : '<';
    default:
      return undefined;
  }
}

/** The unescaped content of the string whose opening quote is at `start`, and the offset after its closing quote. */
function readString(expression: string, start: number, fail: LexicalErrorFactory): { text: string; end: number } {
  const quote = expression.charCodeAt(start);
  let text = '';
  let from = start + 1;
  for (let i = from; ; i++) {
    if (i >= expression.length) throw fail(start, `a closing ${expression[start]} for the string started here`);
    const code = expression.charCodeAt(i);
    if (code === quote) return { text: text + expression.slice(from, i), end: i + 1 };
    if (code === BACKSLASH && i + 1 < expression.length) {
      text += expression.slice(from, i);
      i++;
      from = i;
    }
  }
}

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
    const code = expression.charCodeAt(i);
    if (code === SPACE || code === TAB || code === NEWLINE || code === RETURN) {
      i++;
    } else if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const { text, end } = readString(expression, i, fail);
      tokens.push({ kind: 'string', text, position: i });
      i = end;
    } else {
      const symbol = symbolAt(expression, i, code);
      if (symbol !== undefined) {
        tokens.push({ kind: 'symbol', text: symbol, position: i });
        i += symbol.length;
        continue;
      }
      if (code === BANG) throw fail(i, '"!=" (a lone "!" is not an operator)');
      const start = i;
      for (let c = code; i < expression.length && (c >= 128 || DELIMITER[c] === 0); c = expression.charCodeAt(i)) {
        if (c !== BACKTICK) i++;
        else if ((i = skipQuotedName(expression, i)) < 0) throw fail(start, 'a closing ` for the attribute name started here');
      }
      const text = expression.slice(start, i);
      tokens.push({ kind: NUMBER.test(text) ? 'number' : 'word', text, position: start });
    }
  }
  tokens.push({ kind: 'end', text: '', position: expression.length });
  return tokens;
}
