import { QueryError } from '../errors.js';
import { lexQuery, type QueryToken } from '../protocol/query-lexer.js';
import type { Literal } from './nodes.js';

export type { QueryToken };

/**
 * The tokens of a raw expression (runtime/protocol/query-lexer.ts), a lexical problem thrown as a
 * `QueryError` with the position.
 *
 * @example tokenizeQuery('key=fps') // word key, symbol =, word fps, end
 */
export function tokenizeQuery(expression: string): QueryToken[] {
  return lexQuery(expression, (position, expected) => querySyntaxError(expression, position, expected));
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

/** The literal of a value token: strings and keywords by meaning, other bare tokens as written. */
export function literalOf(token: QueryToken): Literal {
  if (token.kind === 'string') return token.text;
  if (token.kind === 'number' && String(Number(token.text)) === token.text) return Number(token.text);
  // A bare word holding a backtick is still a string to the server; quoted, it reads the same.
  if (token.text.includes('`')) return token.text;
  const lower = token.text.toLowerCase();
  if (lower === 'none' || lower === 'null') return null;
  if (lower === 'true' || lower === 'false') return lower === 'true';
  return { kind: 'raw', text: token.text };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * A cursor over the tokens of a raw expression for the parser: what comes next, the whitespace
 * written before it, the source text of a token, and errors naming the position.
 */
export class TokenCursor {
  readonly source: string;
  readonly #tokens: QueryToken[];
  #index = 0;

  constructor(source: string) {
    this.source = source;
    this.#tokens = tokenizeQuery(source);
  }

  peek(offset = 0): QueryToken {
    return this.#tokens[Math.min(this.#index + offset, this.#tokens.length - 1)]!;
  }

  /** Consumes the current token. */
  next(): QueryToken {
    const token = this.peek();
    this.#index = Math.min(this.#index + 1, this.#tokens.length - 1);
    return token;
  }

  /** The whitespace written before the current token (before the end: after the last token). */
  gap(): string {
    const position = this.peek().position;
    let start = position;
    while (start > 0 && WHITESPACE.has(this.source[start - 1]!)) start--;
    return this.source.slice(start, position);
  }

  /** The source text of the token just consumed (a string with its quotes and escapes). */
  previousText(): string {
    const previous = this.#tokens[this.#index - 1]!;
    return this.source.slice(previous.position, this.peek().position - this.gap().length);
  }

  isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  isSymbol(symbol: string): boolean {
    const token = this.peek();
    return token.kind === 'symbol' && token.text === symbol;
  }

  /** Consumes `symbol`, else fails naming it. */
  expectSymbol(symbol: string): void {
    if (!this.isSymbol(symbol)) this.fail(`"${symbol}"`);
    this.next();
  }

  /** Consumes `word` and returns it as written, else fails with `expected`. */
  expectWord(word: string, expected: string): string {
    if (!this.isWord(word)) this.fail(expected);
    return this.next().text;
  }

  fail(expected: string): never {
    const token = this.peek();
    const found = token.kind === 'end' ? 'end of query' : token.kind === 'string' ? `the string ${JSON.stringify(token.text)}` : `"${token.text}"`;
    throw querySyntaxError(this.source, token.position, expected, found);
  }
}
