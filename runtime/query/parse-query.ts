import type { AggregateFunction, ComparisonOperator, ConditionNode, Literal, OrderNode, PathNode, ProjectionNode, QueryNode, ValueNode } from './nodes.js';
import {
  aggregateNode,
  comparisonNode,
  junctionNode,
  membershipNode,
  notNode,
  orderNode,
  pathNode,
  queryNode,
  relationNode,
  valueNode,
} from './node-factory.js';
import { readPathSegments } from '../protocol/path-segments.js';
import { querySyntaxError, tokenizeQuery, type QueryToken } from './query-tokens.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const AGGREGATES: ReadonlySet<string> = new Set(['count', 'sum', 'avg', 'min', 'max']);
const OPERATOR_WORDS: ReadonlySet<string> = new Set(['is', 'is_not', 'after', 'greater_than', 'before', 'less_than', 'like', 'not_like']);
const OPERATOR_SYMBOLS: ReadonlySet<string> = new Set(['=', '!=', '>', '<', '>=', '<=']);
const DIRECTIONS: Readonly<Record<string, 'asc' | 'desc'>> = { asc: 'asc', ascending: 'asc', desc: 'desc', descending: 'desc' };
/** Deepest nesting of parentheses, `not`, `has`/`any` bodies and subqueries (as the local server). */
const MAX_DEPTH = 256;

/**
 * Parses a raw ftrack expression into the query AST the builder makes, so that a string and a
 * builder travel the same way (`compileQuery` writes it back). Everything ftrack's grammar has is
 * read: `select` (optional: without it the session adds the default projections), aggregates,
 * `where` with `and`/`or`/`not`/parentheses, every comparison operator and alias, `in`/`not_in`
 * with values or a subquery, `has`/`any`, `group by`, `order by`, `offset`, `limit`, backtick-quoted
 * attribute names. Keywords are matched in any case, and only where the grammar expects them.
 * Layout is not kept: the compiled text is the canonical form (single spaces, no redundant
 * parentheses, `"…"` strings, `true`/`false`/`None`, `asc` written out, offset before limit); bare
 * words and numbers keep their text.
 *
 * @example compileQuery(parseQuery('Task where (name is "x"and bid>1) LIMIT 5'))
 * // Task where name is "x" and bid > 1 limit 5
 * @throws QueryError naming the position and what was expected, for text that is not ftrack syntax.
 */
export function parseQuery(expression: string): QueryNode {
  if (typeof expression !== 'string') throw querySyntaxError(String(expression), 0, 'a query expression (a string)');
  const parser = new Parser(expression);
  const node = parser.query();
  parser.expectEnd();
  return node;
}

class Parser {
  readonly #source: string;
  readonly #tokens: QueryToken[];
  #index = 0;
  #depth = 0;

  constructor(source: string) {
    this.#source = source;
    this.#tokens = tokenizeQuery(source);
  }

