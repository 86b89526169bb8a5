import { apiError } from '../api/api-error.js';
import { lexQuery, type QueryToken } from '../../runtime/protocol/query-lexer.js';

/** A lexical token of the query language (the shared lexer's). */
export type Token = QueryToken;

/**
 * Splits a query expression into tokens (spec 5.2; runtime/protocol/query-lexer.ts), a lexical
 * problem thrown as a `ParseError` naming the position.
 *
 * @example
 * tokenize('name is "a\\"b"and x=1'); // word name, word is, string a"b, word and, word x, symbol =, number 1
 */
export function tokenize(expression: string): Token[] {
  return lexQuery(expression, (position, expected) => syntaxError(expression, position, expected));
}

/** `ParseError` naming the position and what was expected. */
export function syntaxError(expression: string, position: number, expected: string, found?: string): Error {
  const near = expression.slice(position, position + 20);
  const got = found ?? (near === '' ? 'end of query' : JSON.stringify(near));
  return apiError('ParseError', `Syntax error at position ${position}: expected ${expected}, found ${got}.`, 'query_syntax');
}
