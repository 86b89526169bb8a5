/**
 * The attribute-level entity contract shared by runtime/query and runtime/session: a leaf module
 * (no imports) so that the query types and the entity types never import each other.
 * `runtime/session/entity-types.ts` re-exports it with the `Entity` interface.
 */

/**
 * The key of the attribute-name list a generated entity interface declares, type-level only (never
 * set at run time; a symbol key, so editors do not offer it):
 * `readonly [attributeNames]?: { readonly name: never; readonly status: Status; … }`: a relation
 * (reference or collection) names the entity interface it leads to, other attributes `never`.
 * A subtype lists more names, which keeps it assignable to its base.
 */
export declare const attributeNames: unique symbol;

/**
 * Attribute names of an entity type (every key that does not start with `$`): the generated list
 * when `E` declares one (no walk over every key of `E`), else its keys without `$`-members. The
 * conditional stays deferred while `E` is generic, so query types that mention it stay cheap.
 */
export type AttributeName<E> = typeof attributeNames extends keyof E
  ? keyof NonNullable<E[typeof attributeNames]> & keyof E & string
  : [E] extends [unknown]
    ? Exclude<keyof E, `$${string}` | symbol | number>
    : never;

/**
 * The entity interface relation `K` of `E` leads to, `never` for other attributes: read from the
 * generated list (an indexed access, no structural test) when `E` declares one. The query types
 * walk dotted paths with it.
 * @example RelationOf<Task, 'status'> // Status: q.Task.select('status.name') → select status.name from Task
 */
export type RelationOf<E, K> = typeof attributeNames extends keyof E
  ? NonNullable<E[typeof attributeNames]>[K & keyof NonNullable<E[typeof attributeNames]>]
  : K extends keyof E
    ? StructuralTarget<Exclude<E[K], null | undefined>>
    : never;

// Hand-written interfaces without the list: a collection's item or a referenced entity.
type StructuralTarget<N> = [N] extends [Collection<infer T>] ? T : [N] extends [{ readonly $type: string }] ? N : never;

/**
 * Attributes with a protected name (`then`, `constructor`, `__proto__`, `$type`…, see
 * `isProtectedName`), which entity objects do not have as properties: generated interfaces list
 * them in the phantom `$protected` (never set at run time); reach them with `$get` / `$set`.
 */
export type ProtectedAttributes<E> = E extends { readonly $protected?: infer P } ? (NonNullable<P> extends object ? NonNullable<P> : NoAttributes) : NoAttributes;

type NoAttributes = Record<never, never>;

/** Every attribute `$get` / `$set` accept: the direct ones and the protected ones. */
export type AnyAttributeName<E> = AttributeName<E> | Exclude<keyof ProtectedAttributes<E>, symbol | number>;

/** The value type of attribute `K` of `E` (direct or protected). */
export type AttributeValue<E, K> = K extends keyof ProtectedAttributes<E> ? ProtectedAttributes<E>[K] : K extends keyof E ? E[K] : unknown;

/** The key of a collection's item-type phantom (see `Collection`). */
export declare const collectionItem: unique symbol;

/**
 * A collection attribute (`type: "array"`): ordered, no duplicates. `TInput` is what the mutating
 * and lookup methods accept besides `T`: generated clients use the item's `…Ref` type, so a query
 * row or a `{ $type, id }` reference resolves to the session's entity (compared by identity).
 * It defaults to `never` so that `C extends Collection<infer T>` still infers the item type.
 *
 * @example project.children.append(sequenceRow) // commit: update Sequence {"parent": {"__entity_type__": "Project", "id": "…"}}
 */
export interface Collection<T, TInput = never> extends Iterable<T> {
  /**
   * The item type, type-level only (never set at run time; a symbol key, so editors do not offer it):
   * the query types read it instead of inferring `Collection<infer T>`, which would make TypeScript
   * measure the variance of `Collection` and `Iterable` (hundreds of instantiations) on first use.
   */
  readonly [collectionItem]?: T;
  readonly length: number;
  at(index: number): T | undefined;
  includes(item: T | TInput): boolean;
  /** Appends an item; appending one already present throws `DuplicateItemInCollectionError`. */
  append(item: T | TInput): void;
  /** Removes an item; throws `CollectionError` when it is absent. */
  remove(item: T | TInput): void;
  toArray(): T[];
}

/** A mapped array (`metadata`, `custom_attributes`) seen as a key → value map. */
export interface KeyValueMap<V = unknown> extends Iterable<[string, V]> {
  readonly size: number;
  get(key: string): V | undefined;
  has(key: string): boolean;
  /** Sets a value; records the create or update of the underlying item. */
  set(key: string, value: V): void;
  /** Removes a key; records the delete of the underlying item. */
  delete(key: string): boolean;
  keys(): string[];
  entries(): [string, V][];
}

