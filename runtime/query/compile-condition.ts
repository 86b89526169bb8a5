import { QueryError } from '../errors.js';
import type { ClauseWritten, ConditionNode, MembershipNode, PathNode, ProjectionNode, QueryNode, RelationNode, ValueNode } from './nodes.js';
import { formatPath, pathSegment, quoteValue } from './quote.js';
import { gapOr, gapsOf, keywordOr, Pieces, writtenPath, writtenValue } from './written-check.js';

// The compiler's conditions and the `select … from … where …` head they share with subqueries
// (compileQuery in compile-query.ts is the entry). Between each two pieces goes the whitespace
// written there (parsed nodes) or the canonical single space or nothing (builder nodes).

/** Where a condition stands: what it must be parenthesised against. */
type Context = 'top' | 'and' | 'or' | 'not';

/**
 * Compiles a condition. A builder's precedence is always explicit: an `and` inside an `or` (and
 * the reverse) is parenthesised, `not` always takes a parenthesised operand (or a `has`/`any`
 * atom). A parsed condition keeps the parentheses it was written with, and gets one pair more
 * only where precedence would otherwise change its meaning (an `or` edited into an `and`).
 *
 * @example compileCondition(q.Task.where((t) => or(t.name.eq('a'), and(t.bid.gt(1), t.bid.lt(9)))).node.where!)
 * // name is "a" or (bid > 1 and bid < 9)
 * @example compileCondition(parseQuery('Task where a is 1 or b is 2 and c is 3').where!) // a is 1 or b is 2 and c is 3
 */
export function compileCondition(node: ConditionNode): string {
  return compileIn(node, 'top');
}

function compileIn(node: ConditionNode, context: Context): string {
  const pairs = parentheses(node, context);
  if (pairs.length === 0) return compileBare(node);
  const pair = (i: number) => (Array.isArray(pairs[i]) ? (pairs[i] as readonly unknown[]) : []);
  const text = new Pieces('(');
  for (let i = 1; i < pairs.length; i++) text.add(gapOr(pair(i - 1)[0], ''), '(');
  text.add(gapOr(pair(pairs.length - 1)[0], ''), compileBare(node));
  for (let i = pairs.length - 1; i >= 0; i--) text.add(gapOr(pair(i)[1], ''), ')');
  return text.text();
}

/** The parentheses around `node`: as written (at least one pair where precedence needs it), else canonical. */
function parentheses(node: ConditionNode, context: Context): readonly unknown[] {
  const junction = node.kind === 'and' || node.kind === 'or';
  if (Array.isArray(node.parens)) {
    if (node.parens.length > 0) return node.parens;
    const needed = junction && (context === 'and' || context === 'not' || (context === 'or' && node.kind === 'or'));
    return needed ? [['', '']] : [];
  }
  const canonical = context === 'not' ? node.kind !== 'relation' : context !== 'top' && junction;
  return canonical ? [['', '']] : [];
}

function compileBare(node: ConditionNode): string {
  switch (node.kind) {
    case 'comparison': {
      // Builder nodes (the common case) in one go; canonical separators never need checking.
      if (node.written === undefined) return `${compilePath(node.path)} ${node.operator} ${compileValue(node.value)}`;
      const gaps = gapsOf(node.written?.gaps, 2);
      const text = new Pieces(compilePath(node.path)).add(gapOr(gaps?.[0], ' '), keywordOr(node.written?.operator, node.operator));
      return text.add(gapOr(gaps?.[1], ' '), compileValue(node.value)).text();
    }
    case 'membership':
      return compileMembership(node);
    case 'relation':
      return compileRelation(node);
    case 'and':
    case 'or': {
      if (node.written === undefined) return node.conditions.map((condition) => compileIn(condition, node.kind)).join(` ${node.kind} `);
      const count = node.conditions.length - 1;
      const joiners = gapsOf(node.written?.joiners, count);
      const gaps = gapsOf(node.written?.gaps, 2 * count);
      const text = new Pieces(compileIn(node.conditions[0]!, node.kind));
      for (let i = 1; i <= count; i++) {
        text.add(gapOr(gaps?.[2 * i - 2], ' '), keywordOr(joiners?.[i - 1], node.kind)).add(gapOr(gaps?.[2 * i - 1], ' '), compileIn(node.conditions[i]!, node.kind));
      }
      return text.text();
    }
    case 'not':
      return new Pieces(keywordOr(node.written?.word, 'not')).add(gapOr(node.written?.gap, ' '), compileIn(node.condition, 'not')).text();
  }
}

