import type { AttributeName } from './entity-attributes.js';

/**
 * Type-level facts a generated entity interface declares for the query builder. Both members are
 * phantoms: optional, never set at run time, `$`-prefixed so they never collide with attributes.
 *
 * @example
 * export interface Metadata extends Entity<'Metadata'> {
 *   readonly $primaryKeyNames?: 'parent_id' | 'key';
 *   readonly $defaultProjections?: 'parent_id' | 'key' | 'value' | 'parent_type';
 *   …
 * }
 */
export interface QueryFacts<K extends string, D extends string> {
  /** Primary-key attribute names (typed as loaded in every query result). */
  readonly $primaryKeyNames?: K;
  /** Default projections (the result of a query without `select`). */
  readonly $defaultProjections?: D;
}

/** Primary-key attribute names of `E`: its `$primaryKeyNames`, else `'id'` when `E` has one. */
export type PrimaryKeyOf<E> = '$primaryKeyNames' extends keyof E
  ? E['$primaryKeyNames' & keyof E] & string
  : 'id' extends AttributeName<E>
    ? 'id'
    : never;

/** Default projections of `E`: its `$defaultProjections`, else its primary key. */
export type DefaultProjectionsOf<E> = '$defaultProjections' extends keyof E
  ? E['$defaultProjections' & keyof E] & string
  : PrimaryKeyOf<E>;
