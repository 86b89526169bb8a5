import type {
  AggregateFunction,
  ClauseWritten,
  CountClauseWritten,
  ListClauseWritten,
  OrderNode,
  PathNode,
  ProjectionNode,
  QueryNode,
  QueryWritten,
  SelectWritten,
  TailClause,
} from './nodes.js';
import { aggregateNode, orderNode, queryNode } from './node-factory.js';
import { ConditionParser, freeze, parsePath } from './parse-condition.js';
import { querySyntaxError, TokenCursor } from './query-tokens.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const AGGREGATES: ReadonlySet<string> = new Set(['count', 'sum', 'avg', 'min', 'max']);
const DIRECTIONS: Readonly<Record<string, 'asc' | 'desc'>> = { asc: 'asc', ascending: 'asc', desc: 'desc', descending: 'desc' };

/**
 * Parses a raw ftrack expression into the query AST the builder makes, so that a string and a
 * builder travel the same way. Everything ftrack's grammar has is read: `select` (optional:
 * without it the session adds the default projections), aggregates, `where` with
 * `and`/`or`/`not`/parentheses, every comparison operator and alias, `in`/`not_in` with values or
 * a subquery, `has`/`any`, `group by`, `order by`, `offset`, `limit` (in any order), backtick-quoted
 * attribute names. Keywords are matched in any case, and only where the grammar expects them.
 * The nodes also keep how the expression was written (`written.ts`: whitespace, keyword case,
 * parentheses, `descending`, `True`, quote style, clause order), so `compileQuery` gives it back
 * byte for byte; what is changed on the tree afterwards is written in canonical form.
 *
 * @example compileQuery(parseQuery('Task where (name is "x"and bid>1) LIMIT 5'))
 * // Task where (name is "x"and bid>1) LIMIT 5
 * @throws QueryError naming the position and what was expected, for text that is not ftrack syntax.
 */
export function parseQuery(expression: string): QueryNode {
  if (typeof expression !== 'string') throw querySyntaxError(String(expression), 0, 'a query expression (a string)');
  const parser = new Parser(expression);
  const node = parser.query(true);
  parser.expectEnd();
  return node;
}

class Parser {
  readonly #c: TokenCursor;
  readonly #conditions: ConditionParser;

  constructor(source: string) {
    this.#c = new TokenCursor(source);
    this.#conditions = new ConditionParser(this.#c, () => this.query(false));
  }

  /** A whole query (`top`) or a subquery (`select <path> from <Type> [where …]`). */
  query(top: boolean): QueryNode {
    const c = this.#c;
    const leading = top ? c.gap() : '';
    let projections: ProjectionNode[] = [];
    let select: SelectWritten | undefined;
    let from: ClauseWritten | undefined;
    if (c.isWord('select')) {
      const keyword = c.next().text;
      const after = c.gap();
      const list = top ? this.#list(() => this.#projection()) : { items: [this.#path()], commas: freeze([]) };
      projections = list.items;
      select = freeze({ keyword, after, commas: list.commas });
      const before = c.gap();
      const fromWord = c.expectWord('from', top ? '"," or "from"' : '"from" (a subquery selects exactly one attribute)');
      from = freeze({ before, keyword: fromWord, after: c.gap() });
    }
    const entityType = this.#entityType();
    const whereWritten = c.isWord('where') ? this.#clause(1) : undefined;
    const where = whereWritten === undefined ? undefined : this.#conditions.condition();
    const written: Mutable<QueryWritten> = { leading, trailing: '', tail: [] };
    if (select !== undefined) Object.assign(written, { select, from });
    if (whereWritten !== undefined) written.where = whereWritten;
    let groupBy: PathNode[] | undefined;
    let orderBy: OrderNode[] | undefined;
    let offset: number | undefined;
    let limit: number | undefined;
    const tail: TailClause[] = [];
    for (;;) {
      if (!top) break;
      if (groupBy === undefined && c.isWord('group') && c.isWord('by', 1)) {
        const clause = this.#clause(2);
        const list = this.#list(() => this.#path());
        groupBy = list.items;
        written.groupBy = freeze<ListClauseWritten>({ ...clause, commas: list.commas });
        tail.push('groupBy');
      } else if (orderBy === undefined && c.isWord('order') && c.isWord('by', 1)) {
        const clause = this.#clause(2);
        const list = this.#list(() => this.#orderItem());
        orderBy = list.items;
        written.orderBy = freeze<ListClauseWritten>({ ...clause, commas: list.commas });
        tail.push('orderBy');
      } else if (offset === undefined && c.isWord('offset')) {
        const clause = this.#clause(1);
        written.offset = freeze<CountClauseWritten>({ ...clause, number: c.peek().text });
        offset = this.#integer('offset');
        tail.push('offset');
      } else if (limit === undefined && c.isWord('limit')) {
        const clause = this.#clause(1);
        written.limit = freeze<CountClauseWritten>({ ...clause, number: c.peek().text });
        limit = this.#integer('limit');
        tail.push('limit');
      } else break;
    }
    written.tail = freeze(tail);
    if (top) written.trailing = c.gap();
    return queryNode({
      entityType,
      projections,
      defaultProjections: projections.length === 0,
      where,
      groupBy,
      orderBy: orderBy ?? [],
      offset,
      limit,
      written: freeze(written),
    });
  }

