import type { Dayjs } from 'dayjs';
import type { Condition } from './condition.js';
import type { PrimaryKeyOf } from '../contract/entity-facts.js';
import type { QueryNode } from './nodes.js';

/** A datetime value: a dayjs, a Date or an ISO 8601 string (naive strings are UTC). */
export type DateInput = Dayjs | Date | string;

/** A one-column query used as the right-hand side of `in` / `notIn`: `q.Task.select('parent_id')`. */
export interface Subquery {
  readonly node: QueryNode;
}

/** What every field has: its dotted path from the query root (a string literal type). */
export interface FieldBase<P extends string = string> {
  /** Dotted path of this field from the query root, e.g. `'status.name'`. */
  readonly $path: P;
}

/** Null checks: `is None` / `is_not None`. */
export interface NullChecks {
  /** @example p.end_date.isNone() // end_date is None */
  isNone(): Condition;
  /** @example p.end_date.isNotNone() // end_date is_not None */
  isNotNone(): Condition;
}

/** Operators of every scalar: equality, membership (a list or a one-column subquery) and null checks. */
export interface ScalarField<P extends string, V> extends FieldBase<P>, NullChecks {
  /** @example p.name.eq('x') // name is "x" */
  eq(value: V): Condition;
  /** @example p.name.ne('x') // name is_not "x" */
  ne(value: V): Condition;
  /** @example p.name.in(['a', 'b']) // name in ("a", "b") */
  in(values: readonly V[] | Subquery): Condition;
  /** @example p.name.notIn(['a', 'b']) // name not_in ("a", "b") */
  notIn(values: readonly V[] | Subquery): Condition;
}

/**
 * String operators. `like`/`notLike` take a pattern (`%` any run, `_` one character);
 * `startsWith`/`endsWith`/`contains` take literal text and reject `%` and `_` with a QueryError,
 * because ftrack's `like` has no escape character (use `like` to match them as wildcards).
 */
export interface StringField<P extends string, V extends string = string> extends ScalarField<P, V> {
  /** @example p.name.like('sh%') // name like "sh%" */
  like(pattern: string): Condition;
  /** @example p.name.notLike('%tmp%') // name not_like "%tmp%" */
  notLike(pattern: string): Condition;
  /** @example p.name.startsWith('sh') // name like "sh%" */
  startsWith(text: string): Condition;
  /** @example p.name.endsWith('comp') // name like "%comp" */
  endsWith(text: string): Condition;
  /** @example p.name.contains('light') // name like "%light%" */
  contains(text: string): Condition;
}

/** Number operators. */
export interface NumberField<P extends string> extends ScalarField<P, number> {
  /** @example t.bid.gt(10) // bid > 10 */
  gt(value: number): Condition;
  /** @example t.bid.gte(10) // bid >= 10 */
  gte(value: number): Condition;
  /** @example t.bid.lt(10) // bid < 10 */
  lt(value: number): Condition;
  /** @example t.bid.lte(10) // bid <= 10 */
  lte(value: number): Condition;
}

/** Date-time operators; values render as quoted naive UTC (`"2024-01-31T09:30:00"`). */
export interface DateTimeField<P extends string> extends ScalarField<P, DateInput> {
  /** @example p.start_date.after('2024-01-01') // start_date after "2024-01-01T00:00:00" */
  after(value: DateInput): Condition;
  /** @example p.start_date.before(new Date(0)) // start_date before "1970-01-01T00:00:00" */
  before(value: DateInput): Condition;
  /** Same as `after`. @example p.start_date.gt(d) // start_date after "…" */
  gt(value: DateInput): Condition;
  /** @example p.start_date.gte(d) // start_date >= "…" */
  gte(value: DateInput): Condition;
  /** Same as `before`. @example p.start_date.lt(d) // start_date before "…" */
  lt(value: DateInput): Condition;
  /** @example p.start_date.lte(d) // start_date <= "…" */
  lte(value: DateInput): Condition;
}

/** Boolean attributes: equality only. @example p.is_global.eq(true) // is_global is true */
export type BooleanField<P extends string> = ScalarField<P, boolean>;

/** A value of a `variable` attribute (custom attribute values); dates render as naive UTC. */
export type VariableQueryValue = string | number | boolean | Dayjs | Date;

/** A `variable` attribute: equality with any plain value, and ordering (`>`, `<`, …). */
export interface VariableField<P extends string> extends ScalarField<P, VariableQueryValue> {
  /** @example c.value.gt(1001) // value > 1001 */
  gt(value: VariableQueryValue): Condition;
  /** @example c.value.gte(1001) // value >= 1001 */
  gte(value: VariableQueryValue): Condition;
  /** @example c.value.lt(1001) // value < 1001 */
  lt(value: VariableQueryValue): Condition;
  /** @example c.value.lte(1001) // value <= 1001 */
  lte(value: VariableQueryValue): Condition;
}

/** A JSON `object` attribute: only null checks. */
export interface JsonField<P extends string> extends FieldBase<P>, NullChecks {}

/** The primary-key values of an entity: a loaded entity, a query row or `{ id: '…' }`. */
export type EntityKeyInput<T> = { readonly [K in PrimaryKeyOf<T>]: K extends keyof T ? T[K] : never };
