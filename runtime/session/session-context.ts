import { InvalidStateError } from '../errors.js';
import { entityLabel, type BaseEntity } from './base-entity.js';
import type { EntityContext } from './entity-context.js';
import type { EntityLoader } from './loader.js';
import type { AttributeRuntime } from './type-runtime.js';

/**
 * The session's `EntityContext`. `loader` is the replaceable loading strategy; `afterChange`
 * and the mapped-array hooks are where the unit of work records operations.
 */
export class SessionEntityContext implements EntityContext {
  loader: EntityLoader | undefined;

  load(entities: readonly BaseEntity[], paths: readonly string[]): Promise<void> {
    if (this.loader === undefined) {
      return Promise.reject(new InvalidStateError('The schema is not loaded yet; await session.ready() first.'));
    }
    return this.loader.load(entities, paths);
  }

  afterChange(): void {}

  addMappedItem(owner: BaseEntity, attribute: AttributeRuntime, key: string): void {
    throw new InvalidStateError(
      `Cannot add the key "${key}" to ${entityLabel(owner)}.${attribute.name}: this session does not create ${attribute.target} items; create one with a "create" operation.`,
      { cause: { attribute: attribute.name, key } },
    );
  }

  removeMappedItem(owner: BaseEntity, attribute: AttributeRuntime, key: string): boolean {
    throw new InvalidStateError(
      `Cannot remove the key "${key}" from ${entityLabel(owner)}.${attribute.name}: this session does not delete ${attribute.target} items; use a "delete" operation.`,
      { cause: { attribute: attribute.name, key } },
    );
  }
}