  query(): QueryNode {
    let projections: ProjectionNode[] = [];
    if (this.#isWord('select')) {
      this.#index++;
      projections = [this.#projection()];
      while (this.#acceptSymbol(',')) projections.push(this.#projection());
      this.#expectWord('from', '"," or "from"');
    }
    const entityType = this.#entityType();
    const where = this.#acceptWord('where') ? this.#condition() : undefined;
    let groupBy: PathNode[] | undefined;
    let orderBy: OrderNode[] | undefined;
    let offset: number | undefined;
    let limit: number | undefined;
    for (;;) {
      if (groupBy === undefined && this.#isWord('group') && this.#isWord('by', 1)) {
        this.#index += 2;
        groupBy = [this.#path()];
        while (this.#acceptSymbol(',')) groupBy.push(this.#path());
      } else if (orderBy === undefined && this.#isWord('order') && this.#isWord('by', 1)) {
        this.#index += 2;
        orderBy = [this.#orderItem()];
        while (this.#acceptSymbol(',')) orderBy.push(this.#orderItem());
      } else if (offset === undefined && this.#acceptWord('offset')) {
        offset = this.#integer('offset');
      } else if (limit === undefined && this.#acceptWord('limit')) {
        limit = this.#integer('limit');
      } else break;
    }
    return queryNode({ entityType, projections, defaultProjections: projections.length === 0, where, groupBy, orderBy: orderBy ?? [], offset, limit });
  }

  expectEnd(): void {
    if (this.#peek().kind !== 'end') this.#fail('"and", "or", "group by", "order by", "offset", "limit" or the end of the query');
  }

  #projection(): ProjectionNode {
    const token = this.#peek();
    const fn = token.text.toLowerCase();
    if (token.kind === 'word' && AGGREGATES.has(fn) && this.#peek(1).kind === 'symbol' && this.#peek(1).text === '(') {
      this.#index += 2;
      const path = this.#path();
      this.#expectSymbol(')');
      return aggregateNode(fn as AggregateFunction, path);
    }
    // `select from Task`: no projection (an attribute named `from` is still allowed).
    if (this.#isWord('from') && this.#peek(1).kind === 'word' && !this.#isWord('from', 1)) this.#fail('an attribute path');
    return this.#path();
  }

  #entityType(): string {
    const token = this.#peek();
    if (token.kind !== 'word' || !IDENTIFIER.test(token.text)) this.#fail('an entity type name');
    this.#index++;
    return token.text;
  }

  #path(): PathNode {
    const token = this.#peek();
    const segments = token.kind === 'word' ? readPathSegments(token.text) : undefined;
    if (segments === undefined) this.#fail('an attribute path');
    this.#index++;
    return pathNode(segments);
  }

  #orderItem(): OrderNode {
    const path = this.#path();
    const token = this.#peek();
    const direction = token.kind === 'word' ? DIRECTIONS[token.text.toLowerCase()] : undefined;
    if (direction !== undefined) this.#index++;
    return orderNode(path, direction ?? 'asc');
  }

  #integer(clause: string): number {
    const token = this.#peek();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text) || !Number.isSafeInteger(Number(token.text))) {
      this.#fail(`a non-negative integer after "${clause}"`);
    }
    this.#index++;
    return Number(token.text);
  }

  #condition(): ConditionNode {
    const items = [this.#and()];
    while (this.#acceptWord('or')) items.push(this.#and());
    return junctionNode('or', items);
  }

  #and(): ConditionNode {
    const items = [this.#unary()];
    while (this.#acceptWord('and')) items.push(this.#unary());
    return junctionNode('and', items);
  }

  #unary(): ConditionNode {
    if (this.#isWord('not')) {
      this.#enter();
      this.#index++;
      const operand = this.#unary();
      this.#depth--;
      return notNode(operand);
    }
    if (this.#acceptSymbol('(')) {
      this.#enter();
      const inner = this.#condition();
      this.#expectSymbol(')');
      this.#depth--;
      return inner;
    }
    return this.#atom();
  }

  #atom(): ConditionNode {
    const path = this.#path();
    const token = this.#peek();
    const word = token.kind === 'word' ? token.text.toLowerCase() : undefined;
    if (word === 'has' || word === 'any') {
      this.#index++;
      this.#expectSymbol('(');
      this.#enter();
      const body = this.#peek().kind === 'symbol' && this.#peek().text === ')' ? undefined : this.#condition();
      this.#expectSymbol(')');
      this.#depth--;
      return relationNode(path, word, body);
    }
    if (word === 'in' || word === 'not_in') {
      this.#index++;
      this.#expectSymbol('(');
      const negated = word === 'not_in';
      if (this.#isWord('select')) {
        this.#enter();
        const subquery = this.#subquery();
        this.#expectSymbol(')');
        this.#depth--;
        return membershipNode(path, negated, subquery);
      }
      const values = [this.#value()];
      while (this.#acceptSymbol(',')) values.push(this.#value());
      this.#expectSymbol(')');
      return membershipNode(path, negated, values);
    }
    const operator = token.kind === 'symbol' ? (OPERATOR_SYMBOLS.has(token.text) ? token.text : undefined) : word !== undefined && OPERATOR_WORDS.has(word) ? word : undefined;
    if (operator === undefined) this.#fail('an operator (is, is_not, =, !=, >, <, >=, <=, after, before, like, not_like, in, not_in, has, any)');
    this.#index++;
    return comparisonNode(path, operator as ComparisonOperator, this.#value());
  }

  /** `select <path> from <Type> [where …]` inside `in (…)`. */
  #subquery(): QueryNode {
    this.#index++;
    const projection = this.#path();
    this.#expectWord('from', '"from" (a subquery selects exactly one attribute)');
    const entityType = this.#entityType();
    const where = this.#acceptWord('where') ? this.#condition() : undefined;
    return queryNode({ entityType, projections: [projection], defaultProjections: false, where, orderBy: [], offset: undefined, limit: undefined });
  }

  #value(): ValueNode {
    const token = this.#peek();
    if (token.kind === 'string' || token.kind === 'number' || token.kind === 'word') {
      this.#index++;
      return valueNode(literalOf(token));
    }
    this.#fail('a value (quoted string, number, bare word, None, true or false)');
  }

  #enter(): void {
    if (++this.#depth > MAX_DEPTH) {
      throw querySyntaxError(this.#source, this.#peek().position, `at most ${MAX_DEPTH} levels of nesting (parentheses, "not", "has"/"any" bodies and subqueries count)`);
    }
  }

  #peek(offset = 0): QueryToken {
    return this.#tokens[Math.min(this.#index + offset, this.#tokens.length - 1)]!;
  }

  #isWord(word: string, offset = 0): boolean {
    const token = this.#peek(offset);
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  #acceptWord(word: string): boolean {
    if (!this.#isWord(word)) return false;
    this.#index++;
    return true;
  }

  #acceptSymbol(symbol: string): boolean {
    const token = this.#peek();
    if (token.kind !== 'symbol' || token.text !== symbol) return false;
    this.#index++;
    return true;
  }

  #expectSymbol(symbol: string): void {
    if (!this.#acceptSymbol(symbol)) this.#fail(`"${symbol}"`);
  }

  #expectWord(word: string, expected: string): void {
    if (!this.#acceptWord(word)) this.#fail(expected);
  }

  #fail(expected: string): never {
    const token = this.#peek();
    const found = token.kind === 'end' ? 'end of query' : token.kind === 'string' ? `the string ${JSON.stringify(token.text)}` : `"${token.text}"`;
    throw querySyntaxError(this.#source, token.position, expected, found);
  }
}

/** The literal of a value token: strings and keywords by meaning, other bare tokens as written. */
function literalOf(token: QueryToken): Literal {
  if (token.kind === 'string') return token.text;
  if (token.kind === 'number' && String(Number(token.text)) === token.text) return Number(token.text);
  // A bare word holding a backtick is still a string to the server; quoted, it reads the same.
  if (token.text.includes('`')) return token.text;
  const lower = token.text.toLowerCase();
  if (lower === 'none' || lower === 'null') return null;
  if (lower === 'true' || lower === 'false') return lower === 'true';
  return { kind: 'raw', text: token.text };
}

