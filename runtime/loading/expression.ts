import { QueryError } from '../errors.js';

/** A query expression with a trailing `offset` / `limit` taken out. */
export interface PagedExpression {
  /** The expression without its trailing `offset N` / `limit N` clauses. */
  readonly base: string;
  readonly offset: number | undefined;
  readonly limit: number | undefined;
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly quoted: boolean;
}

/**
 * Splits the trailing `offset N` and `limit N` clauses (either order, any case) off an
 * expression. Only top-level trailing words count: text inside quoted strings is never read.
 *
 * @example splitPaging('Task where name is "x limit 5" offset 10 limit 20')
 * // { base: 'Task where name is "x limit 5"', offset: 10, limit: 20 }
 */
export function splitPaging(expression: string): PagedExpression {
  const tokens = tokenize(expression);
  let end = tokens.length;
  let offset: number | undefined;
  let limit: number | undefined;
  for (let round = 0; round < 2 && end >= 2; round++) {
    const keyword = tokens[end - 2]!;
    const number = tokens[end - 1]!;
    if (keyword.quoted || number.quoted || !/^\d+$/.test(number.text)) break;
    const word = keyword.text.toLowerCase();
    if (word === 'offset' && offset === undefined) offset = Number(number.text);
    else if (word === 'limit' && limit === undefined) limit = Number(number.text);
    else break;
    end -= 2;
  }
  const base = end === tokens.length ? expression.trim() : expression.slice(0, tokens[end]!.start).trim();
  return { base, offset, limit };
}

/** True when the expression starts with `select` (any case). */
export function hasSelect(expression: string): boolean {
  return /^\s*select\b/i.test(expression);
}

/** The entity type of a projection-less expression (`Project where …` → `Project`). */
export function leadingTypeName(expression: string): string {
  const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?=\s|$)/.exec(expression);
  if (match === null) {
    throw new QueryError(`Cannot read the entity type at the start of the query "${expression}" (expected e.g. "Project where …").`, {
      cause: { expression },
    });
  }
  return match[1]!;
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = expression.length;
  while (i < n) {
    const ch = expression[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"' || ch === "'") {
      const start = i++;
      while (i < n && expression[i] !== ch) i += expression[i] === '\\' ? 2 : 1;
      i++;
      tokens.push({ text: expression.slice(start, Math.min(i, n)), start, quoted: true });
    } else if ('(),=!<>'.includes(ch)) {
      tokens.push({ text: ch, start: i, quoted: false });
      i++;
    } else {
      const start = i;
      while (i < n && !/[\s"'(),=!<>]/.test(expression[i]!)) i++;
      tokens.push({ text: expression.slice(start, i), start, quoted: false });
    }
  }
  return tokens;
}
