import { QueryError } from '../errors.js';
import { lexQuery, type QueryToken } from '../protocol/query-lexer.js';

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
