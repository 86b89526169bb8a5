import type { CreateOperation, DeleteOperation, UpdateOperation } from '../protocol/operations.js';
import type { BaseEntity } from '../entity/base-entity.js';
import type { AttributeRuntime } from '../entity/type-runtime.js';

/** What a write sends: `create`, `update`, or `upsert` (an `update` that may create: custom attribute values). */
export type WriteKind = 'create' | 'update' | 'upsert';

/** One operation of a commit, with the entity it is about and the attributes it sends. */
export interface PlannedOperation {
  readonly kind: WriteKind | 'delete';
  readonly operation: CreateOperation | UpdateOperation | DeleteOperation;
  readonly entity: BaseEntity;
  readonly attributes: readonly AttributeRuntime[];
  /** The local values sent, parallel to `attributes` (what a success marks saved). */
  readonly values: readonly unknown[];
}

/** A write before it is encoded. */
export interface Draft {
  readonly kind: WriteKind;
  readonly entity: BaseEntity;
  attributes: AttributeRuntime[];
}
