import { QueryError } from '../errors.js';
import type { QueryLike } from '../contract/entity-types.js';
import { compileQuery } from './compile-query.js';
import { Condition, nodeOf } from './condition.js';
import type { DefaultProjectionsOf } from '../contract/entity-facts.js';
import { entityFields } from './entity-fields.js';
import type { FieldScope } from './field-scope.js';
import type { FieldBase } from './field-types.js';
import type { Fields } from './fields-type.js';
import { junctionNode, orderNode, queryNode } from './node-factory.js';
import type { ProjectionNode, QueryNode } from './nodes.js';
import { resolvePath } from './resolve-path.js';
import type { CheckPath, CheckPaths, Rows } from '../contract/result-types.js';

/** The selected paths: the explicit selection `S`, or the default projections of `E` when none. */
export type Selection<E, S extends string> = [S] extends [never] ? DefaultProjectionsOf<E> : S;

/** The row type of a query builder (what `session.query(builder)` yields). */
export type RowOf<Q> = Q extends QueryLike<infer R> ? R : never;

/**
 * An immutable query on one entity type. `E` is the queried entity interface (its fields are
 * offered to callbacks), `T` the union of result interfaces, `S` the explicitly selected paths.
 *
 * @example q.Project.where((p) => p.status.eq('active')).toString()
 * // select context_type, id, name from Project where status is "active"
 */
export class QueryBuilder<E, T = E, S extends string = never> implements QueryLike<Rows<T, Selection<E, S>>> {
  /** Phantom carrying the row type; never set at run time. */
  declare readonly $result?: Rows<T, Selection<E, S>>;
  /** The query's AST (frozen). */
  readonly node: QueryNode;
  readonly #scope: FieldScope;

  /** @internal Use `q.<EntityType>` from `createQueryRoot`. */
  constructor(scope: FieldScope, node: QueryNode) {
    this.#scope = scope;
    this.node = node;
    Object.freeze(this);
  }

  /** The queried entity type, e.g. `'Project'`. */
  get entityType(): string {
    return this.node.entityType;
  }

