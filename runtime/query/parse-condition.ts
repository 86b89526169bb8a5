import type { ComparisonOperator, ConditionNode, PathNode, QueryNode, ValueNode } from './nodes.js';
import { comparisonNode, junctionNode, membershipNode, notNode, pathNode, relationNode, valueNode } from './node-factory.js';
import { formatPath, quoteValue } from './quote.js';
import { readPathSegments } from '../protocol/path-segments.js';
import { literalOf, querySyntaxError, type TokenCursor } from './query-tokens.js';

// The conditions of a raw expression (parse-query.ts reads the clauses around them): each parsed
// node keeps how it was written (written.ts) next to what it means.

const OPERATOR_WORDS: ReadonlySet<string> = new Set(['is', 'is_not', 'after', 'greater_than', 'before', 'less_than', 'like', 'not_like']);
const OPERATOR_SYMBOLS: ReadonlySet<string> = new Set(['=', '!=', '>', '<', '>=', '<=']);
/** Deepest nesting of parentheses, `not`, `has`/`any` bodies and subqueries (as the local server). */
const MAX_DEPTH = 256;
const NO_PARENS = Object.freeze([]) as readonly [];

/** Reads conditions from a cursor; `subquery` reads the `select …` of an `in (select …)`. */
export class ConditionParser {
  readonly #c: TokenCursor;
  readonly #subquery: () => QueryNode;
  #depth = 0;

  constructor(cursor: TokenCursor, subquery: () => QueryNode) {
    this.#c = cursor;
    this.#subquery = subquery;
  }

  /** `a or b and (c or not d)`: the grammar's precedence, `not` binding tightest, then `and`, then `or`. */
  condition(): ConditionNode {
    return this.#junction('or', () => this.#junction('and', () => this.#unary()));
  }

  /** `item <kind> item …`, with each `and`/`or` as written and the whitespace around it. */
  #junction(kind: 'and' | 'or', item: () => ConditionNode): ConditionNode {
    const c = this.#c;
    const items = [item()];
    const joiners: string[] = [];
    const gaps: string[] = [];
    while (c.isWord(kind)) {
      gaps.push(c.gap());
      joiners.push(c.next().text);
      gaps.push(c.gap());
      items.push(item());
    }
    if (items.length === 1) return items[0]!;
    // Items of the same kind are parenthesised (the grammar groups them), so nothing is flattened.
    return bare(junctionNode(kind, items), { joiners: freeze(joiners), gaps: freeze(gaps) });
  }

  #unary(): ConditionNode {
    const c = this.#c;
    if (c.isWord('not')) {
      this.#enter();
      const word = c.next().text;
      const gap = c.gap();
      const operand = this.#unary();
      this.#depth--;
      return bare(notNode(operand), { word, gap });
    }
    if (c.isSymbol('(')) {
      this.#enter();
      c.next();
      const inside = c.gap();
      const inner = this.condition();
      const close = c.gap();
      c.expectSymbol(')');
      this.#depth--;
      return freeze({ ...inner, parens: freeze([freeze([inside, close] as const), ...(inner.parens ?? [])]) });
    }
    return this.#atom();
  }

  #atom(): ConditionNode {
    const c = this.#c;
    const path = parsePath(c);
    const gaps = [c.gap()];
    const token = c.peek();
    const word = token.kind === 'word' ? token.text.toLowerCase() : undefined;
    if (word === 'has' || word === 'any') {
      c.next();
      gaps.push(c.gap());
      c.expectSymbol('(');
      this.#enter();
      gaps.push(c.gap());
      const body = c.isSymbol(')') ? undefined : this.condition();
      if (body !== undefined) gaps.push(c.gap());
      c.expectSymbol(')');
      this.#depth--;
      return bare(relationNode(path, word, body), { quantifier: token.text, gaps: freeze(gaps) });
    }
    if (word === 'in' || word === 'not_in') {
      c.next();
      gaps.push(c.gap());
      c.expectSymbol('(');
      gaps.push(c.gap());
      const negated = word === 'not_in';
      if (c.isWord('select')) {
        this.#enter();
        const subquery = this.#subquery();
        gaps.push(c.gap());
        c.expectSymbol(')');
        this.#depth--;
        return bare(membershipNode(path, negated, subquery), { operator: token.text, gaps: freeze(gaps) });
      }
      const values = [this.#value()];
      while (c.isSymbol(',')) {
        gaps.push(c.gap());
        c.next();
        gaps.push(c.gap());
        values.push(this.#value());
      }
      gaps.push(c.gap());
      c.expectSymbol(')');
      return bare(membershipNode(path, negated, values), { operator: token.text, gaps: freeze(gaps) });
    }
    const operator = token.kind === 'symbol' ? (OPERATOR_SYMBOLS.has(token.text) ? token.text : undefined) : word !== undefined && OPERATOR_WORDS.has(word) ? word : undefined;
    if (operator === undefined) c.fail('an operator (is, is_not, =, !=, >, <, >=, <=, after, before, like, not_like, in, not_in, has, any)');
    c.next();
    gaps.push(c.gap());
    const value = this.#value();
    return bare(comparisonNode(path, operator as ComparisonOperator, value), { operator: token.text, gaps: freeze(gaps as [string, string]) });
  }

  #value(): ValueNode {
    const c = this.#c;
    const token = c.peek();
    if (token.kind !== 'string' && token.kind !== 'number' && token.kind !== 'word') c.fail('a value (quoted string, number, bare word, None, true or false)');
    c.next();
    const node = valueNode(literalOf(token));
    const text = c.previousText();
    return text === quoteValue(node.value) ? node : freeze({ ...node, written: text });
  }

  #enter(): void {
    if (++this.#depth > MAX_DEPTH) {
      const position = this.#c.peek().position;
      throw querySyntaxError(this.#c.source, position, `at most ${MAX_DEPTH} levels of nesting (parentheses, "not", "has"/"any" bodies and subqueries count)`);
    }
  }
}

/** An attribute path (one word, backtick-quoted segments allowed), kept as written when that differs from canonical. */
export function parsePath(c: TokenCursor): PathNode {
  const token = c.peek();
  const segments = token.kind === 'word' ? readPathSegments(token.text) : undefined;
  if (segments === undefined) c.fail('an attribute path');
  c.next();
  const node = pathNode(segments);
  return formatPath(segments) === token.text ? node : freeze({ ...node, written: token.text });
}

/** A parsed condition written without parentheses, with how it was written. */
function bare<N extends ConditionNode>(node: N, written: NonNullable<N['written']>): N;
function bare(node: ConditionNode, written: object): ConditionNode {
  return freeze({ ...node, parens: NO_PARENS, written: freeze(written) }) as ConditionNode;
}

export function freeze<T>(value: T): T {
  return Object.freeze(value);
}
