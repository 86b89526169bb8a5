import type { AggregateFunction, CompareOperator, Condition, Literal, OrderItem, PathRef, Projection, Query, SubQuery } from './ast.js';
import { apiError } from '../api/api-error.js';
import { longestWildcardPiece, MAX_WILDCARD_PIECE } from './like-matcher.js';
import { readPathSegments } from '../../runtime/protocol/path-segments.js';
import { syntaxError, tokenize, type Token } from './tokenizer.js';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const AGGREGATES: ReadonlySet<string> = new Set(['count', 'sum', 'avg', 'min', 'max']);
const WORD_OPERATORS: Readonly<Record<string, CompareOperator>> = {
  is: 'eq', is_not: 'ne', after: 'gt', greater_than: 'gt', before: 'lt', less_than: 'lt', like: 'like', not_like: 'not_like',
};
const SYMBOL_OPERATORS: Readonly<Record<string, CompareOperator>> = { '=': 'eq', '!=': 'ne', '>': 'gt', '<': 'lt', '>=': 'ge', '<=': 'le' };
const DIRECTIONS: Readonly<Record<string, boolean>> = { asc: false, ascending: false, desc: true, descending: true };
/** Deepest nesting of parentheses, `not`, `has`/`any` bodies and subqueries a condition may have. */
export const MAX_CONDITION_DEPTH = 256;

/**
 * Parses a query expression (spec 5.3) by recursive descent. Keywords are matched
 * case-insensitively and only where the grammar expects them, so attributes named like
 * keywords (`group`, `default`) work in path position.
 *
 * @example
 * parseQuery('select name from Task where status.state.short is DONE limit 2');
 * @throws WireError `ParseError` naming the position and what was expected.
 */