  /**
   * Adds a condition; several `where` calls are joined with `and`.
   * @example q.Task.where((t) => t.bid.gt(10)).where((t) => t.name.like('sh%')) // … where bid > 10 and name like "sh%"
   */
  where(condition: Condition | ((fields: Fields<E>) => Condition)): QueryBuilder<E, T, S> {
    const node = nodeOf(typeof condition === 'function' ? condition(this.#fields()) : condition);
    const where = this.node.where === undefined ? node : junctionNode('and', [this.node.where, node]);
    return this.#with({ where });
  }

  /**
   * Selects attribute paths (the first `select` replaces the default projections, later ones add).
   * The row type then holds `$type`, the primary key and exactly these paths.
   * @example q.Task.select('name', 'status.name') // select name, status.name from Task
   * @example q.Task.select((t) => [t.name, t.status.name]) // select name, status.name from Task
   */
  // One signature per path count (1–6) rather than one over a mapped tuple: each path is inferred and
  // checked on its own, which keeps the type-check cost of a select low (see bench/codegen.ts).
  select<P1 extends string>(p1: CheckPath<E, P1>): QueryBuilder<E, T, S | P1>;
  select<P1 extends string, P2 extends string>(p1: CheckPath<E, P1>, p2: CheckPath<E, P2>): QueryBuilder<E, T, S | P1 | P2>;
  select<P1 extends string, P2 extends string, P3 extends string>(
    p1: CheckPath<E, P1>,
    p2: CheckPath<E, P2>,
    p3: CheckPath<E, P3>,
  ): QueryBuilder<E, T, S | P1 | P2 | P3>;
  select<P1 extends string, P2 extends string, P3 extends string, P4 extends string>(
    p1: CheckPath<E, P1>,
    p2: CheckPath<E, P2>,
    p3: CheckPath<E, P3>,
    p4: CheckPath<E, P4>,
  ): QueryBuilder<E, T, S | P1 | P2 | P3 | P4>;
  select<P1 extends string, P2 extends string, P3 extends string, P4 extends string, P5 extends string>(
    p1: CheckPath<E, P1>,
    p2: CheckPath<E, P2>,
    p3: CheckPath<E, P3>,
    p4: CheckPath<E, P4>,
    p5: CheckPath<E, P5>,
  ): QueryBuilder<E, T, S | P1 | P2 | P3 | P4 | P5>;
  select<P1 extends string, P2 extends string, P3 extends string, P4 extends string, P5 extends string, P6 extends string>(
    p1: CheckPath<E, P1>,
    p2: CheckPath<E, P2>,
    p3: CheckPath<E, P3>,
    p4: CheckPath<E, P4>,
    p5: CheckPath<E, P5>,
    p6: CheckPath<E, P6>,
  ): QueryBuilder<E, T, S | P1 | P2 | P3 | P4 | P5 | P6>;
  /** Seven paths or more: checked as a tuple. */
  select<const P extends readonly [string, string, string, string, string, string, string, ...string[]]>(
    ...paths: CheckPaths<E, P>
  ): QueryBuilder<E, T, S | P[number]>;
  select<const F extends FieldBase | readonly FieldBase[]>(
    pick: (fields: Fields<E>) => F,
  ): QueryBuilder<E, T, S | (F extends readonly FieldBase[] ? F[number]['$path'] : F extends FieldBase ? F['$path'] : never)>;
  select(...args: unknown[]): QueryBuilder<E, T, string> {
    const picked = typeof args[0] === 'function' ? pathsOf((args[0] as (f: unknown) => unknown)(this.#fields())) : args;
    if (picked.length === 0) throw new QueryError(`select() on ${this.entityType} needs at least one attribute path.`);
    const added = picked.map((path) => resolvePath(this.#scope.model, this.entityType, path, 'select'));
    const kept = this.node.defaultProjections ? [] : this.node.projections;
    return this.#with<string>({ projections: dedupe([...kept, ...added]), defaultProjections: false });
  }

  /**
   * Adds an `order by` item (repeatable; the first call sorts first).
   * @example q.Task.orderBy('name').orderBy((t) => t.bid, 'desc') // … order by name asc, bid desc
   */
  orderBy<const P extends string>(
    path: CheckPath<E, P> | ((fields: Fields<E>) => FieldBase),
    direction: 'asc' | 'desc' = 'asc',
  ): QueryBuilder<E, T, S> {
    const dotted = typeof path === 'function' ? pathsOf(path(this.#fields()))[0] : path;
    const order = orderNode(resolvePath(this.#scope.model, this.entityType, dotted, 'order by'), direction);
    return this.#with({ orderBy: [...this.node.orderBy, order] });
  }

  /** @example q.Task.limit(10) // … limit 10 */
  limit(count: number): QueryBuilder<E, T, S> {
    return this.#with({ limit: count });
  }

  /** @example q.Task.offset(20) // … offset 20 */
  offset(count: number): QueryBuilder<E, T, S> {
    return this.#with({ offset: count });
  }

  /** The ftrack expression. */
  toString(): string {
    return compileQuery(this.node);
  }

  #fields(): Fields<E> {
    return entityFields(this.#scope, this.entityType, []) as Fields<E>;
  }

  #with<S2 extends string = S>(change: Partial<Omit<QueryNode, 'kind' | 'entityType'>>): QueryBuilder<E, T, S2> {
    return new QueryBuilder<E, T, S2>(this.#scope, queryNode({ ...this.node, ...change }));
  }
}

/** `$path`s of what a select/orderBy callback returned (one field or an array of fields). */
function pathsOf(result: unknown): unknown[] {
  const items = Array.isArray(result) ? result : [result];
  return items.map((item) => {
    const path = (item as { $path?: unknown } | null)?.$path;
    if (typeof path !== 'string') throw new QueryError('The callback must return fields such as (t) => [t.name, t.status.name].');
    return path;
  });
}

function dedupe(projections: readonly ProjectionNode[]): ProjectionNode[] {
  const seen = new Set<string>();
  return projections.filter((projection) => {
    const key = projection.kind === 'path' ? projection.segments.join('.') : `${projection.fn}(${projection.path.segments.join('.')})`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
