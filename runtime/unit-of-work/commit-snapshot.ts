import { sameValue } from '../entity/assign-attribute.js';
import type { BaseEntity } from '../entity/base-entity.js';
import type { PlannedOperation } from './planned-operation.js';
import type { AttributeRuntime } from '../entity/type-runtime.js';

/** What one commit sent for one entity. */
interface SentEntity {
  /** A `create` (or upsert) of it was sent. */
  created: boolean;
  /** Its `delete` was sent. */
  deleted: boolean;
  /** Attribute → the local value that was sent. */
  readonly values: Map<AttributeRuntime, unknown>;
}

/**
 * Exactly what a commit sends: per entity, the operations and the attribute values as they were
 * when the batch was encoded. While the batch is in flight the user may go on changing the same
 * entities; when the answer comes, only values still equal to what was sent are marked saved.
 */
export class CommitSnapshot {
  readonly #entities = new Map<BaseEntity, SentEntity>();

  constructor(readonly plan: readonly PlannedOperation[]) {
    for (const planned of plan) {
      let sent = this.#entities.get(planned.entity);
      if (sent === undefined) {
        sent = { created: false, deleted: false, values: new Map() };
        this.#entities.set(planned.entity, sent);
      }
      if (planned.kind === 'create' || planned.kind === 'upsert') sent.created = true;
      if (planned.kind === 'delete') sent.deleted = true;
      planned.attributes.forEach((attribute, i) => sent.values.set(attribute, planned.values[i]));
    }
  }

  /** True when the snapshot holds an operation of `entity`. */
  has(entity: BaseEntity): boolean {
    return this.#entities.has(entity);
  }

  /** True when a `create` (or upsert) of `entity` was sent. */
  sentCreate(entity: BaseEntity): boolean {
    return this.#entities.get(entity)?.created === true;
  }

  /** True when the `delete` of `entity` was sent. */
  sentDelete(entity: BaseEntity): boolean {
    return this.#entities.get(entity)?.deleted === true;
  }

  /** True when this commit sent a value of the attribute of `entity`. */
  sentAttribute(entity: BaseEntity, attribute: AttributeRuntime): boolean {
    return this.#entities.get(entity)?.values.has(attribute) === true;
  }

  /** True when `local` is exactly the value this commit sent for the attribute. */
  sentValue(entity: BaseEntity, attribute: AttributeRuntime, local: unknown): boolean {
    const values = this.#entities.get(entity)?.values;
    return values !== undefined && values.has(attribute) && sameAsSent(local, values.get(attribute));
  }
}

/**
 * Whether a local value is still the one that was sent: the same object (values are replaced,
 * never mutated, when assigned) or an equal value; lists compare member by member, in order.
 */
export function sameAsSent(local: unknown, sent: unknown): boolean {
  if (local === sent) return true;
  if (Array.isArray(local) && Array.isArray(sent)) return local.length === sent.length && local.every((item, i) => sameAsSent(item, sent[i]));
  if (Array.isArray(local) || Array.isArray(sent)) return false;
  return sameValue(local, sent);
}
