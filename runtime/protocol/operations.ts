/** Operations the client sends in a batch to `POST /api`. */

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