  expectEnd(): void {
    if (this.#c.peek().kind !== 'end') this.#c.fail('"and", "or", "group by", "order by", "offset", "limit" or the end of the query');
  }

  /** A keyword of `words` tokens (`where`, `order by`) with the whitespace around it. */
  #clause(words: 1 | 2): ClauseWritten {
    const c = this.#c;
    const before = c.gap();
    let keyword = c.next().text;
    if (words === 2) keyword += c.gap() + c.next().text;
    return freeze({ before, keyword, after: c.gap() });
  }

  /** `item, item, …` with the whitespace before and after each comma. */
  #list<T>(item: () => T): { items: T[]; commas: readonly string[] } {
    const c = this.#c;
    const items = [item()];
    const commas: string[] = [];
    while (c.isSymbol(',')) {
      commas.push(c.gap());
      c.next();
      commas.push(c.gap());
      items.push(item());
    }
    return { items, commas: freeze(commas) };
  }

  #projection(): ProjectionNode {
    const c = this.#c;
    const token = c.peek();
    const fn = token.text.toLowerCase();
    if (token.kind === 'word' && AGGREGATES.has(fn) && c.peek(1).kind === 'symbol' && c.peek(1).text === '(') {
      c.next();
      const open = c.gap();
      c.next();
      const inside = c.gap();
      const path = this.#path();
      const close = c.gap();
      c.expectSymbol(')');
      return freeze({ ...aggregateNode(fn as AggregateFunction, path), written: freeze({ fn: token.text, gaps: freeze([open, inside, close] as const) }) });
    }
    // `select from Task`: no projection (an attribute named `from` is still allowed).
    if (c.isWord('from') && c.peek(1).kind === 'word' && !c.isWord('from', 1)) c.fail('an attribute path');
    return this.#path();
  }

  #entityType(): string {
    const token = this.#c.peek();
    if (token.kind !== 'word' || !IDENTIFIER.test(token.text)) this.#c.fail('an entity type name');
    this.#c.next();
    return token.text;
  }

  #path(): PathNode {
    return parsePath(this.#c);
  }

  #orderItem(): OrderNode {
    const path = this.#path();
    const token = this.#c.peek();
    const direction = token.kind === 'word' ? DIRECTIONS[token.text.toLowerCase()] : undefined;
    if (direction === undefined) return orderNode(path, undefined);
    const gap = this.#c.gap();
    this.#c.next();
    return freeze({ ...orderNode(path, direction), written: freeze({ direction: token.text, gap }) });
  }

  #integer(clause: string): number {
    const token = this.#c.peek();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text) || !Number.isSafeInteger(Number(token.text))) {
      this.#c.fail(`a non-negative integer after "${clause}"`);
    }
    this.#c.next();
    return Number(token.text);
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
