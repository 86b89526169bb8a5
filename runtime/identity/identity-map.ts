import { UnrecognisedEntityTypeError } from '../errors.js';
import type { SchemaModel } from '../schema/model.js';
import { possibleTypes } from '../schema/schema-lookup.js';
import type { BaseEntity } from '../entity/base-entity.js';
import type { EntityContext } from '../entity/entity-context.js';
import { buildEntityClass } from '../entity/entity-class.js';
import { TypeRuntime } from '../entity/type-runtime.js';
import { NOT_SET } from '../entity/entity-internals.js';
import { slotValue } from '../entity/slots.js';
import { TransientEntities } from './transient-entities.js';

/**
 * The session's identity map: one entity object per concrete type + primary key, partitioned
 * by type. Type runtimes (and their classes) are built from the schema on first use.
 *
 * Entities stay for the session's life, except transient ones (`transient`): those a bounded
 * read (`retain: 'none'`) put in the map leave it when their page ends, unless they have pending
 * changes (see `transient-entities.ts`).
 */
export class IdentityMap {
  readonly #runtimes = new Map<string, TypeRuntime>();
  /** Entities held in the map only for a page of a bounded read or for a lazy load. */
  readonly transient = new TransientEntities();

  constructor(
    readonly schema: SchemaModel,
    readonly context: EntityContext,
  ) {}

  /** The runtime of `type`, or `UnrecognisedEntityTypeError`. */
  runtime(type: string): TypeRuntime {
    const runtime = this.tryRuntime(type);
    if (runtime === undefined) throw new UnrecognisedEntityTypeError(type);
    return runtime;
  }

  /** The runtime of `type`, or undefined when the schema does not know it. */
  tryRuntime(type: string): TypeRuntime | undefined {
    let runtime = this.#runtimes.get(type);
    if (runtime === undefined) {
      const model = this.schema.types.get(type);
      if (model === undefined) return undefined;
      runtime = new TypeRuntime(model, this.context);
      buildEntityClass(runtime, this.context.typeMembers?.(model, this.schema));
      this.#runtimes.set(type, runtime);
    }
    return runtime;
  }

  /**
   * The cached entity of `type` (or of one of its subtypes, since the server labels rows with
   * the concrete type) with these primary-key values, if any.
   */
  find(type: string, keyValues: readonly string[]): BaseEntity | undefined {
    const key = this.runtime(type).keyOfValues(keyValues);
    for (const member of possibleTypes(this.schema, type)) {
      const found = this.#runtimes.get(member)?.entities.get(key);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Adds an entity built outside decoding (e.g. a created one) under its key. */
  add(entity: BaseEntity, key: string): void {
    this.runtime(entity.$type).entities.set(key, entity);
  }

  /** Removes `entity` from the map (wherever it is cached); true when removed. */
  remove(entity: BaseEntity): boolean {
    const runtime = this.runtime(entity.$type);
    const values = runtime.primaryKey.map((a) => slotValue(entity, a));
    const key = values.some((v) => v === NOT_SET || v === null) ? undefined : runtime.keyOfValues(values.map(String));
    if (key !== undefined && runtime.entities.get(key) === entity) return runtime.entities.delete(key);
    for (const [cached, member] of runtime.entities) if (member === entity) return runtime.entities.delete(cached);
    return false;
  }

  /** Every cached entity. */
  *entities(): IterableIterator<BaseEntity> {
    for (const runtime of this.#runtimes.values()) yield* runtime.entities.values();
  }

  /** Number of cached entities. */
  get size(): number {
    let size = 0;
    for (const runtime of this.#runtimes.values()) size += runtime.entities.size;
    return size;
  }

  /** Forgets every cached entity (the objects stay usable but are no longer shared). */
  clear(): void {
    for (const runtime of this.#runtimes.values()) runtime.entities.clear();
    this.transient.clear();
  }
}
