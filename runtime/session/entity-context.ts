import type { AttributeRuntime } from './type-runtime.js';
import type { BaseEntity } from './base-entity.js';

/**
 * Session services that entity objects call into. The session provides one per instance;
 * the unit of work (issue 6) extends it: batching loads, recording changes, mapped-array items.
 */
export interface EntityContext {
  /** Loads attribute paths (`'status'`, `'parent.name'`) for entities of one or more types. */
  load(entities: readonly BaseEntity[], paths: readonly string[]): Promise<void>;
  /** Called after a local value was set or cleared (the entity's state is already updated). */
  afterChange(entity: BaseEntity, attribute: AttributeRuntime): void;
  /** Adds a key to a mapped array (`metadata`); creating the item entity needs the unit of work. */
  addMappedItem(owner: BaseEntity, attribute: AttributeRuntime, key: string, value: unknown): void;
  /** Removes a key from a mapped array; deleting the item entity needs the unit of work. */
  removeMappedItem(owner: BaseEntity, attribute: AttributeRuntime, key: string): boolean;
}
