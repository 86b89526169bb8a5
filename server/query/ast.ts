/** Syntax tree of a parsed query expression (spec 5.3). Paths are attribute-name lists. */

export type Path = readonly string[];

export interface PathRef {
  readonly path: Path;
  readonly position: number;
}

export type Literal =
  | { readonly kind: 'string'; readonly value: string; readonly text: string }
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly text: string }
  | { readonly kind: 'null'; readonly text: string };

export type CompareOperator = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'like' | 'not_like';

export type Condition =
  | { readonly kind: 'and' | 'or'; readonly items: readonly Condition[] }
  | { readonly kind: 'not'; readonly operand: Condition }
  | { readonly kind: 'compare'; readonly target: PathRef; readonly operator: CompareOperator; readonly value: Literal }
  | { readonly kind: 'in'; readonly target: PathRef; readonly negated: boolean; readonly values: readonly Literal[] }
  | { readonly kind: 'in_query'; readonly target: PathRef; readonly negated: boolean; readonly query: SubQuery }
  | { readonly kind: 'has' | 'any'; readonly target: PathRef; readonly body: Condition | undefined };

export interface SubQuery {
  readonly projection: PathRef;
  readonly entityType: string;
  readonly typePosition: number;
  readonly where: Condition | undefined;
}

export type AggregateFunction = 'count' | 'sum' | 'avg' | 'min' | 'max';

export type Projection =
  | { readonly kind: 'path'; readonly target: PathRef }
  | { readonly kind: 'aggregate'; readonly fn: AggregateFunction; readonly target: PathRef };

export interface OrderItem {
  readonly target: PathRef;
  readonly descending: boolean;
}

export interface Query {
  /** Undefined when the expression has no `select` (default projections apply). */
  readonly select: readonly Projection[] | undefined;
  readonly entityType: string;
  readonly typePosition: number;
  readonly where: Condition | undefined;
  readonly groupBy: readonly PathRef[] | undefined;
  readonly orderBy: readonly OrderItem[];
  readonly offset: number | undefined;
  readonly limit: number | undefined;
}
