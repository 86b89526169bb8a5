/** Operations the client sends in a batch to `POST /api`, and their results. */
import type { ServerInformation } from './envelopes.js';

export type EntityKey = string | readonly string[];

export interface QueryServerInformationOperation {
  action: 'query_server_information';
  values?: readonly string[];
}

export interface QuerySchemasOperation {
  action: 'query_schemas';
}

export interface QueryOperation {
  action: 'query';
  expression: string;
}

export interface CreateOperation {
  action: 'create';
  entity_type: string;
  entity_key?: readonly string[];
  entity_data: Record<string, unknown>;
}

export interface UpdateOperation {
  action: 'update';
  entity_type: string;
  entity_key: EntityKey;
  entity_data: Record<string, unknown>;
}

export interface DeleteOperation {
  action: 'delete';
  entity_type: string;
  entity_key: EntityKey;
}

/** Any other action (passed through unchanged). */
export interface GenericOperation {
  action: string;
  [key: string]: unknown;
}

export type Operation =
  | QueryServerInformationOperation
  | QuerySchemasOperation
  | QueryOperation
  | CreateOperation
  | UpdateOperation
  | DeleteOperation
  | GenericOperation;

/** Entity reference on the wire: `{"__entity_type__": "Status", "id": "…"}`. */
export interface WireEntityReference {
  __entity_type__: string;
  [primaryKey: string]: unknown;
}

/** The result of a `query` (or `search`) operation: its rows, and the offset of the next page. */
export interface QueryOperationResult<E = unknown> {
  action?: string;
  data: E[];
  metadata: { next: { offset: number | null; [key: string]: unknown }; [key: string]: unknown };
  [key: string]: unknown;
}

/** The result of a `create` or `update` operation: the entity as the server holds it now. */
export interface EntityOperationResult<E = unknown> {
  action?: string;
  data: E;
  [key: string]: unknown;
}

/** The result of a `delete` operation. */
export interface DeleteOperationResult {
  action?: string;
  data: true;
  [key: string]: unknown;
}

/** The result of `query_schemas`: the server's schema list, each entry as sent (see `parseSchemas`). */
export type SchemaListResult = unknown[];

/**
 * The result type of operation `O`: `Entities` maps entity type names to entity types (for a
 * literal `entity_type`), `Any` is the entity type otherwise. An action not listed is `unknown`.
 * @example OperationResult<{ action: 'delete'; entity_type: 'Task'; entity_key: string }> // DeleteOperationResult
 */
export type OperationResult<O, Entities = Record<never, never>, Any = unknown> = O extends { action: 'query' | 'search' }
  ? QueryOperationResult<Any>
  : O extends { action: 'create' | 'update'; entity_type: infer T }
    ? EntityOperationResult<T extends keyof Entities ? Entities[T] : Any>
    : O extends { action: 'delete' }
      ? DeleteOperationResult
      : O extends { action: 'query_server_information' }
        ? ServerInformation
        : O extends { action: 'query_schemas' }
          ? SchemaListResult
          : unknown;

/** The results of a batch, one per operation, in order (a tuple for a tuple of operations). */
export type OperationResults<O extends readonly unknown[], Entities = Record<never, never>, Any = unknown> = {
  -readonly [K in keyof O]: OperationResult<O[K], Entities, Any>;
};