export function parseQuery(expression: string): Query {
  const parser = new Parser(expression);
  const query = parser.query();
  parser.expectEnd();
  return query;
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  /** Current nesting depth; bounded so a hostile query cannot exhaust the stack. */
  private depth = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  query(): Query {
    let select: Projection[] | undefined;
    if (this.isWord('select')) {
      this.index++;
      select = [this.projection()];
      while (this.acceptSymbol(',')) select.push(this.projection());
      this.expectWord('from', '"," or "from"');
    }
    const typeToken = this.entityType();
    let where: Condition | undefined;
    let groupBy: PathRef[] | undefined;
    let orderBy: OrderItem[] = [];
    let offset: number | undefined;
    let limit: number | undefined;
    if (this.isWord('where')) {
      this.index++;
      where = this.condition();
    }
    for (;;) {
      if (groupBy === undefined && this.isWord('group') && this.isWord('by', 1)) {
        this.index += 2;
        groupBy = [this.path()];
        while (this.acceptSymbol(',')) groupBy.push(this.path());
      } else if (orderBy.length === 0 && this.isWord('order') && this.isWord('by', 1)) {
        this.index += 2;
        orderBy = [this.orderItem()];
        while (this.acceptSymbol(',')) orderBy.push(this.orderItem());
      } else if (offset === undefined && this.isWord('offset')) {
        this.index++;
        offset = this.integer('offset');
      } else if (limit === undefined && this.isWord('limit')) {
        this.index++;
        limit = this.integer('limit');
      } else break;
    }
    return { select, entityType: typeToken.text, typePosition: typeToken.position, where, groupBy, orderBy, offset, limit };
  }

  expectEnd(): void {
    if (this.peek().kind !== 'end') {
      throw this.error('"and", "or", "order by", "group by", "offset", "limit" or end of query');
    }
  }

  private projection(): Projection {
    const token = this.peek();
    if (token.kind === 'word' && AGGREGATES.has(token.text.toLowerCase()) && this.peek(1).text === '(') {
      this.index += 2;
      const target = this.path();
      this.expectSymbol(')');
      return { kind: 'aggregate', fn: token.text.toLowerCase() as AggregateFunction, target };
    }
    // `select from Task`: the projection list is empty (an attribute named `from` is still allowed).
    if (this.isWord('from') && this.peek(1).kind === 'word' && !this.isWord('from', 1)) throw this.error('an attribute path');
    return { kind: 'path', target: this.path() };
  }

  private entityType(): Token {
    const token = this.peek();
    if (token.kind !== 'word' || !IDENT.test(token.text)) throw this.error('an entity type name');
    this.index++;
    return token;
  }

  private path(): PathRef {
    const token = this.peek();
    const segments = token.kind === 'word' ? readPathSegments(token.text) : undefined;
    if (segments === undefined) throw this.error('an attribute path');
    this.index++;
    return { path: segments, position: token.position };
  }

  private orderItem(): OrderItem {
    const target = this.path();
    const token = this.peek();
    const direction = token.kind === 'word' ? DIRECTIONS[token.text.toLowerCase()] : undefined;
    if (direction !== undefined) this.index++;
    return { target, descending: direction ?? false };
  }

  private integer(clause: string): number {
    const token = this.peek();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) throw this.error(`a non-negative integer after "${clause}"`);
    this.index++;
    return Number(token.text);
  }

  condition(): Condition {
    const items = [this.andExpression()];
    while (this.isWord('or')) {
      this.index++;
      items.push(this.andExpression());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private andExpression(): Condition {
    const items = [this.unary()];
    while (this.isWord('and')) {
      this.index++;
      items.push(this.unary());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private unary(): Condition {
    if (this.isWord('not')) {
      this.enter();
      this.index++;
      const operand = this.unary();
      this.depth--;
      return { kind: 'not', operand };
    }
    if (this.acceptSymbol('(')) {
      this.enter();
      const inner = this.condition();
      this.expectSymbol(')');
      this.depth--;
      return inner;
    }
    return this.atom();
  }

  /** One level deeper; a ParseError beyond MAX_CONDITION_DEPTH (iterating, not recursing, is unaffected). */
  private enter(): void {
    if (++this.depth > MAX_CONDITION_DEPTH) {
      const position = this.peek().position;
      throw apiError(
        'ParseError',
        `Syntax error at position ${position}: the condition nests deeper than ${MAX_CONDITION_DEPTH} levels (parentheses, "not", "has"/"any" bodies and subqueries count).`,
        'query_too_deep',
      );
    }
  }

  private atom(): Condition {
    const target = this.path();
    const token = this.peek();
    const word = token.kind === 'word' ? token.text.toLowerCase() : undefined;
    if (word === 'has' || word === 'any') {
      this.index++;
      this.expectSymbol('(');
      this.enter();
      const body = this.peek().text === ')' && this.peek().kind === 'symbol' ? undefined : this.condition();
      this.expectSymbol(')');
      this.depth--;
      return { kind: word, target, body };
    }
    if (word === 'in' || word === 'not_in') {
      this.index++;
      this.expectSymbol('(');
      const negated = word === 'not_in';
      if (this.isWord('select')) {
        this.enter();
        const query = this.subQuery();
        this.expectSymbol(')');
        this.depth--;
        return { kind: 'in_query', target, negated, query };
      }
      const values = [this.literal()];
      while (this.acceptSymbol(',')) values.push(this.literal());
      this.expectSymbol(')');
      return { kind: 'in', target, negated, values };
    }
    const operator = token.kind === 'symbol' ? SYMBOL_OPERATORS[token.text] : word === undefined ? undefined : WORD_OPERATORS[word];
    if (operator === undefined) throw this.error('an operator (is, is_not, =, !=, >, <, >=, <=, like, not_like, in, not_in, has, any)');
    this.index++;
    const value = this.literal();
    if ((operator === 'like' || operator === 'not_like') && value.kind === 'string') checkLikePattern(value.value, token.position);
    return { kind: 'compare', target, operator, value };
  }

  private subQuery(): SubQuery {
    this.index++;
    const projection = this.path();
    this.expectWord('from', '"from" (a subquery selects exactly one attribute)');
    const typeToken = this.entityType();
    let whereClause: Condition | undefined;
    if (this.isWord('where')) {
      this.index++;
      whereClause = this.condition();
    }
    return { projection, entityType: typeToken.text, typePosition: typeToken.position, where: whereClause };
  }

  private literal(): Literal {
    const token = this.peek();
    if (token.kind === 'string') {
      this.index++;
      return { kind: 'string', value: token.text, text: token.text };
    }
    if (token.kind === 'number') {
      this.index++;
      return { kind: 'number', value: Number(token.text), text: token.text };
    }
    if (token.kind === 'word') {
      this.index++;
      const lower = token.text.toLowerCase();
      if (lower === 'none' || lower === 'null') return { kind: 'null', text: token.text };
      if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true', text: token.text };
      return { kind: 'string', value: token.text, text: token.text };
    }
    throw this.error('a value (quoted string, number, bare word, None, true or false)');
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  private acceptSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token.kind === 'symbol' && token.text === symbol) {
      this.index++;
      return true;
    }
    return false;
  }

  private expectSymbol(symbol: string): void {
    if (!this.acceptSymbol(symbol)) throw this.error(`"${symbol}"`);
  }

  private expectWord(word: string, expected: string): void {
    if (!this.isWord(word)) throw this.error(expected);
    this.index++;
  }

  private error(expected: string): Error {
    const token = this.peek();
    const found = token.kind === 'end' ? 'end of query' : token.kind === 'string' ? `the string ${JSON.stringify(token.text)}` : `"${token.text}"`;
    return syntaxError(this.source, token.position, expected, found);
  }
}

/**
 * A `like` piece holding `_` costs ⌈length/32⌉ word operations per character of each value it
 * scans: its length is bounded so that no pattern makes a scan more than a small constant times linear.
 */
function checkLikePattern(pattern: string, position: number): void {
  const longest = longestWildcardPiece(pattern);
  if (longest <= MAX_WILDCARD_PIECE) return;
  throw apiError(
    'ParseError',
    `Syntax error at position ${position}: a like pattern holds a run of ${longest} characters with "_" between two "%"; at most ${MAX_WILDCARD_PIECE} are allowed.`,
    'like_pattern_too_long',
  );
}
