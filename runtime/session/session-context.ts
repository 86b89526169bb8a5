import type { CustomAttributeMetadata } from '../contract/custom-attributes.js';
import type { EntityTypeModel, SchemaModel } from '../schema/model.js';
import { InvalidStateError } from '../errors.js';
import { entityLabel, type BaseEntity } from '../entity/base-entity.js';
import type { EntityContext, LoadOptions } from '../entity/entity-context.js';
import type { EntityLoader } from '../loading/loader.js';
import { loadInPlace } from '../identity/load-in-place.js';
import { addMappedItem, removeMappedItem } from '../unit-of-work/mapped-items.js';
import { resolveReference } from '../identity/reference-input.js';
import type { AttributeRuntime } from '../entity/type-runtime.js';
import type { UnitOfWork } from '../unit-of-work/unit-of-work.js';
import type { QueriesRunner } from '../unit-of-work/upsert-keys.js';
import { inheritedValue } from './inherited-value.js';

/**
 * The session's `EntityContext`. `loader` is the replaceable loading strategy; `unitOfWork`
 * records changes, keeps inverse relations consistent and creates mapped-array items. Without a
 * unit of work (a bare identity map) changes stay local and mapped keys cannot be added.
 */
export class SessionEntityContext implements EntityContext {
  loader: EntityLoader | undefined;
  unitOfWork: UnitOfWork | undefined;
  /** The generated custom attribute configurations (`schema.customAttributes`), if any. */
  customAttributes: CustomAttributeMetadata | undefined;
  /** Runs queries in one request (the session's connection). */
  runQueries: QueriesRunner | undefined;
  /** Extra members of entity classes by type (the session sets it: `$url` / `$locations` on components). */
  typeMembers: ((type: EntityTypeModel, schema: SchemaModel) => PropertyDescriptorMap | undefined) | undefined;

  load(entities: readonly BaseEntity[], paths: readonly string[], options?: LoadOptions): Promise<void> {
    if (this.loader === undefined) {
      return Promise.reject(new InvalidStateError('The schema is not loaded yet; await session.ready() first.'));
    }
    const loader = this.loader;
    const load = () => loader.load(entities, paths, options);
    // Entities a bounded read let go of are put back into the identity map for their load.
    return this.unitOfWork === undefined ? load() : loadInPlace(this.unitOfWork.identity, entities, load);
  }

  afterChange(entity: BaseEntity, attribute: AttributeRuntime, previous?: unknown): void {
    this.unitOfWork?.afterChange(entity, attribute, previous);
  }

  relinkCollection(owner: BaseEntity, attribute: AttributeRuntime, previous: readonly BaseEntity[], next: readonly BaseEntity[]): boolean {
    return this.unitOfWork?.relinkCollection(owner, attribute, previous, next) ?? false;
  }

  attributeInFlight(entity: BaseEntity, attribute: AttributeRuntime): boolean {
    return this.unitOfWork?.inFlight?.sentAttribute(entity, attribute) === true;
  }

  resolveReference(value: unknown): BaseEntity | undefined {
    return this.unitOfWork === undefined ? undefined : resolveReference(this.unitOfWork.identity, value);
  }

  addMappedItem(owner: BaseEntity, attribute: AttributeRuntime, key: string, value: unknown): void {
    if (this.unitOfWork !== undefined) return addMappedItem(this.unitOfWork, owner, attribute, key, value);
    throw new InvalidStateError(
      `Cannot add the key "${key}" to ${entityLabel(owner)}.${attribute.name}: this identity map has no unit of work (use a Session).`,
      { cause: { attribute: attribute.name, key } },
    );
  }

  inheritedValue(owner: BaseEntity, attribute: AttributeRuntime, key: string): Promise<unknown> {
    const { unitOfWork, runQueries } = this;
    if (unitOfWork === undefined || runQueries === undefined) {
      return Promise.reject(new InvalidStateError(`${entityLabel(owner)}.${attribute.name}.getInherited("${key}") needs a session.`, { cause: { attribute: attribute.name, key } }));
    }
    return inheritedValue(unitOfWork.schema, this, runQueries, owner, attribute, key);
  }

  removeMappedItem(owner: BaseEntity, attribute: AttributeRuntime, key: string): boolean {
    if (this.unitOfWork !== undefined) return removeMappedItem(this.unitOfWork, owner, attribute, key);
    throw new InvalidStateError(
      `Cannot remove the key "${key}" from ${entityLabel(owner)}.${attribute.name}: this identity map has no unit of work (use a Session).`,
      { cause: { attribute: attribute.name, key } },
    );
  }
}
