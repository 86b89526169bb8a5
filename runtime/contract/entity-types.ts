/**
 * Type contract shared by the session, the generated client and the query builder.
 * Generated entity interfaces extend `Entity<'TypeName'>` and declare their attributes as
 * plain properties; `$`-prefixed members never collide with ftrack attribute names.
 */

import type { AnyAttributeName, AttributeName, AttributeValue } from './entity-attributes.js';
import type { CustomAttributeMetadata } from './custom-attributes.js';
import type { CheckPaths } from './result-types.js';
import type { SignalOptions } from './signal-options.js';

export type * from './entity-attributes.js';
export type * from './custom-attributes.js';

/** Life-cycle state of an entity in the session's unit of work. */
export type EntityState = 'created' | 'modified' | 'deleted' | 'unchanged';

/** Members every entity object has, whatever its type. */
export interface Entity<TName extends string = string> {
  /** The concrete entity type, e.g. `'Shot'` (discriminates unions such as `q.TypedContext`). */
  readonly $type: TName;
  /** Unit-of-work state. */
  readonly $state: EntityState;
  /** The schema attribute names of this entity type (restricted ones excluded). */
  $keys(): string[];
  /** Primary-key values in schema order, as strings. */
  $primaryKey(): string[];
  /** True when the attribute has a value in memory (local or remote). */
  $isLoaded(attribute: AnyAttributeName<this>): boolean;
  /**
   * The attribute's value, loading it (batched with other loads of the same tick) when needed.
   * Works for every attribute, also those whose names are protected (`then`, `constructor`, `$type`…).
   * @example await task.$get('status') // select status.… from Task where id in (…)
   * @example await thing.$get('my-attr') // select `my-attr` from Thing where id in (…)
   */
  $get<K extends AnyAttributeName<this>>(attribute: K, options?: SignalOptions): Promise<AttributeValue<this, K>>;
  /**
   * Assigns an attribute (a local change, like `entity.name = …`); the way to write attributes
   * whose names are protected and therefore have no property (`then`, `constructor`, `$type`…).
   * @example thing.$set('then', 'later') // commit: update Thing {"then": "later"}
   */
  $set<K extends AnyAttributeName<this>>(attribute: K, value: AttributeValue<this, K>): void;
  /**
   * Loads several attributes or dotted paths (batched like `$get`) and resolves to the same
   * object, typed as the full entity. Paths are checked against the entity type.
   * @example await task.$load('status.name', 'parent') // select status.name, parent.… from Task where id in (…)
   */
  $load<const P extends readonly string[]>(...paths: LoadPaths<this, P>): Promise<this>;
  /**
   * `$load` with options: the paths as one array, then `{ signal }` (aborting rejects with
   * `RequestAbortedError`; nothing is merged when the request is aborted).
   * @example await task.$load(['status.name', 'parent'], { signal })
   */
  $load<const P extends readonly string[]>(paths: LoadPaths<this, P>, options: SignalOptions): Promise<this>;
}

/** Paths `$load` accepts: checked against a typed entity (see `CheckPaths`), any string for `AnyEntity`. */
export type LoadPaths<E, P extends readonly string[]> = string extends AttributeName<E> ? P : CheckPaths<E, P>;

/** An entity of any type (raw string queries return these). */
export interface AnyEntity extends Entity<string> {
  [attribute: string]: unknown;
}

/** The types a generated client describes: entity, create-input and update-input shapes by name. */
export interface WorkspaceShape {
  entities: object;
  create: object;
  update: object;
}

/** The workspace shape of an untyped session (no generated client). */
export interface UntypedWorkspace {
  entities: Record<string, AnyEntity>;
  create: Record<string, Record<string, unknown>>;
  update: Record<string, Record<string, unknown>>;
}

/** Generated schema metadata consumed by the session (no `query_schemas` at start-up). */
export interface SchemaMetadata {
  /** `schema_hash` of the schema the client was generated from. */
  readonly schemaHash: string;
  /** The `query_schemas` answer the client was generated from. */
  readonly schemas: readonly unknown[];
  /** The workspace's custom attribute configurations (generated with a workspace; absent: untyped custom attributes). */
  readonly customAttributes?: CustomAttributeMetadata | undefined;
  /** The workspace values its literal name types were generated from; compared with the server's on the first request. */
  readonly values?: WorkspaceValuesMetadata | undefined;
}

/**
 * The workspace values a generated client types (`StatusName` …): per value type, the attribute
 * holding the names and the names the workspace had, plus their hash (see `computeValuesHash`).
 */
export interface WorkspaceValuesMetadata {
  readonly hash: string;
  readonly lists: readonly WorkspaceValueList[];
}

/** The names of one value type, e.g. `{ entityType: 'Status', attribute: 'name', names: ['Approved', …] }`. */
export interface WorkspaceValueList {
  readonly entityType: string;
  readonly attribute: string;
  readonly names: readonly string[];
}

/**
 * What `session.query()` accepts besides a string: a typed query builder. `toString()` gives the
 * ftrack expression; `$result` is a phantom carrying the result item type (never set at run time).
 */
export interface QueryLike<R> {
  toString(): string;
  readonly $result?: R;
}
