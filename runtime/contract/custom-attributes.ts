/**
 * Typed custom attributes: what a generated client knows of a workspace's custom attribute
 * configurations (a leaf module, like entity-attributes.ts, shared by the query types, the entity
 * objects and the unit of work).
 */

/**
 * One custom attribute configuration, as generated from the workspace (`CustomAttributeConfiguration`).
 * `type` is the configuration's `type.name` (`number`, `text`, `boolean`, `date`, `enumerator`…).
 */
export interface CustomAttributeDefinition {
  readonly id: string;
  readonly key: string;
  readonly label: string;
  readonly type: string;
  readonly entityType: string | null;
  readonly objectTypeId: string | null;
  readonly projectId: string | null;
  readonly isHierarchical: boolean;
  /** The default as the server sent it (wire form). */
  readonly default: unknown;
  /** Enumerators: the option values (empty otherwise). */
  readonly options: readonly string[];
  /** Enumerators: several options may be selected (the value is a list). */
  readonly multiSelect: boolean;
}

/**
 * The custom attribute configurations of a generated client and, per entity type and mapped
 * attribute (`custom_attributes`), the ids of those that may apply to its entities (computed by the
 * generator with ftrack's rule: table, object type, hierarchical; project-specific ones are listed
 * and told apart by project at run time).
 * @example { configurations: [{ id: '…', key: 'fps', type: 'number', … }], entityTypes: { Shot: { custom_attributes: ['…'] } } }
 */
export interface CustomAttributeMetadata {
  readonly configurations: readonly CustomAttributeDefinition[];
  readonly entityTypes: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** Keys of a typed custom attribute map. */
export type CustomAttributeKey<T> = Exclude<keyof T, symbol | number>;

/**
 * `custom_attributes` of a generated client: only the keys configured for the entity type, each
 * with its value type (`number | null`, an enumerator's option union, `Dayjs | null`…). A single-select
 * enumerator reads and writes one option value (ftrack stores a one-item list); a multi-select one a list.
 *
 * @example
 * shot.custom_attributes.get('fps');      // number | null
 * shot.custom_attributes.set('fps', 25);  // commit: update ContextCustomAttributeValue {"value": 25} (by configuration_id, entity_id)
 * // @ts-expect-error unknown key
 * shot.custom_attributes.get('fsp');
 */
export interface CustomAttributeMap<T extends object> extends Iterable<[string, unknown]> {
  /** Type-level only (never set at run time): the keys and their value types. */
  readonly $keys?: T;
  readonly size: number;
  /** The entity's own value (for hierarchical attributes: not inherited; see `getInherited`). */
  get<K extends CustomAttributeKey<T>>(key: K): T[K];
  has(key: string): boolean;
  /** Sets the entity's own value; records the update (or, for a new entity, the upsert) of its item. */
  set<K extends CustomAttributeKey<T>>(key: K, value: T[K]): void;
  keys(): string[];
  entries(): [string, unknown][];
  /**
   * The value a hierarchical attribute has for this entity: its own when set, else the nearest one set
   * on its parents or project, else the configuration's default. One request:
   * `select entity_id, value from ContextCustomAttributeValue where configuration_id is "…" and entity_id in ("<self>", "<parents…>")`.
   * @example await shot.custom_attributes.getInherited('fps') // 30, set on its sequence
   */
  getInherited<K extends CustomAttributeKey<T>>(key: K): Promise<T[K]>;
}