/** `path in (v1, v2)` / `path not_in (select …)`; gaps: path→operator→`(`, then between the pieces inside. */
function compileMembership(node: MembershipNode): string {
  const source = node.source;
  const inside = isQueryNode(source) ? [compileHead(source).text()] : source.map(compileValue);
  // The loader's `id in (…)` batches: long, never parsed, written in one go.
  if (node.written === undefined) return `${compilePath(node.path)} ${node.negated ? 'not_in' : 'in'} (${inside.join(', ')})`;
  const gaps = gapsOf(node.written?.gaps, 2 + 2 * inside.length);
  const text = new Pieces(compilePath(node.path)).add(gapOr(gaps?.[0], ' '), keywordOr(node.written?.operator, node.negated ? 'not_in' : 'in'));
  text.add(gapOr(gaps?.[1], ' '), '(').add(gapOr(gaps?.[2], ''), inside[0]!);
  for (let i = 1; i < inside.length; i++) text.add(gapOr(gaps?.[2 * i + 1], ''), ',').add(gapOr(gaps?.[2 * i + 2], ' '), inside[i]!);
  return text.add(gapOr(gaps?.[2 * inside.length + 1], ''), ')').text();
}

/** `path has (…)` / `path any ()`; gaps: path→quantifier→`(`→body→`)`. */
function compileRelation(node: RelationNode): string {
  const gaps = gapsOf(node.written?.gaps, node.condition === undefined ? 3 : 4);
  const text = new Pieces(compilePath(node.path)).add(gapOr(gaps?.[0], ' '), keywordOr(node.written?.quantifier, node.quantifier)).add(gapOr(gaps?.[1], ' '), '(');
  if (node.condition !== undefined) text.add(gapOr(gaps?.[2], ''), compileIn(node.condition, 'top'));
  return text.add(gapOr(gaps?.[node.condition === undefined ? 2 : 3], ''), ')').text();
}

/**
 * `select … from <Type> [where …]`, or `<Type> [where …]` for a raw expression without select
 * (the start of a query, or a whole subquery).
 */
export function compileHead(node: QueryNode): Pieces {
  const written = node.written;
  const entityType = pathSegment(node.entityType);
  let text: Pieces;
  if (node.projections.length > 0) {
    const projections = compileList(node.projections.map(compileProjection), written?.select?.commas);
    text = new Pieces(keywordOr(written?.select?.keyword, 'select')).add(gapOr(written?.select?.after, ' '), projections);
    addClause(text, written?.from, 'from', entityType);
  } else if (node.defaultProjections) text = new Pieces(entityType);
  else throw new QueryError(`A query on ${node.entityType} needs at least one projection.`, { cause: { entityType: node.entityType } });
  if (node.where !== undefined) addClause(text, written?.where, 'where', compileCondition(node.where));
  return text;
}

/** Adds `<keyword> body`, the keyword and the whitespace around it as written when known. */
export function addClause(text: Pieces, written: ClauseWritten | undefined, keyword: string, body: string): Pieces {
  return text.add(gapOr(written?.before, ' '), keywordOr(written?.keyword, keyword)).add(gapOr(written?.after, ' '), body);
}

/** `a, b, c`; `commas`: the whitespace before and after each comma as written. */
export function compileList(items: readonly string[], commas: readonly unknown[] | undefined): string {
  const gaps = gapsOf(commas, 2 * (items.length - 1));
  if (gaps === undefined) return items.join(', ');
  const text = new Pieces(items[0]!);
  for (let i = 1; i < items.length; i++) text.add(gapOr(gaps?.[2 * i - 2], ''), ',').add(gapOr(gaps?.[2 * i - 1], ' '), items[i]!);
  return text.text();
}

function compileProjection(node: ProjectionNode): string {
  if (node.kind !== 'aggregate') return compilePath(node);
  const gaps = gapsOf(node.written?.gaps, 3);
  const text = new Pieces(keywordOr(node.written?.fn, node.fn)).add(gapOr(gaps?.[0], ''), '(');
  return text.add(gapOr(gaps?.[1], ''), compilePath(node.path)).add(gapOr(gaps?.[2], ''), ')').text();
}

/** `status.name`; segments that are not identifiers in backticks (`` parent.`my-attr` ``, see `pathSegment`). */
export function compilePath(node: PathNode): string {
  return (node.written !== undefined && writtenPath(node.written, node.segments)) || formatPath(node.segments);
}

function compileValue(node: ValueNode): string {
  return (node.written !== undefined && writtenValue(node.written, node.value)) || quoteValue(node.value);
}

function isQueryNode(source: MembershipNode['source']): source is QueryNode {
  return !Array.isArray(source);
}
