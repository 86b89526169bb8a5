/**
 * The query AST: small frozen nodes, each with a literal `kind`. Builders only ever create new
 * nodes; the one compiler (`compile-query.ts`) turns a tree into an ftrack expression.
 */

/** A dotted attribute path, e.g. `status.name` → `['status', 'name']`. */
export interface PathNode {
  readonly kind: 'path';
  readonly segments: readonly string[];
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

/** `path <operator> value`, e.g. `status is "active"`. */
export interface ComparisonNode {
  readonly kind: 'comparison';
  readonly path: PathNode;
  readonly operator: ComparisonOperator;
  readonly value: ValueNode;
}

/** `path in (v1, v2)` / `path not_in (select … from …)`. */
export interface MembershipNode {
  readonly kind: 'membership';
  readonly path: PathNode;
  readonly negated: boolean;
  readonly source: readonly ValueNode[] | QueryNode;
}

/** `path has (…)` on a reference, `path any (…)` on a collection; no condition: `any ()`. */
export interface RelationNode {
  readonly kind: 'relation';
  readonly path: PathNode;
  readonly quantifier: 'has' | 'any';
  readonly condition: ConditionNode | undefined;
}

/** Two or more conditions joined by `and` / `or` (never nested in a node of the same kind). */
export interface JunctionNode {
  readonly kind: 'and' | 'or';
  readonly conditions: readonly ConditionNode[];
}

/** `not (…)`. */
export interface NotNode {
  readonly kind: 'not';
  readonly condition: ConditionNode;
}

export type ConditionNode = ComparisonNode | MembershipNode | RelationNode | JunctionNode | NotNode;

/** One `order by` item. */
export interface OrderNode {
  readonly kind: 'order';
  readonly path: PathNode;
  readonly direction: 'asc' | 'desc';
}

/** Aggregate functions of `select` (with `group by`, strict API only). */
export type AggregateFunction = 'count' | 'sum' | 'avg' | 'min' | 'max';

/** `count(id)`: an aggregate projection. */
export interface AggregateNode {
  readonly kind: 'aggregate';
  readonly fn: AggregateFunction;
  readonly path: PathNode;
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
}

/** Any node of the query AST. */
export type QueryAstNode = PathNode | AggregateNode | ValueNode | ConditionNode | OrderNode | QueryNode;
