import type { CustomAttributeMetadata } from '../contract/custom-attributes.js';
import type { EntityTypeModel, SchemaModel } from '../schema/model.js';
import type { AttributeRuntime } from './type-runtime.js';
import type { BaseEntity } from './base-entity.js';

/** Options of a load. */
export interface LoadOptions {
  /** Load even when the paths are loaded already (`session.populate`). Default false. */
  readonly refresh?: boolean;
  /** Also load for the other entities of the same query result (cross-result batching). Default true. */
  readonly expand?: boolean;
  /** Aborts the load (`RequestAbortedError`); a load shared with other callers goes on for them. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Session services that entity objects call into. The session provides one per instance;
 * the unit of work (issue 6) extends it: batching loads, recording changes, mapped-array items.
 */
export interface EntityContext {
  /** Loads attribute paths (`'status'`, `'parent.name'`) for entities of one or more types. */
  load(entities: readonly BaseEntity[], paths: readonly string[], options?: LoadOptions): Promise<void>;
  /**
   * Called after a local value was set or cleared (the entity's state is already updated);
   * `previous` is the value read before the change (`NOT_SET` when unknown).
   */
  afterChange(entity: BaseEntity, attribute: AttributeRuntime, previous?: unknown): void;
  /**
   * Changes a collection through the reference on its items that answers it (`children` ↔
   * `parent`); returns false when the collection has none (then it is assigned as a whole).
   */
  relinkCollection?(owner: BaseEntity, attribute: AttributeRuntime, previous: readonly BaseEntity[], next: readonly BaseEntity[]): boolean;
  /**
   * True while a commit carrying a value of this attribute is in flight: the server's value is
   * about to change, so an assignment equal to the current remote value is still a change.
   */
  attributeInFlight?(entity: BaseEntity, attribute: AttributeRuntime): boolean;
  /** Turns a reference input such as `{ $type: 'Project', id: '…' }` into this session's entity. */
  resolveReference?(value: unknown): BaseEntity | undefined;
  /** Adds a key to a mapped array (`metadata`); creating the item entity needs the unit of work. */
  addMappedItem(owner: BaseEntity, attribute: AttributeRuntime, key: string, value: unknown): void;
  /** Removes a key from a mapped array; deleting the item entity needs the unit of work. */
  removeMappedItem(owner: BaseEntity, attribute: AttributeRuntime, key: string): boolean;
  /** The generated custom attribute configurations (typed `custom_attributes`), when the session has them. */
  readonly customAttributes?: CustomAttributeMetadata | undefined;
  /** The inherited value of a hierarchical custom attribute (`custom_attributes.getInherited(key)`); needs a request. */
  inheritedValue?(owner: BaseEntity, attribute: AttributeRuntime, key: string): Promise<unknown>;
  /**
   * Extra members of the entity class of `type` (`$…` names), decided from the schema when the
   * class is built, e.g. `$url` / `$locations` for the `Component` family; undefined for none.
   */
  readonly typeMembers?: ((type: EntityTypeModel, schema: SchemaModel) => PropertyDescriptorMap | undefined) | undefined;
}
