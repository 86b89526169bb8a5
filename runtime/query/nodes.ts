import type {
  AggregateWritten,
  ComparisonWritten,
  JunctionWritten,
  MembershipWritten,
  NotWritten,
  OrderWritten,
  QueryWritten,
  RelationWritten,
  WrittenParens,
} from './written.js';

export type * from './written.js';

/**
 * The query AST: small frozen nodes, each with a literal `kind`. Builders only ever create new
 * nodes; the one compiler (`compile-query.ts`) turns a tree into an ftrack expression. Nodes
 * parsed from a raw expression also carry how it was written (`written`, `parens`: see
 * `written.ts`), so that compiling gives the expression back as written.
 */

/** A dotted attribute path, e.g. `status.name` → `['status', 'name']`. */
export interface PathNode {
  readonly kind: 'path';
  readonly segments: readonly string[];
  /** The path as written (`` `name` ``), when parsed; used while it still reads as `segments`. */
  readonly written?: string;
}

/** A datetime literal, already normalised to naive UTC (`2024-01-31T09:30:00`). */
export interface DateTimeLiteral {
  readonly kind: 'datetime';
  readonly utc: string;
}

/**
 * A value token of a raw expression kept exactly as written: a bare word (`status is active`, an
 * unquoted UUID) or a number whose text a JavaScript number would change (`1.50`, `007`, 20
 * digits). Only the raw-string parser makes them; the server reads a bare word as a string.
 */
export interface RawLiteral {
  readonly kind: 'raw';
  readonly text: string;
}

/** A value as the compiler receives it; rendered only by `quoteValue`. */
export type Literal = string | number | boolean | null | DateTimeLiteral | RawLiteral;

/** One value on the right-hand side of a comparison or inside an `in (...)` list. */
export interface ValueNode {
  readonly kind: 'value';
  readonly value: Literal;
  /** The value token as written (`True`, `'a'`, `NULL`), when parsed; used while it still reads as `value`. */
  readonly written?: string;
}

/** Comparison operators, spelled as the ftrack query language writes them. */
export type ComparisonOperator =
  | 'is'
  | 'is_not'
  | '>'
  | '>='
  | '<'
  | '<='
  | 'after'
  | 'before'
  | 'like'
  | 'not_like'
  // Aliases a raw expression may use (the builder writes the forms above).
  | '='
  | '!='
  | 'greater_than'
  | 'less_than';

/** What every condition node may carry. */
export interface ConditionBase {
  /**
   * The parentheses written around the condition (parsed nodes; empty: none). The compiler adds
   * one pair where precedence needs it; builder nodes (no `parens`) are parenthesised canonically.
   */
  readonly parens?: WrittenParens;
}

/** `path <operator> value`, e.g. `status is "active"`. */
export interface ComparisonNode extends ConditionBase {
  readonly kind: 'comparison';
  readonly path: PathNode;
  readonly operator: ComparisonOperator;
  readonly value: ValueNode;
  /** How it was written, when parsed. */
  readonly written?: ComparisonWritten;
}

/** `path in (v1, v2)` / `path not_in (select … from …)`. */
export interface MembershipNode extends ConditionBase {
  readonly kind: 'membership';
  readonly path: PathNode;
  readonly negated: boolean;
  readonly source: readonly ValueNode[] | QueryNode;
  /** How it was written, when parsed. */
  readonly written?: MembershipWritten;
}

/** `path has (…)` on a reference, `path any (…)` on a collection; no condition: `any ()`. */
export interface RelationNode extends ConditionBase {
  readonly kind: 'relation';
  readonly path: PathNode;
  readonly quantifier: 'has' | 'any';
  readonly condition: ConditionNode | undefined;
  /** How it was written, when parsed. */
  readonly written?: RelationWritten;
}

/**
 * Two or more conditions joined by `and` / `or`; never nested directly in a node of the same
 * kind, except one a raw expression wrote in parentheses (`a and (b and c)`).
 */
export interface JunctionNode extends ConditionBase {
  readonly kind: 'and' | 'or';
  readonly conditions: readonly ConditionNode[];
  /** How it was written, when parsed. */
  readonly written?: JunctionWritten;
}

/** `not (…)`. */
export interface NotNode extends ConditionBase {
  readonly kind: 'not';
  readonly condition: ConditionNode;
  /** How it was written, when parsed. */
  readonly written?: NotWritten;
}

export type ConditionNode = ComparisonNode | MembershipNode | RelationNode | JunctionNode | NotNode;

/** One `order by` item. */
export interface OrderNode {
  readonly kind: 'order';
  readonly path: PathNode;
  /** Absent when a raw expression wrote none (`order by name`: ascending, the server's default). */
  readonly direction?: 'asc' | 'desc';
  /** The direction word as written, when parsed. */
  readonly written?: OrderWritten;
}

/** Aggregate functions of `select` (with `group by`, strict API only). */
export type AggregateFunction = 'count' | 'sum' | 'avg' | 'min' | 'max';

/** `count(id)`: an aggregate projection. */
export interface AggregateNode {
  readonly kind: 'aggregate';
  readonly fn: AggregateFunction;
  readonly path: PathNode;
  /** How it was written, when parsed. */
  readonly written?: AggregateWritten;
}

/** One projection of `select`: an attribute path or an aggregate. */
export type ProjectionNode = PathNode | AggregateNode;

/**
 * A whole query: `select … from <entityType> [where …] [group by …] [order by …] [offset n] [limit n]`.
 * A raw expression without `select` (`Task where …`) has no projections and `defaultProjections`
 * set: the session fills in the type's default projections before sending it.
 */
export interface QueryNode {
  readonly kind: 'query';
  readonly entityType: string;
  /** Projections to send; the type's default projections when none were selected (empty: not known yet). */
  readonly projections: readonly ProjectionNode[];
  /** True while `projections` are the type's default projections (the first `select` replaces them). */
  readonly defaultProjections: boolean;
  readonly where: ConditionNode | undefined;
  readonly groupBy: readonly PathNode[];
  readonly orderBy: readonly OrderNode[];
  readonly offset: number | undefined;
  readonly limit: number | undefined;
  /** Keywords, whitespace and clause order as written, when parsed. */
  readonly written?: QueryWritten;
}

/** Any node of the query AST. */
export type QueryAstNode = PathNode | AggregateNode | ValueNode | ConditionNode | OrderNode | QueryNode;
